"""Revision 0022_aggregate_rank_index adds the entity counters' rank index to an older database."""

from __future__ import annotations

from sqlalchemy import inspect, text

from shuanglian.store.db import get_engine, init_db
from tests.store.test_register_migration import head_revision


def test_0022_adds_the_rank_index(db_url: str) -> None:
    init_db(db_url)
    engine = get_engine(db_url)
    with engine.begin() as conn:  # as a database made at revision 0021
        conn.execute(text("DROP INDEX ix_entity_aggregates_rank"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0021_chain_context_claims'"))
    assert "ix_entity_aggregates_rank" not in {ix["name"] for ix in inspect(engine).get_indexes("entity_aggregates")}
    init_db(db_url)
    got = {ix["name"]: ix["column_names"] for ix in inspect(get_engine(db_url)).get_indexes("entity_aggregates")}
    assert got["ix_entity_aggregates_rank"][:2] == ["entity_id", "slot"]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
