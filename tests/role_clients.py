"""Fixtures shared by the challenges and matching API tests: a fresh database with one user per role and Bearer-token clients (no CSRF needed for tokens)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from shuanglian.store.db import get_engine, init_db, session_scope
from shuanglian.web.app import create_app
from shuanglian.web.auth import create_token, create_user

USERS = {"admin1": "admin", "pub1": "publisher", "pub2": "publisher", "app1": "applicant", "app2": "applicant",
         "rev1": "reviewer", "rev2": "reviewer", "viewer1": "viewer", "editor1": "editor"}


@pytest.fixture
def ch_url(tmp_path: Path) -> Iterator[str]:
    """An empty migrated SQLite database with the users above."""
    url = f"sqlite:///{tmp_path / 'ch.db'}"
    init_db(url)
    with session_scope(url) as s:
        for name, role in USERS.items():
            create_user(s, name, role, "correct-horse-9")
    yield url
    get_engine(url).dispose()


@pytest.fixture
def as_user(ch_url: str) -> Callable[[str | None], TestClient]:
    """as_user("app1") -> a client authenticated with that user's API token; None -> anonymous."""
    app = create_app(ch_url)
    tokens: dict[str, str] = {}

    def make(name: str | None) -> TestClient:
        c = TestClient(app)
        if name:
            if name not in tokens:
                with session_scope(ch_url) as s:
                    tokens[name] = create_token(s, name)
            c.headers["Authorization"] = f"Bearer {tokens[name]}"
        return c

    return make
