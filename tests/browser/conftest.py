"""Browser fixtures: Debian Chromium driven by Playwright (never a browser download) against a live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from shuanglian.store.db import get_engine, session_scope
from shuanglian.web.auth import create_user
from shuanglian.web.demo import prepare_demo
from shuanglian.web.server import ServerThread

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
EDITOR, PASSWORD = "browser-editor", "browser-pass-1"
VENDOR = Path(__file__).resolve().parents[2] / "src" / "shuanglian" / "web" / "static" / "vendor"


def _require(condition: bool, why: str) -> None:
    if condition:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {why}")
    pytest.skip(why)


@pytest.fixture(scope="session", autouse=True)
def cheap_argon2() -> Iterator[None]:
    """Argon2 with small cost parameters for the tests (the server thread shares this process)."""
    from argon2 import PasswordHasher

    from shuanglian.web import auth

    saved = auth._hasher, auth._DUMMY_HASH
    auth._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    auth._DUMMY_HASH = auth._hasher.hash("dummy-password-for-timing")
    yield
    auth._hasher, auth._DUMMY_HASH = saved


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn in a thread on a free port, over a temp SQLite database seeded by the demo ingest."""
    _require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    _require((VENDOR / "cytoscape.min.js").exists(), "web assets not built (bash frontend/build.sh)")
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'browser.db'}"
    prepare_demo(url, echo=lambda _m: None)
    with session_scope(url) as s:
        create_user(s, EDITOR, "editor", PASSWORD)
    with ServerThread(url) as base:
        yield base
    get_engine(url).dispose()


@pytest.fixture(scope="session")
def browser(live_server: str):  # type: ignore[no-untyped-def]
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@contextmanager
def logged_in(browser, server: str, user: str, password: str, **context: Any):  # type: ignore[no-untyped-def]
    """A fresh browser page logged in through the real login form; fails on JavaScript errors."""
    ctx = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context})
    p = ctx.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.goto(f"{server}/login")
    p.fill("input[name=username]", user)
    p.fill("input[name=password]", password)
    p.click("button[type=submit]")
    p.wait_for_url(f"{server}/")
    yield p
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(browser, live_server: str):  # type: ignore[no-untyped-def]
    """A fresh, logged-in browser page (through the real login form)."""
    with logged_in(browser, live_server, EDITOR, PASSWORD) as p:
        yield p
