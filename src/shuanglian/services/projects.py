"""Project services (项目经理人制) for the CLI, HTTP API and web app: the managed projects register,
manager assignment, milestones, status history, investment, links, flags (overdue/stalled),
notifications, and 重点项目清单 import/export. Every change is written to the audit log.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.graph.audit import audit_log, record
from shuanglian.graph.tables import Entity
from shuanglian.projects.tables import NotificationRow, ProjectLinkRow, ProjectRow, ProjectStatusRow
from shuanglian.projects.tabular import TableFormatError, parse_projects, project_spec, write_projects
from shuanglian.store.auth_tables import User
from shuanglian.store.documents import utcnow
from shuanglian.targets.tables import MilestoneRow

__all__ = ["TableFormatError", "UnknownProject", "project_spec", "add_link", "add_project_milestone", "assign_manager", "export_projects",
           "flags", "get_project", "import_projects", "list_projects", "mark_read", "notifications", "notify_flags",
           "set_investment", "set_status", "sync_from_graph"]


class UnknownProject(LookupError):
    """No project with that id (or a reference that does not exist)."""


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _project(session: Session, pid: str) -> ProjectRow:
    p = session.get(ProjectRow, pid)
    if p is None:
        raise UnknownProject(f"unknown project {pid!r}")
    return p


def _fields(p: ProjectRow) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "origin": p.origin, "builder": p.builder, "content": p.content, "region": p.region,
        "total_investment": p.total_investment, "planned_investment": p.planned_investment,
        "completed_investment": p.completed_investment, "start_date": p.start_date, "end_date": p.end_date,
        "responsible_unit": p.responsible_unit, "responsible_person": p.responsible_person, "status": p.status,
        "manager": None if not (p.manager_user or p.manager_name) else
        {"user": p.manager_user, "name": p.manager_name, "contact": p.manager_contact},
        "manager_name": p.manager_name, "manager_contact": p.manager_contact,
        "last_activity": _aware(p.last_activity).isoformat() if p.last_activity else None,
    }


def _touch(p: ProjectRow) -> None:
    p.last_activity = utcnow()


def _flags_of(p: ProjectRow, milestones: list[MilestoneRow], today: date, stalled_days: int) -> dict[str, Any]:
    late = [m for m in milestones if m.planned and not m.actual and m.planned < today.isoformat()]
    last = _aware(p.last_activity).date() if p.last_activity else today
    done = p.status in ("建成", "投产")
    stalled = not done and (today - last).days >= stalled_days
    return {"overdue_milestones": len(late), "stalled": stalled, "flagged": bool(late) or stalled}


def sync_from_graph(session: Session) -> int:
    """Bring every managed record in line with the project entities now (the projects projector's rebuild;
    every write already does this incrementally); returns the records created."""
    from shuanglian.projects.projection import ProjectsProjector

    return ProjectsProjector().sync_all(session)


def list_projects(session: Session, manager: str | None = None, flagged: bool | None = None, q: str | None = None,
                  limit: int | None = 50, offset: int = 0, today: date | None = None) -> dict[str, Any]:
    """A page of projects with manager and flags; `manager` = a username (a manager's own projects)."""
    today = today or date.today()
    stalled_days = int(project_spec()["stalled_days"])
    query = select(ProjectRow)
    if manager:
        query = query.where(ProjectRow.manager_user == manager)
    if q:
        query = query.where(ProjectRow.name.contains(q))
    rows = list(session.scalars(query.order_by(ProjectRow.name, ProjectRow.id)))
    ms: dict[str, list[MilestoneRow]] = {}
    if rows:
        for m in session.scalars(select(MilestoneRow).where(MilestoneRow.project_id.isnot(None))):
            ms.setdefault(m.project_id or "", []).append(m)
    items = []
    for p in rows:
        obj = {**_fields(p), **_flags_of(p, ms.get(p.id, []), today, stalled_days)}
        if flagged is None or obj["flagged"] == flagged:
            items.append(obj)
    total = len(items)
    end = None if limit is None else offset + limit
    return {"total": total, "items": items[offset:end]}


def get_project(session: Session, pid: str, today: date | None = None) -> dict[str, Any]:
    """One project: fields, manager, milestones, status history, links, flags and its audit entries."""
    from shuanglian.services.targets import milestone_json

    today = today or date.today()
    p = _project(session, pid)
    ms = list(session.scalars(select(MilestoneRow).where(MilestoneRow.project_id == pid).order_by(MilestoneRow.planned, MilestoneRow.id)))
    hist = session.scalars(select(ProjectStatusRow).where(ProjectStatusRow.project_id == pid).order_by(ProjectStatusRow.at, ProjectStatusRow.id))
    links = session.scalars(select(ProjectLinkRow).where(ProjectLinkRow.project_id == pid).order_by(ProjectLinkRow.id))
    return {
        **_fields(p), **_flags_of(p, ms, today, int(project_spec()["stalled_days"])),
        "milestones": [milestone_json(m, today) for m in ms],
        "status_history": [{"id": h.id, "status": h.status, "at": h.at, "source": h.source, "note": h.note} for h in hist],
        "links": [{"id": ln.id, "kind": ln.kind, "ref_id": ln.ref_id, "label": ln.label} for ln in links],
        "audit": audit_log(session, limit=50, object_id=pid)["items"],
    }


def _notify(session: Session, user: str | None, kind: str, message: str, link: str, key: str | None = None) -> None:
    if not user:
        return
    if key and session.scalar(select(NotificationRow.id).where(NotificationRow.key == key, NotificationRow.user == user)):
        return  # already told
    session.add(NotificationRow(user=user, kind=kind, message=message, link=link, key=key))


def assign_manager(session: Session, pid: str, user: str, manager_user: str | None, name: str | None = None,
                   contact: str | None = None) -> dict[str, Any]:
    """Assign a project manager (a user account and/or a person with a contact); notifies and audits."""
    p = _project(session, pid)
    if manager_user and session.scalar(select(User.id).where(User.username == manager_user)) is None:
        raise UnknownProject(f"manager: no user {manager_user!r}")
    if not (manager_user or (name and name.strip())):
        raise ValueError("manager: give a user or a name")
    before = _fields(p)["manager"]
    p.manager_user, p.manager_name, p.manager_contact = manager_user or None, (name or manager_user or "").strip() or None, (contact or "").strip() or None
    _touch(p)
    session.flush()
    after = _fields(p)["manager"]
    record(session, user, "project_manager", "project", pid, before, after)
    _notify(session, manager_user, "assigned", f"你已被指定为项目经理：{p.name}", f"/projects/{pid}")
    return get_project(session, pid)


def set_status(session: Session, pid: str, user: str, status: str, at: str | None = None, source: str | None = None,
               note: str | None = None) -> dict[str, Any]:
    """Record a status change with its source (document id or the user); audited."""
    p = _project(session, pid)
    statuses = project_spec()["statuses"]
    if status not in statuses:
        raise ValueError(f"status: '{status}' is not one of {'/'.join(statuses)}")
    day = date.fromisoformat(at[:10]).isoformat() if at else date.today().isoformat()
    before = p.status
    p.status = status
    session.add(ProjectStatusRow(project_id=pid, status=status, at=day, source=source or f"user:{user}", note=note))
    _touch(p)
    session.flush()
    record(session, user, "project_status", "project", pid, before, status)
    _notify(session, p.manager_user if p.manager_user != user else None, "status", f"{p.name}：状态改为{status}", f"/projects/{pid}")
    return get_project(session, pid)


def set_investment(session: Session, pid: str, user: str, completed: float | None = None, planned: float | None = None,
                   total: float | None = None) -> dict[str, Any]:
    """Update planned/completed/total investment (元); audited."""
    p = _project(session, pid)
    before = {"total": p.total_investment, "planned": p.planned_investment, "completed": p.completed_investment}
    for v, name in ((completed, "completed"), (planned, "planned"), (total, "total")):
        if v is not None and v < 0:
            raise ValueError(f"{name}: investment cannot be negative")
    if completed is not None:
        p.completed_investment = completed
    if planned is not None:
        p.planned_investment = planned
    if total is not None:
        p.total_investment = total
    _touch(p)
    session.flush()
    record(session, user, "project_investment", "project", pid, before,
           {"total": p.total_investment, "planned": p.planned_investment, "completed": p.completed_investment})
    return get_project(session, pid)


def add_link(session: Session, pid: str, user: str, kind: str, ref_id: str, label: str | None = None) -> dict[str, Any]:
    """Link a project to a target, a chain link or an enterprise; audited."""
    from shuanglian.targets.tables import TargetRow

    p = _project(session, pid)
    kinds = project_spec()["link_kinds"]
    if kind not in kinds:
        raise ValueError(f"kind: '{kind}' is not one of {'/'.join(kinds)}")
    if kind == "target":
        t = session.get(TargetRow, ref_id)
        if t is None:
            raise UnknownProject(f"unknown target {ref_id!r}")
        label = label or f"{t.measure} {t.value:g}{t.unit}{t.qualifier or ''} ({t.year})"
    elif kind == "enterprise":
        e = session.get(Entity, ref_id)
        if e is None:
            raise UnknownProject(f"unknown entity {ref_id!r}")
        label = label or e.name
    ln = ProjectLinkRow(project_id=pid, kind=kind, ref_id=ref_id, label=label or ref_id)
    session.add(ln)
    _touch(p)
    session.flush()
    record(session, user, "project_link", "project", pid, None, {"kind": kind, "ref_id": ref_id, "label": ln.label})
    return get_project(session, pid)


def add_project_milestone(session: Session, pid: str, user: str, title: str, planned: str | None = None,
                          actual: str | None = None, note: str | None = None) -> dict[str, Any]:
    """Add a milestone to a project (audited; the manager is notified)."""
    from shuanglian.services.targets import add_milestone

    p = _project(session, pid)
    m = add_milestone(session, user, title, planned, actual, note, project_id=pid)
    _touch(p)
    _notify(session, p.manager_user if p.manager_user != user else None, "milestone",
            f"{p.name}：新增里程碑 {m['title']}（计划 {m['planned'] or '—'}）", f"/projects/{pid}")
    session.flush()
    return m


def flags(session: Session, today: date | None = None) -> dict[str, Any]:
    """Overdue milestones and stalled projects (no update for `stalled_days` of data/projects.yaml)."""
    from shuanglian.services.targets import milestone_json

    today = today or date.today()
    stalled_days = int(project_spec()["stalled_days"])
    projects = {p.id: p for p in session.scalars(select(ProjectRow))}
    overdue = []
    for m in session.scalars(select(MilestoneRow).where(MilestoneRow.project_id.isnot(None)).order_by(MilestoneRow.planned)):
        mj = milestone_json(m, today)
        p = projects.get(m.project_id or "")
        if mj["overdue"] and p is not None:
            overdue.append({**mj, "project": p.name, "manager": p.manager_name, "manager_user": p.manager_user})
    cutoff = today - timedelta(days=stalled_days)
    stalled = [_fields(p) for p in projects.values()
               if p.status not in ("建成", "投产") and p.last_activity and _aware(p.last_activity).date() <= cutoff]
    return {"overdue_milestones": overdue, "stalled": stalled, "stalled_days": stalled_days}


def notify_flags(session: Session, today: date | None = None) -> int:
    """Tell each manager about their overdue milestones and stalled projects (once per item)."""
    f = flags(session, today)
    before = session.scalar(select(func.count(NotificationRow.id))) or 0
    for m in f["overdue_milestones"]:
        _notify(session, m["manager_user"], "overdue", f"{m['project']}：里程碑“{m['title']}”已逾期（计划 {m['planned']}）",
                f"/projects/{m['project_id']}", key=f"overdue:{m['id']}")
    for p in f["stalled"]:
        if p["manager"]:
            _notify(session, p["manager"]["user"], "stalled", f"{p['name']}：超过{f['stalled_days']}天没有进展",
                    f"/projects/{p['id']}", key=f"stalled:{p['id']}:{p['last_activity'][:10] if p['last_activity'] else ''}")
    session.flush()
    return (session.scalar(select(func.count(NotificationRow.id))) or 0) - before


def notifications(session: Session, user: str, unread_only: bool = False, limit: int = 50) -> list[dict[str, Any]]:
    """A user's notifications, newest first."""
    q = select(NotificationRow).where(NotificationRow.user == user)
    if unread_only:
        q = q.where(NotificationRow.read.is_(False))
    return [{"id": n.id, "kind": n.kind, "message": n.message, "link": n.link, "read": n.read,
             "at": _aware(n.created_at).isoformat()} for n in session.scalars(q.order_by(NotificationRow.id.desc()).limit(limit))]


def mark_read(session: Session, user: str, nid: int) -> None:
    """Mark one of the user's notifications read."""
    n = session.get(NotificationRow, nid)
    if n is None or n.user != user:
        raise UnknownProject(f"unknown notification {nid}")
    n.read = True


@dataclass
class ProjectImportReport:
    """Rows imported (or that would be) and every bad cell, as for the register importer."""

    dry_run: bool
    rows_ok: int = 0
    created: int = 0
    updated: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Plain dict (CLI / API)."""
        return {"dry_run": self.dry_run, "rows_ok": self.rows_ok, "created": self.created, "updated": self.updated,
                "errors": self.errors, "warnings": self.warnings}


def import_projects(session: Session, data: bytes, fmt: str, user: str, dry_run: bool = False) -> ProjectImportReport:
    """Import a 重点项目清单: good rows create/update projects (matched by name), bad cells reported."""
    good, errors, warnings = parse_projects(data, fmt)
    rep = ProjectImportReport(dry_run=dry_run, rows_ok=len(good), errors=[e.to_json() for e in errors], warnings=warnings)
    if dry_run:
        return rep
    by_name = {p.name: p for p in session.scalars(select(ProjectRow))}
    for _n, v in good:
        p = by_name.get(v["name"])
        before = None if p is None else _fields(p)
        if p is None:
            pid = "prj_" + hashlib.sha1(v["name"].encode("utf-8")).hexdigest()[:16]
            p = ProjectRow(id=pid, name=v["name"], origin="import")
            session.add(p)
            by_name[p.name] = p
            rep.created += 1
        changed = False
        for k, val in v.items():
            if getattr(p, k) != val:
                setattr(p, k, val)
                changed = True
        if before is not None and changed:
            rep.updated += 1
        if before is None or changed:
            _touch(p)
            session.flush()
            record(session, user, "project_import", "project", p.id, before, _fields(p))
    return rep


def export_projects(session: Session, fmt: str) -> bytes:
    """Every project in the 重点项目清单 shape (CSV or XLSX)."""
    rows = [_fields(p) for p in session.scalars(select(ProjectRow).order_by(ProjectRow.name))]
    return write_projects(rows, fmt)
