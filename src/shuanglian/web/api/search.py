"""Full-text search over documents and entity names, with highlighted snippet segments."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from shuanglian.services import search as search_service
from shuanglian.web.auth import Principal
from shuanglian.web.deps import get_db, require_viewer

router = APIRouter(prefix="/api/search", tags=["search"])


@router.get("")
def search(
    q: str = Query(..., min_length=1, max_length=200),
    limit: int = Query(20, ge=1, le=search_service.MAX_LIMIT),
    offset: int = Query(0, ge=0),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Documents matching every term (snippets mark the matches); entity hits on the first page."""
    res = search_service.search(db, q, limit, offset)
    n_docs = sum(1 for h in res.hits if h.kind == "document")
    return {
        "query": res.query,
        "total": res.total,
        "total_capped": res.total_capped,  # true: at least `total` documents match (counting stopped there)
        "limit": limit,
        "offset": offset,
        "next_offset": offset + n_docs if offset + n_docs < res.total else None,
        "items": [h.to_json() for h in res.hits],
    }
