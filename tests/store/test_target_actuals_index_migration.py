"""Revision 0029_target_actuals_unit_indexes adds the unit+region and unit+year indexes of reported figures to
an older database, and is a no-op on a database that has them (made at head)."""

from __future__ import annotations

from sqlalchemy import inspect, text

from shuanglian.store.db import get_engine, init_db
from tests.store.test_register_migration import head_revision

NAMES = ("ix_target_actuals_unit_region", "ix_target_actuals_unit_year")


def _indexes(db_url: str) -> set[str]:
    return {ix["name"] for ix in inspect(get_engine(db_url)).get_indexes("target_actuals")}


def test_0029_adds_the_unit_indexes_of_reported_figures(db_url: str) -> None:
    init_db(db_url)
    assert set(NAMES) <= _indexes(db_url)
    engine = get_engine(db_url)
    with engine.begin() as conn:  # as a database made at revision 0028
        for name in NAMES:
            conn.execute(text(f"DROP INDEX {name}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0028_target_no_outcome'"))
    assert not set(NAMES) & _indexes(db_url)
    init_db(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    assert set(NAMES) <= _indexes(db_url)
    init_db(db_url)  # at head: nothing to do
    assert set(NAMES) <= _indexes(db_url)
