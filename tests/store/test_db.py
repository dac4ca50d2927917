"""Schema bootstrap runs through Alembic and is idempotent on both backends."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from shuanglian.store.db import get_engine, init_db


def test_init_db_creates_tables_and_is_idempotent(db_url: str) -> None:
    init_db(db_url)
    init_db(db_url)
    names = set(inspect(get_engine(db_url)).get_table_names())
    assert {"documents", "ingest_failures", "alembic_version"} <= names


def test_sqlite_writer_keeps_a_page_cache_for_hub_reads(tmp_path: Path) -> None:
    """Every SQLite connection keeps up to 64 MB of pages and maps the file (issue 11: a hub's statements
    are read again by every write that touches it; the default 2 MB cache re-read them from the OS)."""
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'cache.db'}"
    init_db(url)
    with get_engine(url).connect() as conn:
        assert conn.execute(text("PRAGMA cache_size")).scalar() == -65536
        assert conn.execute(text("PRAGMA mmap_size")).scalar() == 268435456


def test_sqlite_read_pool_keeps_the_default_page_cache(tmp_path: Path) -> None:
    """The 64 MB cache is the writer's (ingest re-reads hubs); each of the read pool's request connections
    keeps SQLite's default 2 MB, so a full pool cannot grow to gigabytes."""
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'cache.db'}"
    init_db(url)
    with get_engine(url, readonly=True).connect() as conn:
        assert conn.execute(text("PRAGMA cache_size")).scalar() == -2000
        assert conn.execute(text("PRAGMA query_only")).scalar() == 1
