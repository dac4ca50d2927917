"""Revision 0014_ingest adds the entity counters to an older database, filled from its statements."""

from __future__ import annotations

from sqlalchemy import select, text

from shuanglian.graph import build
from shuanglian.graph.aggregates import EntityAggregateRow
from shuanglian.store.db import get_engine, init_db, session_scope
from tests.graph.factories import ent, make_doc


def _counters(url: str) -> set[tuple[object, ...]]:
    with session_scope(url) as s:
        cols = (EntityAggregateRow.entity_id, EntityAggregateRow.slot, EntityAggregateRow.key, EntityAggregateRow.n)
        return {tuple(r) for r in s.execute(select(*cols))}


def test_0014_fills_counters_on_an_older_database(db_url: str) -> None:
    init_db(db_url)
    with session_scope(db_url) as s:
        for i in range(3):
            text_ = f"深圳市第{i}次会议：深圳迈瑞生物医疗电子股份有限公司在深圳市投产。"
            row = make_doc(s, text_, [ent("深圳市", "place", text_), ent("深圳迈瑞生物医疗电子股份有限公司", "enterprise", text_,
                                                                        place="深圳市")])  # fmt: skip
            build.add_document_statements(s, row)
    before = _counters(db_url)
    assert any(slot == "docs" and n == 3 for _, slot, _, n in before)
    engine = get_engine(db_url)
    with engine.begin() as conn:  # make it look like a database made before revision 0014_ingest
        conn.execute(text("DROP TABLE entity_aggregates"))
        conn.execute(text("DROP TABLE member_aggregates"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0012'"))
    init_db(db_url)
    assert _counters(db_url) == before
