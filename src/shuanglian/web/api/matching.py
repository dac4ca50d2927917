"""Supply–demand matching: demands and supply (form, spreadsheet, document), ranked matches, feedback."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, File, Query, Request, UploadFile
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from shuanglian.errors import http_status
from shuanglian.services import matching
from shuanglian.web.api.registers import MAX_IMPORT_BYTES, file_format
from shuanglian.web.auth import Principal
from shuanglian.web.deps import Paging, check_csrf, get_db, get_principal, page_envelope, paging
from shuanglian.web.errors import ApiError

router = APIRouter(prefix="/api/matching", tags=["matching"])
# Internal data: the challenge-only roles (applicant, reviewer) do not read it.
READERS = ("admin", "editor", "viewer", "publisher")
WRITERS = ("admin", "editor", "publisher")


def matching_reader(principal: Principal | None = Depends(get_principal)) -> Principal:
    """A logged-in user of an internal role."""
    if principal is None:
        raise ApiError(401, "log in or send an API token")
    if principal.role not in READERS:
        raise ApiError(403, f"role {principal.role!r} may not read matching data", "forbidden_role")
    return principal


async def matching_writer(request: Request, principal: Principal | None = Depends(get_principal)) -> Principal:
    """Editors, admins and publishers (who post needs) may add records and give feedback."""
    if principal is None:
        raise ApiError(401, "log in or send an API token")
    if principal.role not in WRITERS:
        raise ApiError(403, f"role {principal.role!r} may not change matching data", "forbidden_role")
    await check_csrf(request, principal)
    return principal


def privileged(p: Principal) -> bool:
    """Editors and admins see confidential demands of others."""
    return p.role in ("admin", "editor")


class DemandIn(BaseModel):
    """A technical need entered by a user."""

    statement: str = Field(..., min_length=4, max_length=4000)
    title: str = Field("", max_length=200)
    kind: str = "need"
    field: str = Field("", max_length=100)
    requester: str = Field("", max_length=200)
    region: str = Field("", max_length=64)
    budget: float | None = Field(None, ge=0, description="yuan")
    deadline: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    contact: str = Field("", max_length=200)
    confidentiality: str = "public"


class SupplyIn(BaseModel):
    """A result, patent, lab capability or expert entered by a user."""

    statement: str = Field(..., min_length=4, max_length=4000)
    title: str = Field("", max_length=200)
    kind: str = "result"
    field: str = Field("", max_length=100)
    provider: str = Field("", max_length=200)
    region: str = Field("", max_length=64)
    contact: str = Field("", max_length=200)


class FeedbackIn(BaseModel):
    """A verdict on one suggested pair."""

    demand_id: str
    supply_id: str
    verdict: str = Field(..., pattern="^(useful|not_useful|contacted)$")


def _wrap(fn: Any, *args: Any, **kw: Any) -> Any:
    try:
        return fn(*args, **kw)
    except matching.MatchError as exc:
        raise ApiError(http_status(exc.code), str(exc), str(exc.code)) from exc
    except matching.TableFormatError as exc:
        raise ApiError(422, str(exc), "bad_file") from exc


@router.get("/{side}")
def list_records(side: str, q: str = Query("", max_length=100), pg: Paging = Depends(paging),
                 p: Principal = Depends(matching_reader), db: Session = Depends(get_db)) -> dict:
    """Demands (`side=demands`) or supply (`side=supply`), newest first."""
    s = _side(side)
    out = _wrap(matching.list_records, db, s, pg.limit, pg.offset, q, p.username, privileged(p))
    return page_envelope(out["items"], out["total"], pg)


def _side(side: str) -> str:
    if side in ("demands", "demand"):
        return "demand"
    if side == "supply":
        return "supply"
    raise ApiError(404, f"unknown list {side!r}: demands or supply")


@router.post("/demands", status_code=201)
def add_demand(body: DemandIn, p: Principal = Depends(matching_writer), db: Session = Depends(get_db)) -> dict:
    """Store a demand (placed on a chain link, embedded once, audited)."""
    return _wrap(matching.add_demand, db, body.model_dump(), p.username)


@router.post("/supply", status_code=201)
def add_supply(body: SupplyIn, p: Principal = Depends(matching_writer), db: Session = Depends(get_db)) -> dict:
    """Store a supply record."""
    return _wrap(matching.add_supply, db, body.model_dump(), p.username)


@router.post("/{side}/import")
async def import_sheet(side: str, file: UploadFile = File(...), p: Principal = Depends(matching_writer),
                       db: Session = Depends(get_db)) -> dict:
    """Import demands or supply from a CSV/XLSX (columns: data/columns.yaml); bad rows listed."""
    s = _side(side)
    fmt = file_format(file.filename)
    data = await file.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise ApiError(413, "file too large")
    return _wrap(matching.import_sheet, db, s, data, fmt, file.filename or "upload", p.username)


@router.post("/extract/{doc_id}")
def extract_document(doc_id: str, p: Principal = Depends(matching_writer), db: Session = Depends(get_db)) -> dict:
    """Demand and supply records from a stored document's sentences (with spans)."""
    return _wrap(matching.extract_document, db, doc_id, p.username)


@router.get("/{side}/{rid}")
def get_record(side: str, rid: str, p: Principal = Depends(matching_reader), db: Session = Depends(get_db)) -> dict:
    """One demand or supply record."""
    return _wrap(matching.get_record, db, _side(side), rid, p.username, privileged(p))


@router.get("/{side}/{rid}/matches")
def get_matches(side: str, rid: str, k: int = Query(10, ge=1, le=50), p: Principal = Depends(matching_reader),
                db: Session = Depends(get_db)) -> dict:
    """Ranked matches with explanations: supply for a demand, demands for a supply."""
    return _wrap(matching.matches, db, _side(side), rid, k, p.username, privileged(p))


@router.post("/feedback", status_code=201)
def feedback(body: FeedbackIn = Body(...), p: Principal = Depends(matching_writer),
             db: Session = Depends(get_db)) -> dict:
    """Mark a match useful / not useful / contacted; returns the re-learned ranking weights."""
    return _wrap(matching.feedback, db, body.demand_id, body.supply_id, body.verdict, p.username)
