"""Hand-made stored documents with extracted facts (independent of the extractor's quality)."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy.orm import Session

from shuanglian.store.documents import DocumentRow


def ent(name: str, kind: str, text: str, aliases: list[str] | None = None, **attrs: Any) -> dict[str, Any]:
    """An extracted entity whose spans are every occurrence of its name and aliases in `text`."""
    spans = []
    for n in [name, *(aliases or [])]:
        i = text.find(n)
        while i >= 0:
            spans.append([i, i + len(n)])
            i = text.find(n, i + len(n))
    return {"name": name, "kind": kind, "aliases": aliases or [], "spans": sorted(spans), "attrs": attrs}


def make_doc(session: Session, text: str, entities: list[dict[str, Any]], **facts: Any) -> DocumentRow:
    """Store a DocumentRow with the given text and facts."""
    h = hashlib.sha256(text.encode()).hexdigest()
    row = DocumentRow(
        id=h[:16], content_hash=h, source=f"test://{h[:8]}", raw=text, text=text,
        facts={"entities": entities, **facts}, extractor_version="test-1",
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def entity_named(session: Session, name: str) -> Any:
    """The canonical entity that has `name` among its names (exactly one, else the test fails)."""
    from sqlalchemy import select

    from shuanglian.graph.ids import normalise_name
    from shuanglian.graph.tables import Entity

    key = "|" + normalise_name(name) + "|"
    found = [e for e in session.scalars(select(Entity)) if key in e.search_text]
    assert len(found) == 1, f"{name}: {[(e.id, e.name) for e in found]}"
    return found[0]
