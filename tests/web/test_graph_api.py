"""Entities, review queue and audit log over HTTP: search/sort/paging, provenance, merge/split, accept/edit/reject."""

from __future__ import annotations

from tests.web.conftest import page_csrf
from tests.web.test_labels import visible_text


def _entity(c, name: str) -> dict:  # type: ignore[no-untyped-def]
    items = c.get("/api/entities", params={"name": name}).json()["items"]
    assert items, f"no entity named like {name}"
    return dict(items[0])


def test_entities_search_filter_sort_and_keyset_paging(client_for) -> None:
    c = client_for("viewer")
    page = c.get("/api/entities", params={"limit": 5}).json()
    assert page["total"] > 5 and len(page["items"]) == 5 and page["next_after"]
    nxt = c.get("/api/entities", params={"limit": 5, "after": page["next_after"]}).json()["items"]
    assert {e["id"] for e in nxt}.isdisjoint(e["id"] for e in page["items"])
    unis = c.get("/api/entities", params={"kind": "university"}).json()["items"]
    assert unis and all(e["kind"] == "university" for e in unis)
    by_st = c.get("/api/entities", params={"sort": "statements", "limit": 10}).json()["items"]
    counts = [e["statement_count"] for e in by_st]
    assert counts == sorted(counts, reverse=True)
    assert c.get("/api/entities", params={"sort": "bogus"}).status_code == 422
    assert c.get("/api/entities", params={"kind": "spaceship"}).status_code in (404, 422)


def test_entity_detail_has_statements_with_sources_and_neighbourhood(client_for) -> None:
    c = client_for("viewer")
    ent = _entity(c, "迈瑞")
    d = c.get(f"/api/entities/{ent['id']}").json()
    assert d["name"] and d["statements"]
    sourced = [s for s in d["statements"] if s["document_id"]]
    assert sourced and all(s["span"] for s in sourced)
    nb = c.get(f"/api/entities/{ent['id']}/neighbourhood", params={"depth": 1}).json()
    assert nb["center"] == ent["id"] and any(n["id"] == ent["id"] for n in nb["nodes"])
    assert c.get("/api/entities/nope").status_code == 404
    assert c.get("/api/entities/nope/neighbourhood").status_code == 404
    page = c.get(f"/entities/{ent['id']}")
    assert page.status_code == 200 and 'id="graph-data"' in page.text and "<mark>" in page.text


def test_merge_then_split_through_api_is_audited(client_for) -> None:
    c = client_for("editor")
    a, b = _entity(c, "南开大学"), _entity(c, "天津大学")
    merged = c.post("/api/entities/merge", json={"ids": [a["id"], b["id"]], "note": "test"}).json()
    names = set(merged["names"])
    assert {"南开大学", "天津大学"} <= names
    split = c.post(f"/api/entities/{merged['id']}/split", json={"names": ["天津大学"]})
    assert split.status_code == 200, split.text
    assert _entity(c, "南开大学")["id"] != _entity(c, "天津大学")["id"]
    actions = [e["action"] for e in c.get("/api/audit", params={"user": "editor1"}).json()["items"]]
    assert "merge" in actions and "split" in actions
    assert c.post("/api/entities/merge", json={"ids": [a["id"], a["id"]]}).status_code == 422
    assert c.post("/api/entities/nope/split", json={"names": ["x"]}).status_code == 404
    assert c.post(f"/api/entities/{a['id']}/split", json={}).status_code == 422


def test_not_same_is_recorded(client_for) -> None:
    c = client_for("editor")
    a, b = _entity(c, "南开大学"), _entity(c, "天津大学")
    r = c.post("/api/entities/not-same", json={"a": a["id"], "b": b["id"]})
    assert r.status_code == 200 and r.json()["action"] == "not_same"


def test_review_accept_reject_edit_and_audit(client_for) -> None:
    c = client_for("editor")
    q = c.get("/api/review", params={"limit": 3}).json()
    assert q["total"] >= 3
    s1, s2, s3 = (it["id"] for it in q["items"])
    assert c.post(f"/api/review/{s1}/accept").json()["status"] == "accepted"
    assert c.post(f"/api/review/{s2}/reject").json()["status"] == "rejected"
    edited = c.post(f"/api/review/{s3}/edit", json={"value": "人工修正值"}).json()
    assert edited["value"] == "人工修正值" and edited["origin"] == "manual"
    after = c.get("/api/review", params={"limit": 200}).json()
    assert after["total"] == q["total"] - 3
    assert c.post(f"/api/review/{s3}/edit", json={"value": "again"}).status_code == 422
    assert c.post("/api/review/nope/accept").status_code == 404
    log = c.get("/api/audit", params={"user": "editor1"}).json()
    assert {"accept", "reject", "edit"} <= {e["action"] for e in log["items"]}
    assert all(e["before"] is not None for e in log["items"] if e["action"] in ("accept", "reject"))
    only = c.get("/api/audit", params={"object_id": s1}).json()["items"]
    assert [e["object_id"] for e in only] == [s1]


def test_review_and_entity_pages_post_forms(client_for) -> None:
    c = client_for("editor", csrf=False)
    page = c.get("/review")
    assert page.status_code == 200 and 'class="review-item"' in page.text
    csrf = page_csrf(page.text)
    stmt = c.get("/api/review", params={"limit": 1}).json()["items"][0]["id"]
    r = c.post(f"/review/{stmt}/accept", data={"csrf_token": csrf, "next": "/review"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/review"
    r = c.post(f"/review/{stmt}/bogus", data={"csrf_token": csrf})
    assert r.status_code == 404
    stmt2 = c.get("/api/review", params={"limit": 1}).json()["items"][0]["id"]
    r = c.post(f"/review/{stmt2}/edit", data={"csrf_token": csrf, "value": "新值"}, follow_redirects=False)
    assert r.status_code == 303
    a, b = _entity(c, "南开大学"), _entity(c, "天津大学")
    r = c.post(f"/entities/{a['id']}/merge", data={"csrf_token": csrf, "other": b["id"]}, follow_redirects=False)
    assert r.status_code == 303
    merged = r.headers["location"].rsplit("/", 1)[-1]
    r = c.post(f"/entities/{merged}/split", data={"csrf_token": csrf, "names": "天津大学"}, follow_redirects=False)
    assert r.status_code == 303
    assert _entity(c, "南开大学")["id"] != _entity(c, "天津大学")["id"]
    r = c.post("/entities/merge", data={"csrf_token": csrf, "a": a["id"], "b": b["id"]}, follow_redirects=False)
    assert r.status_code == 303 and _entity(c, "南开大学")["id"] == _entity(c, "天津大学")["id"]
    assert 'id="review-merge-form"' in c.get("/review").text
    audit = c.get("/audit")
    assert audit.status_code == 200 and "合并" in audit.text and "merge" not in visible_text(audit.text)
    assert c.get("/entities", params={"q": "大学", "kind": "university"}).status_code == 200
