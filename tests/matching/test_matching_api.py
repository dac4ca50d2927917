"""Matching through the HTTP API: add, import, extract from a document, ranked explained matches, feedback,
roles and confidentiality."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select

from shuanglian.graph.tables import AuditLog
from shuanglian.store.db import session_scope
from shuanglian.store.documents import DocumentRow

Client = Callable[[str | None], TestClient]
SUPPLY = [("材料科学实验室，组织材料专家开展光刻胶等电子化学品联合研发", "姑苏实验室", "江苏"),
          ("大尺寸光掩膜版国产化，供应面板和芯片制造", "路维光电", "四川"),
          ("盐湖卤水提锂新工艺，大幅降低水耗", "中国盐湖", "青海"),
          ("极硬岩盾构机滚刀完全国产化", "湖南产学研团队", "湖南")]


def _seed(as_user: Client) -> str:
    ed = as_user("editor1")
    for text, org, region in SUPPLY:
        assert ed.post("/api/matching/supply", json={"statement": text, "provider": org, "region": region,
                                                     "kind": "result"}).status_code == 201
    r = ed.post("/api/matching/demands", json={"statement": "半导体光刻胶配方与纯化技术难题，寻求联合攻关",
                                               "requester": "苏州企业", "region": "江苏", "kind": "hard_problem",
                                               "budget": 500000, "deadline": "2027-06-30"})
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def test_demand_matches_are_ranked_and_explained(as_user: Client) -> None:
    did = _seed(as_user)
    out = as_user("viewer1").get(f"/api/matching/demands/{did}/matches?k=3").json()
    top = out["matches"][0]
    assert top["record"]["provider"] == "姑苏实验室"
    ex = top["explanation"]
    assert "光刻胶" in ex["shared_terms"] and ex["link_relation"] == "same_link" and ex["same_region"]
    assert ex["item_link"] and ex["evidence"]
    assert [m["score"] for m in out["matches"]] == sorted((m["score"] for m in out["matches"]), reverse=True)
    # the reverse question: demands for a supply record
    sid = top["id"]
    back = as_user("viewer1").get(f"/api/matching/supply/{sid}/matches").json()
    assert back["matches"][0]["id"] == did


def test_feedback_is_stored_and_reweights(as_user: Client, ch_url: str) -> None:
    did = _seed(as_user)
    ms = as_user("viewer1").get(f"/api/matching/demands/{did}/matches?k=4").json()["matches"]
    assert as_user("viewer1").post("/api/matching/feedback", json={
        "demand_id": did, "supply_id": ms[0]["id"], "verdict": "useful"}).status_code == 403
    ed = as_user("editor1")
    r1 = ed.post("/api/matching/feedback", json={"demand_id": did, "supply_id": ms[0]["id"], "verdict": "useful"})
    assert r1.status_code == 201
    r2 = ed.post("/api/matching/feedback", json={"demand_id": did, "supply_id": ms[-1]["id"],
                                                 "verdict": "not_useful"})
    w0 = as_user("viewer1").get(f"/api/matching/demands/{did}/matches").json()["weights"]
    assert r2.json()["weights"] == w0 and w0["same_link"] > 0.25  # the confirmed pair shares the link
    bad = ed.post("/api/matching/feedback", json={"demand_id": did, "supply_id": ms[0]["id"], "verdict": "meh"})
    assert bad.status_code == 422
    with session_scope(ch_url) as s:
        assert "match_feedback" in set(s.scalars(select(AuditLog.action)))


def test_roles_and_confidential_demands(as_user: Client) -> None:
    body = {"statement": "保密的卡脖子问题：高端轴承钢", "confidentiality": "confidential", "kind": "bottleneck"}
    r = as_user("pub1").post("/api/matching/demands", json=body)
    assert r.status_code == 201
    did = r.json()["id"]
    assert as_user("app1").get("/api/matching/demands").status_code == 403
    assert as_user("rev1").get(f"/api/matching/demands/{did}").status_code == 403
    assert as_user("viewer1").post("/api/matching/demands", json=body).status_code == 403
    assert as_user(None).get("/api/matching/demands").status_code == 401
    assert as_user("pub2").get(f"/api/matching/demands/{did}").status_code == 404
    assert did not in {x["id"] for x in as_user("viewer1").get("/api/matching/demands").json()["items"]}
    assert as_user("pub1").get(f"/api/matching/demands/{did}").status_code == 200
    assert as_user("editor1").get(f"/api/matching/demands/{did}").json()["confidentiality"] == "confidential"


def test_import_and_extract_from_document(as_user: Client, ch_url: str) -> None:
    ed = as_user("editor1")
    csv = "成果名称,成果简介,类型,提供方,地区\n铜箔,3.5微米极薄锂电铜箔量产,科技成果,青海诺德,青海\n,,,,\n坏行,,专利,x,y\n"
    r = ed.post("/api/matching/supply/import", files={"file": ("s.csv", csv.encode(), "text/csv")})
    assert r.status_code == 200 and r.json()["created"] == 1 and r.json()["errors"][0]["row"] == 4
    bad = ed.post("/api/matching/supply/import", files={"file": ("s.txt", b"x", "text/plain")})
    assert bad.status_code == 422
    text = "苏州企业提出光刻胶技术难题，开展联合攻关。湖南团队研制成功极硬岩盾构机滚刀。"
    with session_scope(ch_url) as s:
        s.add(DocumentRow(id="doc1", content_hash="h1", source="t", raw=text, text=text, chars=len(text)))
    out = ed.post("/api/matching/extract/doc1").json()
    assert len(out["demands"]) == 1 and len(out["supply"]) == 1
    rec = as_user("viewer1").get(f"/api/matching/demands/{out['demands'][0]}").json()
    assert rec["source"] == "doc:doc1" and text[rec["span_start"]:rec["span_end"]] == rec["statement"]
    assert ed.post("/api/matching/extract/nope").status_code == 404


def test_supply_linked_to_graph_entity_and_challenge_from_demand(as_user: Client, ch_url: str) -> None:
    from shuanglian.graph.ids import normalise_name
    from shuanglian.graph.tables import Entity

    with session_scope(ch_url) as s:
        s.add(Entity(id="lab_gusu", kind="lab", name="材料科学姑苏实验室", name_key=normalise_name("材料科学姑苏实验室"),
                     names=["材料科学姑苏实验室"]))
    r = as_user("editor1").post("/api/matching/supply", json={"statement": "光刻胶联合研发",
                                                              "provider": "材料科学姑苏实验室"})
    assert r.json()["provider_entity"] == "lab_gusu"
    did = _seed(as_user)
    page = as_user("pub1").get(f"/challenges?demand_id={did}")
    assert page.status_code == 200 and "半导体光刻胶配方与纯化技术难题" in page.text and 'value="50"' in page.text
    made = as_user("pub1").post("/api/challenges", json={"demand_id": did, "deadline": "2099-01-01"})
    assert made.status_code == 201 and made.json()["award"] == 500000 and made.json()["demand_id"] == did
