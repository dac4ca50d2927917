"""The six registers: declarations, filtered/sorted pages, CSV/XLSX export, import with dry-run preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from shuanglian.graph.api_models import RegisterPage
from shuanglian.registers.spec import UnknownRegister
from shuanglian.services import registers as reg
from shuanglian.web.auth import Principal
from shuanglian.web.deps import Paging, get_db, page_envelope, paging, require_editor, require_viewer
from shuanglian.web.errors import ApiError

router = APIRouter(prefix="/api/registers", tags=["registers"])
entity_router = APIRouter(prefix="/api/entities", tags=["registers"])
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MEDIA = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def filters(
    region: str | None = Query(None, max_length=64, description="place name, e.g. 深圳 or 广东"),
    chain: str | None = Query(None, max_length=64, description="chain id or name"),
    kind: str | None = Query(None, max_length=32, description="entity kind or its Chinese label"),
    q: str | None = Query(None, max_length=100, description="text in any name"),
    seen_from: str | None = Query(None, max_length=10, description="seen in documents on or after (YYYY-MM-DD)"),
    seen_to: str | None = Query(None, max_length=10, description="seen in documents on or before (YYYY-MM-DD)"),
    hidden: bool = Query(False, description="true: the rows analysts hid (to restore them)"),
) -> dict[str, Any]:
    """Register filters from the query string (empty values ignored)."""
    flt = {"region": region, "chain": chain, "kind": kind, "q": q, "seen_from": seen_from, "seen_to": seen_to,
           "hidden": hidden}  # fmt: skip
    return {k: v for k, v in flt.items() if v}


def list_page(db: Session, name: str, flt: dict[str, Any], sort: str | None, pg: Paging) -> dict[str, Any]:
    """One register page in the standard envelope plus the register's title and columns."""
    try:
        page = reg.list_register(db, name, limit=pg.limit, offset=pg.offset, sort=sort, **flt)
    except UnknownRegister as exc:
        raise ApiError(404, str(exc.args[0]), "unknown_register") from exc
    except ValueError as exc:
        raise ApiError(422, str(exc), "invalid_filter") from exc
    out = page_envelope(page["rows"], page["total"], pg)
    out.update({"register": page["register"], "title": page["title"], "columns": page["columns"]})
    return out


def file_format(filename: str | None) -> str:
    """csv or xlsx from the uploaded file's name."""
    ext = Path(filename or "").suffix.lower().lstrip(".")
    if ext not in reg.FORMATS:
        raise ApiError(422, f"{filename or 'file'}: use a .csv or .xlsx file", "bad_format")
    return ext


def run_import(db: Session, name: str, data: bytes, fmt: str, user: str, dry_run: bool) -> dict[str, Any]:
    """Validate (and unless dry_run, import) a register file; whole-file problems become 422 errors."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ApiError(413, f"file larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    try:
        report = reg.import_register(db, name, data, fmt, user, dry_run=dry_run)
    except UnknownRegister as exc:
        raise ApiError(404, str(exc.args[0]), "unknown_register") from exc
    except reg.TableFormatError as exc:
        raise ApiError(422, str(exc), "bad_file") from exc
    if not dry_run:
        db.commit()
    return report.to_json()


@router.get("")
def overview(_p: Principal = Depends(require_viewer)) -> dict:
    """The six registers: names, titles, kinds, columns."""
    return {"items": reg.registers_overview()}


class OfficialIn(BaseModel):
    """An official figure as the page or the meeting states it (161个, 1641亿元)."""

    model_config = ConfigDict(populate_by_name=True)

    register_name: str = Field(min_length=1, max_length=32, alias="register", description="carriers, projects…")
    measure: str = Field("count", pattern="^(count|investment)$")
    text: str = Field(min_length=1, max_length=32, description="as written: 161个, 1641亿元")
    region: str | None = Field(None, max_length=64)
    note: str = Field("", max_length=500)


@router.get("/official")
def official(
    region: str | None = Query(None, max_length=64, description="place name; empty: every region"),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Per register: the official 六个一 figure(s) in force (money as written) beside the rows held."""
    return {"region": region or None, "items": reg.official_overview(db, region or None)}


@router.post("/official")
def add_official(body: OfficialIn, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """An analyst enters an official figure (kept through rebuilds; newest in force for its region)."""
    try:
        out = reg.add_official_figure(db, body.register_name, body.measure, body.text, p.username, body.region, body.note)
    except UnknownRegister as exc:
        raise ApiError(404, str(exc.args[0]), "unknown_register") from exc
    except ValueError as exc:
        raise ApiError(422, str(exc), "invalid_figure") from exc
    db.commit()
    return out


@router.delete("/official/{figure_id}")
def delete_official(figure_id: str, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Remove an analyst's official figure (a page's figures follow the page)."""
    try:
        out = reg.delete_official_figure(db, figure_id, p.username)
    except KeyError as exc:
        raise ApiError(404, str(exc.args[0]), "not_found") from exc
    except ValueError as exc:
        raise ApiError(409, str(exc), "document_figure") from exc
    db.commit()
    return out


@router.get("/{name}", response_model=RegisterPage)
def list_register(
    name: str,
    flt: dict = Depends(filters),
    sort: str | None = Query("name", description="column key, prefix - for descending"),
    pg: Paging = Depends(paging),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """One page of a register, filtered and sorted; each row lists its sources."""
    return list_page(db, name, flt, sort, pg)


@router.get("/{name}/export")
def export_register(
    name: str,
    format: str = Query("csv", pattern="^(csv|xlsx)$"),
    flt: dict = Depends(filters),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> Response:
    """The whole filtered register as a CSV (UTF-8 BOM, opens in Excel) or XLSX download."""
    try:
        data = reg.export_register(db, name, format, **flt)
    except ValueError as exc:
        raise ApiError(422, str(exc), "invalid_filter") from exc
    except UnknownRegister as exc:
        raise ApiError(404, str(exc.args[0]), "unknown_register") from exc
    fname = f"{name}.{format}"
    return Response(data, media_type=MEDIA[format],
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(fname)}"})


@router.post("/{name}/import")
async def import_register(
    name: str,
    file: UploadFile = File(..., description="a .csv or .xlsx file with the register's columns"),
    dry_run: bool = Query(True, description="true: only validate and preview (default)"),
    p: Principal = Depends(require_editor),
    db: Session = Depends(get_db),
) -> dict:
    """Validate a register file (dry_run, the default) or import it; errors name the row and column."""
    fmt = file_format(file.filename)
    return run_import(db, name, await file.read(), fmt, p.username, dry_run)


class HideIn(BaseModel):
    """Why a row leaves a register: hide (not wanted here) or reject (not a real entry)."""

    action: str = Field("hide", pattern="^(hide|reject)$")
    reason: str = Field("", max_length=500)


@router.post("/{name}/rows/{entity_id}/hide")
def hide_row(
    name: str, entity_id: str, body: HideIn | None = None, p: Principal = Depends(require_editor),
    db: Session = Depends(get_db),
) -> dict:  # fmt: skip
    """Hide or reject a row: a stored judgement (audited, replayed on rebuild); see it with ?hidden=true."""
    body = body or HideIn(action="hide", reason="")
    try:
        out = reg.hide_row(db, name, entity_id, p.username, action=body.action, reason=body.reason)
    except UnknownRegister as exc:
        raise ApiError(404, str(exc.args[0]), "unknown_register") from exc
    except KeyError as exc:
        raise ApiError(404, str(exc.args[0]), "not_found") from exc
    except ValueError as exc:
        raise ApiError(409, str(exc), "already_hidden") from exc
    db.commit()
    return out


@router.delete("/{name}/rows/{entity_id}/hide")
def unhide_row(name: str, entity_id: str, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Restore a hidden row to the register."""
    try:
        out = reg.unhide_row(db, name, entity_id, p.username)
    except UnknownRegister as exc:
        raise ApiError(404, str(exc.args[0]), "unknown_register") from exc
    except KeyError as exc:
        raise ApiError(404, str(exc.args[0]), "not_hidden") from exc
    db.commit()
    return out


class RegionIn(BaseModel):
    """Where the entity is, and the analyst's evidence for it."""

    region: str = Field(min_length=1, max_length=64, description="place, e.g. 深圳市")
    reason: str = Field(min_length=1, max_length=500, description="why: 官网地址在深圳市南山区")


@entity_router.post("/{entity_id}/region")
def correct_region(entity_id: str, body: RegionIn, p: Principal = Depends(require_editor),
                   db: Session = Depends(get_db)) -> dict:  # fmt: skip
    """Correct an entity's region (a stored statement with the reason, ranked above page evidence)."""
    from shuanglian.services.entity_region import correct_region as correct

    try:
        out = correct(db, entity_id, body.region, body.reason, p.username)
    except ValueError as exc:
        raise ApiError(422, str(exc), "invalid_region") from exc
    db.commit()
    return out


@entity_router.get("/{entity_id}/region")
def region_evidence(entity_id: str, _p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """The entity's region and every located_in statement with its reason, strongest first."""
    from shuanglian.services.entity_region import region_evidence as evidence

    return {"items": [{**e, "created_at": e["created_at"].isoformat() if e["created_at"] else None}
                      for e in evidence(db, entity_id)]}  # fmt: skip
