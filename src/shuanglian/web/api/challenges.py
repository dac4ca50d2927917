"""揭榜挂帅 open challenges: public list, publish, apply, review, shortlist, award, milestones, export."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from shuanglian.services import challenges as svc
from shuanglian.web.api.registers import MEDIA
from shuanglian.web.auth import Principal
from shuanglian.web.deps import check_csrf, get_db, get_principal, require_viewer
from shuanglian.web.errors import ApiError

router = APIRouter(tags=["challenges"])


async def writer(request: Request, principal: Principal | None = Depends(get_principal)) -> Principal:
    """A user of a role that takes part in challenges (not a viewer); the service checks the role per
    action. CSRF checked."""
    if principal is None:
        raise ApiError(401, "log in or send an API token")
    if principal.role == "viewer":
        raise ApiError(403, "viewers may not change challenges", "forbidden_role")
    await check_csrf(request, principal)
    return principal


def run(fn: Any, *args: Any, **kw: Any) -> Any:
    """Call a challenge service; its refusals become API errors with their status."""
    try:
        return fn(*args, **kw)
    except svc.ChallengeError as exc:
        raise ApiError(exc.status, str(exc), exc.code) from exc


class ChallengeIn(BaseModel):
    """A challenge to publish (from scratch or from a stored demand)."""

    title: str = Field("", max_length=200)
    description: str = Field("", max_length=20000)
    requirements: str = Field("", max_length=20000)
    award: float | None = Field(None, ge=0)
    deadline: str = Field(..., max_length=40, description="ISO date or date-time")
    ip_terms: str = Field("", max_length=5000)
    rubric: list[dict[str, Any]] | None = None
    demand_id: str | None = None


class ApplicationIn(BaseModel):
    """A solver's proposal."""

    proposal: str = Field(..., min_length=1, max_length=20000)
    organisation: str = Field("", max_length=200)


class ReviewersIn(BaseModel):
    """Reviewer accounts to assign (to every application, or to those listed)."""

    reviewers: list[str]
    applications: list[int] | None = None


class ReviewIn(BaseModel):
    """Rubric scores and a comment."""

    scores: dict[str, float]
    comment: str = Field(..., max_length=5000)


class NoteIn(BaseModel):
    """A free-text note (conflict of interest, screening note)."""

    note: str = Field("", max_length=2000)


class DecisionIn(BaseModel):
    """Award or reject, with feedback for the applicant."""

    outcome: str = Field(..., pattern="^(awarded|rejected)$")
    feedback: str = Field(..., max_length=5000)


class MilestoneIn(BaseModel):
    """A contract milestone."""

    title: str = Field(..., max_length=200)
    due: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    amount: float | None = Field(None, ge=0)


@router.get("/api/public/challenges")
def public_list(db: Session = Depends(get_db)) -> dict:
    """Open challenges (no login)."""
    return {"items": svc.public_list(db)}


@router.get("/api/public/challenges/{cid}")
def public_get(cid: int, db: Session = Depends(get_db)) -> dict:
    """One challenge's public terms (no login)."""
    return run(svc.public_get, db, cid)


@router.get("/api/challenges")
def list_challenges(p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """Challenges the user works with."""
    return {"items": svc.list_all(db, svc.actor_of(p))}


@router.post("/api/challenges", status_code=201)
def create(body: ChallengeIn, p: Principal = Depends(writer), db: Session = Depends(get_db)) -> dict:
    """A draft challenge (publisher, editor or admin)."""
    return run(svc.create, db, svc.actor_of(p), body.model_dump())


@router.post("/api/challenges/{cid}/publish")
def publish(cid: int, body: NoteIn | None = None, p: Principal = Depends(writer),
            db: Session = Depends(get_db)) -> dict:
    """Screen and publish a draft."""
    return run(svc.publish, db, svc.actor_of(p), cid, body.note if body else "")


@router.post("/api/challenges/{cid}/close")
def close(cid: int, p: Principal = Depends(writer), db: Session = Depends(get_db)) -> dict:
    """Stop taking applications."""
    return run(svc.close, db, svc.actor_of(p), cid)


@router.post("/api/challenges/{cid}/applications", status_code=201)
def apply(cid: int, body: ApplicationIn, p: Principal = Depends(writer), db: Session = Depends(get_db)) -> dict:
    """Apply (applicant accounts; refused after the deadline)."""
    return run(svc.apply, db, svc.actor_of(p), cid, body.proposal, body.organisation)


@router.get("/api/challenges/{cid}/applications")
def challenge_applications(cid: int, p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """Applications to one challenge that the user may see."""
    return {"items": run(svc.applications, db, svc.actor_of(p), cid)}


@router.get("/api/applications")
def my_applications(p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """Applicants: their own; reviewers: assigned; publishers: their challenges'; admins: all."""
    return {"items": run(svc.applications, db, svc.actor_of(p))}


@router.get("/api/applications/{app_id}")
def get_application(app_id: int, p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """One application, if visible to the user (else 404)."""
    out = run(svc.get_application, db, svc.actor_of(p), app_id)
    out["milestones"] = svc.milestones(db, app_id)
    return dict(out)


@router.post("/api/challenges/{cid}/reviewers")
def assign(cid: int, body: ReviewersIn, p: Principal = Depends(writer), db: Session = Depends(get_db)) -> dict:
    """Assign expert reviewers."""
    return run(svc.assign_reviewers, db, svc.actor_of(p), cid, body.reviewers, body.applications)


@router.post("/api/applications/{app_id}/conflict")
def conflict(app_id: int, body: NoteIn, p: Principal = Depends(writer), db: Session = Depends(get_db)) -> dict:
    """Declare a conflict of interest (assigned reviewer)."""
    return run(svc.declare_conflict, db, svc.actor_of(p), app_id, body.note)


@router.post("/api/applications/{app_id}/review")
def review(app_id: int, body: ReviewIn, p: Principal = Depends(writer), db: Session = Depends(get_db)) -> dict:
    """Score against the rubric (assigned reviewer)."""
    return run(svc.submit_review, db, svc.actor_of(p), app_id, body.scores, body.comment)


@router.post("/api/applications/{app_id}/shortlist")
def shortlist(app_id: int, p: Principal = Depends(writer), db: Session = Depends(get_db)) -> dict:
    """Shortlist a reviewed application."""
    return run(svc.shortlist, db, svc.actor_of(p), app_id)


@router.post("/api/applications/{app_id}/decision")
def decide(app_id: int, body: DecisionIn, p: Principal = Depends(writer), db: Session = Depends(get_db)) -> dict:
    """Award (needs a review) or reject, with feedback."""
    return run(svc.decide, db, svc.actor_of(p), app_id, body.outcome, body.feedback)


@router.post("/api/applications/{app_id}/milestones", status_code=201)
def add_milestone(app_id: int, body: MilestoneIn, p: Principal = Depends(writer),
                  db: Session = Depends(get_db)) -> dict:
    """A contract milestone of an awarded application."""
    return run(svc.add_milestone, db, svc.actor_of(p), app_id, body.title, body.due, body.amount)


@router.post("/api/milestones/{mid}/done")
def milestone_done(mid: int, p: Principal = Depends(writer), db: Session = Depends(get_db)) -> dict:
    """Mark a milestone done."""
    return run(svc.complete_milestone, db, svc.actor_of(p), mid)


@router.get("/api/challenges/{cid}/export")
def export(cid: int, format: str = Query("csv", pattern="^(csv|xlsx)$"), p: Principal = Depends(require_viewer),
           db: Session = Depends(get_db)) -> Response:
    """Results (applications, scores, decisions) as CSV or XLSX."""
    data = run(svc.export, db, svc.actor_of(p), cid, format)
    name = quote(f"challenge-{cid}-results.{format}")
    return Response(data, media_type=MEDIA[format],
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})
