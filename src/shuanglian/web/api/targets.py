"""Targets (任务书): list, task-book page, outcome review/relink, milestones, chart, overdue, task-book import."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, Depends, File, Query, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from shuanglian.services import targets as svc
from shuanglian.web.api.registers import MAX_IMPORT_BYTES, file_format
from shuanglian.web.auth import Principal
from shuanglian.web.deps import Paging, get_db, page_envelope, paging, require_editor, require_viewer
from shuanglian.web.errors import ApiError

router = APIRouter(prefix="/api", tags=["targets"])


@contextmanager
def service_errors() -> Iterator[None]:
    """Unknown ids -> 404, invalid input -> 422, unreadable files -> 422 (one place for every route)."""
    try:
        yield
    except svc.UnknownTarget as exc:
        raise ApiError(404, str(exc.args[0]), "unknown_id") from exc
    except svc.TableFormatError as exc:
        raise ApiError(422, str(exc), "bad_file") from exc
    except ValueError as exc:
        raise ApiError(422, str(exc), "invalid") from exc


class ReviewBody(BaseModel):
    """Accept or reject a proposed outcome link."""

    action: str = Field(pattern="^(accept|reject)$")


class RelinkBody(BaseModel):
    """Make another reported figure (an id from /candidates) the outcome."""

    actual_id: int


class NoOutcomeBody(BaseModel):
    """A reviewer's judgement that no outcome of the target is reported (未见公开结果), with a note."""

    note: str | None = Field(None, max_length=svc.MAX_NOTE)


class MilestoneBody(BaseModel):
    """A roadmap step: title, planned and actual dates (YYYY-MM-DD), note."""

    title: str = Field(min_length=1, max_length=500)
    planned: str | None = None
    actual: str | None = None
    note: str | None = Field(None, max_length=2000)


class MilestoneUpdate(BaseModel):
    """Mark a milestone done (actual date) or move its planned date."""

    actual: str | None = None
    planned: str | None = None


@router.get("/targets")
def list_targets(
    region: str | None = Query(None, max_length=64),
    year: int | None = Query(None, ge=1900, le=2200),
    status: str | None = Query(None, pattern="^(met|missed|in_progress|unknown)$"),
    main: bool | None = Query(None, description="only main expected targets"),
    pg: Paging = Depends(paging),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Targets with outcome and status (newest year first)."""
    page = svc.list_targets(db, region, year, status, main, pg.limit, pg.offset)
    return page_envelope(page["items"], page["total"], pg)


@router.get("/targets/chart")
def chart(region: str | None = Query(None, max_length=64), _p: Principal = Depends(require_viewer),
          db: Session = Depends(get_db)) -> dict:
    """Promises vs outcomes per year for a region's main targets."""
    return svc.promises_chart(db, region)


@router.get("/targets/overdue")
def overdue(region: str | None = Query(None, max_length=64), _p: Principal = Depends(require_viewer),
            db: Session = Depends(get_db)) -> dict:
    """Overdue and at-risk targets."""
    return svc.overdue_targets(db, region)


@router.post("/targets/import")
async def import_taskbook(
    file: UploadFile = File(..., description="a task book (.xlsx or .csv)"),
    dry_run: bool = Query(True, description="true: only validate (default)"),
    p: Principal = Depends(require_editor),
    db: Session = Depends(get_db),
) -> dict:
    """Import a task book: one target per row; errors name the row and column."""
    data = await file.read()
    if len(data) > MAX_IMPORT_BYTES:
        raise ApiError(413, "file too large")
    with service_errors():
        rep = svc.import_taskbook(db, data, file_format(file.filename), p.username, dry_run=dry_run)
        if not dry_run:
            svc.relink(db, [t for t in (db.get(svc.TargetRow, i) for i in rep.target_ids) if t is not None])
    return rep.to_json()


@router.post("/targets/rebuild")
def rebuild(_p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Recompute document targets from every stored document and relink outcomes."""
    return svc.rebuild_targets(db)


@router.get("/targets/{target_id}")
def get_target(target_id: str, _p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """A target's task-book page: links (evidence timeline), milestones, projects."""
    with service_errors():
        return svc.get_target(db, target_id)


@router.get("/targets/{target_id}/candidates")
def candidates(target_id: str, _p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """Reported figures a reviewer may link as the outcome instead."""
    with service_errors():
        return {"items": svc.candidates(db, target_id)}


@router.post("/targets/{target_id}/links/{link_id}")
def review(target_id: str, link_id: int, body: ReviewBody, p: Principal = Depends(require_editor),
           db: Session = Depends(get_db)) -> dict:
    """Accept or reject a proposed outcome link; status is recomputed."""
    with service_errors():
        return svc.review_link(db, target_id, link_id, body.action, p.username)


@router.post("/targets/{target_id}/relink")
def relink(target_id: str, body: RelinkBody, p: Principal = Depends(require_editor),
           db: Session = Depends(get_db)) -> dict:
    """Link another reported figure as the outcome."""
    with service_errors():
        return svc.choose_candidate(db, target_id, body.actual_id, p.username)


@router.post("/targets/{target_id}/no-outcome")
def mark_no_outcome(target_id: str, body: NoOutcomeBody | None = None, p: Principal = Depends(require_editor),
                    db: Session = Depends(get_db)) -> dict:
    """Judge that no outcome is reported (未见公开结果): no outcome is proposed any more, the status is unknown
    with the note (audited; kept across rebuilds). The body (a note) may be left out."""
    with service_errors():
        return svc.mark_no_outcome(db, target_id, p.username, body.note if body else None)


@router.delete("/targets/{target_id}/no-outcome")
def undo_no_outcome(target_id: str, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Undo the "no outcome reported" judgement: outcome proposals resume (audited); 422 if there is none."""
    with service_errors():
        return svc.undo_no_outcome(db, target_id, p.username)


@router.post("/targets/{target_id}/milestones", status_code=201)
def add_milestone(target_id: str, body: MilestoneBody, p: Principal = Depends(require_editor),
                  db: Session = Depends(get_db)) -> dict[str, Any]:
    """Add a roadmap milestone to a target."""
    with service_errors():
        return svc.add_milestone(db, p.username, body.title, body.planned, body.actual, body.note, target_id=target_id)


@router.patch("/milestones/{milestone_id}")
def update_milestone(milestone_id: int, body: MilestoneUpdate, p: Principal = Depends(require_editor),
                     db: Session = Depends(get_db)) -> dict[str, Any]:
    """Mark a milestone done or move it."""
    with service_errors():
        return svc.update_milestone(db, milestone_id, p.username, body.actual, body.planned)
