"""Pages for logging in and out, the language switch, one's account (password, API tokens) and users."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from shuanglian.graph.audit import record
from shuanglian.web import auth
from shuanglian.web.api.auth import client_address, secure_cookies, set_session_cookie
from shuanglian.web.auth import AuthError, LoginThrottled, Principal
from shuanglian.web.deps import SESSION_COOKIE, get_db, require_admin, require_login_write
from shuanglian.web.errors import ApiError
from shuanglian.web.pages.common import LOGIN_CSRF_COOKIE, login_csrf, page_user, redirect, safe_next
from shuanglian.web.templating import render
from shuanglian.web.translate import LANG_COOKIE, LANGS

router = APIRouter(include_in_schema=False)


@router.get("/login")
def login_page(request: Request, next: str = "/", failed: bool = False) -> Response:
    """The login form (sets the double-submit CSRF cookie the form echoes)."""
    token = login_csrf(request)
    resp = render(request, "login.html", {"next": safe_next(next), "failed": failed, "login_csrf": token},
                  status=401 if failed else 200)
    resp.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax", path="/",
                    secure=secure_cookies(request))
    return resp


@router.post("/login")
def login_submit(
    request: Request,
    username: str = Form(..., max_length=64),
    password: str = Form(..., max_length=256),
    next: str = Form("/"),
    csrf_token: str = Form(""),
    db: Session = Depends(get_db),
) -> Response:
    """Check the password, open a session, go where the user was heading."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, csrf_token):
        raise ApiError(403, "missing or wrong CSRF token (reload the login page)", "csrf_failed")
    try:
        user = auth.attempt_login(db, username, password, client_address(request))
    except LoginThrottled as exc:
        raise ApiError(429, str(exc), "login_throttled", headers={"Retry-After": str(int(exc.wait) + 1)}) from exc
    if user is None:
        db.commit()  # the failure counts
        return redirect(f"/login?failed=1&next={safe_next(next)}")
    sid, _csrf = auth.open_session(db, user)
    db.commit()
    resp = redirect("/account" if user.must_change_password else safe_next(next))
    set_session_cookie(request, resp, sid)
    return resp


@router.post("/logout")
def logout(request: Request, _p: Principal = Depends(require_login_write), db: Session = Depends(get_db)) -> Response:
    """End the session."""
    sid = request.cookies.get(SESSION_COOKIE)
    if sid:
        auth.close_session(db, sid)
        db.commit()
    resp = redirect("/login")
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


@router.get("/lang/{code}")
def switch_lang(code: str, request: Request) -> RedirectResponse:
    """Store the UI language in a cookie and go back."""
    if code not in LANGS:
        raise ApiError(404, f"unknown language {code!r}")
    back = safe_next(request.headers.get("referer", "/").split(request.url.netloc, 1)[-1])
    resp = redirect(back)
    resp.set_cookie(LANG_COOKIE, code, max_age=365 * 86400, samesite="lax", path="/", secure=secure_cookies(request))
    return resp


def _account(request: Request, db: Session, p: Principal, **ctx: object) -> Response:
    from shuanglian.web.prefs import get_pref

    return render(request, "account.html", {"tokens": auth.list_tokens(db, p.user_id),
                                            "default_region": get_pref(db, p.username, "default_region"), **ctx})


@router.get("/account")
def account(request: Request, p: Principal = Depends(page_user), db: Session = Depends(get_db)) -> Response:
    """Password change and API tokens."""
    return _account(request, db, p)


@router.post("/account/password")
def account_password(
    request: Request,
    current_password: str = Form(...),
    new_password: str = Form(...),
    _w: Principal = Depends(require_login_write),
    p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Change my password; my other sessions and all my API tokens are revoked."""
    try:
        sessions, tokens = auth.change_password(db, p.username, current_password, new_password,
                                                request.cookies.get(SESSION_COOKIE))
    except AuthError as exc:
        db.commit()  # nothing changed; keep the request's own reads consistent
        return _account(request, db, p, flash="✗ " + str(exc), flash_kind="err")
    record(db, p.username, "password_change", "user", p.username, None,
           {"sessions_revoked": sessions, "tokens_revoked": tokens})
    db.commit()
    request.state.principal = auth.Principal(p.user_id, p.username, p.role, p.via, p.csrf_token, False)
    return _account(request, db, request.state.principal, flash_key="account.saved")


@router.post("/account/tokens")
def account_token(
    request: Request,
    name: str = Form("script", max_length=64),
    _w: Principal = Depends(require_login_write),
    p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Create an API token; shown once on the page."""
    token = auth.create_token(db, p.username, name or "script")
    record(db, p.username, "token_create", "user", p.username, None, {"name": name})
    db.commit()
    return _account(request, db, p, new_token=token)


@router.post("/account/tokens/{token_id}/revoke")
def account_revoke(
    token_id: int,
    _w: Principal = Depends(require_login_write),
    p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Revoke one of my tokens."""
    auth.revoke_token(db, p.user_id, token_id)
    record(db, p.username, "token_revoke", "user", p.username, {"token_id": token_id}, None)
    db.commit()
    return redirect("/account")


@router.get("/users")
def users_page(request: Request, p: Principal = Depends(page_user), db: Session = Depends(get_db)) -> Response:
    """User management (admins)."""
    if p.role != "admin":
        raise ApiError(403, "admins only", "forbidden_role")
    return render(request, "users.html", {"users": auth.list_users(db)})


@router.post("/users")
def users_add(
    request: Request,
    username: str = Form(..., max_length=64),
    role: str = Form("viewer"),
    _a: Principal = Depends(require_admin),
    p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Create a user and show their one-time password once."""
    try:
        user, pw = auth.create_user(db, username, role)
    except AuthError as exc:
        return render(request, "users.html", {"users": auth.list_users(db), "flash": str(exc), "flash_kind": "err"})
    record(db, p.username, "user_create", "user", user.username, None, {"role": role})
    db.commit()
    return render(request, "users.html", {"users": auth.list_users(db), "created": (user.username, pw)})
