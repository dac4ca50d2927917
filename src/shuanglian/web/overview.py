"""Numbers for the dashboard, gathered from the stored documents and the graph/register/chain services."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.store.documents import DocumentRow

TIMELINE_DOCS = 300  # visits are read from the newest documents only: the dashboard must stay fast


def visit_timeline(db: Session, limit: int = 30) -> list[dict[str, Any]]:
    """Official visits (events of kind `visit`) from the newest documents, newest first."""
    rows = db.execute(
        select(DocumentRow.id, DocumentRow.title, DocumentRow.published, DocumentRow.facts)
        .order_by(DocumentRow.published.desc(), DocumentRow.id)
        .limit(TIMELINE_DOCS)
    ).all()
    out: list[dict[str, Any]] = []
    for doc_id, title, published, facts in rows:
        for ev in (facts or {}).get("events") or []:
            if ev.get("kind", "visit") != "visit":
                continue
            out.append({
                "date": ev.get("date") or (published or "")[:10],
                "visitors": _names(ev.get("visitors")),
                "visited": _names(ev.get("visited")),
                "place": ev.get("place"),
                "doc_id": doc_id,
                "title": title,
            })
    out.sort(key=lambda e: e["date"] or "", reverse=True)
    return out[:limit]


def _names(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    names = []
    for v in value:
        names.append(v.get("name", "") if isinstance(v, dict) else str(v))
    return [n for n in names if n]


def dashboard_data(db: Session) -> dict[str, Any]:
    """Everything the dashboard shows besides recent documents."""
    return {"visits": visit_timeline(db)}
