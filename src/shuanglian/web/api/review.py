"""Review queue in groups (bulk decisions, undo, auto-accept rules) and suggested merges."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from shuanglian.services import review_queue as rq
from shuanglian.web.auth import Principal
from shuanglian.web.deps import Paging, get_db, paging, require_editor, require_viewer

router = APIRouter(prefix="/api", tags=["entities, review, audit"])
BY = "^(entity|prop|document)$"


class BulkIn(BaseModel):
    """Accept or reject every pending fact of one group (or the listed statement ids)."""

    decision: str = Field(pattern="^(accept|reject)$")
    by: str = Field(default="entity", pattern=BY)
    key: str | None = Field(default=None, max_length=200)
    kind: str | None = Field(default=None, max_length=32)
    ids: list[str] = Field(default_factory=list, max_length=rq.MAX_GROUP)


class UndoIn(BaseModel):
    """The audit entry of the decision to undo."""

    audit_id: int = Field(ge=1)


@router.get("/review/groups")
def review_groups(
    by: str = Query("entity", pattern=BY),
    kind: str | None = Query(None, max_length=32),
    pg: Paging = Depends(paging),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Pending facts grouped by entity, fact kind or document; highest impact first."""
    return rq.queue_groups(db, by=by, kind=kind, limit=pg.limit, offset=pg.offset)


@router.get("/review/groups/items")
def review_group_items(
    key: str = Query(..., max_length=200),
    by: str = Query("entity", pattern=BY),
    kind: str | None = Query(None, max_length=32),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """The pending facts of one group."""
    return {"items": rq.group_items(db, by, key, kind, limit=200)}


@router.post("/review/bulk")
def review_bulk(body: BulkIn, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Decide a whole group (or a list of ids) at once; the answer's `audit_id` undoes it."""
    if body.ids:
        out = rq.decide(db, body.ids, body.decision, p.username)
    else:
        out = rq.decide_group(db, body.by, body.key or "", body.decision, p.username, body.kind)
    db.commit()
    return out


@router.post("/review/undo")
def review_undo(body: UndoIn, p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Undo an accept/reject (single or bulk): its facts go back to the queue."""
    out = rq.undo(db, body.audit_id, p.username)
    db.commit()
    return out


@router.post("/review/auto")
def review_auto(p: Principal = Depends(require_editor), db: Session = Depends(get_db)) -> dict:
    """Apply the auto-accept rules (data) to the pending facts."""
    out = rq.apply_auto_rules(db, p.username)
    db.commit()
    return out


@router.get("/review/merge-suggestions")
def merge_suggestions(
    kind: str | None = Query(None, max_length=32),
    limit: int = Query(50, ge=1, le=200),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Pairs of entities that may be the same, just below the automatic merge threshold."""
    return {"items": rq.merge_suggestions(db, limit=limit, kind=kind)}


@router.get("/entities-lookup")
def entities_lookup(
    name: str = Query(..., min_length=1, max_length=200),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Entities a name (or id) refers to: exact names first, then names containing it."""
    return {"items": rq.find_entities(db, name)}
