"""Key projects (项目经理人制): register, manager, milestones, status, investment, links, flags,
notifications, 重点项目清单 import/export. Editors change any project; a manager changes their own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from shuanglian.projects.tables import ProjectRow
from shuanglian.services import projects as svc
from shuanglian.web.api.registers import MAX_IMPORT_BYTES, MEDIA, file_format
from shuanglian.web.api.targets import MilestoneBody
from shuanglian.web.auth import Principal
from shuanglian.web.deps import (
    Paging,
    get_db,
    page_envelope,
    paging,
    require_editor,
    require_login_write,
    require_viewer,
)
from shuanglian.web.errors import ApiError

router = APIRouter(prefix="/api", tags=["projects"])


@contextmanager
def service_errors() -> Iterator[None]:
    """Unknown ids -> 404, invalid input or unreadable files -> 422."""
    try:
        yield
    except svc.UnknownProject as exc:
        raise ApiError(404, str(exc.args[0]), "unknown_id") from exc
    except svc.TableFormatError as exc:
        raise ApiError(422, str(exc), "bad_file") from exc
    except ValueError as exc:
        raise ApiError(422, str(exc), "invalid") from exc


def may_change(db: Session, project_id: str, p: Principal) -> None:
    """Editors/admins change any project; a viewer only the projects they manage (else 403)."""
    row = db.get(ProjectRow, project_id)
    if row is None:
        raise ApiError(404, f"unknown project {project_id!r}", "unknown_id")
    if not p.can_write() and row.manager_user != p.username:
        raise ApiError(403, "only editors or the project's manager may change it", "forbidden_role")


class ManagerBody(BaseModel):
    """A project manager: a user account and/or a named person with a contact."""

    user: str | None = Field(None, max_length=64)
    name: str | None = Field(None, max_length=128)
    contact: str | None = Field(None, max_length=128)


class StatusBody(BaseModel):
    """A status change with the date it holds from and its source (document id) or a note."""

    status: str = Field(max_length=16)
    at: str | None = None
    source: str | None = Field(None, max_length=200)
    note: str | None = Field(None, max_length=2000)


class InvestmentBody(BaseModel):
    """Investment in 元: completed so far, planned this year, total."""

    completed: float | None = None
    planned: float | None = None
    total: float | None = None


class LinkBody(BaseModel):
    """A link to a target, a chain link or an enterprise."""

    kind: str = Field(pattern="^(target|chain_link|enterprise)$")
    ref_id: str = Field(min_length=1, max_length=128)
    label: str | None = Field(None, max_length=256)


@router.get("/projects")
def list_projects(
    manager: str | None = Query(None, max_length=64, description="a manager's username"),
    mine: bool = Query(False, description="only the projects I manage"),
    flagged: bool | None = Query(None, description="overdue milestones or stalled"),
    q: str | None = Query(None, max_length=100),
    pg: Paging = Depends(paging),
    p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Projects with manager, investment and flags."""
    page = svc.list_projects(db, p.username if mine else manager, flagged, q, pg.limit, pg.offset)
    return page_envelope(page["items"], page["total"], pg)


@router.get("/projects/flags")
def project_flags(_p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """Overdue milestones and stalled projects."""
    return svc.flags(db)


@router.post("/projects/flags/notify")
def notify(_p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Notify managers of their overdue milestones and stalled projects (once per item)."""
    return {"created": svc.notify_flags(db)}


@router.post("/projects/sync")
def sync(_p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Add records for project entities found in documents."""
    return {"created": svc.sync_from_graph(db)}


@router.get("/projects/export")
def export(format: str = Query("xlsx", pattern="^(csv|xlsx)$"), _p: Principal = Depends(require_viewer),
           db: Session = Depends(get_db)) -> Response:
    """Every project as a 重点项目清单 (XLSX or CSV)."""
    data = svc.export_projects(db, format)
    return Response(data, media_type=MEDIA[format],
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote('重点项目清单.' + format)}"})


@router.post("/projects/import")
async def import_projects(
    file: UploadFile = File(..., description="重点项目清单 (.xlsx or .csv)"),
    dry_run: bool = Query(True, description="true: only validate (default)"),
    p: Principal = Depends(require_editor),
    db: Session = Depends(get_db),
) -> dict:
    """Validate (default) or import a 重点项目清单; errors name the row and column."""
    data = await file.read()
    if len(data) > MAX_IMPORT_BYTES:
        raise ApiError(413, "file too large")
    with service_errors():
        return svc.import_projects(db, data, file_format(file.filename), p.username, dry_run).to_json()


@router.get("/projects/{project_id}")
def get_project(project_id: str, _p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """A project: manager, milestones, status history, links, flags, audit."""
    with service_errors():
        return svc.get_project(db, project_id)


@router.post("/projects/{project_id}/manager")
def assign(project_id: str, body: ManagerBody, p: Principal = Depends(require_editor),
           db: Session = Depends(get_db)) -> dict:
    """Assign the project manager (editors only; the manager is notified)."""
    with service_errors():
        return svc.assign_manager(db, project_id, p.username, body.user, body.name, body.contact)


@router.post("/projects/{project_id}/milestones", status_code=201)
def add_milestone(project_id: str, body: MilestoneBody, p: Principal = Depends(require_login_write),
                  db: Session = Depends(get_db)) -> dict[str, Any]:
    """Add a milestone (editors, or the project's manager)."""
    may_change(db, project_id, p)
    with service_errors():
        return svc.add_project_milestone(db, project_id, p.username, body.title, body.planned, body.actual, body.note)


@router.post("/projects/{project_id}/status")
def set_status(project_id: str, body: StatusBody, p: Principal = Depends(require_login_write),
               db: Session = Depends(get_db)) -> dict:
    """Record a status change with its source (editors, or the project's manager)."""
    may_change(db, project_id, p)
    with service_errors():
        return svc.set_status(db, project_id, p.username, body.status, body.at, body.source, body.note)


@router.post("/projects/{project_id}/investment")
def set_investment(project_id: str, body: InvestmentBody, p: Principal = Depends(require_login_write),
                   db: Session = Depends(get_db)) -> dict:
    """Update planned/completed/total investment (editors, or the project's manager)."""
    may_change(db, project_id, p)
    with service_errors():
        return svc.set_investment(db, project_id, p.username, body.completed, body.planned, body.total)


@router.post("/projects/{project_id}/links", status_code=201)
def add_link(project_id: str, body: LinkBody, p: Principal = Depends(require_editor),
             db: Session = Depends(get_db)) -> dict:
    """Link the project to a target, a chain link or an enterprise (editors)."""
    with service_errors():
        return svc.add_link(db, project_id, p.username, body.kind, body.ref_id, body.label)


@router.get("/notifications")
def my_notifications(unread: bool = Query(False), p: Principal = Depends(require_viewer),
                     db: Session = Depends(get_db)) -> dict:
    """My in-app notifications, newest first."""
    return {"items": svc.notifications(db, p.username, unread)}


@router.post("/notifications/{notification_id}/read")
def read(notification_id: int, p: Principal = Depends(require_login_write), db: Session = Depends(get_db)) -> dict:
    """Mark one of my notifications read."""
    with service_errors():
        svc.mark_read(db, p.username, notification_id)
    return {"ok": True}
