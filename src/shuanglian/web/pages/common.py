"""Helpers shared by the page routers: who is looking, redirects, form CSRF for the login page."""

from __future__ import annotations

import secrets
from urllib.parse import urlparse

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from shuanglian.web.auth import Principal
from shuanglian.web.deps import EXTERNAL_ROLES, get_db, get_principal
from shuanglian.web.errors import ApiError, Redirect

LOGIN_CSRF_COOKIE = "sl_csrf"
EXTERNAL_PAGES = ("/account", "/challenges", "/applications", "/milestones", "/open-challenges")


def page_user(request: Request, principal: Principal | None = Depends(get_principal)) -> Principal:
    """A logged-in user for a page (anonymous -> login page); remembered on request.state for templates."""
    if principal is None:
        raise ApiError(401, "log in first")
    request.state.principal = principal
    if principal.must_change_password and request.url.path not in ("/account", "/account/password"):
        raise Redirect("/account")
    if principal.role in EXTERNAL_ROLES and not request.url.path.startswith(EXTERNAL_PAGES):
        raise Redirect("/challenges")  # applicants and reviewers work in the challenge pages only
    return principal


def redirect(url: str) -> RedirectResponse:
    """303 See Other (a POST followed by GET)."""
    return RedirectResponse(url, status_code=303)


def safe_next(target: str | None) -> str:
    """Only same-site relative paths may be used after login (no open redirect)."""
    if not target:
        return "/"
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def login_csrf(request: Request) -> str:
    """The double-submit token for the login form (cookie value, created when missing)."""
    return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)


__all__ = ["Session", "get_db", "page_user", "redirect", "safe_next", "login_csrf", "LOGIN_CSRF_COOKIE"]
