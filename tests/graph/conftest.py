"""Fixtures for graph tests: a migrated database and an open session on it (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from shuanglian.store.db import init_db, session_scope


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    """A session on a freshly migrated database (both backends)."""
    init_db(db_url)
    with session_scope(db_url) as s:
        yield s
