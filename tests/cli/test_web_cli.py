"""`users`, `serve` and `demo` commands: accounts and tokens, the first admin's one-time password."""

from __future__ import annotations

import re
from typing import Any

import pytest
from typer.testing import CliRunner

from shuanglian.cli import app, web_cmd  # noqa: F401 - registers the web commands
from shuanglian.store.db import session_scope
from shuanglian.web import auth


def test_users_add_list_token_role_passwd(sqlite_url: str) -> None:
    r = CliRunner()
    res = r.invoke(app, ["users", "add", "ana", "--role", "editor", "--db", sqlite_url])
    assert res.exit_code == 0, res.output
    pw = res.output.rsplit(":", 1)[1].strip()
    with session_scope(sqlite_url) as s:
        user = auth.authenticate(s, "ana", pw)
        assert user is not None and user.must_change_password and user.role == "editor"
    assert r.invoke(app, ["users", "add", "ana", "--db", sqlite_url]).exit_code == 1
    assert r.invoke(app, ["users", "add", "bob", "--role", "god", "--db", sqlite_url]).exit_code == 1
    listing = r.invoke(app, ["users", "list", "--db", sqlite_url]).output
    assert "ana\teditor" in listing
    token = r.invoke(app, ["users", "token", "ana", "--name", "etl", "--db", sqlite_url]).output.strip()
    with session_scope(sqlite_url) as s:
        p = auth.principal_from_token(s, token)
        assert p is not None and p.username == "ana"
    assert r.invoke(app, ["users", "token", "ghost", "--db", sqlite_url]).exit_code == 1
    assert r.invoke(app, ["users", "role", "ana", "viewer", "--db", sqlite_url]).exit_code == 0
    res = r.invoke(app, ["users", "passwd", "ana", "--db", sqlite_url])
    new_pw = res.output.rsplit(":", 1)[1].strip()
    with session_scope(sqlite_url) as s:
        u = auth.authenticate(s, "ana", new_pw)
        assert u is not None and u.role == "viewer" and auth.authenticate(s, "ana", pw) is None


def test_serve_creates_first_admin_once_and_runs_uvicorn(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app_, **kw: calls.append(kw))
    r = CliRunner()
    res = r.invoke(app, ["serve", "--db", sqlite_url, "--port", "8123"])
    assert res.exit_code == 0, res.output
    # keep-alive past a reading pause (uvicorn's 5 s default dropped connections under load: ReadError)
    assert calls == [{"host": "127.0.0.1", "port": 8123, "log_level": "warning", "timeout_keep_alive": 75}]
    calls.clear()
    monkeypatch.delenv("SHUANGLIAN_DATABASE_URL", raising=False)  # --workers sets it for the workers: undone after
    many = r.invoke(app, ["serve", "--db", sqlite_url, "--port", "8123", "--workers", "2"])
    assert many.exit_code == 0, many.output
    assert calls[0]["workers"] == 2 and calls[0]["factory"] is True and calls[0]["timeout_keep_alive"] == 75
    m = re.search(r"one-time password.*\n\s+(\S+)", res.output)
    assert m, res.output
    with session_scope(sqlite_url) as s:
        admin = auth.authenticate(s, "admin", m.group(1))
        assert admin is not None and admin.role == "admin" and admin.must_change_password
        assert admin.password_hash != m.group(1)
    again = r.invoke(app, ["serve", "--db", sqlite_url, "--port", "8124"])
    assert "one-time password" not in again.output


def test_demo_no_serve_ingests_samples(sqlite_url: str) -> None:
    res = CliRunner().invoke(app, ["demo", "--db", sqlite_url, "--no-serve"])
    assert res.exit_code == 0, res.output
    assert re.search(r"samples: [1-9]\d* stored", res.output)
    assert "one-time password" in res.output and "register enterprises" in res.output
    second = CliRunner().invoke(app, ["demo", "--db", sqlite_url, "--no-serve"])
    assert re.search(r"samples: 0 stored", second.output) and "one-time password" not in second.output
