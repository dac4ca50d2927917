"""Pages: key projects (项目经理人制) — list with flags and import/export, a page per project (manager,
milestones, status, investment, links, audit), the overdue list, and my notifications."""

from __future__ import annotations

import base64
import binascii

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.services import projects as svc
from shuanglian.store.auth_tables import User
from shuanglian.web.api.projects import may_change, service_errors
from shuanglian.web.api.registers import MAX_IMPORT_BYTES, file_format
from shuanglian.web.auth import Principal
from shuanglian.web.deps import get_db, require_editor, require_login_write
from shuanglian.web.errors import ApiError
from shuanglian.web.pages.common import page_user, redirect
from shuanglian.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/projects")
def projects_page(
    request: Request,
    mine: bool = Query(False),
    flagged: bool = Query(False),
    q: str = Query("", max_length=100),
    p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Projects with manager and flags; `mine` = the projects I manage."""
    page = svc.list_projects(db, p.username if mine else None, True if flagged else None, q or None, limit=None)
    return render(request, "projects.html", {"page": page, "mine": mine, "flagged": flagged, "q": q,
                                             "flags": svc.flags(db),
                                             "unread": len(svc.notifications(db, p.username, unread_only=True)),
                                             })


@router.get("/projects/overdue")
def overdue_page(request: Request, _p: Principal = Depends(page_user), db: Session = Depends(get_db)) -> Response:
    """Overdue milestones and stalled projects."""
    return render(request, "projects_overdue.html", {"flags": svc.flags(db)})


@router.post("/projects/import")
async def import_page(
    request: Request,
    file: UploadFile | None = File(None),
    payload: str = Form(""),
    filename: str = Form(""),
    commit: bool = Form(False),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Upload -> preview of every bad row and cell; the preview's confirm button imports the good rows."""
    if file is not None and file.filename:
        data, filename = await file.read(), file.filename
    elif payload:
        try:
            data = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ApiError(422, "the preview was damaged; upload the file again", "bad_payload") from exc
    else:
        raise ApiError(422, "choose a .csv or .xlsx file", "no_file")
    if len(data) > MAX_IMPORT_BYTES:
        raise ApiError(413, "file too large")
    with service_errors():
        rep = svc.import_projects(db, data, file_format(filename), p.username, dry_run=not commit)
    if commit:
        db.commit()
    return render(request, "projects_import.html", {
        "report": rep.to_json(), "filename": filename, "committed": commit,
        "payload": base64.b64encode(data).decode() if not commit else "",
    })


@router.get("/projects/{project_id}")
def project_page(project_id: str, request: Request, p: Principal = Depends(page_user),
                 db: Session = Depends(get_db)) -> Response:
    """One project: manager (assign form for editors), milestones, status history, investment, links, audit."""
    with service_errors():
        proj = svc.get_project(db, project_id)
    users = list(db.scalars(select(User.username).where(User.disabled.is_(False)).order_by(User.username))) if p.can_write() else []
    can_change = p.can_write() or (proj["manager"] or {}).get("user") == p.username
    return render(request, "project.html", {"p": proj, "users": users, "can_change": can_change,
                                            "statuses": svc.project_spec()["statuses"]})


@router.post("/projects/{project_id}/manager")
def assign(
    project_id: str,
    manager_user: str = Form("", max_length=64),
    name: str = Form("", max_length=128),
    contact: str = Form("", max_length=128),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Assign the project manager (editors)."""
    with service_errors():
        svc.assign_manager(db, project_id, p.username, manager_user or None, name or None, contact or None)
    db.commit()
    return redirect(f"/projects/{project_id}")


@router.post("/projects/{project_id}/milestones")
def add_milestone(
    project_id: str,
    title: str = Form(..., max_length=500),
    planned: str = Form("", max_length=10),
    actual: str = Form("", max_length=10),
    p: Principal = Depends(require_login_write),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Add a milestone (editors or the manager)."""
    may_change(db, project_id, p)
    with service_errors():
        svc.add_project_milestone(db, project_id, p.username, title, planned or None, actual or None)
    db.commit()
    return redirect(f"/projects/{project_id}")


@router.post("/projects/{project_id}/status")
def set_status(
    project_id: str,
    status: str = Form(..., max_length=16),
    at: str = Form("", max_length=10),
    note: str = Form("", max_length=2000),
    p: Principal = Depends(require_login_write),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Record a status change (editors or the manager)."""
    may_change(db, project_id, p)
    with service_errors():
        svc.set_status(db, project_id, p.username, status, at or None, None, note or None)
    db.commit()
    return redirect(f"/projects/{project_id}")


@router.post("/projects/{project_id}/links")
def add_link(
    project_id: str,
    kind: str = Form(..., max_length=16),
    ref_id: str = Form(..., max_length=128),
    label: str = Form("", max_length=256),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Link the project to a target (id), a chain link or an enterprise (entity id) — editors."""
    with service_errors():
        svc.add_link(db, project_id, p.username, kind, ref_id.strip(), label or None)
    db.commit()
    return redirect(f"/projects/{project_id}")


@router.get("/notifications")
def notifications_page(request: Request, p: Principal = Depends(page_user), db: Session = Depends(get_db)) -> Response:
    """My notifications."""
    return render(request, "notifications.html", {"items": svc.notifications(db, p.username)})


@router.post("/notifications/{notification_id}/read")
def read(notification_id: int, p: Principal = Depends(require_login_write), _u: Principal = Depends(page_user),
         db: Session = Depends(get_db)) -> Response:
    """Mark a notification read."""
    with service_errors():
        svc.mark_read(db, p.username, notification_id)
    db.commit()
    return redirect("/notifications")
