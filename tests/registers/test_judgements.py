"""Register judgements and evidence: hidden rows, analyst region corrections and regions by evidence,
funds listed as funds, pinyin order and seen dates — each replayed by a full rebuild (equals incremental)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph.ids import make_entity_id
from shuanglian.graph.tables import AuditLog, Entity
from shuanglian.projections import apply_changes, rebuild_all
from shuanglian.registers.graphview import put_statement
from shuanglian.services.entity_region import correct_region, region_evidence
from shuanglian.services.registers import hide_row, list_register, unhide_row
from shuanglian.store.documents import DocumentRow
from tests.projections.snapshot import diff, snapshot
from tests.registers.conftest import add_doc, add_entity

PROV = {"extractor": "test", "extractor_version": "1"}


def _located(session: Session, eid: str, kind: str, place_id: str, place: str, doc: str, reason: str | None) -> None:
    put_statement(session, entity_id=eid, kind=kind, prop="located_in", value=place, origin="document",
                  document_id=doc, target_id=place_id, target_kind="place", confidence=0.9,
                  value_json={"reason": reason} if reason else None, **PROV)  # fmt: skip


def _org(session: Session, kind: str, name: str, doc: str) -> str:
    eid = make_entity_id(kind, name, doc)
    put_statement(session, entity_id=eid, kind=kind, prop="name", value=name, origin="document", document_id=doc,
                  confidence=0.9, **PROV)  # fmt: skip
    return eid


def _region(session: Session, name: str) -> str | None:
    session.expire_all()
    return session.scalar(select(Entity.region).where(Entity.name == name))


def _equals_rebuild(session: Session) -> None:
    inc = snapshot(session)
    rebuild_all(session)
    assert diff(inc, snapshot(session)) == {}


def _places(session: Session) -> dict[str, str]:
    out = {}
    for name in ("中国", "深圳市", "中山市"):
        out[name] = add_entity(session, "place", name)
    return out


def test_national_prefix_never_beats_a_local_marker(session: Session) -> None:
    """中国科学院深圳先进技术研究院 and 中山大学深圳校区 end in 深圳市, whatever the vote says."""
    places = _places(session)
    for d in ("d1", "d2", "d3"):
        add_doc(session, d, "中国科学院深圳先进技术研究院 中山大学深圳校区")
    siat = [_org(session, "research_institute", "中国科学院深圳先进技术研究院", d) for d in ("d1", "d2", "d3")]
    # two pages voted 中国 (an old extractor read the 中国科学院 prefix), one saw the branch marker
    _located(session, siat[0], "research_institute", places["中国"], "中国", "d1", None)
    _located(session, siat[1], "research_institute", places["中国"], "中国", "d2", None)
    _located(session, siat[2], "research_institute", places["深圳市"], "深圳市", "d3", None)
    # the campus: its parent's leading 中山 names a place, the branch marker 深圳校区 says where it is
    campus = [_org(session, "university", "中山大学深圳校区", d) for d in ("d1", "d2")]
    _located(session, campus[0], "university", places["中山市"], "中山市", "d1", "name")
    _located(session, campus[1], "university", places["中山市"], "中山市", "d1", "name")
    _located(session, campus[1], "university", places["深圳市"], "深圳市", "d2", "branch")
    apply_changes(session)
    assert _region(session, "中国科学院深圳先进技术研究院") == "深圳市"
    assert _region(session, "中山大学深圳校区") == "深圳市"
    carriers = {r["name"] for r in list_register(session, "carriers", region="深圳")["rows"]}
    assert {"中国科学院深圳先进技术研究院", "中山大学深圳校区"} <= carriers
    _equals_rebuild(session)
    assert _region(session, "中山大学深圳校区") == "深圳市"


def test_analyst_corrects_a_region_with_a_reason_replayed_on_rebuild(session: Session) -> None:
    places = _places(session)
    add_doc(session, "d1", "鹏城实验室")
    lab = _org(session, "lab", "鹏城实验室", "d1")
    _located(session, lab, "lab", places["中山市"], "中山市", "d1", "stated")
    apply_changes(session)
    assert _region(session, "鹏城实验室") == "中山市"
    with pytest.raises(ValueError, match="reason"):
        correct_region(session, lab, "深圳", "", "alice")
    out = correct_region(session, lab, "深圳", "官网地址在深圳市南山区", "alice")
    assert out["region"] == "深圳市", "the short form finds the existing place 深圳市"
    assert _region(session, "鹏城实验室") == "深圳市"
    ev = region_evidence(session, lab)
    assert ev[0]["reason"] == "analyst" and ev[0]["note"] == "官网地址在深圳市南山区" and ev[0]["user"] == "alice"
    assert [e["reason"] for e in ev] == ["analyst", "stated"]
    # a second correction supersedes the first; a new place is created when none is known
    correct_region(session, lab, "东莞市", "搬迁至松山湖", "bob")
    assert _region(session, "鹏城实验室") == "东莞市"
    assert [e["reason"] for e in region_evidence(session, lab)] == ["analyst", "stated"]
    actions = list(session.scalars(select(AuditLog.action).where(AuditLog.object_id == lab)))
    assert actions.count("correct_region") == 2
    _equals_rebuild(session)
    assert _region(session, "鹏城实验室") == "东莞市"


def _names(page: dict[str, Any]) -> list[str]:
    return [r["name"] for r in page["rows"]]


def test_hidden_rows_leave_the_register_and_come_back(session: Session) -> None:
    add_doc(session, "d1", "深圳迈瑞 深圳先行示范区企业")
    keep = add_entity(session, "enterprise", "深圳迈瑞生物医疗电子股份有限公司", "d1", "深圳迈瑞", place="深圳市")
    junk = add_entity(session, "enterprise", "深圳华强北电子市场", "d1", "x", place="深圳市")
    assert set(_names(list_register(session, "enterprises"))) == {"深圳迈瑞生物医疗电子股份有限公司", "深圳华强北电子市场"}
    out = hide_row(session, "enterprises", junk, "alice", action="reject", reason="市场，不是企业")
    assert out["action"] == "reject"
    with pytest.raises(ValueError, match="already hidden"):
        hide_row(session, "enterprises", junk, "alice")
    for fast in (True, False):
        assert _names(list_register(session, "enterprises", fast=fast)) == ["深圳迈瑞生物医疗电子股份有限公司"]
        hidden = list_register(session, "enterprises", hidden=True, fast=fast)
        assert _names(hidden) == ["深圳华强北电子市场"] and hidden["rows"][0]["hidden"] is True
        assert hidden["rows"][0]["sources"] == ["doc:d1"], "the judgement is not a source of the row"
    # hidden from one register only: still a resource candidate elsewhere, never deleted
    assert session.get(Entity, junk) is not None
    _equals_rebuild(session)
    assert _names(list_register(session, "enterprises")) == ["深圳迈瑞生物医疗电子股份有限公司"]
    unhide_row(session, "enterprises", junk, "bob")
    assert set(_names(list_register(session, "enterprises"))) == {"深圳迈瑞生物医疗电子股份有限公司", "深圳华强北电子市场"}
    with pytest.raises(KeyError):
        unhide_row(session, "enterprises", junk, "bob")
    hide_row(session, "enterprises", junk, "alice")  # hiding again after a restore works
    assert _names(list_register(session, "enterprises")) == ["深圳迈瑞生物医疗电子股份有限公司"]
    _equals_rebuild(session)
    assert keep


def test_funds_typed_as_organisations_are_in_the_policies_register(session: Session) -> None:
    add_doc(session, "d1", "深圳市人工智能产业投资基金 深圳市慈善基金会")
    add_entity(session, "organization", "深圳市人工智能产业投资基金", "d1", "深圳市人工智能产业投资基金")
    add_entity(session, "organization", "深圳市慈善基金会", "d1", "深圳市慈善基金会")
    add_entity(session, "policy", "深圳市关于加快培育人工智能产业的若干措施", "d1", "x")
    for fast in (True, False):
        rows = {r["name"]: r for r in list_register(session, "policies", fast=fast)["rows"]}
        assert set(rows) == {"深圳市人工智能产业投资基金", "深圳市关于加快培育人工智能产业的若干措施"}
        assert rows["深圳市人工智能产业投资基金"]["kind"] == "fund"
        assert rows["深圳市人工智能产业投资基金"]["kind_label"] == "基金"
    assert [r["name"] for r in list_register(session, "policies", kind="基金")["rows"]] == ["深圳市人工智能产业投资基金"]
    _equals_rebuild(session)


def test_unsure_kind_keeps_an_entity_out(session: Session) -> None:
    """Named as an enterprise on one page and as an organisation on three: not confidently an enterprise."""
    for d in ("d1", "d2", "d3", "d4"):
        add_doc(session, d, "华星光电")
    eid = _org(session, "enterprise", "华星光电", "d1")
    put_statement(session, entity_id=eid, kind="enterprise", prop="place", value="深圳市", origin="document",
                  document_id="d1", confidence=0.9, **PROV)  # fmt: skip
    for d in ("d2", "d3", "d4"):
        _org(session, "organization", "华星光电", d)
    apply_changes(session)
    kinds = set(session.scalars(select(Entity.kind).where(Entity.name == "华星光电")))
    assert kinds == {"enterprise"}, "one cluster, the specific kind chosen"
    for fast in (True, False):
        assert "华星光电" not in _names(list_register(session, "enterprises", fast=fast))
    # the same entity named as an enterprise on most pages is listed
    for d in ("d5", "d6", "d7", "d8"):
        add_doc(session, d, "华星光电")
        _org(session, "enterprise", "华星光电", d)
    apply_changes(session)
    assert "华星光电" in _names(list_register(session, "enterprises"))


def test_names_sort_by_pinyin_and_filter_by_seen_dates(session: Session) -> None:
    for doc_id, day in (("d1", "2025-03-01"), ("d2", "2025-09-15")):
        session.add(DocumentRow(id=doc_id, content_hash=doc_id * 4, source=f"{doc_id}.txt", raw="x", text="x",
                                published=day))  # fmt: skip
    session.flush()
    add_entity(session, "enterprise", "重庆长安汽车股份有限公司", "d1", "x")
    add_entity(session, "enterprise", "长城汽车股份有限公司", "d2", "x")
    add_entity(session, "enterprise", "阿里巴巴集团控股有限公司", "d1", "x")
    add_entity(session, "enterprise", "阿里巴巴集团控股有限公司", "d2", "x")
    want = ["阿里巴巴集团控股有限公司", "长城汽车股份有限公司", "重庆长安汽车股份有限公司"]  # a, chang, chong
    for fast in (True, False):
        assert _names(list_register(session, "enterprises", sort="pinyin", fast=fast)) == want
        assert _names(list_register(session, "enterprises", sort="-pinyin", fast=fast)) == want[::-1]
        later = list_register(session, "enterprises", seen_from="2025-06-01", sort="pinyin", fast=fast)
        assert _names(later) == ["阿里巴巴集团控股有限公司", "长城汽车股份有限公司"]
        early = list_register(session, "enterprises", seen_to="2025-03-31", sort="pinyin", fast=fast)
        assert _names(early) == ["阿里巴巴集团控股有限公司", "重庆长安汽车股份有限公司"]
        ali = next(r for r in early["rows"] if r["name"].startswith("阿里"))
        assert (ali["first_seen"], ali["last_seen"]) == ("2025-03-01", "2025-09-15")
        assert _names(list_register(session, "enterprises", sort="first_seen", fast=fast))[-1] == "长城汽车股份有限公司"
    with pytest.raises(ValueError, match="not a date"):
        list_register(session, "enterprises", seen_from="March")
    _equals_rebuild(session)
