"""Chain maps and gaps read from the chain_members projection equal the complete path (every placed
entity's view in memory), region-filtered or not, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.chains.members import members_ready
from shuanglian.chains.tables import ChainMember, ChainMemberDocument
from shuanglian.projections import rebuild_all
from shuanglian.registers.graphview import put_statement
from shuanglian.services.chains import chain_map, chains_report, gaps, place
from tests.chains.test_gaps import MED, _graph
from tests.projections.snapshot import snapshot
from tests.registers.conftest import add_doc, add_entity

REGIONS = [None, "深圳", "深圳市", "南山区", "深圳市南山区", "前海深港合作区", "广东", "江苏", "上海", "北京"]
DOC = "深圳乙公司生产监护仪和除颤仪。前海丁公司生产彩超。深圳市人民政府发布医疗器械产业若干措施。"


def _richer_graph(session: Session) -> None:
    _graph(session)
    add_doc(session, "d1", DOC)
    # a place below Shenzhen known only from the graph, and an enterprise there (from a document)
    add_entity(session, "place", "前海深港合作区", parent="深圳市南山区")
    add_entity(session, "enterprise", "前海丁公司", doc_id="d1", text=DOC, products=["彩超"], place="前海深港合作区")
    add_entity(session, "enterprise", "深圳乙公司", doc_id="d1", text=DOC, products=["监护仪", "除颤仪"], place="深圳市")
    # wide roles: a provincial policy, a national fund, a policy whose region only its issuer gives
    add_entity(session, "policy", "广东省医疗器械产业发展政策", industry=["监护仪"], region="广东省")
    add_entity(session, "fund", "国家医疗器械产业基金", industry=["医用传感器", "影像重建"])
    add_entity(session, "policy", "医疗器械产业若干措施", issuer="深圳市人民政府", industry=["彩超"])
    # same name and score on one link (ties), and an unknown-location enterprise
    add_entity(session, "enterprise", "南京同名医疗公司", products=["彩超"], place="南京市")
    add_entity(session, "enterprise", "南京同名医疗公司", products=["彩超"], place="南京市鼓楼区")
    add_entity(session, "enterprise", "某诊断试剂公司", products=["化学发光", "体外诊断试剂"])
    add_entity(session, "project", "深圳监护仪产业化项目", industry=["监护仪"], place="深圳市")
    place(session)


def _assert_fast_equals_complete(session: Session) -> None:
    assert members_ready(session, "深圳"), "the projection is not filled: the fast path would not run"
    for region in REGIONS:
        for outside in (False, True):
            fast = chain_map(session, MED, region=region, include_outside=outside)
            full = chain_map(session, MED, region=region, include_outside=outside, complete=True)
            assert fast == full, f"chain map differs for region {region!r}, include_outside={outside}"
        fast_g = gaps(session, MED, region=region)
        full_g = gaps(session, MED, region=region, complete=True)
        assert fast_g == full_g, f"gaps differ for region {region!r}"


def test_fast_map_and_gaps_equal_the_complete_path(session: Session) -> None:
    _richer_graph(session)
    _assert_fast_equals_complete(session)
    # the comparison is not vacuous: local members of every kind of role, leads, and documents counted
    sz = chain_map(session, MED, region="深圳")
    seen = {r for ln in sz["links"] for r in ("enterprises", "carriers", "policies", "projects") if ln[r]}
    assert seen == {"enterprises", "carriers", "policies", "projects"}
    names = {e["name"] for ln in sz["links"] for e in ln["enterprises"]}
    assert "前海丁公司" in names, "containment through the graph's place hierarchy"
    assert not names & {"广州丁诊断公司", "南京同名医疗公司"}
    gz = {e["name"] for ln in chain_map(session, MED, region="深圳市南山区")["links"] for e in ln["policies"]}
    assert "广东省医疗器械产业发展政策" in gz, "a provincial policy applies in a district"
    found = gaps(session, MED, region="深圳")
    assert any(g["candidates"] for g in found) and any(g["evidence"]["documents"] for g in found)
    assert session.scalar(select(func.count()).select_from(ChainMemberDocument)) > 0
    report = chains_report(session, region="深圳", chain=MED)
    assert report[0]["gaps"] == found and report[0]["links"] == sz["links"]


def test_fast_path_follows_edits_and_equals_a_rebuild(session: Session) -> None:
    _richer_graph(session)
    # move an enterprise out of Shenzhen, register another as an innovation resource, retract a product
    eid = add_entity(session, "enterprise", "深圳丙影像公司", products=["彩超"], place="深圳市宝安区")
    put_statement(session, entity_id=eid, kind="enterprise", prop="place", value="杭州市", origin="manual",
                  user="tester", confidence=1.0)  # fmt: skip
    add_entity(session, "enterprise", "苏州戊传感公司", register="resources")
    place(session)
    _assert_fast_equals_complete(session)
    before = snapshot(session)
    rebuild_all(session)
    after = snapshot(session)
    for table in ("chain_members", "chain_member_documents"):
        assert before[table] == after[table], f"{table} differs from a rebuild"
    assert session.scalar(select(func.count()).select_from(ChainMember)) > 10
