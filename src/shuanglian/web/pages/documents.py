"""Pages: search, document list with upload, and the document page (highlighted text, drops, repairs, facts)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shuanglian.services import documents as docs
from shuanglian.services import search as search_service
from shuanglian.services.doc_labels import document_labels
from shuanglian.store.db import session_scope
from shuanglian.web.api.documents import ingest_uploads
from shuanglian.web.auth import Principal
from shuanglian.web.deps import MAX_PAGE, Paging, get_db, page_envelope, require_editor
from shuanglian.web.errors import ApiError
from shuanglian.web.highlight import entity_marks, overlay, paragraphs, sentence_bounds, span_segments
from shuanglian.web.pages.common import page_user
from shuanglian.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/search")
def search_page(
    request: Request,
    q: str = Query("", max_length=200),
    offset: int = Query(0, ge=0),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Full-text search with highlighted snippets."""
    res = search_service.search(db, q, 20, offset) if q.strip() else None
    hits = [h.to_json() for h in res.hits] if res else []
    page = None
    if res is not None:
        n_docs = sum(1 for h in hits if h["kind"] == "document")
        page = page_envelope([h for h in hits if h["kind"] == "document"], res.total, Paging(20, offset))
        page["next_offset"] = offset + n_docs if offset + n_docs < res.total else None
    return render(request, "search.html", {"q": q, "res": res, "hits": hits, "page": page,
                                           "base_url": "/search?" + urlencode({"q": q})})


@router.get("/documents")
def documents_page(
    request: Request,
    q: str = Query("", max_length=200),
    sort: str = Query("-created"),
    limit: int = Query(50, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Documents, sortable and filterable, with an upload form for editors."""
    try:
        page = docs.list_documents(db, limit=limit, offset=offset, q=q or None, sort=sort)
    except ValueError as exc:
        raise ApiError(422, str(exc), "invalid_sort") from exc
    env = page_envelope([docs.document_summary(r) for r in page.items], page.total, Paging(limit, offset))
    base = "/documents?" + urlencode({"q": q, "sort": sort, "limit": limit})
    return render(request, "documents.html", {"page": env, "q": q, "sort": sort, "base_url": base})


@router.post("/documents/upload")
async def documents_upload(
    request: Request,
    files: list[UploadFile] = File(...),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
) -> Response:
    """Ingest uploaded files and show the report."""
    report = await ingest_uploads(request, files, p)
    with session_scope(request.app.state.db_url) as db:
        labels = {k: v.text() for k, v in document_labels(db, report.get("ids") or []).items()}
    return render(request, "ingest_report.html", {"report": report, "labels": labels})


@router.get("/documents/{doc_id}")
def document_page(
    doc_id: str,
    request: Request,
    at: str = Query("", pattern=r"^(\d{1,9}-\d{1,9})?$"),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """One document: cleaned text with entities highlighted by span, dropped lines, repairs, facts;
    `at=START-END` (a fact's span) highlights its sentence and scrolls there."""
    row = docs.get_document(db, doc_id)
    if row is None:
        raise ApiError(404, f"no document {doc_id!r}")
    detail = docs.document_detail(row)
    text = detail["text"] or ""
    segs = span_segments(text, entity_marks(detail.get("entities") or []))
    if at:
        s, e = (int(x) for x in at.split("-"))
        segs = overlay(segs, *sentence_bounds(text, s, e))
    return render(request, "document.html", {"doc": detail, "paras": paragraphs(segs)})
