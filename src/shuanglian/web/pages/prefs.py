"""Pages: the user's default region (registers and chain maps open on it)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shuanglian.web.auth import Principal
from shuanglian.web.deps import get_db, require_login_write
from shuanglian.web.pages.common import page_user, redirect
from shuanglian.web.prefs import get_pref, set_pref

router = APIRouter(include_in_schema=False)


@router.post("/account/region")
def set_default_region(
    region: str = Form("", max_length=64),
    p: Principal = Depends(require_login_write),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Remember the region registers and chain maps open on ('' clears it)."""
    set_pref(db, p.username, "default_region", region)
    db.commit()
    return redirect("/account")


def region_for(request: Request, db: Session, asked: str | None) -> str:
    """The region a page shows: the one asked for (even empty: 'all regions'), else the user's default."""
    if "region" in request.query_params:
        return asked or ""
    principal = getattr(request.state, "principal", None)
    return get_pref(db, principal.username, "default_region") if principal is not None else ""
