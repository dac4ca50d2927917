"""Entity counters (graph.aggregates): a hub's summary follows its new members without re-reading the
hub, and equals the counters and rows a full rebuild computes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph import aggregates, build, judge, views
from shuanglian.graph.tables import Entity, EntityMember, Statement
from tests.graph.factories import ent, entity_named, make_doc


def _hub_doc(session: Session, i: int):  # type: ignore[no-untyped-def]
    text = f"深圳市第{i}号报告：深圳市推进新型工业化，深圳第{i}家企业投产。"
    return make_doc(session, text, [ent("深圳市", "place", text, ["深圳"], parent="广东省")])


def _rows(session: Session) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    ents = {(e.id, e.name, e.kind, e.region, e.statement_count, e.document_count, e.member_count)
            for e in session.scalars(select(Entity))}  # fmt: skip
    cols = (aggregates.EntityAggregateRow.entity_id, aggregates.EntityAggregateRow.slot,
            aggregates.EntityAggregateRow.key, aggregates.EntityAggregateRow.n)  # fmt: skip
    return ents, {tuple(r) for r in session.execute(select(*cols))}


def test_a_hub_gains_a_member_from_its_counters(session: Session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for i in range(12):
        build.add_document_statements(session, _hub_doc(session, i))
    hub = session.scalars(select(Entity).where(Entity.name == "深圳市")).one()
    before = hub.statement_count
    recounted: list[str] = []
    real = aggregates.member_counters

    def spy(s: Session, member_ids):  # type: ignore[no-untyped-def]
        ids = None if member_ids is None else sorted(set(member_ids))
        recounted.extend(ids or ["<all>"])
        return real(s, ids)

    monkeypatch.setattr(aggregates, "member_counters", spy)
    row = _hub_doc(session, 99)
    build.add_document_statements(session, row)
    new_members = set(session.scalars(select(Statement.entity_id).where(Statement.document_id == row.id)))
    assert set(recounted) <= new_members, "only the new document's source entities are recounted"
    session.expire_all()
    hub = session.scalars(select(Entity).where(Entity.name == "深圳市")).one()
    own = session.scalars(select(EntityMember.member_id).where(EntityMember.entity_id == hub.id,
                                                                EntityMember.member_id.in_(new_members))).all()  # fmt: skip
    gained = session.scalars(select(Statement.id).where(Statement.entity_id.in_(own))).all()
    assert own and gained
    assert hub.statement_count == before + len(gained) and hub.document_count == 13 and hub.member_count == 13
    monkeypatch.setattr(aggregates, "member_counters", real)
    incremental = _rows(session)
    views.rebuild(session)
    assert _rows(session) == incremental


def test_a_rejected_name_lowers_the_counters(session: Session) -> None:
    rows = [_hub_doc(session, i) for i in range(3)]
    for r in rows:
        build.add_document_statements(session, r)
    st = session.scalars(select(Statement).where(Statement.document_id == rows[1].id, Statement.prop == "alias")).first()
    assert st is not None
    st.status = "rejected"
    session.flush()
    views.update(session, {st.entity_id})
    incremental = _rows(session)
    views.rebuild(session)
    assert _rows(session) == incremental


def _pins(session: Session, eid: str) -> dict[str, int]:
    T = aggregates.EntityAggregateRow
    return dict(session.execute(select(T.key, T.n).where(T.entity_id == eid, T.slot == "pin")).all())


def test_located_in_is_counted_per_canonical_place(session: Session) -> None:
    """Issue 11: a hub's located_in statements are counted per canonical place of their target (each a
    per-page mention), so n is how many statements cite the place and the rows are one per place and rank,
    not one per page placing the hub; the region is chosen from all of them."""
    for i in range(12):
        build.add_document_statements(session, _hub_doc(session, i))
    hub = entity_named(session, "深圳市")
    province = entity_named(session, "广东省")
    pins = _pins(session, hub.id)
    assert len(pins) == 1 and next(iter(pins)).startswith(province.id + aggregates.SEP)
    assert next(iter(pins.values())) == 12
    assert hub.region == "广东省" and hub.region_id == province.id
    incremental = _rows(session)
    views.rebuild(session)
    assert _rows(session) == incremental


def test_place_counters_move_when_the_target_place_is_split_and_merged(session: Session) -> None:
    """A located_in target's canonical entity changes (a split, then a merge): the holders are recounted
    (aggregates.sync), their `pin` counters move to the new place, and incremental equals a rebuild."""
    for i in range(4):
        build.add_document_statements(session, _hub_doc(session, i))
    province = entity_named(session, "广东省")
    members = judge.members_of(session, province.id)
    assert len(members) == 4
    stmt = session.scalars(select(Statement.id).where(Statement.entity_id == members[0])).first()
    judge.split_entity(session, province.id, "t", statement_ids=[stmt])
    session.expire_all()
    hub = entity_named(session, "深圳市")
    off = judge.canonical_id(session, members[0])
    rest = judge.canonical_id(session, members[1])
    assert off != rest
    counts = {k.split(aggregates.SEP)[0]: n for k, n in _pins(session, hub.id).items()}
    assert counts == {off: 1, rest: 3}
    incremental = _rows(session)
    views.rebuild(session)
    assert _rows(session) == incremental
    judge.merge_entities(session, [off, rest], "t")
    session.expire_all()
    merged = judge.canonical_id(session, members[0])
    assert {k.split(aggregates.SEP)[0]: n for k, n in _pins(session, hub.id).items()} == {merged: 4}
    incremental = _rows(session)
    views.rebuild(session)
    assert _rows(session) == incremental
