"""Schema bootstrap runs through Alembic and is idempotent on both backends."""

from __future__ import annotations

from sqlalchemy import inspect

from shuanglian.store.db import get_engine, init_db


def test_init_db_creates_tables_and_is_idempotent(db_url: str) -> None:
    init_db(db_url)
    init_db(db_url)
    names = set(inspect(get_engine(db_url)).get_table_names())
    assert {"documents", "ingest_failures", "alembic_version"} <= names
