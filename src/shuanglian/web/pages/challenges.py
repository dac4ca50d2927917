"""Pages: public open challenges (no login), and the challenge workspace per role (publisher, applicant,
expert reviewer, admin): publish, apply, review, shortlist, award, feedback, milestones, export."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.challenges.rubric import DEFAULT_RUBRIC
from shuanglian.challenges.tables import Challenge
from shuanglian.services import challenges as svc
from shuanglian.web.api.challenges import run, writer
from shuanglian.web.auth import Principal
from shuanglian.web.deps import get_db, get_principal
from shuanglian.web.errors import ApiError
from shuanglian.web.pages.common import page_user, redirect
from shuanglian.web.templating import render

router = APIRouter(include_in_schema=False)


def _rubric_text() -> str:
    return "\n".join(f"{c['name']} {c['weight']} {c['max']}" for c in DEFAULT_RUBRIC)


def parse_rubric(text: str) -> list[dict[str, Any]]:
    """Rubric lines 'name weight max' (weight as a share, e.g. 0.4) into criteria."""
    out = []
    for i, line in enumerate(x for x in text.splitlines() if x.strip()):
        parts = line.split()
        if len(parts) != 3:
            raise ApiError(422, f"rubric line {i + 1}: write 'name weight max', e.g. 技术方案 0.4 10")
        try:
            out.append({"name": parts[0], "weight": float(parts[1]), "max": float(parts[2])})
        except ValueError as exc:
            raise ApiError(422, f"rubric line {i + 1}: weight and max must be numbers") from exc
    return out


@router.get("/open-challenges")
def public_list(request: Request, p: Principal | None = Depends(get_principal), db: Session = Depends(get_db)) -> Response:
    """Open challenges, no login needed."""
    request.state.principal = p
    return render(request, "challenges_public.html", {"items": svc.public_list(db)})


@router.get("/open-challenges/{cid}")
def public_get(cid: int, request: Request, p: Principal | None = Depends(get_principal),
               db: Session = Depends(get_db)) -> Response:
    """One challenge's public terms; logged-in applicants go on to apply."""
    request.state.principal = p
    return render(request, "challenge_public.html", {"c": run(svc.public_get, db, cid)})


@router.get("/challenges")
def workspace(request: Request, demand_id: str = "", p: Principal = Depends(page_user),
              db: Session = Depends(get_db)) -> Response:
    """Managers: their challenges and a form (filled from a demand when `demand_id` is given);
    applicants: their applications; reviewers: assignments."""
    from shuanglian.matching.tables import MatchDemand

    actor = svc.actor_of(p)
    demand = db.get(MatchDemand, demand_id) if demand_id and p.role in svc.MANAGERS else None
    prefill = {"demand_id": demand.id, "title": demand.title or demand.statement[:60],
               "description": demand.statement,
               "award": f"{demand.budget / 10000:g}" if demand.budget else "",
               "deadline": demand.deadline or ""} if demand is not None else {}
    apps = svc.applications(db, actor) if p.role in ("applicant", "reviewer", "admin") else []
    titles = dict(db.execute(select(Challenge.id, Challenge.title)).all())
    return render(request, "challenges.html", {"items": svc.list_all(db, actor), "apps": apps, "titles": titles,
                                               "manager": p.role in svc.MANAGERS, "rubric_text": _rubric_text(),
                                               "prefill": prefill})


@router.post("/challenges")
def create(title: str = Form(..., max_length=200), description: str = Form(..., max_length=20000),
           requirements: str = Form("", max_length=20000), award: str = Form("", max_length=20),
           deadline: str = Form(..., max_length=40), ip_terms: str = Form("", max_length=5000),
           rubric: str = Form("", max_length=2000), demand_id: str = Form("", max_length=40),
           _u: Principal = Depends(page_user), p: Principal = Depends(writer), db: Session = Depends(get_db)) -> Response:
    """Create a draft from the form (award in 万元)."""
    try:
        award_v = float(award) * 10_000 if award.strip() else None
    except ValueError as exc:
        raise ApiError(422, f"award {award!r} is not a number") from exc
    out = run(svc.create, db, svc.actor_of(p), {
        "title": title, "description": description, "requirements": requirements, "award": award_v,
        "deadline": deadline, "ip_terms": ip_terms, "rubric": parse_rubric(rubric) if rubric.strip() else None,
        "demand_id": demand_id or None})
    db.commit()
    return redirect(f"/challenges/{out['id']}")


@router.get("/challenges/{cid}")
def challenge_page(cid: int, request: Request, p: Principal = Depends(page_user),
                   db: Session = Depends(get_db)) -> Response:
    """The challenge as this user works on it."""
    actor = svc.actor_of(p)
    ch = db.get(Challenge, cid)
    if ch is None or (ch.status == "draft" and not svc._can_manage(actor, ch)):
        raise ApiError(404, f"unknown challenge {cid}")
    manager = svc._can_manage(actor, ch)
    apps = svc.applications(db, actor, cid) if p.role != "viewer" and (manager or p.role in ("applicant", "reviewer")) else []
    if p.role == "reviewer":
        from shuanglian.challenges.tables import ChallengeReview

        mine = {r.application_id: svc.review_json(r) for r in db.scalars(
            select(ChallengeReview).where(ChallengeReview.reviewer == p.username))}
        for a in apps:
            a["my_review"] = mine.get(a["id"])
    for a in apps:
        a["milestones"] = svc.milestones(db, a["id"])
    return render(request, "challenge.html", {"c": svc.challenge_json(ch), "apps": apps, "manager": manager})


def _back(cid: int) -> Response:
    return redirect(f"/challenges/{cid}")


def _cid_of(db: Session, app_id: int) -> int:
    from shuanglian.challenges.tables import ChallengeApplication

    app = db.get(ChallengeApplication, app_id)
    if app is None:
        raise ApiError(404, f"unknown application {app_id}")
    return app.challenge_id


@router.post("/challenges/{cid}/publish")
def publish(cid: int, note: str = Form("", max_length=2000), _u: Principal = Depends(page_user),
            p: Principal = Depends(writer), db: Session = Depends(get_db)) -> Response:
    """Screen and publish."""
    run(svc.publish, db, svc.actor_of(p), cid, note)
    db.commit()
    return _back(cid)


@router.post("/challenges/{cid}/apply")
def apply(cid: int, proposal: str = Form(..., max_length=20000), organisation: str = Form("", max_length=200),
          _u: Principal = Depends(page_user), p: Principal = Depends(writer), db: Session = Depends(get_db)) -> Response:
    """Submit an application."""
    run(svc.apply, db, svc.actor_of(p), cid, proposal, organisation)
    db.commit()
    return _back(cid)


@router.post("/challenges/{cid}/reviewers")
def assign(cid: int, reviewers: str = Form(..., max_length=500), _u: Principal = Depends(page_user),
           p: Principal = Depends(writer), db: Session = Depends(get_db)) -> Response:
    """Assign reviewers (names separated by commas or spaces) to every application."""
    names = [n for n in reviewers.replace("，", ",").replace(",", " ").split() if n]
    run(svc.assign_reviewers, db, svc.actor_of(p), cid, names)
    db.commit()
    return _back(cid)


@router.post("/challenges/{cid}/close")
def close(cid: int, _u: Principal = Depends(page_user), p: Principal = Depends(writer),
          db: Session = Depends(get_db)) -> Response:
    """Stop taking applications."""
    run(svc.close, db, svc.actor_of(p), cid)
    db.commit()
    return _back(cid)


@router.post("/applications/{app_id}/review")
async def review(app_id: int, request: Request, _u: Principal = Depends(page_user), p: Principal = Depends(writer),
                 db: Session = Depends(get_db)) -> Response:
    """Score with the rubric fields (score:<criterion>) and a comment."""
    form = await request.form()
    scores = {str(k)[6:]: v for k, v in form.items() if str(k).startswith("score:")}
    run(svc.submit_review, db, svc.actor_of(p), app_id, scores, str(form.get("comment") or ""))
    db.commit()
    return _back(_cid_of(db, app_id))


@router.post("/applications/{app_id}/conflict")
def conflict(app_id: int, note: str = Form("", max_length=2000), _u: Principal = Depends(page_user),
             p: Principal = Depends(writer), db: Session = Depends(get_db)) -> Response:
    """Declare a conflict of interest."""
    run(svc.declare_conflict, db, svc.actor_of(p), app_id, note)
    db.commit()
    return _back(_cid_of(db, app_id))


@router.post("/applications/{app_id}/shortlist")
def shortlist(app_id: int, _u: Principal = Depends(page_user), p: Principal = Depends(writer),
              db: Session = Depends(get_db)) -> Response:
    """Shortlist a reviewed application."""
    run(svc.shortlist, db, svc.actor_of(p), app_id)
    db.commit()
    return _back(_cid_of(db, app_id))


@router.post("/applications/{app_id}/decision")
def decide(app_id: int, outcome: str = Form(..., pattern="^(awarded|rejected)$"),
           feedback: str = Form(..., max_length=5000), _u: Principal = Depends(page_user),
           p: Principal = Depends(writer), db: Session = Depends(get_db)) -> Response:
    """Award or reject, with feedback."""
    run(svc.decide, db, svc.actor_of(p), app_id, outcome, feedback)
    db.commit()
    return _back(_cid_of(db, app_id))


@router.post("/applications/{app_id}/milestones")
def add_milestone(app_id: int, title: str = Form(..., max_length=200), due: str = Form("", max_length=10),
                  _u: Principal = Depends(page_user), p: Principal = Depends(writer),
                  db: Session = Depends(get_db)) -> Response:
    """Add a contract milestone."""
    run(svc.add_milestone, db, svc.actor_of(p), app_id, title, due or None)
    db.commit()
    return _back(_cid_of(db, app_id))


@router.post("/milestones/{mid}/done")
def milestone_done(mid: int, _u: Principal = Depends(page_user), p: Principal = Depends(writer),
                   db: Session = Depends(get_db)) -> Response:
    """Mark a milestone done."""
    m = run(svc.complete_milestone, db, svc.actor_of(p), mid)
    db.commit()
    return _back(_cid_of(db, m["application_id"]))
