"""The dashboard: counts per register and chain, recent documents, official-visit timeline, charts."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shuanglian.services import documents as docs
from shuanglian.web import overview
from shuanglian.web.auth import Principal
from shuanglian.web.deps import get_db
from shuanglian.web.pages.common import page_user
from shuanglian.web.templating import render
from shuanglian.web.translate import LANG_COOKIE, pick_lang

router = APIRouter(include_in_schema=False)


@router.get("/")
def dashboard(request: Request, _p: Principal = Depends(page_user), db: Session = Depends(get_db)) -> Response:
    """Overview of what the database holds."""
    recent = docs.list_documents(db, limit=8, sort="-created")
    data = overview.dashboard_data(db, pick_lang(request.cookies.get(LANG_COOKIE)))
    from shuanglian.services.registers import official_overview
    from shuanglian.web.pages.prefs import region_for

    region = region_for(request, db, request.query_params.get("region"))
    return render(request, "dashboard.html", {
        "recent": [docs.document_summary(r) for r in recent.items],
        "n_documents": recent.total,
        "official": official_overview(db, region or None), "official_region": region,
        **data,
    })
