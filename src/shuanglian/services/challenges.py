"""揭榜挂帅 / open-challenge services: publish, apply, review, shortlist, award, decisions, milestones, export.

Every function takes a Session and the acting user (name and role) and returns plain dicts; refusals
raise ChallengeError with an HTTP-like status (403 role, 404 unknown or not visible, 409 wrong state or
deadline, 422 bad input). Every change is written to the audit log.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.challenges.rubric import DEFAULT_RUBRIC, RubricError, check_rubric, weighted_total
from shuanglian.challenges.tables import Challenge, ChallengeApplication, ChallengeMilestone, ChallengeReview
from shuanglian.graph import audit
from shuanglian.matching.tables import MatchDemand
from shuanglian.store.auth_tables import User

MANAGERS = ("admin", "publisher", "editor")
STATUSES = ("draft", "published", "closed", "awarded", "cancelled")


class ChallengeError(ValueError):
    """A refused challenge action; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str, code: str = "") -> None:
        super().__init__(message)
        self.status, self.code = status, code or {403: "forbidden_role", 404: "not_found", 409: "conflict",
                                                     422: "invalid_request"}.get(status, "error")


@dataclass(frozen=True)
class Actor:
    """Who acts: user name and role."""

    name: str
    role: str


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _challenge(session: Session, cid: int) -> Challenge:
    ch = session.get(Challenge, cid)
    if ch is None:
        raise ChallengeError(404, f"unknown challenge {cid}")
    return ch


def _can_manage(actor: Actor, ch: Challenge) -> bool:
    return actor.role == "admin" or (actor.role in MANAGERS and ch.publisher == actor.name)


def _manage(session: Session, actor: Actor, cid: int) -> Challenge:
    ch = _challenge(session, cid)
    if not _can_manage(actor, ch):
        raise ChallengeError(403, "only the challenge's publisher or an admin may do this")
    return ch


def open_for_applications(ch: Challenge, now: datetime | None = None) -> bool:
    """Published and before the deadline."""
    return ch.status == "published" and _aware(ch.deadline) > (now or _now())


def challenge_json(ch: Challenge, public: bool = False) -> dict[str, Any]:
    """Plain-dict form; the public form leaves out internal fields."""
    out = {"id": ch.id, "title": ch.title, "description": ch.description, "requirements": ch.requirements,
           "award": ch.award, "deadline": _aware(ch.deadline).isoformat(), "ip_terms": ch.ip_terms,
           "rubric": ch.rubric, "status": ch.status, "open": open_for_applications(ch),
           "published_at": ch.published_at.isoformat() if ch.published_at else None}  # fmt: skip
    if not public:
        out.update({"publisher": ch.publisher, "demand_id": ch.demand_id, "screening_note": ch.screening_note})
    return out


def _parse_deadline(value: Any) -> datetime:
    if isinstance(value, datetime):
        return _aware(value)
    try:
        s = str(value).strip()
        dt = datetime.fromisoformat(s if "T" in s or " " in s else s + "T23:59:59+08:00")
    except ValueError as exc:
        raise ChallengeError(422, f"deadline {value!r} is not an ISO date or date-time") from exc
    return _aware(dt)


def create(session: Session, actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    """A draft challenge from a form or from a stored demand (`demand_id` fills title/description)."""
    if actor.role not in MANAGERS:
        raise ChallengeError(403, f"role {actor.role!r} may not publish challenges")
    demand = None
    if data.get("demand_id"):
        demand = session.get(MatchDemand, data["demand_id"])
        if demand is None:
            raise ChallengeError(404, f"unknown demand {data['demand_id']!r}")
    title = str(data.get("title") or (demand.title or demand.statement[:60] if demand else "")).strip()
    desc = str(data.get("description") or (demand.statement if demand else "")).strip()
    if not title or not desc:
        raise ChallengeError(422, "title and description are required")
    try:
        rubric = check_rubric(data.get("rubric") or DEFAULT_RUBRIC)
    except RubricError as exc:
        raise ChallengeError(422, f"rubric: {exc}") from exc
    award = data.get("award")
    try:
        award_v = float(award) if award not in (None, "") else (demand.budget if demand else None)
    except (TypeError, ValueError) as exc:
        raise ChallengeError(422, "award must be a number (yuan)") from exc
    ch = Challenge(title=title[:200], description=desc, requirements=str(data.get("requirements") or ""),
                   award=award_v, deadline=_parse_deadline(data.get("deadline") or ""),
                   ip_terms=str(data.get("ip_terms") or ""), rubric=rubric, status="draft",
                   publisher=actor.name, demand_id=demand.id if demand else None)  # fmt: skip
    session.add(ch)
    session.flush()
    audit.record(session, actor.name, "challenge_create", "challenge", str(ch.id), None, _audit_view(ch))
    return challenge_json(ch)


STATUS_ZH = {"draft": "草稿", "published": "张榜中", "closed": "已截止", "awarded": "已揭榜", "cancelled": "已撤榜",
             "submitted": "已提交", "shortlisted": "入围", "rejected": "未入选"}


def _audit_view(ch: Challenge) -> dict[str, Any]:
    """What the audit log shows of a challenge (Chinese field names, as the audit page prints keys)."""
    out = {"榜单名称": ch.title, "状态": STATUS_ZH.get(ch.status, ch.status), "榜额（元）": ch.award,
           "截止时间": _aware(ch.deadline).isoformat()[:16], "评审标准": "、".join(c["name"] for c in ch.rubric),
           "审核意见": ch.screening_note}  # fmt: skip
    return {k: v for k, v in out.items() if v not in (None, "")}


def publish(session: Session, actor: Actor, cid: int, note: str = "") -> dict[str, Any]:
    """Screened and published: open to applications until the deadline (deadline must be in the future)."""
    ch = _manage(session, actor, cid)
    if ch.status != "draft":
        raise ChallengeError(409, f"challenge is {ch.status}, only drafts are published")
    if _aware(ch.deadline) <= _now():
        raise ChallengeError(409, "deadline already passed", "deadline_passed")
    before = _audit_view(ch)
    ch.status, ch.published_at, ch.screening_note = "published", _now(), note
    audit.record(session, actor.name, "challenge_publish", "challenge", str(cid), before, _audit_view(ch))
    return challenge_json(ch)


def public_list(session: Session) -> list[dict[str, Any]]:
    """Open challenges (published, before the deadline), soonest deadline first: no login needed."""
    rows = session.scalars(select(Challenge).where(Challenge.status == "published").order_by(Challenge.deadline))
    return [challenge_json(c, public=True) for c in rows if open_for_applications(c)]


def public_get(session: Session, cid: int) -> dict[str, Any]:
    """One published (or finished) challenge's public page; drafts are not visible."""
    ch = _challenge(session, cid)
    if ch.status == "draft":
        raise ChallengeError(404, f"unknown challenge {cid}")
    return challenge_json(ch, public=True)


def list_all(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """Managers: the challenges they publish (admins: all); others: every non-draft challenge."""
    q = select(Challenge).order_by(Challenge.id.desc())
    if actor.role in MANAGERS and actor.role != "admin":
        q = q.where(Challenge.publisher == actor.name)
    elif actor.role != "admin":
        q = q.where(Challenge.status != "draft")
    return [challenge_json(c, public=actor.role not in MANAGERS) for c in session.scalars(q)]


def apply(session: Session, actor: Actor, cid: int, proposal: str, organisation: str = "") -> dict[str, Any]:
    """An applicant's application; refused after the deadline, twice, or on a challenge not open."""
    if actor.role != "applicant":
        raise ChallengeError(403, "only applicant accounts may apply")
    ch = _challenge(session, cid)
    if ch.status != "published":
        raise ChallengeError(409, f"challenge is {ch.status}, not open for applications")
    if _aware(ch.deadline) <= _now():
        raise ChallengeError(409, "the deadline has passed: applications are closed", "deadline_passed")
    if not proposal.strip():
        raise ChallengeError(422, "proposal is required")
    if session.scalar(select(ChallengeApplication.id).where(ChallengeApplication.challenge_id == cid,
                                                            ChallengeApplication.applicant == actor.name)):
        raise ChallengeError(409, "you have already applied to this challenge", "duplicate")
    app = ChallengeApplication(challenge_id=cid, applicant=actor.name, organisation=organisation[:200],
                               proposal=proposal.strip())
    session.add(app)
    session.flush()
    audit.record(session, actor.name, "challenge_apply", "application", str(app.id), None,
                 {"榜单": cid, "揭榜单位": organisation})
    return application_json(session, app, actor)


def _reviews(session: Session, app_id: int) -> list[ChallengeReview]:
    return list(session.scalars(select(ChallengeReview).where(ChallengeReview.application_id == app_id)
                                .order_by(ChallengeReview.id)))


def aggregate(reviews: list[ChallengeReview]) -> dict[str, Any]:
    """Mean weighted total over submitted, conflict-free reviews (and how many there are)."""
    done = [r for r in reviews if r.submitted_at is not None and not r.conflict and r.total is not None]
    return {"reviews": len(done), "assigned": len(reviews), "conflicts": sum(r.conflict for r in reviews),
            "mean": round(sum(r.total or 0 for r in done) / len(done), 2) if done else None}


def application_json(session: Session, app: ChallengeApplication, actor: Actor) -> dict[str, Any]:
    """An application as the actor may see it: applicants get anonymous review comments, managers all."""
    revs = _reviews(session, app.id)
    out: dict[str, Any] = {
        "id": app.id, "challenge_id": app.challenge_id, "applicant": app.applicant,
        "organisation": app.organisation, "proposal": app.proposal, "status": app.status,
        "feedback": app.feedback, "decided_at": app.decided_at.isoformat() if app.decided_at else None,
        "submitted_at": _aware(app.submitted_at).isoformat(), "score": aggregate(revs),
    }  # fmt: skip
    if actor.role == "applicant":
        # the applicant sees the decision, feedback and reviewers' comments, not who wrote them
        out["comments"] = [r.comment for r in revs if r.submitted_at and not r.conflict and r.comment]
        if app.status == "submitted":
            out["score"] = {"reviews": None, "mean": None}  # scores are shown once decided
    elif actor.role != "reviewer":
        out["reviews"] = [review_json(r) for r in revs]
    return out


def review_json(r: ChallengeReview) -> dict[str, Any]:
    """Plain-dict form of one review assignment."""
    return {"id": r.id, "application_id": r.application_id, "reviewer": r.reviewer, "conflict": r.conflict,
            "conflict_note": r.conflict_note, "scores": r.scores, "total": r.total, "comment": r.comment,
            "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None}  # fmt: skip


def applications(session: Session, actor: Actor, cid: int | None = None) -> list[dict[str, Any]]:
    """Applications the actor may see: applicants their own, reviewers those assigned, managers their
    challenges' (admins all)."""
    q = select(ChallengeApplication).order_by(ChallengeApplication.id)
    if cid is not None:
        q = q.where(ChallengeApplication.challenge_id == cid)
    if actor.role == "applicant":
        q = q.where(ChallengeApplication.applicant == actor.name)
    elif actor.role == "reviewer":
        assigned = select(ChallengeReview.application_id).where(ChallengeReview.reviewer == actor.name)
        q = q.where(ChallengeApplication.id.in_(assigned))
    elif actor.role in MANAGERS and actor.role != "admin":
        mine = select(Challenge.id).where(Challenge.publisher == actor.name)
        q = q.where(ChallengeApplication.challenge_id.in_(mine))
    elif actor.role != "admin":
        raise ChallengeError(403, f"role {actor.role!r} sees no applications")
    return [application_json(session, a, actor) for a in session.scalars(q)]


def get_application(session: Session, actor: Actor, app_id: int) -> dict[str, Any]:
    """One application if the actor may see it (else 404, so ids are not probed)."""
    for a in applications(session, actor):
        if a["id"] == app_id:
            return a
    raise ChallengeError(404, f"unknown application {app_id}")


def _app(session: Session, app_id: int) -> ChallengeApplication:
    app = session.get(ChallengeApplication, app_id)
    if app is None:
        raise ChallengeError(404, f"unknown application {app_id}")
    return app


def assign_reviewers(session: Session, actor: Actor, cid: int, reviewers: list[str],
                     app_ids: list[int] | None = None) -> dict[str, Any]:
    """Assign expert reviewers (accounts with the reviewer role) to the challenge's applications."""
    ch = _manage(session, actor, cid)
    if ch.status not in ("published", "closed"):
        raise ChallengeError(409, f"challenge is {ch.status}: reviewers are assigned while it runs")
    names = [r.strip() for r in reviewers if r.strip()]
    if not names:
        raise ChallengeError(422, "name at least one reviewer")
    for n in names:
        role = session.scalar(select(User.role).where(User.username == n))
        if role != "reviewer":
            raise ChallengeError(422, f"{n!r} is not a reviewer account")
    apps = [a for a in session.scalars(select(ChallengeApplication).where(ChallengeApplication.challenge_id == cid))
            if app_ids is None or a.id in app_ids]
    added = 0
    for a in apps:
        for n in names:
            if n == a.applicant:
                continue
            if session.scalar(select(ChallengeReview.id).where(ChallengeReview.application_id == a.id,
                                                               ChallengeReview.reviewer == n)) is None:
                session.add(ChallengeReview(application_id=a.id, reviewer=n, assigned_by=actor.name))
                added += 1
    session.flush()
    audit.record(session, actor.name, "challenge_assign", "challenge", str(cid), None,
                 {"评审专家": names, "申请": [a.id for a in apps], "新增指派": added})
    return {"assigned": added, "applications": len(apps)}


def _my_review(session: Session, actor: Actor, app_id: int) -> ChallengeReview:
    if actor.role != "reviewer":
        raise ChallengeError(403, "only reviewer accounts review applications")
    r = session.scalar(select(ChallengeReview).where(ChallengeReview.application_id == app_id,
                                                     ChallengeReview.reviewer == actor.name))
    if r is None:
        raise ChallengeError(404, f"application {app_id} is not assigned to you")
    return r


def declare_conflict(session: Session, actor: Actor, app_id: int, note: str) -> dict[str, Any]:
    """A reviewer declares a conflict of interest: the review is excluded and cannot be scored."""
    r = _my_review(session, actor, app_id)
    if r.submitted_at is not None:
        raise ChallengeError(409, "review already submitted")
    r.conflict, r.conflict_note = True, note.strip() or "conflict of interest declared"
    audit.record(session, actor.name, "review_conflict", "application", str(app_id), None, {"回避原因": r.conflict_note})
    return review_json(r)


def submit_review(session: Session, actor: Actor, app_id: int, scores: dict[str, Any], comment: str) -> dict[str, Any]:
    """Score an assigned application against its challenge's rubric, with a comment for the applicant."""
    r = _my_review(session, actor, app_id)
    if r.conflict:
        raise ChallengeError(409, "you declared a conflict of interest on this application")
    if r.submitted_at is not None:
        raise ChallengeError(409, "review already submitted")
    app = _app(session, app_id)
    ch = _challenge(session, app.challenge_id)
    if app.status in ("awarded", "rejected"):
        raise ChallengeError(409, "the application is already decided")
    if not comment.strip():
        raise ChallengeError(422, "a comment is required (applicants receive it as feedback)")
    try:
        clean, total = weighted_total(ch.rubric, scores)
    except RubricError as exc:
        raise ChallengeError(422, str(exc)) from exc
    r.scores, r.total, r.comment, r.submitted_at = clean, total, comment.strip(), _now()
    audit.record(session, actor.name, "review_submit", "application", str(app_id), None,
                 {"评分": clean, "总分": total})
    return review_json(r)


def _needs_reviews(session: Session, app: ChallengeApplication) -> None:
    if aggregate(_reviews(session, app.id))["reviews"] == 0:
        raise ChallengeError(409, "no submitted review yet: an application is not decided without review",
                             "no_reviews")


def shortlist(session: Session, actor: Actor, app_id: int) -> dict[str, Any]:
    """Put a reviewed application on the shortlist."""
    app = _app(session, app_id)
    _manage(session, actor, app.challenge_id)
    if app.status != "submitted":
        raise ChallengeError(409, f"application is {app.status}")
    _needs_reviews(session, app)
    app.status = "shortlisted"
    audit.record(session, actor.name, "application_shortlist", "application", str(app_id), None, None)
    return application_json(session, app, actor)


def decide(session: Session, actor: Actor, app_id: int, outcome: str, feedback: str) -> dict[str, Any]:
    """Award (揭榜成功) or reject one application, always with written feedback for the applicant.

    Award needs at least one submitted review and closes the challenge as awarded."""
    if outcome not in ("awarded", "rejected"):
        raise ChallengeError(422, "outcome must be awarded or rejected")
    app = _app(session, app_id)
    ch = _manage(session, actor, app.challenge_id)
    if app.status in ("awarded", "rejected"):
        raise ChallengeError(409, f"application already {app.status}")
    if not feedback.strip():
        raise ChallengeError(422, "feedback is required: every applicant gets a decision with reasons")
    if outcome == "awarded":
        _needs_reviews(session, app)
        if ch.status not in ("published", "closed", "awarded"):
            raise ChallengeError(409, f"challenge is {ch.status}")
    before = {"状态": STATUS_ZH[app.status]}
    app.status, app.feedback, app.decided_by, app.decided_at = outcome, feedback.strip(), actor.name, _now()
    if outcome == "awarded":
        ch.status = "awarded"
    audit.record(session, actor.name, f"application_{outcome}", "application", str(app_id), before,
                 {"状态": STATUS_ZH[outcome], "反馈": app.feedback})
    return application_json(session, app, actor)


def close(session: Session, actor: Actor, cid: int) -> dict[str, Any]:
    """Stop taking applications before the deadline (review goes on)."""
    ch = _manage(session, actor, cid)
    if ch.status != "published":
        raise ChallengeError(409, f"challenge is {ch.status}")
    ch.status = "closed"
    audit.record(session, actor.name, "challenge_close", "challenge", str(cid), None, None)
    return challenge_json(ch)


def add_milestone(session: Session, actor: Actor, app_id: int, title: str, due: str | None = None,
                  amount: float | None = None) -> dict[str, Any]:
    """A contract milestone of an awarded application."""
    app = _app(session, app_id)
    _manage(session, actor, app.challenge_id)
    if app.status != "awarded":
        raise ChallengeError(409, "milestones belong to an awarded application")
    if not title.strip():
        raise ChallengeError(422, "milestone title is required")
    m = ChallengeMilestone(application_id=app_id, title=title.strip()[:200], due=due or None, amount=amount)
    session.add(m)
    session.flush()
    audit.record(session, actor.name, "milestone_add", "application", str(app_id), None, {"节点": m.title, "期限": due})
    return milestone_json(m)


def complete_milestone(session: Session, actor: Actor, mid: int) -> dict[str, Any]:
    """Mark a milestone done."""
    m = session.get(ChallengeMilestone, mid)
    if m is None:
        raise ChallengeError(404, f"unknown milestone {mid}")
    app = _app(session, m.application_id)
    _manage(session, actor, app.challenge_id)
    m.status, m.done_at = "done", _now()
    audit.record(session, actor.name, "milestone_done", "application", str(app.id), None, {"节点": m.title})
    return milestone_json(m)


def milestones(session: Session, app_id: int) -> list[dict[str, Any]]:
    """An application's milestones in order."""
    rows = session.scalars(select(ChallengeMilestone).where(ChallengeMilestone.application_id == app_id)
                           .order_by(ChallengeMilestone.id))
    return [milestone_json(m) for m in rows]


def milestone_json(m: ChallengeMilestone) -> dict[str, Any]:
    """Plain-dict form of a milestone."""
    return {"id": m.id, "application_id": m.application_id, "title": m.title, "due": m.due, "amount": m.amount,
            "status": m.status, "done_at": m.done_at.isoformat() if m.done_at else None}


EXPORT_HEADERS = ["申请编号", "申请人", "单位", "状态", "评审数", "平均分", "反馈", "决定时间"]


def export(session: Session, actor: Actor, cid: int, fmt: str = "csv") -> bytes:
    """The challenge's results (applications, scores, decisions) as CSV (UTF-8 BOM) or XLSX."""
    _manage(session, actor, cid)
    rows = [[a["id"], a["applicant"], a["organisation"], a["status"], a["score"]["reviews"], a["score"]["mean"],
             a["feedback"], a["decided_at"] or ""] for a in applications(session, actor, cid)]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(EXPORT_HEADERS)
        w.writerows(rows)
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "results"
        ws.append(EXPORT_HEADERS)
        for r in rows:
            ws.append(r)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    raise ChallengeError(422, f"unknown format {fmt!r}; csv or xlsx")


def actor_of(principal: Any) -> Actor:
    """Actor from a web Principal (username, role)."""
    return Actor(principal.username, principal.role)


def seed_demo(session: Session, spec: dict[str, Any], publisher: str = "demo") -> dict[str, Any] | None:
    """Create and publish the demo challenge once (None when a challenge of that title exists)."""
    from datetime import timedelta

    if session.scalar(select(Challenge.id).where(Challenge.title == spec["title"])) is not None:
        return None
    actor = Actor(publisher, "publisher")
    deadline = (_now() + timedelta(days=int(spec.get("days_open", 60)))).isoformat()
    data = {k: v for k, v in spec.items() if k != "days_open"}
    ch = create(session, actor, {**data, "deadline": deadline})
    return publish(session, actor, ch["id"], "demo")
