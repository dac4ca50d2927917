"""Revision 0023_place_counters recounts located_in per canonical place (`pin`) in an older database."""

from __future__ import annotations

from sqlalchemy import select, text

from shuanglian.graph import aggregates, build
from shuanglian.graph.tables import Entity
from shuanglian.store.db import get_engine, init_db, session_scope
from tests.graph.factories import ent, make_doc
from tests.store.test_register_migration import head_revision


def test_0023_recounts_located_in_per_place(db_url: str) -> None:
    init_db(db_url)
    with session_scope(db_url) as s:
        for i in range(3):
            text_ = f"深圳市第{i}号报告：深圳市推进新型工业化。"
            build.add_document_statements(s, make_doc(s, text_, [ent("深圳市", "place", text_, parent="广东省")]))
    engine = get_engine(db_url)
    T = aggregates.EntityAggregateRow
    with session_scope(db_url) as s:
        want = sorted(s.execute(select(T.entity_id, T.key, T.n).where(T.slot == "pin")).all())
    assert want and any(n == 3 for _, _, n in want)
    with engine.begin() as conn:  # as a database made at revision 0022: counters per target, no `pin`
        conn.execute(text("DELETE FROM entity_aggregates WHERE slot = 'pin'"))
        conn.execute(text("INSERT INTO entity_aggregates (entity_id, slot, key, n) VALUES ('x', 'lrk', 't\x1f2\x1fstated', 1)"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0022_aggregate_rank_index'"))
    init_db(db_url)
    with session_scope(db_url) as s:
        assert sorted(s.execute(select(T.entity_id, T.key, T.n).where(T.slot == "pin")).all()) == want
        assert not s.scalars(select(T.entity_id).where(T.slot == "lrk")).all()
        assert s.scalars(select(Entity.region).where(Entity.name == "深圳市")).one() == "广东省"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
