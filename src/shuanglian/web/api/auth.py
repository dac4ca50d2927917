"""Login, logout, the current user, password change, API tokens, and user management (admin)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from shuanglian.errors import http_status
from shuanglian.graph.audit import record
from shuanglian.settings import get_settings
from shuanglian.web import auth
from shuanglian.web.auth import AuthError, LoginThrottled, Principal
from shuanglian.web.deps import (
    SESSION_COOKIE,
    get_db,
    refuse_one_time,
    require_admin,
    require_login,
    require_login_write,
    require_viewer,
)
from shuanglian.web.errors import ApiError

router = APIRouter(prefix="/api", tags=["auth and users"])


class LoginIn(BaseModel):
    """Credentials for a browser-style login."""

    username: str = Field(max_length=64)
    password: str = Field(max_length=256)


class PasswordIn(BaseModel):
    """A password change: the current password proves it is really the user."""

    current_password: str = Field(max_length=256)
    new_password: str = Field(min_length=8, max_length=256)


class TokenIn(BaseModel):
    """Name of a new API token (what script uses it)."""

    name: str = Field(default="script", min_length=1, max_length=64)


class UserIn(BaseModel):
    """A new user; without a password a one-time password is generated and returned once."""

    username: str = Field(min_length=1, max_length=64)
    role: str = Field(default="viewer", pattern="^(admin|editor|viewer)$")
    password: str | None = Field(default=None, min_length=8, max_length=256)


class UserPatch(BaseModel):
    """Role or enabled-state change of a user."""

    role: str | None = Field(default=None, pattern="^(admin|editor|viewer)$")
    disabled: bool | None = None


class LoginOut(BaseModel):
    """An open session: who, the role, the CSRF token for writes, and whether to change the password."""

    username: str
    role: str
    csrf_token: str
    must_change_password: bool


class MeOut(BaseModel):
    """The current user (the CSRF token only for cookie sessions)."""

    username: str
    role: str
    must_change_password: bool
    csrf_token: str | None = None


class PasswordOut(BaseModel):
    """A password change and what it revoked."""

    ok: bool
    sessions_revoked: int
    tokens_revoked: int


class TokenOut(BaseModel):
    """A new API token, shown once."""

    token: str
    name: str


def set_session_cookie(request: Request, response: Response, sid: str) -> None:
    """HttpOnly, SameSite=Lax session cookie (Secure over https or with SHUANGLIAN_SECURE_COOKIES)."""
    response.set_cookie(
        SESSION_COOKIE,
        sid,
        max_age=int(auth.SESSION_TTL.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=secure_cookies(request),
        path="/",
    )


def secure_cookies(request: Request) -> bool:
    """Cookies carry `Secure` behind TLS: a proxy terminating https talks plain http to us."""
    return get_settings().secure_cookies or request.url.scheme == "https"


def client_address(request: Request) -> str | None:
    """The peer address the login back-off counts per (the proxy's when behind one)."""
    return request.client.host if request.client else None


def _user_json(p: Principal) -> dict[str, Any]:
    return {"username": p.username, "role": p.role, "must_change_password": p.must_change_password}


@router.post("/auth/login", response_model=LoginOut)
def login(body: LoginIn, request: Request, response: Response, db: Session = Depends(get_db)) -> dict:
    """Check the password and open a session; returns the CSRF token to send on writes."""
    try:
        user = auth.attempt_login(db, body.username, body.password, client_address(request))
    except LoginThrottled as exc:
        raise ApiError(429, str(exc), "login_throttled", headers={"Retry-After": str(int(exc.wait) + 1)}) from exc
    if user is None:
        db.commit()  # the failure counts even though the answer is an error
        raise ApiError(401, "wrong username or password", "bad_credentials")
    sid, csrf = auth.open_session(db, user)
    db.commit()
    set_session_cookie(request, response, sid)
    return {"username": user.username, "role": user.role, "csrf_token": csrf,
            "must_change_password": user.must_change_password}


@router.post("/auth/logout")
def logout(request: Request, response: Response, p: Principal = Depends(require_login_write),
           db: Session = Depends(get_db)) -> dict:
    """End the session behind the cookie."""
    sid = request.cookies.get(SESSION_COOKIE)
    if sid:
        auth.close_session(db, sid)
        db.commit()
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"ok": True}


@router.get("/auth/me", response_model=MeOut)
def me(p: Principal = Depends(require_login)) -> dict:
    """Who am I (and, for cookie sessions, the CSRF token)."""
    out = _user_json(p)
    if p.via == "session":
        out["csrf_token"] = p.csrf_token
    return out


@router.post("/auth/password", response_model=PasswordOut)
def change_password(body: PasswordIn, request: Request, p: Principal = Depends(require_login_write),
                    db: Session = Depends(get_db)) -> dict:
    """Change one's own password (required after logging in with a one-time password); every other
    session and every API token of the user is revoked."""
    keep = request.cookies.get(SESSION_COOKIE) if p.via == "session" else None
    try:
        sessions, tokens = auth.change_password(db, p.username, body.current_password, body.new_password, keep)
    except AuthError as exc:
        wrong = "wrong" in str(exc)
        raise ApiError(403 if wrong else 422, str(exc), "bad_credentials" if wrong else "same_password") from exc
    record(db, p.username, "password_change", "user", p.username, None,
           {"sessions_revoked": sessions, "tokens_revoked": tokens})
    db.commit()
    return {"ok": True, "sessions_revoked": sessions, "tokens_revoked": tokens}


@router.get("/auth/tokens")
def tokens(p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """My API tokens (names and dates; the secrets are never shown again)."""
    rows = auth.list_tokens(db, p.user_id)
    return {"items": [{"id": t.id, "name": t.name, "created_at": t.created_at.isoformat(),
                       "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None} for t in rows]}


@router.post("/auth/tokens", status_code=201, response_model=TokenOut)
def create_token(body: TokenIn, p: Principal = Depends(require_login_write), db: Session = Depends(get_db)) -> dict:
    """Create an API token for myself; the token is returned once."""
    refuse_one_time(p)
    token = auth.create_token(db, p.username, body.name)
    record(db, p.username, "token_create", "user", p.username, None, {"name": body.name})
    db.commit()
    return {"token": token, "name": body.name}


@router.delete("/auth/tokens/{token_id}")
def revoke_token(token_id: int, p: Principal = Depends(require_login_write), db: Session = Depends(get_db)) -> dict:
    """Revoke one of my API tokens."""
    refuse_one_time(p)
    if not auth.revoke_token(db, p.user_id, token_id):
        raise ApiError(404, f"no token {token_id}")
    record(db, p.username, "token_revoke", "user", p.username, {"token_id": token_id}, None)
    db.commit()
    return {"ok": True}


@router.get("/users")
def users(p: Principal = Depends(require_admin), db: Session = Depends(get_db)) -> dict:
    """All users (admin only)."""
    return {"items": [{"username": u.username, "role": u.role, "disabled": u.disabled,
                       "must_change_password": u.must_change_password} for u in auth.list_users(db)]}


@router.post("/users", status_code=201)
def add_user(body: UserIn, p: Principal = Depends(require_admin), db: Session = Depends(get_db)) -> dict:
    """Create a user (admin only); a generated one-time password is returned once."""
    try:
        user, pw = auth.create_user(db, body.username, body.role, body.password)
    except AuthError as exc:
        raise ApiError(http_status(exc.code), str(exc), str(exc.code)) from exc
    record(db, p.username, "user_create", "user", user.username, None, {"role": user.role})
    db.commit()
    return {"username": user.username, "role": user.role,
            "one_time_password": pw if body.password is None else None}


@router.patch("/users/{username}")
def patch_user(username: str, body: UserPatch, p: Principal = Depends(require_admin),
               db: Session = Depends(get_db)) -> dict:
    """Change a user's role or disable them (admin only)."""
    try:
        user = auth.get_user(db, username)
    except AuthError as exc:
        raise ApiError(404, str(exc)) from exc
    before = {"role": user.role, "disabled": user.disabled}
    if body.role is not None:
        auth.set_role(db, user, body.role)
    if body.disabled is not None:
        user.disabled = body.disabled
    record(db, p.username, "user_update", "user", username, before, {"role": user.role, "disabled": user.disabled})
    db.commit()
    return {"username": user.username, "role": user.role, "disabled": user.disabled}
