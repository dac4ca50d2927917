"""Pages: the six registers (sortable, filterable tables, export buttons, import with preview)."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shuanglian.services import registers as reg
from shuanglian.services.doc_labels import document_labels, source_text
from shuanglian.services.register_facets import register_facets
from shuanglian.web.api.registers import MAX_IMPORT_BYTES, file_format, filters, list_page, run_import
from shuanglian.web.auth import Principal
from shuanglian.web.deps import MAX_PAGE, Paging, get_db, require_editor
from shuanglian.web.errors import ApiError
from shuanglian.web.pages.common import page_user, redirect
from shuanglian.web.pages.prefs import region_for
from shuanglian.web.templating import lang_of, render

router = APIRouter(include_in_schema=False)


def _spec(name: str) -> dict:
    for spec in reg.registers_overview():
        if spec["name"] == name:
            return spec
    raise ApiError(404, f"unknown register {name!r}", "unknown_register")


@router.get("/registers")
def registers_home() -> Response:
    """The first register."""
    return redirect(f"/registers/{reg.register_names()[0]}")


@router.get("/registers/{name}")
def register_page(
    name: str,
    request: Request,
    flt: dict = Depends(filters),
    sort: str = Query("name"),
    limit: int = Query(50, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """One register as a table."""
    spec = _spec(name)
    region = region_for(request, db, flt.get("region"))
    flt = {**{k: v for k, v in flt.items() if k != "region"}, **({"region": region} if region else {})}
    page = list_page(db, name, flt, sort, Paging(limit, offset))
    facets = register_facets(db, name, **flt)
    official = next((o for o in reg.official_overview(db, flt.get("region")) if o["register"] == name), None)
    doc_ids = [s[4:] for r in page["items"] for s in r.get("sources") or [] if s.startswith("doc:")]
    doc_ids += [f["document_id"] for f in (official or {}).get("official", {}).values() if f.get("document_id")]
    labels = document_labels(db, doc_ids)
    qflt = {k: ("true" if v is True else v) for k, v in flt.items()}  # query-string form of the filters
    query = urlencode({**qflt, "sort": sort})
    return render(request, "register.html", {
        "spec": spec, "specs": reg.registers_overview(), "page": page, "flt": flt, "sort": sort,
        "base_url": f"/registers/{name}?{query}", "filter_query": urlencode(qflt), "official": official,
        "hidden_view": bool(flt.get("hidden")),
        "hidden_url": f"/registers/{name}?" + urlencode({**qflt, "hidden": "true"}),
        "visible_url": f"/registers/{name}?" + urlencode({k: v for k, v in qflt.items() if k != "hidden"}),
        "doc_labels": labels, "facets": facets, "facet_url": lambda k, v: f"/registers/{name}?" + urlencode(
            {**{x: y for x, y in qflt.items() if x != k}, k: v, "sort": sort}), "source_text": lambda s: source_text(s, labels, lang_of(request)),
    })


@router.post("/registers/{name}/import")
async def register_import(
    name: str,
    request: Request,
    file: UploadFile | None = File(None),
    payload: str = Form(""),
    filename: str = Form(""),
    commit: bool = Form(False),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Upload -> dry-run preview (errors by row and column); the preview's confirm button imports."""
    spec = _spec(name)
    if file is not None and file.filename:
        data, filename = await file.read(), file.filename
    elif payload:
        try:
            data = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ApiError(422, "the preview was damaged; upload the file again", "bad_payload") from exc
    else:
        raise ApiError(422, "choose a .csv or .xlsx file", "no_file")
    if len(data) > MAX_IMPORT_BYTES:
        raise ApiError(413, "file too large")
    fmt = file_format(filename)
    report = run_import(db, name, data, fmt, p.username, dry_run=not commit)
    return render(request, "register_import.html", {
        "spec": spec, "report": report, "filename": filename, "committed": commit,
        # the checked file travels back in the form so the confirm step imports exactly what was previewed
        "payload": base64.b64encode(data).decode() if not commit else "",
    })
