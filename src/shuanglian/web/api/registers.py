"""The six registers: declarations, filtered/sorted pages, CSV/XLSX export, import with dry-run preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Query, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shuanglian.graph.api_models import RegisterPage
from shuanglian.registers.spec import UnknownRegister
from shuanglian.services import registers as reg
from shuanglian.web.auth import Principal
from shuanglian.web.deps import Paging, get_db, page_envelope, paging, require_editor, require_viewer
from shuanglian.web.errors import ApiError

router = APIRouter(prefix="/api/registers", tags=["registers"])
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MEDIA = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def filters(
    region: str | None = Query(None, max_length=64, description="place name, e.g. 深圳 or 广东"),
    chain: str | None = Query(None, max_length=64, description="chain id or name"),
    kind: str | None = Query(None, max_length=32, description="entity kind or its Chinese label"),
    q: str | None = Query(None, max_length=100, description="text in any name"),
) -> dict[str, Any]:
    """Register filters from the query string (empty values ignored)."""
    return {k: v for k, v in {"region": region, "chain": chain, "kind": kind, "q": q}.items() if v}


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
