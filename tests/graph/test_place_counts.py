"""Issue 11: the place hierarchy (place_parents) of a hub place follows a new member from the place's
counters (graph.aggregates `name` / `par` slots), never from a read of all its members' statements,
and equals a full rebuild."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from shuanglian.graph import build
from shuanglian.graph.tables import Entity, PlaceParent
from shuanglian.projections.base import Changes
from shuanglian.projections.places import PlaceHierarchy
from tests.graph.factories import ent, make_doc


def _hub_doc(session: Session, i: int, parent: str = "广东省"):  # type: ignore[no-untyped-def]
    text = f"深圳市第{i}号报告：深圳市推进新型工业化，深圳第{i}家企业投产。"
    return make_doc(session, text, [ent("深圳市", "place", text, ["深圳"], parent=parent)])


def _parents(session: Session) -> set[tuple[str, str, str]]:
    return {(r.entity_id, r.name, r.parent) for r in session.scalars(select(PlaceParent))}


def test_a_hub_place_gains_a_parent_without_reading_its_members(session: Session) -> None:
    """Refreshing the hub's rows after a new page issues no query on the statements table, picks up
    the parent only the new page states, and leaves what a rebuild leaves."""
    for i in range(12):
        build.add_document_statements(session, _hub_doc(session, i))
    projector = PlaceHierarchy()
    projector.rebuild(session)
    hub = session.scalars(select(Entity).where(Entity.name == "深圳市")).one()
    assert {(hub.id, "深圳", "广东省"), (hub.id, "深圳市", "广东省")} <= _parents(session)
    build.add_document_statements(session, _hub_doc(session, 99, parent="中华人民共和国"))
    session.flush()
    seen: list[str] = []

    def spy(conn: Any, cursor: Any, sql: str, params: Any, context: Any, many: bool) -> None:
        seen.append(sql)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", spy)
    try:
        changed = projector.update(session, Changes(entities={hub.id}))
    finally:
        event.remove(engine, "before_cursor_execute", spy)
    assert seen, "the spy saw the refresh"
    assert not [q for q in seen if "statements" in q.lower()], "the hub's member statements were read"
    assert (hub.id, "深圳市", "中华人民共和国") in _parents(session)
    assert "深圳" in changed.hierarchy or "深圳市" in changed.hierarchy
    incremental = _parents(session)
    projector.rebuild(session)
    assert _parents(session) == incremental


def test_0017_recounts_the_parents_of_an_older_database(db_url: str) -> None:
    """A database made before revision 0017_place_counts (no `par` counters) gets them from its
    statements on upgrade, so the hierarchy it rebuilds still has its parents."""
    from sqlalchemy import text

    from shuanglian.graph.aggregates import EntityAggregateRow
    from shuanglian.store.db import get_engine, init_db, session_scope

    init_db(db_url)
    with session_scope(db_url) as s:
        for i in range(3):
            build.add_document_statements(s, _hub_doc(s, i))
        counted = {tuple(r) for r in s.execute(select(EntityAggregateRow.entity_id, EntityAggregateRow.key,
                                                      EntityAggregateRow.n).where(EntityAggregateRow.slot == "par"))}  # fmt: skip
    assert {k for _, k, _ in counted} == {"广东省"}  # `parent` and `located_in` statements of 3 pages
    with get_engine(db_url).begin() as conn:  # as a database of revision 0016_chains left it
        conn.execute(text("DELETE FROM entity_aggregates WHERE slot = 'par'"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0016_chains'"))
    init_db(db_url)
    with session_scope(db_url) as s:
        again = {tuple(r) for r in s.execute(select(EntityAggregateRow.entity_id, EntityAggregateRow.key,
                                                    EntityAggregateRow.n).where(EntityAggregateRow.slot == "par"))}  # fmt: skip
        assert again == counted
        PlaceHierarchy().rebuild(s)
        assert {p for _, _, p in _parents(s)} == {"广东省"}
