"""Web fixtures: a demo-seeded SQLite database (built once, copied per test) and clients per role."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from shuanglian.store.db import get_engine, session_scope
from shuanglian.web.app import create_app
from shuanglian.web.auth import create_user
from shuanglian.web.demo import prepare_demo

PASSWORD = "correct-horse-9"
ROLES = ("admin", "editor", "viewer")


@pytest.fixture(scope="session", autouse=True)
def cheap_argon2() -> Iterator[None]:
    """Argon2 with small cost parameters for the tests: real hashing, but not 0.5 s per login on CI."""
    from argon2 import PasswordHasher

    from shuanglian.web import auth

    saved = auth._hasher, auth._DUMMY_HASH
    auth._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    auth._DUMMY_HASH = auth._hasher.hash("dummy-password-for-timing")
    yield
    auth._hasher, auth._DUMMY_HASH = saved


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private data directory (uploaded originals land there), not the working directory."""
    from shuanglian.settings import get_settings

    d = tmp_path / "data"
    monkeypatch.setenv("SHUANGLIAN_DATA_DIR", str(d))
    get_settings.cache_clear()
    yield d
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database (bundled samples ingested) plus one user per role, built once per session."""
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    url = f"sqlite:///{path}"
    prepare_demo(url, echo=lambda _msg: None)
    with session_scope(url) as s:
        for role in ROLES:
            create_user(s, f"{role}1", role, PASSWORD)
    get_engine(url).dispose()
    return path


@pytest.fixture
def web_url(seeded_template: Path, tmp_path: Path) -> Iterator[str]:
    """A private copy of the seeded database for one test."""
    target = tmp_path / "web.db"
    shutil.copy(seeded_template, target)
    url = f"sqlite:///{target}"
    yield url
    get_engine(url).dispose()


@pytest.fixture
def app(web_url: str):  # type: ignore[no-untyped-def]
    """The FastAPI app over the test database."""
    return create_app(web_url)


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the JSON API; returns the session's CSRF token."""
    r = client.post("/api/auth/login", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return str(r.json()["csrf_token"])


@pytest.fixture
def client_for(app) -> Callable[[str | None], TestClient]:  # type: ignore[no-untyped-def]
    """client_for("editor") -> a logged-in client whose writes carry the CSRF header; None -> anonymous."""

    def make(role: str | None, *, csrf: bool = True) -> TestClient:
        c = TestClient(app)
        if role is not None:
            token = login(c, f"{role}1")
            if csrf:
                c.headers["X-CSRF-Token"] = token
        return c

    return make


def page_csrf(html: str) -> str:
    """The CSRF token a rendered page carries in its meta tag."""
    m = re.search(r'name="csrf-token" content="([^"]*)"', html)
    assert m, "page has no csrf meta tag"
    return m.group(1)
