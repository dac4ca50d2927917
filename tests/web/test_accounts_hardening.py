"""Accounts under attack (issue 12): one-time passwords, revocation on change, login back-off, audit
visibility, safe usernames, Secure cookies, and token use that never writes on every request."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from shuanglian.settings import get_settings
from shuanglian.store.auth_tables import ApiToken, LoginThrottle
from shuanglian.store.db import session_scope
from shuanglian.web import auth
from shuanglian.web.auth import AuthError, check_username, create_token, create_user
from tests.web.conftest import PASSWORD, login


def _one_time_client(app, web_url: str, role: str = "admin") -> tuple[TestClient, str]:
    with session_scope(web_url) as s:
        _u, pw = create_user(s, "fresh", role)
    c = TestClient(app)
    r = c.post("/api/auth/login", json={"username": "fresh", "password": pw})
    assert r.status_code == 200 and r.json()["must_change_password"] is True
    c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c, pw


def test_one_time_password_allows_only_changing_it(app, web_url) -> None:
    c, pw = _one_time_client(app, web_url)
    assert c.get("/api/auth/me").status_code == 200  # who am I still answers
    for method, url, body in [
        ("post", "/api/users", {"username": "evil", "role": "admin"}),
        ("post", "/api/auth/tokens", {"name": "keep"}),
        ("get", "/api/users", None),
        ("get", "/api/documents", None),
        ("get", "/api/audit", None),
    ]:
        r = c.request(method.upper(), url, json=body)
        assert r.status_code == 403, (url, r.status_code)
        assert r.json()["error"]["code"] == "password_change_required"
    assert c.get("/documents", follow_redirects=False).headers["location"] == "/account"  # pages too
    same = c.post("/api/auth/password", json={"current_password": pw, "new_password": pw})
    assert same.status_code == 422 and same.json()["error"]["code"] == "same_password"
    r = c.post("/api/auth/password", json={"current_password": pw, "new_password": "a-new-password-1"})
    assert r.status_code == 200
    assert c.post("/api/auth/tokens", json={"name": "now"}).status_code == 201
    with session_scope(web_url) as s:
        assert s.scalar(select(auth.User).where(auth.User.username == "evil")) is None


def test_password_change_revokes_other_sessions_and_tokens(client_for, app) -> None:
    a = client_for("editor")
    b = client_for("editor")
    token = a.post("/api/auth/tokens", json={"name": "etl"}).json()["token"]
    bearer = {"Authorization": f"Bearer {token}"}
    assert TestClient(app).get("/api/auth/me", headers=bearer).status_code == 200
    r = a.post("/api/auth/password", json={"current_password": PASSWORD, "new_password": "another-pass-2"})
    assert r.status_code == 200 and r.json()["sessions_revoked"] >= 1 and r.json()["tokens_revoked"] == 1
    assert a.get("/api/auth/me").status_code == 200  # the session that changed it stays
    assert b.get("/api/auth/me").status_code == 401
    assert TestClient(app).get("/api/auth/me", headers=bearer).status_code == 401


def test_login_backoff_per_account_and_address(app, web_url, caplog: pytest.LogCaptureFixture) -> None:
    c = TestClient(app)
    codes = [c.post("/api/auth/login", json={"username": "viewer1", "password": f"wrong-{i}"}).status_code
             for i in range(30)]
    assert codes[:5] == [401] * 5 and 429 in codes
    right = c.post("/api/auth/login", json={"username": "viewer1", "password": PASSWORD})
    assert right.status_code == 429 and int(right.headers["Retry-After"]) >= 1  # locked: not even tried
    assert any("login throttled" in r.message for r in caplog.records)
    # the address is throttled too: other accounts from it are refused once it passed its free failures
    for i in range(25):
        c.post("/api/auth/login", json={"username": f"nobody{i}", "password": "wrong-pass"})
    assert c.post("/api/auth/login", json={"username": "editor1", "password": PASSWORD}).status_code == 429
    with session_scope(web_url) as s:  # once the locks run out, the right password works again
        s.execute(update(LoginThrottle).values(locked_until=datetime.now(UTC) - timedelta(seconds=1)))
    assert c.post("/api/auth/login", json={"username": "viewer1", "password": PASSWORD}).status_code == 200
    with session_scope(web_url) as s:
        assert s.get(LoginThrottle, "user:viewer1") is None  # success clears the account's count


def test_audit_log_is_admin_only_others_see_their_own(client_for) -> None:
    admin = client_for("admin")
    admin.post("/api/users", json={"username": "someone", "role": "viewer"})
    viewer = client_for("viewer")
    viewer.post("/api/auth/tokens", json={"name": "mine"})
    seen = {e["user"] for e in viewer.get("/api/audit", params={"user": "admin1"}).json()["items"]}
    assert seen == {"viewer1"}
    assert "admin1" in {e["user"] for e in admin.get("/api/audit").json()["items"]}
    page = viewer.get("/audit")
    assert page.status_code == 200 and "someone" not in page.text


@pytest.mark.parametrize("name", ["a\u202eb", "bad\x00", "x\u200by", "tab\tname", "new\nline", "sp ace", "", "x" * 65])
def test_unsafe_usernames_are_refused(name: str) -> None:
    with pytest.raises(AuthError):
        check_username(name)


def test_safe_usernames_are_normalised() -> None:
    assert check_username(" 张三 ") == "张三"
    assert check_username("e\u0301") == "\u00e9"  # NFC


def test_api_refuses_unsafe_username(client_for) -> None:
    r = client_for("admin").post("/api/users", json={"username": "adm\u202enimda", "role": "viewer"})
    assert r.status_code == 422


def test_secure_cookie_setting(app, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "secure" not in TestClient(app).post(
        "/api/auth/login", json={"username": "editor1", "password": PASSWORD}).headers["set-cookie"].lower()
    monkeypatch.setenv("SHUANGLIAN_SECURE_COOKIES", "true")
    get_settings.cache_clear()
    try:
        r = TestClient(app).post("/api/auth/login", json={"username": "editor1", "password": PASSWORD})
        assert "secure" in r.headers["set-cookie"].lower()
        assert "secure" in TestClient(app).get("/login").headers["set-cookie"].lower()
    finally:
        monkeypatch.delenv("SHUANGLIAN_SECURE_COOKIES")
        get_settings.cache_clear()


def test_token_use_recorded_at_most_once_a_minute(app, web_url) -> None:
    with session_scope(web_url) as s:
        token = create_token(s, "viewer1", "etl")
    c = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    assert c.get("/api/auth/me").status_code == 200
    with session_scope(web_url) as s:
        first = s.scalar(select(ApiToken.last_used_at).where(ApiToken.name == "etl"))
    assert first is not None
    for _ in range(5):
        assert c.get("/api/documents").status_code == 200
    with session_scope(web_url) as s:
        assert s.scalar(select(ApiToken.last_used_at).where(ApiToken.name == "etl")) == first
        s.execute(update(ApiToken).values(last_used_at=datetime.now(UTC) - timedelta(minutes=2)))
    c.get("/api/auth/me")
    with session_scope(web_url) as s:
        again = s.scalar(select(ApiToken.last_used_at).where(ApiToken.name == "etl"))
    assert again is not None and again != first


def test_read_requests_with_a_token_write_nothing(app, web_url) -> None:
    """A token read must not leave the request's own transaction dirty (that held the write lock)."""
    from sqlalchemy import event

    from shuanglian.store.db import get_engine

    with session_scope(web_url) as s:
        token = create_token(s, "viewer1", "etl")
    c = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    c.get("/api/auth/me")  # the first use is recorded (in its own short transaction)
    writes: list[str] = []

    def spy(conn, cursor, statement, params, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(statement)

    engine = get_engine(web_url)
    event.listen(engine, "before_cursor_execute", spy)
    try:
        for url in ("/api/auth/me", "/api/documents", "/api/search?q=深圳", "/api/entities"):
            assert c.get(url).status_code == 200, url
    finally:
        event.remove(engine, "before_cursor_execute", spy)
    assert writes == []


def test_login_still_works_for_the_seeded_users(client_for) -> None:
    assert login(client_for(None), "admin1")


def test_openapi_declares_error_and_auth_schemas(app) -> None:
    spec = TestClient(app).get("/api/openapi.json").json()
    assert "ErrorOut" in spec["components"]["schemas"]
    login_op = spec["paths"]["/api/auth/login"]["post"]["responses"]
    assert login_op["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/LoginOut")
    assert login_op["429"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    docs = spec["paths"]["/api/documents"]["get"]["responses"]
    assert docs["401"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")


def test_token_use_never_waits_for_a_busy_write_lock(app, web_url) -> None:
    """While another process holds the write lock (an ingest), recording a token's use must not sit in
    the 30 s busy handler: it tries without waiting, keeps the pool's busy timeout for real writes, and
    does not retry on every request; once the lock is free (and the retry pause over) it records."""
    import sqlite3

    from sqlalchemy import event

    from shuanglian.store.db import get_engine

    with session_scope(web_url) as s:
        token = create_token(s, "viewer1", "etl")
        s.execute(update(ApiToken).values(last_used_at=datetime.now(UTC) - timedelta(minutes=2)))
    c = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    tries: list[int] = []  # busy timeout (ms) each token UPDATE ran with

    def spy(conn, cursor, statement, params, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("UPDATE API_TOKENS"):
            tries.append(conn.connection.dbapi_connection.execute("PRAGMA busy_timeout").fetchone()[0])

    engine = get_engine(web_url)
    event.listen(engine, "before_cursor_execute", spy)
    holder = sqlite3.connect(web_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # the ingest's write transaction
        for _ in range(3):
            assert c.get("/api/auth/me").status_code == 200
        assert tries == [auth.TOKEN_TOUCH_BUSY_MS]  # one try, no waiting; the next requests skip it
        holder.execute("ROLLBACK")
        with engine.connect() as conn:  # the writer pool still waits for the lock on real writes
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        with session_scope(web_url) as s:
            stale = s.scalar(select(ApiToken.last_used_at).where(ApiToken.name == "etl"))
        auth._touch_retry_at.clear()  # the retry pause is over
        assert c.get("/api/auth/me").status_code == 200
        assert len(tries) == 2
    finally:
        holder.close()
        event.remove(engine, "before_cursor_execute", spy)
    with session_scope(web_url) as s:
        assert s.scalar(select(ApiToken.last_used_at).where(ApiToken.name == "etl")) != stale
