"""Facts -> statements: provenance on every statement, relations, idempotent re-runs, bad facts refused."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.graph import build
from shuanglian.graph.tables import ACCEPTED, PROPOSED, Entity, Statement
from tests.graph.factories import ent, entity_named, make_doc

TEXT = "2024年3月5日，广东省委书记黄坤明来到深圳迈瑞生物医疗电子股份有限公司调研。迈瑞医疗研发投入达到40亿元。深圳市发布《深圳市促进高端医疗器械产业集群高质量发展的若干措施》。"


def _doc(session: Session):  # type: ignore[no-untyped-def]
    ents = [
        ent("黄坤明", "person", TEXT, roles=[{"title": "省委书记", "org": "广东省委", "place": "广东省"}]),
        ent("深圳迈瑞生物医疗电子股份有限公司", "enterprise", TEXT, ["迈瑞医疗"], place="深圳市", industries=["高端医疗器械"]),
        ent("深圳市", "place", TEXT, level="city", parent="广东省"),
        {"name": "核心竞争力", "kind": "bogus", "aliases": [], "spans": [], "attrs": {}},
    ]
    fig_at = TEXT.index("40亿元")
    pol = "《深圳市促进高端医疗器械产业集群高质量发展的若干措施》"
    return make_doc(
        session, TEXT, ents,
        figures=[{"value": 4e9, "unit": "元", "measure": "研发投入", "year": 2024, "target": False,
                  "span": [fig_at, fig_at + 5]}],
        policies=[{"title": pol, "issuer": "深圳市", "period": None, "span": [TEXT.index(pol), TEXT.index(pol) + len(pol)]}],
        events=[{"kind": "visit", "date": "2024-03-05", "visitors": ["黄坤明"], "visited": ["深圳迈瑞生物医疗电子股份有限公司"],
                 "place": "深圳市", "span": [0, 40]}],
    )  # fmt: skip


def test_statements_carry_provenance_and_relations(session: Session, caplog: pytest.LogCaptureFixture) -> None:
    row = _doc(session)
    with caplog.at_level(logging.WARNING):
        n = build.add_document_statements(session, row)
    assert n > 10
    assert "bogus" in caplog.text and row.id in caplog.text  # refused fact named with its document
    sts = list(session.scalars(select(Statement)))
    for st in sts:
        assert st.document_id == row.id and st.origin == "document"
        assert st.extractor and st.extractor_version == "test-1" and st.created_at is not None
        assert st.span_start is not None and st.span_end is not None, st.prop
    mentions = [s for s in sts if s.prop == "mention"]
    assert all(TEXT[s.span_start : s.span_end] == s.value for s in mentions)  # type: ignore[misc]
    props = {s.prop for s in sts}
    assert {"name", "alias", "role", "holds_role", "located_in", "works_on_industry", "visited", "issued",
            "figure", "level", "parent"} <= props  # fmt: skip
    fig = next(s for s in sts if s.prop == "figure")
    assert fig.kind == "enterprise" and fig.value_json["measure"] == "研发投入"  # nearest organisation before it
    visit = next(s for s in sts if s.prop == "visited")
    assert visit.kind == "person" and visit.value_json["date"] == "2024-03-05"
    mindray = entity_named(session, "迈瑞医疗")
    assert mindray.region == "深圳市"
    assert entity_named(session, "广东省委").kind == "government"  # created from the role's organisation


def test_rerun_is_idempotent(session: Session) -> None:
    row = _doc(session)
    first = build.add_document_statements(session, row)
    counts = (
        session.scalar(select(func.count()).select_from(Statement)),
        session.scalar(select(func.count()).select_from(Entity)),
    )
    assert first > 0
    assert build.add_document_statements(session, row) == 0
    assert build.add_documents_statements(session, [row]) == 0
    assert counts == (
        session.scalar(select(func.count()).select_from(Statement)),
        session.scalar(select(func.count()).select_from(Entity)),
    )


def test_auto_accept_threshold(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    t = "南方科技大学和深圳大学。"
    e1 = ent("南方科技大学", "university", t)
    e1["confidence"] = 0.95
    row = make_doc(session, t, [e1, ent("深圳大学", "university", t)])
    build.add_document_statements(session, row)
    status = {s.value: s.status for s in session.scalars(select(Statement).where(Statement.prop == "name"))}
    assert status == {"南方科技大学": ACCEPTED, "深圳大学": PROPOSED}  # default confidence 0.8 < 0.9

    from shuanglian.settings import get_settings

    monkeypatch.setattr(get_settings(), "auto_accept_threshold", 0.5)
    assert build.initial_status("document", 0.8) == ACCEPTED
    assert build.initial_status("manual", 0.1) == ACCEPTED


def test_projects_become_project_entities_with_status_and_place(session: Session) -> None:
    t = "中国电建投资110亿元在开州区实施清洁能源综合开发项目。"
    proj = {"name": "清洁能源综合开发项目", "investment": 1.1e10, "investment_text": "投资110亿元", "currency": "元",
            "org": "中国电建", "place": "开州区", "status": "签约", "date": "2025-03-01", "industry": "清洁能源",
            "span": [15, 25]}  # fmt: skip
    row = make_doc(session, t, [ent("中国电建", "enterprise", t)], projects=[proj])
    build.add_document_statements(session, row)
    sts = [s for s in session.scalars(select(Statement)) if s.kind == "project"]
    props = {s.prop: s for s in sts}
    assert {"name", "investment", "status", "located_in", "lead_org", "works_on_industry"} <= set(props)
    assert float(props["investment"].value) == 1.1e10 and props["investment"].value_json["written"] == "投资110亿元"
    assert props["status"].value == "签约" and props["status"].value_json["date"] == "2025-03-01"
    assert props["located_in"].value == "开州区"
    leads = [s for s in session.scalars(select(Statement)) if s.prop == "leads"]
    assert leads and leads[0].value == "清洁能源综合开发项目"
