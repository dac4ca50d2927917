"""Merge / split judgements: stored, audited, replayed after rebuild and after re-ingest."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shuanglian.graph import build, judge, views
from shuanglian.graph.audit import audit_log
from shuanglian.graph.tables import Entity, EntityKey, EntityMember, Judgement, Statement
from shuanglian.store.documents import DocumentRow
from tests.graph.factories import ent, entity_named, make_doc

T1 = "华大基因与深圳国家基因库合作。"
T2 = "华大智造发布测序仪。国家基因库扩建。"
T3 = "长城汽车与长城电脑签约。"


def _docs(session: Session) -> list[DocumentRow]:
    rows = [
        make_doc(session, T1, [ent("华大基因", "enterprise", T1), ent("深圳国家基因库", "platform", T1)]),
        make_doc(session, T2, [ent("华大智造", "enterprise", T2), ent("国家基因库", "platform", T2)]),
        make_doc(session, T3, [ent("长城汽车", "enterprise", T3), ent("长城电脑", "enterprise", T3)]),
    ]
    for r in rows:
        build.add_document_statements(session, r)
    return rows


def _reingest(session: Session, rows: list[DocumentRow]) -> None:
    """Simulate re-extracting every document from scratch: statements and views gone, then rebuilt."""
    session.execute(delete(Statement))
    for t in (EntityKey, EntityMember, Entity):
        session.execute(delete(t))
    for r in rows:
        build.add_document_statements(session, r)


def test_merge_replayed_after_rebuild_and_reingest(session: Session) -> None:
    rows = _docs(session)
    a, b = entity_named(session, "华大基因"), entity_named(session, "华大智造")
    assert a.id != b.id  # different trade words: not merged automatically
    merged = judge.merge_entities(session, [a.id, b.id], "alice", note="same group for our purposes")
    assert set(merged["names"]) >= {"华大基因", "华大智造"}
    assert judge.canonical_id(session, b.id) == merged["id"]  # the old id redirects
    views.rebuild(session)
    assert entity_named(session, "华大基因").id == entity_named(session, "华大智造").id
    _reingest(session, rows)
    assert entity_named(session, "华大基因").id == entity_named(session, "华大智造").id
    entry = audit_log(session)["items"][0]
    assert entry["action"] == "merge" and entry["user"] == "alice" and len(entry["before"]) == 2


def test_split_replayed_after_rebuild_and_reingest(session: Session) -> None:
    rows = _docs(session)
    bank = entity_named(session, "国家基因库")
    assert entity_named(session, "深圳国家基因库").id == bank.id
    out = judge.split_entity(session, bank.id, "bob", names=["国家基因库"])
    assert out["split_off"]["id"] != out["rest"]["id"]
    for _ in range(2):
        assert entity_named(session, "国家基因库").id != entity_named(session, "深圳国家基因库").id
        views.rebuild(session)
    _reingest(session, rows)
    assert entity_named(session, "国家基因库").id != entity_named(session, "深圳国家基因库").id
    assert session.scalar(select(Judgement.action)) == "split"
    # a later merge judgement overrides the split
    judge.merge_entities(session, [entity_named(session, "国家基因库").id, entity_named(session, "深圳国家基因库").id], "carol")
    views.rebuild(session)
    assert entity_named(session, "国家基因库").id == entity_named(session, "深圳国家基因库").id


def test_not_same_and_errors(session: Session) -> None:
    _docs(session)
    a, b = entity_named(session, "长城汽车"), entity_named(session, "长城电脑")
    judge.not_same(session, a.id, b.id, "dan")
    with pytest.raises(judge.GraphError, match="at least two"):
        judge.merge_entities(session, [a.id, a.id], "dan")
    with pytest.raises(judge.GraphError, match="no member carries"):
        judge.split_entity(session, a.id, "dan", names=["比亚迪"])
    with pytest.raises(judge.GraphError, match="leaves nothing"):
        judge.split_entity(session, a.id, "dan", names=["长城汽车"])
    with pytest.raises(judge.GraphError, match="no entity"):
        judge.merge_entities(session, ["ent_x", a.id], "dan")


def _zhang(session: Session, i: int, orgs: list[str]) -> None:
    t = f"第{i}篇：张晓明在" + "、".join(orgs) + "任职。"
    roles = [{"title": "主任", "org": o} for o in orgs]
    build.add_document_statements(session, make_doc(session, t, [ent("张晓明", "person", t, roles=roles)]))


def _people(session: Session) -> int:
    return len(list(session.scalars(select(Entity).where(Entity.kind == "person"))))


def test_not_same_holds_against_a_bridging_document(session: Session) -> None:
    _zhang(session, 1, ["深圳大学"])
    _zhang(session, 2, ["南方科技大学"])
    assert _people(session) == 2  # different organisations on record
    a, b = (e.id for e in session.scalars(select(Entity).where(Entity.kind == "person")))
    judge.not_same(session, a, b, "erin")
    _zhang(session, 3, ["深圳大学", "南方科技大学"])  # shares an organisation with each
    assert _people(session) == 2
    views.rebuild(session)
    assert _people(session) == 2
    assert judge.canonical_id(session, a) != judge.canonical_id(session, b)


def test_bridging_document_merges_without_judgement(session: Session) -> None:
    _zhang(session, 1, ["深圳大学"])
    _zhang(session, 2, ["南方科技大学"])
    _zhang(session, 3, ["深圳大学", "南方科技大学"])
    assert _people(session) == 1
