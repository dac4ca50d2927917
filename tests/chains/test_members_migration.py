"""Revision 0016_chains adds the chain members tables to an older database, filled from its placements."""

from __future__ import annotations

from sqlalchemy import inspect, text

from shuanglian.store.db import get_engine, init_db, session_scope
from tests.chains.test_gaps import _graph
from tests.projections.snapshot import snapshot

TABLES = ("chain_members", "chain_member_documents")


def test_0016_fills_chain_members_on_an_older_database(db_url: str) -> None:
    init_db(db_url)
    with session_scope(db_url) as s:
        _graph(s)
    with session_scope(db_url) as s:
        before = {t: rows for t, rows in snapshot(s).items() if t in TABLES}
    assert before["chain_members"], "no rows to fill: the check would be vacuous"
    engine = get_engine(db_url)
    with engine.begin() as conn:  # make it look like a database made before revision 0016_chains
        for table in TABLES:
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0012'"))
    init_db(db_url)
    assert set(TABLES) <= set(inspect(engine).get_table_names())
    with session_scope(db_url) as s:
        after = {t: rows for t, rows in snapshot(s).items() if t in TABLES}
    assert after == before
