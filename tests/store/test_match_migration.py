"""Revision 0005 adds the matching and challenge tables to a database made before it."""

from __future__ import annotations

from sqlalchemy import inspect, text

from shuanglian.store.db import get_engine, init_db
from tests.store.test_register_migration import head_revision

TABLES = ("challenge_milestones", "challenge_reviews", "challenge_applications", "challenges",
          "match_feedback", "match_supplies", "match_demands")


def test_0005_creates_matching_and_challenge_tables(db_url: str) -> None:
    init_db(db_url)
    engine = get_engine(db_url)
    with engine.begin() as conn:  # make it look like a database made at revision 0009 (before 0005)
        for table in TABLES:
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0009'"))
    assert not set(TABLES) & set(inspect(engine).get_table_names())
    init_db(db_url)
    assert set(TABLES) <= set(inspect(get_engine(db_url)).get_table_names())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
