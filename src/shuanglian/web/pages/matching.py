"""Pages: demands and supply (lists, add forms, spreadsheet import) and a record with its ranked matches."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shuanglian.matching.importer import template_headers
from shuanglian.services import matching
from shuanglian.web.api.matching import _side, _wrap, matching_reader, matching_writer, privileged
from shuanglian.web.api.registers import MAX_IMPORT_BYTES, file_format
from shuanglian.web.auth import Principal
from shuanglian.web.deps import get_db
from shuanglian.web.errors import ApiError
from shuanglian.web.pages.common import page_user, redirect, safe_next
from shuanglian.web.templating import render

router = APIRouter(include_in_schema=False)


def _list(request: Request, db: Session, p: Principal, tab: str, q: str, **extra: Any) -> Response:
    side = _side(tab)
    page = matching.list_records(db, side, 100, 0, q, p.username, privileged(p))
    counts = {s: matching.list_records(db, s, 1, 0, "", p.username, privileged(p))["total"] for s in ("demand", "supply")}
    return render(request, "matching.html", {"page": page, "tab": "demands" if side == "demand" else "supply",
                                             "q": q, "counts": counts, "can_write": p.role in ("admin", "editor", "publisher"),
                                             "headers": {s: template_headers(s) for s in ("demand", "supply")}, **extra})


@router.get("/matching")
def matching_page(request: Request, tab: str = Query("demands", pattern="^(demands|supply)$"),
                  q: str = Query("", max_length=100), _u: Principal = Depends(page_user),
                  p: Principal = Depends(matching_reader), db: Session = Depends(get_db)) -> Response:
    """Demands or supply with add forms and import."""
    return _list(request, db, p, tab, q)


@router.post("/matching/demands")
def add_demand(title: str = Form("", max_length=200), statement: str = Form(..., min_length=4, max_length=4000),
               kind: str = Form("need"), field: str = Form("", max_length=100), requester: str = Form("", max_length=200),
               region: str = Form("", max_length=64), budget: str = Form("", max_length=20),
               deadline: str = Form("", max_length=10), contact: str = Form("", max_length=200),
               confidentiality: str = Form("public"), _u: Principal = Depends(page_user),
               p: Principal = Depends(matching_writer), db: Session = Depends(get_db)) -> Response:
    """Store a demand from the form, then show its matches."""
    try:
        budget_v = float(budget) * 10_000 if budget.strip() else None  # the form asks for 万元
    except ValueError as exc:
        raise ApiError(422, f"budget {budget!r} is not a number") from exc
    rec = _wrap(matching.add_demand, db, {"title": title, "statement": statement, "kind": kind, "field": field,
                                          "requester": requester, "region": region, "budget": budget_v,
                                          "deadline": deadline or None, "contact": contact,
                                          "confidentiality": confidentiality}, p.username)
    db.commit()
    return redirect(f"/matching/demands/{rec['id']}")


@router.post("/matching/supply")
def add_supply(title: str = Form("", max_length=200), statement: str = Form(..., min_length=4, max_length=4000),
               kind: str = Form("result"), field: str = Form("", max_length=100), provider: str = Form("", max_length=200),
               region: str = Form("", max_length=64), contact: str = Form("", max_length=200),
               _u: Principal = Depends(page_user), p: Principal = Depends(matching_writer),
               db: Session = Depends(get_db)) -> Response:
    """Store a supply record from the form, then show the demands it fits."""
    rec = _wrap(matching.add_supply, db, {"title": title, "statement": statement, "kind": kind, "field": field,
                                          "provider": provider, "region": region, "contact": contact}, p.username)
    db.commit()
    return redirect(f"/matching/supply/{rec['id']}")


@router.post("/matching/{side}/import")
async def import_sheet(request: Request, side: str, file: UploadFile = File(...), _u: Principal = Depends(page_user),
                       p: Principal = Depends(matching_writer), db: Session = Depends(get_db)) -> Response:
    """Import a CSV/XLSX and show what was created and which rows failed."""
    s = _side(side)
    fmt = file_format(file.filename)
    data = await file.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise ApiError(413, "file too large")
    try:
        out = matching.import_sheet(db, s, data, fmt, file.filename or "upload", p.username)
    except matching.TableFormatError as exc:
        db.rollback()
        return _list(request, db, p, side, "", flash=str(exc), flash_kind="err")
    db.commit()
    return _list(request, db, p, side, "", import_result=out)


@router.get("/matching/{side}/{rid}")
def record_page(request: Request, side: str, rid: str, _u: Principal = Depends(page_user),
                p: Principal = Depends(matching_reader), db: Session = Depends(get_db)) -> Response:
    """One demand (or supply) with its ranked, explained matches and feedback buttons."""
    s = _side(side)
    out = _wrap(matching.matches, db, s, rid, 10, p.username, privileged(p))
    given = matching.feedback_for(db, rid) if s == "demand" else {}
    db.commit()  # embeddings computed on first view are stored
    return render(request, "match_record.html", {"side": s, "rec": out["query"], "matches": out["matches"],
                                                 "weights": out["weights"], "given": given,
                                                 "can_write": p.role in ("admin", "editor", "publisher")})


@router.post("/matching/feedback")
def feedback(demand_id: str = Form(..., max_length=40), supply_id: str = Form(..., max_length=40),
             verdict: str = Form(..., pattern="^(useful|not_useful|contacted)$"), next: str = Form(""),
             _u: Principal = Depends(page_user), p: Principal = Depends(matching_writer),
             db: Session = Depends(get_db)) -> Response:
    """Record a verdict and go back to the demand."""
    _wrap(matching.feedback, db, demand_id, supply_id, verdict, p.username)
    db.commit()
    return redirect(safe_next(next) if next else f"/matching/demands/{demand_id}")
