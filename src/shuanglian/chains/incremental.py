"""Which chain templates the stored placements were made with. Placements are kept current by every
write (projections.placements); only a template change outside the database (an upgrade shipping new
chain files) needs a full re-placement, which `templates_changed` detects."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy.orm import Session

from shuanglian.chains.tables import PlacementState
from shuanglian.chains.templates import ChainTemplate

STATE_ID = "all"


def templates_hash(templates: dict[str, ChainTemplate]) -> str:
    """Fingerprint of a template set (any edited term, link or chain changes it)."""
    blob = json.dumps([templates[k].to_json() for k in sorted(templates)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def templates_changed(session: Session, templates: dict[str, ChainTemplate]) -> bool:
    """True when placements were made with other templates than these (or never recorded)."""
    state = session.get(PlacementState, STATE_ID)
    return state is None or state.templates_hash != templates_hash(templates)


def remember_templates(session: Session, templates: dict[str, ChainTemplate], only_if_unset: bool = False) -> None:
    """Record that placements now follow these templates."""
    state = session.get(PlacementState, STATE_ID)
    if state is not None and only_if_unset:
        return
    digest = templates_hash(templates)
    if state is None:
        session.add(PlacementState(id=STATE_ID, templates_hash=digest, watermark=None))
    elif state.templates_hash != digest:
        state.templates_hash = digest
