"""The review queue as analysts work it: groups by impact, bulk decisions with undo, auto-accept rules,
suggested merges, and merging entities picked by name after a preview."""

from __future__ import annotations

from tests.web.conftest import page_csrf


def pending(c) -> int:  # type: ignore[no-untyped-def]
    return int(c.get("/api/review", params={"limit": 1}).json()["total"])


def test_groups_cover_the_queue_in_impact_order(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("viewer")
    total = pending(c)
    assert total > 0
    for by in ("entity", "prop", "document"):
        res = c.get("/api/review/groups", params={"by": by, "limit": 200}).json()
        assert res["total_items"] == total
        assert sum(g["count"] for g in res["groups"]) == total or res["total_groups"] > 200
        impacts = [g["impact"] for g in res["groups"]]
        assert impacts == sorted(impacts, reverse=True)
    props = c.get("/api/review/groups", params={"by": "prop", "limit": 200}).json()["groups"]
    assert props[0]["impact"] > props[-1]["impact"]  # register-changing facts first


def test_bulk_accept_a_group_then_undo(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("editor")
    before = pending(c)
    group = c.get("/api/review/groups", params={"by": "prop"}).json()["groups"][0]
    items = c.get("/api/review/groups/items", params={"by": "prop", "key": group["key"]}).json()["items"]
    assert len(items) == min(group["count"], 200) and all(i["prop"] == group["key"] for i in items)
    out = c.post("/api/review/bulk", json={"decision": "accept", "by": "prop", "key": group["key"]}).json()
    assert out["decided"] == group["count"]
    assert pending(c) == before - group["count"]
    assert c.get(f"/api/review/{items[0]['id']}/accept").status_code in (404, 405)  # only POST exists
    back = c.post("/api/review/undo", json={"audit_id": out["audit_id"]}).json()
    assert back["reopened"] == group["count"]
    assert pending(c) == before
    # the audit log keeps both steps
    actions = [e["action"] for e in c.get("/api/audit", params={"limit": 200}).json()["items"]]
    assert "undo" in actions and "bulk_accept" in actions


def test_auto_rules_clear_trivial_facts(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("editor")
    before = pending(c)
    out = c.post("/api/review/auto").json()
    assert out["decided"] > 0 and pending(c) == before - out["decided"]
    names = c.get("/api/review/groups", params={"by": "prop", "limit": 200}).json()["groups"]
    left = {g["key"]: g["count"] for g in names}
    assert left.get("kind", 0) == 0


def test_merge_suggestions_and_not_same(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("editor")
    pairs = c.get("/api/review/merge-suggestions").json()["items"]
    assert pairs, "the bundled samples have near-duplicate names"
    p = pairs[0]
    assert p["score"] < 0.8 and p["a"]["id"] != p["b"]["id"]
    r = c.post("/api/entities/not-same", json={"a": p["a"]["id"], "b": p["b"]["id"]})
    assert r.status_code == 200
    again = c.get("/api/review/merge-suggestions").json()["items"]
    assert {(q["a"]["id"], q["b"]["id"]) for q in again}.isdisjoint({(p["a"]["id"], p["b"]["id"])})
    html = c.get("/review/merges").text
    assert 'id="merge-suggestions"' in html


def test_merge_by_name_with_preview(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("editor")
    ents = c.get("/api/entities", params={"kind": "enterprise", "limit": 5, "sort": "statements"}).json()["items"]
    a, b = ents[0], ents[1]
    page = c.get("/entities-merge", params={"a": a["name"], "b": b["name"]})
    assert page.status_code == 200 and 'id="merge-preview"' in page.text
    assert a["name"] in page.text and b["name"] in page.text
    missing = c.get("/entities-merge", params={"a": a["name"], "b": "不存在的机构名称"}).text
    assert "不存在的机构名称" in missing and 'id="merge-preview"' not in missing
    csrf = page_csrf(page.text)
    r = c.post("/entities/merge", data={"csrf_token": csrf, "a": a["id"], "b": b["id"]}, follow_redirects=False)
    assert r.status_code == 303
    merged = c.get(r.headers["location"])
    assert merged.status_code == 200
    hits = c.get("/api/entities-lookup", params={"name": b["name"]}).json()["items"]
    assert hits and hits[0]["id"] in (a["id"], b["id"]) and len({h["id"] for h in hits if h["name"] == b["name"]}) <= 1


def test_review_page_groups_bulk_and_undo(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("editor")
    html = c.get("/review").text
    assert 'id="review-groups"' in html and "bulk-accept" in html
    csrf = page_csrf(html)
    grp = c.get("/api/review/groups").json()["groups"][0]
    r = c.post("/review/bulk", data={"csrf_token": csrf, "decision": "reject", "by": "entity", "key": grp["key"]},
               follow_redirects=False)
    assert r.status_code == 303 and "undo=" in r.headers["location"]
    page = c.get(r.headers["location"]).text
    assert 'id="undo-form"' in page
