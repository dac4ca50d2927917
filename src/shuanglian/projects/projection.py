"""The projects projector: the managed projects register kept in step with what documents say.

Every canonical `project` entity has a managed record (项目经理人制); from the statements of its members
come the builder (投资/建设单位), total investment, region and a status history with one row per
document and status (签约 → 开工 → 投产 across pages), the current status being the latest of those
and of the statuses users set. What people add (manager, milestones, links, their own status rows) is
never touched; a document record whose entity disappeared (merged away, retracted) is removed only when
nobody added anything to it. `update` recomputes the changed projects exactly as `rebuild` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph.tables import Entity, EntityMember, Statement, live_clause
from shuanglian.projections.base import Changes
from shuanglian.projects.tables import ProjectLinkRow, ProjectRow, ProjectStatusRow
from shuanglian.projects.tabular import project_spec
from shuanglian.store.documents import DocumentRow
from shuanglian.targets.tables import MilestoneRow

DOC_PROPS = ("status", "investment", "lead_org")
STATEMENT_NOTE = "statement:"  # the note of a status row derived from a statement without a document


def _derived(h: ProjectStatusRow) -> bool:
    """Whether a status row was derived from statements (this projector owns it) or set by a person."""
    return h.source.startswith("document:") or (h.note or "").startswith(STATEMENT_NOTE)
CHUNK = 500


def _order() -> dict[str, int]:
    """Status rank from the project spec (谋划 < 签约 < … < 投产): breaks ties on the same day."""
    return {s: i for i, s in enumerate(project_spec()["statuses"])}


def _money(st: Statement) -> float | None:
    """An investment statement's amount in yuan (the value; older rows kept it in value_json)."""
    for v in (st.value, st.value_json):
        try:
            return float(v)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
    return None


def _day(st: Statement, published: dict[str, str | None]) -> str:
    """The date a statement holds from: the date the sentence gives (9月9日开工), else its document's
    publication date, else when it was stored."""
    said = st.value_json.get("date") if isinstance(st.value_json, dict) else None
    if isinstance(said, str) and len(said) >= 10:
        return said[:10]
    pub = published.get(st.document_id or "")
    if pub:
        return pub[:10]
    return st.created_at.date().isoformat() if st.created_at else "0000-00-00"


def _current_status(rows: Iterable[ProjectStatusRow]) -> str | None:
    """The latest status: by date, then by rank (a later stage the same day wins)."""
    rank = _order()
    best = max(rows, key=lambda h: (h.at, rank.get(h.status, -1), h.status), default=None)
    return best.status if best else None


def _has_user_data(session: Session, pid: str, row: ProjectRow) -> bool:
    """Whether people added anything to a record (so it must outlive its entity)."""
    if row.manager_user or row.manager_name or row.completed_investment is not None or row.planned_investment is not None:
        return True
    for model, col in ((MilestoneRow, MilestoneRow.project_id), (ProjectLinkRow, ProjectLinkRow.project_id)):
        if session.scalar(select(model).where(col == pid).limit(1)) is not None:
            return True
    return any(not _derived(h) for h in session.scalars(select(ProjectStatusRow).where(ProjectStatusRow.project_id == pid)))


def _sync(session: Session, entities: list[Entity]) -> int:
    """Bring the records of these project entities in line with their statements; returns records created."""
    created = 0
    for i in range(0, len(entities), CHUNK):
        part = {e.id: e for e in entities[i:i + CHUNK]}
        rows = {p.id: p for p in session.scalars(select(ProjectRow).where(ProjectRow.id.in_(list(part))))}
        member_of = dict(session.execute(  # type: ignore[arg-type]
            select(EntityMember.member_id, EntityMember.entity_id).where(EntityMember.entity_id.in_(list(part)))).all())
        stmts = list(session.scalars(select(Statement).where(
            Statement.entity_id.in_(list(member_of)), live_clause(), Statement.prop.in_(DOC_PROPS)))) if member_of else []
        doc_ids = {st.document_id for st in stmts if st.document_id}
        published: dict[str, str | None] = {
            did: pub for did, pub in session.execute(
                select(DocumentRow.id, DocumentRow.published).where(DocumentRow.id.in_(doc_ids)))}
        by_project: dict[str, list[Statement]] = {}
        for st in stmts:
            by_project.setdefault(member_of[st.entity_id], []).append(st)
        history: dict[str, list[ProjectStatusRow]] = {}
        for h in session.scalars(select(ProjectStatusRow).where(ProjectStatusRow.project_id.in_(list(part)))):
            history.setdefault(h.project_id, []).append(h)
        for pid, e in part.items():
            mine = sorted(by_project.get(pid, []), key=lambda s: (_day(s, published), s.document_id or "", s.id))
            row = rows.get(pid)
            if row is None:
                last = max((s.created_at for s in mine if s.created_at), default=None)
                row = ProjectRow(id=pid, name=e.name, origin="document", region=e.region)
                if last is not None:
                    row.last_activity = last
                session.add(row)
                created += 1
            if row.origin == "document":
                row.name = e.name[:512]
                row.region = e.region
                builders = [s.value for s in mine if s.prop == "lead_org" and s.value]
                row.builder = builders[0][:256] if builders else None
                money = [(_day(s, published), m) for s in mine if s.prop == "investment" and (m := _money(s)) is not None]
                # the newest page's figure (a later page may revise it); the largest on that day
                row.total_investment = max(money)[1] if money else None
            # (status, source, note): one row per document and status; a statement with no document (a
            # register import) keeps its author as source and its statement id in the note
            want: dict[tuple[str, str, str | None], str] = {}
            for s in mine:
                if s.prop == "status" and s.value:
                    key = (s.value[:16], f"document:{s.document_id}", None) if s.document_id else \
                        (s.value[:16], f"user:{s.user or '?'}", f"{STATEMENT_NOTE}{s.id}")
                    want[key] = min(want.get(key, "9999"), _day(s, published))
            keep: list[ProjectStatusRow] = []
            for h in history.get(pid, []):
                if _derived(h):
                    at = want.pop((h.status, h.source, h.note), None)
                    if at is None:
                        session.delete(h)
                        continue
                    h.at = at
                keep.append(h)
            for (status, source, note), at in sorted(want.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
                h = ProjectStatusRow(project_id=pid, status=status, at=at, source=source, note=note)
                session.add(h)
                keep.append(h)
            row.status = _current_status(keep)
            latest = max((s.created_at for s in mine if s.created_at), default=None)
            if latest is not None and (row.last_activity is None or _aware(latest) > _aware(row.last_activity)):
                row.last_activity = latest
    return created


def _aware(dt: datetime) -> datetime:
    """SQLite hands back naive datetimes: read them as UTC."""
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _drop_orphans(session: Session, ids: Iterable[str] | None) -> None:
    """Remove document records whose project entity is gone, unless people added something to them."""
    q = select(ProjectRow).where(ProjectRow.origin == "document")
    if ids is not None:
        wanted = list(ids)
        if not wanted:
            return
        q = q.where(ProjectRow.id.in_(wanted))
    rows = list(session.scalars(q))
    live = {eid for (eid,) in session.execute(select(Entity.id).where(
        Entity.kind == "project", Entity.id.in_([r.id for r in rows])))} if rows else set()
    for r in rows:
        if r.id in live:
            continue
        keep_record = _has_user_data(session, r.id, r)
        for h in session.scalars(select(ProjectStatusRow).where(ProjectStatusRow.project_id == r.id)):
            if not keep_record or _derived(h):
                session.delete(h)
        if not keep_record:
            session.delete(r)


class ProjectsProjector:
    """Managed project records (重点项目) derived from the project entities' statements."""

    name = "projects"

    def rebuild(self, session: Session) -> None:
        """Sync every project entity's record and drop document records without an entity."""
        self.sync_all(session)

    def sync_all(self, session: Session) -> int:
        """Rebuild, returning how many records were created (the API's manual sync reports it)."""
        n = _sync(session, list(session.scalars(select(Entity).where(Entity.kind == "project").order_by(Entity.id))))
        session.flush()
        _drop_orphans(session, None)
        session.flush()
        return n

    def update(self, session: Session, changed: Changes) -> Changes:
        """Sync the records of the canonical entities this write touched (created, merged, deleted)."""
        touched: set[str] = set(changed.entities) | set(changed.summarised)
        if not touched:
            return changed
        ids = sorted(touched)
        ents: list[Any] = []
        for i in range(0, len(ids), CHUNK):
            ents.extend(session.scalars(select(Entity).where(Entity.id.in_(ids[i:i + CHUNK]), Entity.kind == "project")))
        _sync(session, sorted(ents, key=lambda e: e.id))
        session.flush()
        _drop_orphans(session, ids)
        return changed
