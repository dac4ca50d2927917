"""Numbers for the dashboard, gathered from the stored documents and the graph/register/chain services."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.graph.tables import Entity
from shuanglian.services import chains, graph, registers
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


def register_counts(db: Session, lang: str) -> list[dict[str, Any]]:
    """Entries per register, labelled in the UI language."""
    out = []
    for spec in registers.registers_overview():
        total = registers.list_register(db, spec["name"], limit=1)["total"]
        out.append({"name": spec["title"].get(lang) or spec["title"]["zh"], "value": total, "id": spec["name"]})
    return out


def chain_counts(db: Session, lang: str, top: int = 15) -> list[dict[str, Any]]:
    """Members (all roles, all links) per chain, largest first; chains with none left out."""
    out = []
    for m in chains.chains_report(db):
        n = sum(sum(link["counts"].values()) for link in m["links"])
        if n:
            name = m["chain"].get("name_en") if lang == "en" else m["chain"].get("name")
            out.append({"name": name or m["chain"]["id"], "value": n, "id": m["chain"]["id"]})
    out.sort(key=lambda r: -r["value"])
    return out[:top]


def region_counts(db: Session, top: int = 30) -> list[dict[str, Any]]:
    """Entities per region (GROUP BY on the indexed region column)."""
    rows = db.execute(
        select(Entity.region, func.count()).where(Entity.region.isnot(None)).group_by(Entity.region)
        .order_by(func.count().desc()).limit(top)
    ).all()
    return [{"name": r, "value": int(n)} for r, n in rows]


def dashboard_data(db: Session, lang: str = "zh") -> dict[str, Any]:
    """Everything the dashboard shows besides recent documents."""
    return {
        "visits": visit_timeline(db),
        "register_counts": register_counts(db, lang),
        "chain_counts": chain_counts(db, lang),
        "region_counts": region_counts(db),
        "n_entities": graph.search_entities(db, limit=1)["total"],
        "n_pending": graph.review_queue(db, limit=1)["total"],
    }
