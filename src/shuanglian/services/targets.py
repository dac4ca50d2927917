"""Target services (任务书) for the CLI, HTTP API and web app: list, task-book page, review (accept, reject,
relink, "no outcome reported" and its undo), milestones, promises-vs-outcomes chart, overdue/at-risk lists,
task-book import, rebuild.

Every function takes a SQLAlchemy Session first and returns plain dicts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.graph.audit import record
from shuanglian.graph.summary import aware
from shuanglian.registers.tabular import TableFormatError
from shuanglian.store.documents import DocumentRow, utcnow
from shuanglian.targets.link import score
from shuanglian.targets.rules import STATUSES
from shuanglian.targets.store import (
    as_figure,
    outcome_of,
    rebuild_targets,
    relink,
    set_status,
    update_targets,
)
from shuanglian.targets.tables import (
    LINK_ACCEPTED,
    LINK_MANUAL,
    LINK_REJECTED,
    ActualRow,
    MilestoneRow,
    TargetLinkRow,
    TargetRow,
)
from shuanglian.targets.taskbook import TaskbookReport, import_taskbook

__all__ = [
    "STATUSES", "TableFormatError", "TaskbookReport", "UnknownTarget", "add_milestone", "candidates",
    "TargetRow", "choose_candidate", "get_target", "relink", "import_taskbook", "list_targets", "overdue_targets", "promises_chart",
    "rebuild_targets", "regions", "review_link", "update_milestone", "update_targets", "mark_no_outcome", "undo_no_outcome",
]


class UnknownTarget(LookupError):
    """No target (or link/milestone of it) with that id."""


def _doc_titles(session: Session, ids: set[str]) -> dict[str, tuple[str | None, str | None]]:
    ids.discard("")
    if not ids:
        return {}
    rows = session.execute(select(DocumentRow.id, DocumentRow.title, DocumentRow.published).where(DocumentRow.id.in_(ids)))
    return {r[0]: (r[1], r[2]) for r in rows}


def _link_json(ln: TargetLinkRow, titles: dict[str, tuple[str | None, str | None]]) -> dict[str, Any]:
    title, published = titles.get(ln.document_id or "", (None, None))
    return {
        "id": ln.id, "value": ln.value, "unit": ln.unit, "year": ln.year, "interim": ln.interim,
        "score": ln.score, "reasons": ln.reasons or [], "state": ln.state, "reviewed_by": ln.reviewed_by,
        "source": {"document": ln.document_id, "title": title, "published": published,
                   "span": [ln.span_start, ln.span_end] if ln.span_start is not None else None, "quote": ln.quote},
    }


def target_json(session: Session, t: TargetRow, titles: dict[str, tuple[str | None, str | None]] | None = None) -> dict[str, Any]:
    """The CLI/API object of one target (issue 13 contract)."""
    out = outcome_of(session, t)
    titles = titles if titles is not None else _doc_titles(session, {t.document_id or "", out.document_id or "" if out else ""})
    title, published = titles.get(t.document_id or "", (None, None))
    return {
        "id": t.id, "measure": t.measure, "value": t.value, "value_max": t.value_max, "unit": t.unit,
        "qualifier": t.qualifier, "year": t.year, "deadline": t.deadline, "region": t.region, "owner": t.owner,
        "source": {"document": t.document_id, "title": title, "published": published,
                   "span": [t.span_start, t.span_end] if t.span_start is not None else None, "quote": t.quote},
        "outcome": None if out is None else {
            "value": out.value, "unit": out.unit, "year": out.year, "state": out.state, "score": out.score,
            "source": {"document": out.document_id, "quote": out.quote},
        },
        "status": t.status, "progress": t.progress, "no_outcome": _no_outcome_json(t),
        "main": t.main, "origin": t.origin, "title": t.title, "responsible": t.responsible,
    }


def _no_outcome_json(t: TargetRow) -> dict[str, Any] | None:
    """A reviewer's "no outcome reported" judgement on the target: who, when and their note; None if not judged."""
    if t.no_outcome_at is None:
        return None
    # SQLite hands the timestamp back naive (UTC): printed with its offset on both backends
    return {"by": t.no_outcome_by, "at": aware(t.no_outcome_at).isoformat(), "note": t.no_outcome_note or ""}


def _filtered(region: str | None, year: int | None, status: str | None, main: bool | None = None) -> Any:
    q = select(TargetRow)
    if region:
        q = q.where(TargetRow.region.contains(region))
    if year is not None:
        q = q.where((TargetRow.year == year) | (TargetRow.deadline == year))
    if status:
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        q = q.where(TargetRow.status == status)
    if main is not None:
        q = q.where(TargetRow.main == main)
    return q


def list_targets(session: Session, region: str | None = None, year: int | None = None, status: str | None = None,
                 main: bool | None = None, limit: int | None = 50, offset: int = 0) -> dict[str, Any]:
    """A page of targets (newest year first): `{total, items}` with one contract object per target."""
    q = _filtered(region, year, status, main)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    q = q.order_by(TargetRow.year.desc(), TargetRow.main.desc(), TargetRow.span_start, TargetRow.id).offset(max(0, offset))
    if limit is not None:
        q = q.limit(limit)
    rows = list(session.scalars(q))
    return {"total": total, "items": [target_json(session, t) for t in rows]}


def _target(session: Session, tid: str) -> TargetRow:
    t = session.get(TargetRow, tid)
    if t is None:
        raise UnknownTarget(f"unknown target {tid!r}")
    return t


def get_target(session: Session, tid: str) -> dict[str, Any]:
    """The task-book page of a target: contract fields, every link (evidence timeline), milestones, projects."""
    from shuanglian.projects.tables import ProjectLinkRow, ProjectRow

    t = _target(session, tid)
    links = list(session.scalars(select(TargetLinkRow).where(TargetLinkRow.target_id == tid)))
    titles = _doc_titles(session, {t.document_id or ""} | {ln.document_id or "" for ln in links})
    obj = target_json(session, t, titles)
    timeline = [{"kind": "target", "date": obj["source"]["published"], "year": t.year, "value": t.value,
                 "unit": t.unit, "quote": t.quote, "document": t.document_id, "title": obj["source"]["title"]}]
    for ln in links:
        lj = _link_json(ln, titles)
        timeline.append({"kind": "interim" if ln.interim else "outcome", "date": lj["source"]["published"],
                         "year": ln.year, "value": ln.value, "unit": ln.unit, "quote": ln.quote,
                         "document": ln.document_id, "title": lj["source"]["title"], "state": ln.state, "link": ln.id})
    timeline.sort(key=lambda e: (e["date"] or "", e["year"] or 0))
    obj["links"] = [_link_json(ln, titles) for ln in links]
    obj["timeline"] = timeline
    obj["milestones"] = [milestone_json(m) for m in session.scalars(
        select(MilestoneRow).where(MilestoneRow.target_id == tid).order_by(MilestoneRow.planned, MilestoneRow.id))]
    pids = [pl.project_id for pl in session.scalars(select(ProjectLinkRow).where(ProjectLinkRow.kind == "target", ProjectLinkRow.ref_id == tid))]
    # policies named in the target's source document (the measures meant to deliver it)
    doc = session.get(DocumentRow, t.document_id) if t.document_id else None
    obj["policies"] = sorted({str(p.get("title")) for p in ((doc.facts or {}).get("policies") or []) if p.get("title")}) if doc else []
    obj["projects"] = [{"id": p.id, "name": p.name, "status": p.status} for p in session.scalars(select(ProjectRow).where(ProjectRow.id.in_(pids)))] if pids else []
    return obj


def milestone_json(m: MilestoneRow, today: date | None = None) -> dict[str, Any]:
    """Plain dict of a milestone with its overdue flag (planned date passed, not done)."""
    today = today or date.today()
    overdue = bool(m.planned and not m.actual and m.planned < today.isoformat())
    return {"id": m.id, "target_id": m.target_id, "project_id": m.project_id, "title": m.title,
            "planned": m.planned, "actual": m.actual, "note": m.note, "overdue": overdue, "created_by": m.created_by}


def _iso(d: str | None, field_name: str) -> str | None:
    if not d:
        return None
    try:
        return date.fromisoformat(d[:10]).isoformat()
    except ValueError as exc:
        raise ValueError(f"{field_name}: '{d}' is not a date (YYYY-MM-DD)") from exc


def add_milestone(session: Session, user: str, title: str, planned: str | None = None, actual: str | None = None,
                  note: str | None = None, target_id: str | None = None, project_id: str | None = None) -> dict[str, Any]:
    """Add a roadmap step to a target or a project (audited)."""
    if not title.strip():
        raise ValueError("title: a milestone needs a title")
    if target_id:
        _target(session, target_id)
    m = MilestoneRow(target_id=target_id, project_id=project_id, title=title.strip(), planned=_iso(planned, "planned"),
                     actual=_iso(actual, "actual"), note=note, created_by=user)
    session.add(m)
    session.flush()
    d = milestone_json(m)
    record(session, user, "milestone_add", "project" if project_id else "target", project_id or target_id or "", None, d)
    return d


def update_milestone(session: Session, mid: int, user: str, actual: str | None = None, planned: str | None = None) -> dict[str, Any]:
    """Set a milestone's actual (done) date or move its planned date (audited)."""
    m = session.get(MilestoneRow, mid)
    if m is None:
        raise UnknownTarget(f"unknown milestone {mid}")
    before = milestone_json(m)
    if actual is not None:
        m.actual = _iso(actual, "actual")
    if planned is not None:
        m.planned = _iso(planned, "planned")
    session.flush()
    after = milestone_json(m)
    record(session, user, "milestone_update", "project" if m.project_id else "target", m.project_id or m.target_id or "", before, after)
    return after


def review_link(session: Session, tid: str, link_id: int, action: str, user: str) -> dict[str, Any]:
    """Accept or reject a proposed outcome/interim link; status is recomputed (audited)."""
    t = _target(session, tid)
    ln = session.get(TargetLinkRow, link_id)
    if ln is None or ln.target_id != tid:
        raise UnknownTarget(f"unknown link {link_id} of target {tid}")
    if action not in ("accept", "reject"):
        raise ValueError(f"action: '{action}' is not accept/reject")
    before = {"state": ln.state, "status": t.status}
    ln.state = LINK_ACCEPTED if action == "accept" else LINK_REJECTED
    ln.reviewed_by, ln.reviewed_at = user, utcnow()
    session.flush()
    if action == "reject":
        relink(session, [t])
    else:
        set_status(session, t, date.today().year)
    record(session, user, f"outcome_{action}", "target", tid, before, {"state": ln.state, "status": t.status, "link": link_id})
    return target_json(session, t)


def candidates(session: Session, tid: str, limit: int = 20) -> list[dict[str, Any]]:
    """Reported figures a reviewer may link instead (same unit), best score first."""
    t = _target(session, tid)
    tf = as_figure(t)
    out: list[dict[str, Any]] = []
    for a in session.scalars(select(ActualRow).where(ActualRow.unit == t.unit, ActualRow.document_id != (t.document_id or ""))):
        sc, reasons = score(tf, as_figure(a))
        if sc > 0:
            out.append({"id": a.id, "value": a.value, "unit": a.unit, "year": a.year, "measure": a.measure,
                        "score": sc, "reasons": reasons, "source": {"document": a.document_id, "quote": a.quote}})
    out.sort(key=lambda c: -float(c["score"]))
    return out[:limit]


def choose_candidate(session: Session, tid: str, actual_id: int, user: str) -> dict[str, Any]:
    """Relink: make a chosen reported figure the target's outcome (manual link; others rejected; audited)."""
    t = _target(session, tid)
    a = session.get(ActualRow, actual_id)
    if a is None:
        raise UnknownTarget(f"unknown figure {actual_id}")
    before = target_json(session, t)["outcome"]
    for ln in session.scalars(select(TargetLinkRow).where(TargetLinkRow.target_id == tid, TargetLinkRow.interim.is_(False))):
        if ln.state != LINK_REJECTED:
            ln.state, ln.reviewed_by, ln.reviewed_at = LINK_REJECTED, user, utcnow()
    judged = _decision_state(session, t) if t.no_outcome_at is not None else None
    # a figure linked by hand is a reported outcome: a judgement that none is reported is undone
    t.no_outcome_at = t.no_outcome_by = t.no_outcome_note = None
    sc, reasons = score(as_figure(t), as_figure(a))
    session.add(TargetLinkRow(target_id=tid, document_id=a.document_id, span_start=a.span_start, span_end=a.span_end,
                              quote=a.quote, value=a.value, unit=a.unit, year=a.year, interim=False, score=sc,
                              reasons=reasons, state=LINK_MANUAL, reviewed_by=user, reviewed_at=utcnow()))
    session.flush()
    set_status(session, t, date.today().year)
    obj = target_json(session, t)
    if judged is not None:
        record(session, user, "target_no_outcome_undo", "target", tid, judged, _decision_state(session, t))
    record(session, user, "outcome_relink", "target", tid, before, obj["outcome"])
    return obj


MAX_NOTE = 2000


def _decision_state(session: Session, t: TargetRow) -> dict[str, Any]:
    """What the audit log keeps of a target's outcome judgement: status, the outcome and the judgement."""
    out = outcome_of(session, t)
    return {"status": t.status, "outcome": None if out is None else {"value": out.value, "unit": out.unit, "state": out.state},
            "no_outcome": _no_outcome_json(t)}


def mark_no_outcome(session: Session, tid: str, user: str, note: str | None = None) -> dict[str, Any]:
    """Judge that no outcome of the target is reported (未见公开结果): the linker proposes no final outcome for it
    (proposed ones are withdrawn; an accepted or hand-linked one is kept but not shown as the outcome while the
    judgement holds, so an undo gives it back), its status is unknown, with the note. Interim figures are still
    proposed. Marking again updates the note. Audited; undone by `undo_no_outcome`. The judgement is stored on the
    target and survives rebuilds."""
    t = _target(session, tid)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValueError(f"note: at most {MAX_NOTE} characters")
    before = _decision_state(session, t)
    t.no_outcome_at, t.no_outcome_by, t.no_outcome_note = utcnow(), user, note or None
    session.flush()
    relink(session, [t])  # withdraws the proposed outcome, keeps interim proposals, sets status unknown
    record(session, user, "target_no_outcome", "target", tid, before, _decision_state(session, t))
    return target_json(session, t)


def undo_no_outcome(session: Session, tid: str, user: str) -> dict[str, Any]:
    """Undo a "no outcome reported" judgement: outcome proposals resume (the linker runs for the target) and
    the status follows the outcome again. Audited. A target not judged so is refused (ValueError)."""
    t = _target(session, tid)
    if t.no_outcome_at is None:
        raise ValueError("no_outcome: the target has no 'no outcome reported' judgement to undo")
    before = _decision_state(session, t)
    t.no_outcome_at = t.no_outcome_by = t.no_outcome_note = None
    session.flush()
    relink(session, [t])
    record(session, user, "target_no_outcome_undo", "target", tid, before, _decision_state(session, t))
    return target_json(session, t)


def regions(session: Session) -> list[str]:
    """Regions that have targets."""
    return sorted(r for r in session.scalars(select(TargetRow.region).distinct()) if r)


def promises_chart(session: Session, region: str | None = None) -> dict[str, Any]:
    """Promises vs outcomes per year for the main targets of a region: one series pair per measure."""
    q = _filtered(region, None, None, True).where(TargetRow.known_measure.is_(True))
    by_measure: dict[str, dict[int, tuple[float, float | None, str]]] = {}
    for t in session.scalars(q):
        if t.year is None:
            continue
        out = outcome_of(session, t)
        by_measure.setdefault(t.measure, {})[t.year] = (t.value, out.value if out else None, t.unit)
    years = sorted({y for m in by_measure.values() for y in m})
    series = []
    for measure, per in sorted(by_measure.items(), key=lambda kv: -len(kv[1])):
        unit = next(iter(per.values()))[2]
        series.append({"measure": measure, "unit": unit,
                       "targets": [per[y][0] if y in per else None for y in years],
                       "outcomes": [per[y][1] if y in per else None for y in years]})
    return {"region": region, "years": years, "series": series}


def overdue_targets(session: Session, region: str | None = None, as_of: date | None = None) -> dict[str, Any]:
    """Overdue (period over, not met) and at-risk (open, with overdue milestones or progress behind) targets."""
    today = as_of or date.today()
    overdue, at_risk = [], []
    late_ms = {m.target_id for m in session.scalars(select(MilestoneRow).where(MilestoneRow.target_id.isnot(None)))
               if milestone_json(m, today)["overdue"]}
    for t in session.scalars(_filtered(region, None, None)):
        period = t.deadline or t.year
        if period is None:
            continue
        if period < today.year and t.status in ("missed", "unknown"):
            overdue.append(target_json(session, t))
        elif t.status == "in_progress":
            behind = False
            obj = target_json(session, t)
            if t.deadline and t.progress is not None:
                # expected share by now if progress were linear from the year the target was set
                set_in = int((obj["source"]["published"] or "")[:4] or (t.created_at.year if t.created_at else t.deadline - 4))
                span = max(1, t.deadline - set_in)
                expected = (today.year - set_in) / span
                behind = t.progress < expected - 0.1
            if t.id in late_ms or behind:
                at_risk.append({**obj, "reason": "milestone" if t.id in late_ms else "progress"})
    return {"overdue": overdue, "at_risk": at_risk}
