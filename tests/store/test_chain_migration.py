"""Revision 0002 adds the chain tables to a database created by the baseline before they existed."""

from __future__ import annotations

from sqlalchemy import inspect, text

from shuanglian.store.db import get_engine, init_db


def test_0002_creates_chain_tables_on_an_older_database(db_url: str) -> None:
    init_db(db_url)
    engine = get_engine(db_url)
    with engine.begin() as conn:  # make it look like a database made by 0001 before the chain tables
        conn.execute(text("DROP TABLE placement_state"))
        conn.execute(text("DROP TABLE user_chains"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    init_db(db_url)
    names = set(inspect(engine).get_table_names())
    assert {"user_chains", "placement_state"} <= names
    with engine.connect() as conn:
        assert str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar()) >= "0002"  # or a later head
