"""Pages: the review queue in groups (bulk accept/reject, undo, auto-accept rules, keyboard shortcuts),
suggested merges, and merging entities picked by name with a preview before confirming."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shuanglian.services import graph
from shuanglian.services import review_queue as rq
from shuanglian.web.auth import Principal
from shuanglian.web.deps import get_db, require_editor
from shuanglian.web.errors import ApiError
from shuanglian.web.highlight import context_parts
from shuanglian.web.pages.common import page_user, redirect
from shuanglian.web.pages.graph import kinds
from shuanglian.web.templating import render

router = APIRouter(include_in_schema=False)
GROUPS_PER_PAGE = 20


@router.get("/review")
def review_page(
    request: Request,
    by: str = Query("entity", pattern="^(entity|prop|document)$"),
    kind: str = Query("", max_length=32),
    offset: int = Query(0, ge=0),
    open: str = Query("", max_length=200),
    undo: int = Query(0, ge=0),
    done: int = Query(-1, ge=-1),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Pending facts grouped by entity, fact kind or document, highest impact first."""
    res = rq.queue_groups(db, by=by, kind=kind or None, limit=GROUPS_PER_PAGE, offset=offset)
    key = open or (res["groups"][0]["key"] if res["groups"] else "")
    items = rq.group_items(db, by, key, kind or None, limit=30) if key else []
    base = "/review?" + urlencode({"by": by, "kind": kind})
    page = {"total": res["total_groups"], "limit": GROUPS_PER_PAGE, "offset": offset,
            "next_offset": offset + GROUPS_PER_PAGE if offset + GROUPS_PER_PAGE < res["total_groups"] else None,
            "prev_offset": max(0, offset - GROUPS_PER_PAGE) if offset else None, "items": res["groups"]}
    return render(request, "review.html", {
        "res": res, "page": page, "by": by, "kind": kind, "kinds": kinds(), "open": key, "items": items,
        "snippets": _snippets(db, items), "base_url": base, "undo_id": undo, "done": done,
    })


def _snippets(db: Session, items: list[dict[str, Any]]) -> dict[str, Any]:
    from shuanglian.services.documents import get_document

    texts: dict[str, str] = {}
    for did in {it["document_id"] for it in items if it.get("document_id")}:
        row = get_document(db, did)
        if row is not None:
            texts[did] = row.text or ""
    out: dict[str, Any] = {}
    for it in items:
        text, span = texts.get(it.get("document_id") or ""), it.get("span")
        if text and span and span[0] is not None:
            out[it["id"]] = context_parts(text, int(span[0]), int(span[1]), graph.SNIPPET)
    return out


@router.post("/review/bulk")
def review_bulk(
    decision: str = Form(..., pattern="^(accept|reject)$"),
    by: str = Form("entity", pattern="^(entity|prop|document)$"),
    key: str = Form(..., max_length=200),
    kind: str = Form("", max_length=32),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Accept or reject a whole group, then back to the queue with an undo button."""
    out = rq.decide_group(db, by, key, decision, p.username, kind or None)
    db.commit()
    return redirect("/review?" + urlencode({"by": by, "kind": kind, "undo": out["audit_id"], "done": out["decided"]}))


@router.post("/review/undo")
def review_undo(
    audit_id: int = Form(..., ge=1),
    by: str = Form("entity", pattern="^(entity|prop|document)$"),
    kind: str = Form("", max_length=32),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Undo the last bulk or single decision: its facts go back to the queue."""
    rq.undo(db, audit_id, p.username)
    db.commit()
    return redirect("/review?" + urlencode({"by": by, "kind": kind}))


@router.post("/review/auto")
def review_auto(
    p: Principal = Depends(require_editor), _u: Principal = Depends(page_user), db: Session = Depends(get_db)
) -> Response:
    """Apply the auto-accept rules (data) to the queue."""
    out = rq.apply_auto_rules(db, p.username)
    db.commit()
    return redirect("/review?" + urlencode({"undo": out.get("audit_id") or 0, "done": out["decided"]}))


@router.get("/review/merges")
def merge_suggestions_page(
    request: Request,
    kind: str = Query("", max_length=32),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Candidate pairs just below the automatic merge threshold: merge or mark as different."""
    pairs = rq.merge_suggestions(db, limit=50, kind=kind or None)
    return render(request, "review_merges.html", {"pairs": pairs, "kind": kind, "kinds": kinds()})


@router.post("/review/not-same")
def review_not_same(
    a: str = Form(..., max_length=64),
    b: str = Form(..., max_length=64),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Mark a suggested pair as different entities (a judgement, replayed on rebuild)."""
    graph.not_same(db, a, b, p.username)
    db.commit()
    return redirect("/review/merges")


@router.get("/entities-merge")
def merge_preview(
    request: Request,
    a: str = Query("", max_length=200),
    b: str = Query("", max_length=200),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Pick two entities by name (or id), preview the merged entity, then confirm."""
    ca, cb = rq.find_entities(db, a), rq.find_entities(db, b)
    ea = ca[0] if len(ca) == 1 else None
    eb = cb[0] if len(cb) == 1 else None
    preview = rq.merge_preview(db, ea["id"], eb["id"]) if ea and eb and ea["id"] != eb["id"] else None
    if a and b and ea and eb and ea["id"] == eb["id"]:
        raise ApiError(422, "两个名称指向同一个实体", "same_entity")
    return render(request, "merge_preview.html", {"a": a, "b": b, "ca": ca, "cb": cb, "preview": preview})
