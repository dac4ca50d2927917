"""Incremental placement: re-place only the entities whose statements are newer than the last run,
unless the chain templates changed (then everything is placed again)."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.chains.placement import EXTRACTOR, PlacementStats, place_entities
from shuanglian.chains.tables import PlacementState
from shuanglian.chains.templates import ChainTemplate
from shuanglian.graph.tables import Statement

STATE_ID = "all"


def templates_hash(templates: dict[str, ChainTemplate]) -> str:
    """Fingerprint of a template set (any edited term, link or chain changes it)."""
    blob = json.dumps([templates[k].to_json() for k in sorted(templates)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def place_changed(session: Session, templates: dict[str, ChainTemplate], full: bool = False) -> PlacementStats:
    """Place the entities with statements added since the last run (all of them on the first run, when
    `full`, or when the templates changed); then remember where this run stopped."""
    digest = templates_hash(templates)
    # The watermark is read before placing, so statements written meanwhile are seen next time.
    newest = session.scalar(select(func.max(Statement.created_at)).where(Statement.extractor.is_distinct_from(EXTRACTOR)))
    state = session.get(PlacementState, STATE_ID)
    if full or state is None or state.templates_hash != digest or state.watermark is None:
        stats = place_entities(session, templates)
    else:
        changed = set(
            session.scalars(
                select(Statement.entity_id)
                .where(Statement.created_at > state.watermark, Statement.extractor.is_distinct_from(EXTRACTOR))
                .distinct()
            )
        )
        stats = place_entities(session, templates, entity_ids=changed) if changed else PlacementStats()
    if state is None:
        session.add(PlacementState(id=STATE_ID, templates_hash=digest, watermark=newest))
    else:
        state.templates_hash, state.watermark = digest, newest
    session.flush()
    return stats
