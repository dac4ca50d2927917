"""Revision 0013_registers adds hidden / pinyin / seen dates to register_entries and the official figures
table to an older database, and refills both projections."""

from __future__ import annotations

from sqlalchemy import inspect, select, text

from shuanglian.registers.tables import RegisterEntry
from shuanglian.store.db import get_engine, init_db, session_scope
from tests.registers.conftest import add_entity
from tests.store.test_register_migration import head_revision


def test_0013_adds_register_columns_and_official_figures(db_url: str) -> None:
    init_db(db_url)
    with session_scope(db_url) as s:
        add_entity(s, "enterprise", "长城汽车股份有限公司", place="保定市")
    engine = get_engine(db_url)
    with engine.begin() as conn:  # as a database made at revision 0012
        conn.execute(text("DROP TABLE register_official_figures"))
        conn.execute(text("DROP INDEX ix_register_entries_pinyin"))
        conn.execute(text("DROP INDEX ix_register_entries_registered"))  # 0018's, over the hidden column
        for table in ("register_counts", "register_region_counts", "register_totals"):  # 0018's
            conn.execute(text(f"DROP TABLE {table}"))
        for col in ("hidden", "pinyin", "seen_first", "seen_last"):
            conn.execute(text(f"ALTER TABLE register_entries DROP COLUMN {col}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0012'"))
    init_db(db_url)
    insp = inspect(engine)
    assert "register_official_figures" in insp.get_table_names()
    cols = {c["name"] for c in insp.get_columns("register_entries")}
    assert {"hidden", "pinyin", "seen_first", "seen_last"} <= cols
    with session_scope(db_url) as s:
        row = s.scalars(select(RegisterEntry).where(RegisterEntry.register == "enterprises")).one()
        assert row.hidden is False and row.pinyin.startswith("chang2 cheng2") and row.seen_first
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
