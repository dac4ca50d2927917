"""Revision 0025_register_statement_index adds the partial index of register statements to an older
database, and is a no-op on a database that has it (made at head)."""

from __future__ import annotations

from sqlalchemy import inspect, text

from shuanglian.store.db import get_engine, init_db
from tests.store.test_register_migration import head_revision

NAME = "ix_statements_register"


def _indexes(db_url: str) -> set[str]:
    return {ix["name"] for ix in inspect(get_engine(db_url)).get_indexes("statements")}


def test_0025_adds_the_register_statement_index(db_url: str) -> None:
    init_db(db_url)
    assert NAME in _indexes(db_url)
    engine = get_engine(db_url)
    with engine.begin() as conn:  # as a database made at revision 0024
        conn.execute(text(f"DROP INDEX {NAME}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0024_cluster_claims'"))
    assert NAME not in _indexes(db_url)
    init_db(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    assert NAME in _indexes(db_url)
