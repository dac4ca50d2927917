"""Pages: targets (任务书) list with the promises-vs-outcomes chart, a task-book page per target, and the
overdue / at-risk lists. Forms post here and redirect back (PRG)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shuanglian.services import targets as svc
from shuanglian.web.api.targets import service_errors
from shuanglian.web.auth import Principal
from shuanglian.web.deps import MAX_PAGE, get_db, require_editor
from shuanglian.web.pages.common import page_user, redirect
from shuanglian.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/targets")
def targets_page(
    request: Request,
    region: str = Query("", max_length=64),
    year: str = Query("", max_length=4),
    status: str = Query("", pattern="^(|met|missed|in_progress|unknown)$"),
    main: bool = Query(False),
    limit: int = Query(50, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Filterable list of targets plus the promises-vs-outcomes chart of the region."""
    y = int(year) if year.isdigit() else None
    page = svc.list_targets(db, region or None, y, status or None, True if main else None, limit, offset)
    regions = svc.regions(db)
    chart_region = region or (regions[0] if regions else None)
    return render(request, "targets.html", {
        "page": page, "region": region, "year": year, "status": status, "main": main, "limit": limit,
        "offset": offset, "regions": regions, "statuses": svc.STATUSES,
        "chart": svc.promises_chart(db, chart_region) if chart_region else None, "chart_region": chart_region,
    })


@router.get("/targets/overdue")
def overdue_page(request: Request, region: str = Query("", max_length=64), _p: Principal = Depends(page_user),
                 db: Session = Depends(get_db)) -> Response:
    """Overdue and at-risk targets."""
    return render(request, "targets_overdue.html", {"lists": svc.overdue_targets(db, region or None), "region": region,
                                                     })


@router.get("/targets/{target_id}")
def target_page(target_id: str, request: Request, _p: Principal = Depends(page_user),
                db: Session = Depends(get_db)) -> Response:
    """The task-book page of one target: owner, deadline, outcome, evidence timeline, milestones."""
    with service_errors():
        t = svc.get_target(db, target_id)
    return render(request, "target.html", {"tg": t})


@router.post("/targets/{target_id}/links/{link_id}/{action}")
def review(target_id: str, link_id: int, action: str, p: Principal = Depends(require_editor),
           _u: Principal = Depends(page_user), db: Session = Depends(get_db)) -> Response:
    """Accept or reject a proposed outcome."""
    with service_errors():
        svc.review_link(db, target_id, link_id, action, p.username)
    db.commit()
    return redirect(f"/targets/{target_id}")


@router.post("/targets/{target_id}/no-outcome")
def mark_no_outcome(target_id: str, note: str = Form("", max_length=svc.MAX_NOTE),
                    p: Principal = Depends(require_editor), _u: Principal = Depends(page_user),
                    db: Session = Depends(get_db)) -> Response:
    """Judge from the task-book page that no outcome is reported (未见公开结果), with a note."""
    with service_errors():
        svc.mark_no_outcome(db, target_id, p.username, note or None)
    db.commit()
    return redirect(f"/targets/{target_id}")


@router.post("/targets/{target_id}/no-outcome/undo")
def undo_no_outcome(target_id: str, p: Principal = Depends(require_editor), _u: Principal = Depends(page_user),
                    db: Session = Depends(get_db)) -> Response:
    """Undo the "no outcome reported" judgement from the task-book page: proposals resume."""
    with service_errors():
        svc.undo_no_outcome(db, target_id, p.username)
    db.commit()
    return redirect(f"/targets/{target_id}")


@router.post("/targets/{target_id}/milestones")
def add_milestone(
    target_id: str,
    title: str = Form(..., max_length=500),
    planned: str = Form("", max_length=10),
    note: str = Form("", max_length=2000),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Add a roadmap milestone from the task-book page."""
    with service_errors():
        svc.add_milestone(db, p.username, title, planned or None, None, note or None, target_id=target_id)
    db.commit()
    return redirect(f"/targets/{target_id}")
