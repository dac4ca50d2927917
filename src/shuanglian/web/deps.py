"""FastAPI dependencies: database session, who is asking, role and CSRF checks, pagination."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from shuanglian.store.db import session_scope
from shuanglian.web import auth
from shuanglian.web.auth import Principal
from shuanglian.web.errors import ApiError

SESSION_COOKIE = "sl_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
MAX_PAGE = 200


READ_METHODS = ("GET", "HEAD")


def get_db(request: Request) -> Iterator[Session]:
    """A transactional session on the app's database (commit on success, rollback on error). GET and
    HEAD requests get the read-only pool: a read never takes the write lock, and a route that tries
    to write on a read fails loudly instead of queueing behind an ingest."""
    with session_scope(request.app.state.db_url, readonly=request.method in READ_METHODS) as session:
        yield session


def get_principal(request: Request, db: Session = Depends(get_db)) -> Principal | None:
    """The user behind a Bearer token or a session cookie, or None for anonymous clients."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        principal = auth.principal_from_token(db, header[7:].strip())
        if principal is None:
            raise ApiError(401, "invalid API token", "invalid_token")
        return principal
    sid = request.cookies.get(SESSION_COOKIE)
    return auth.principal_from_session(db, sid) if sid else None


# Accounts of the open-challenge flow (揭榜方, 评审专家) are external: they reach their own account and
# the challenge routes only, never the internal data.
EXTERNAL_ROLES = ("applicant", "reviewer")
EXTERNAL_API = ("/api/auth/", "/api/challenges", "/api/applications", "/api/milestones", "/api/public/")


def refuse_one_time(principal: Principal) -> None:
    """A session opened with a one-time password may only change that password (and log out)."""
    if principal.must_change_password:
        raise ApiError(403, "change the one-time password first (POST /api/auth/password)",
                       "password_change_required")


def require_login(principal: Principal | None = Depends(get_principal)) -> Principal:
    """Any logged-in user, even one who must still change a one-time password (who am I)."""
    if principal is None:
        raise ApiError(401, "log in or send an API token (Authorization: Bearer ...)")
    return principal


def require_viewer(request: Request, principal: Principal | None = Depends(get_principal)) -> Principal:
    """Any logged-in user (reads need a login: the data is internal); external roles: challenge routes only."""
    if principal is None:
        raise ApiError(401, "log in or send an API token (Authorization: Bearer ...)")
    refuse_one_time(principal)
    if principal.role in EXTERNAL_ROLES and not request.url.path.startswith(EXTERNAL_API):
        raise ApiError(403, f"role {principal.role!r} sees the open challenges only", "forbidden_role")
    return principal


async def check_csrf(request: Request, principal: Principal) -> None:
    """Cookie-authenticated writes must echo the session's CSRF token (header or form field)."""
    if principal.via != "session":
        return  # Bearer tokens are not sent automatically by browsers, so they cannot be forged cross-site
    sent = request.headers.get(CSRF_HEADER)
    if not sent and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not principal.csrf_token or not secrets.compare_digest(sent, principal.csrf_token):
        raise ApiError(403, "missing or wrong CSRF token", "csrf_failed")


async def require_editor(request: Request, principal: Principal | None = Depends(get_principal)) -> Principal:
    """Editors and admins may change data; anonymous -> 401, viewer -> 403, bad CSRF -> 403."""
    if principal is None:
        raise ApiError(401, "log in or send an API token to change data")
    if not principal.can_write():
        raise ApiError(403, f"role {principal.role!r} may not change data", "forbidden_role")
    await check_csrf(request, principal)
    refuse_one_time(principal)
    return principal


async def require_admin(request: Request, principal: Principal | None = Depends(get_principal)) -> Principal:
    """Admins only (user management)."""
    if principal is None:
        raise ApiError(401, "log in as an admin")
    if principal.role != "admin":
        raise ApiError(403, "admins only", "forbidden_role")
    await check_csrf(request, principal)
    refuse_one_time(principal)
    return principal


async def require_login_write(
    request: Request, principal: Principal | None = Depends(get_principal)
) -> Principal:
    """Any logged-in user changing their own account (password, tokens); CSRF still checked."""
    if principal is None:
        raise ApiError(401, "log in first")
    await check_csrf(request, principal)
    return principal


@dataclass(frozen=True)
class Paging:
    """limit/offset pagination with a hard maximum page size."""

    limit: int
    offset: int


def paging(
    limit: int = Query(50, ge=1, le=MAX_PAGE, description=f"page size (max {MAX_PAGE})"),
    offset: int = Query(0, ge=0, description="rows to skip"),
) -> Paging:
    """Read `limit` and `offset` from the query string."""
    return Paging(limit, offset)


def page_envelope(items: list, total: int | None, pg: Paging) -> dict:
    """Standard list response: items plus paging info (next_offset is null on the last page)."""
    more = len(items) == pg.limit if total is None else pg.offset + len(items) < total
    return {
        "items": items,
        "total": total,
        "limit": pg.limit,
        "offset": pg.offset,
        "next_offset": pg.offset + len(items) if more else None,
    }
