"""`apply_changes` ends every service write; `rebuild_all` recomputes every projection."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy.orm import Session

from shuanglian.projections import rules_state
from shuanglian.projections.base import Changes, projectors
from shuanglian.store import changes as change_log

log = logging.getLogger(__name__)
_DEFERRED: ContextVar[bool] = ContextVar("shuanglian_projections_deferred", default=False)


@contextmanager
def deferred() -> Iterator[None]:
    """Inside this block `apply_changes` runs no projector (it only drains the change log): writes store
    statements alone, and the caller must `rebuild_all` afterwards. Valid because every projector's
    incremental update equals its rebuild (tests/projections, bench/rebuild_equals.py); meant for bulk
    loads (bench/ingest_growth.py seeding), never for a live database that is read meanwhile."""
    token = _DEFERRED.set(True)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


def apply_changes(session: Session, changed: Changes | None = None) -> Changes:
    """Run every projector, in order, on what the session wrote since the last call (the change log
    that every ORM flush and bulk statement insert fills) plus `changed`; returns what changed."""
    session.flush()
    ch = (changed or Changes()).absorb(change_log.drain(session))
    if not ch or _DEFERRED.get():
        return Changes() if ch else ch
    ps = projectors()
    names = [p.name for p in ps]
    have = rules_state.stored(session)
    stale = set(rules_state.stale(have, names))
    if stale:  # read again under a lock: a writer that rebuilt meanwhile leaves nothing stale
        have = rules_state.stored(session, lock=True)
        stale = set(rules_state.stale(have, names))
    rebuilt: set[str] = set()
    for p in ps:
        t = time.perf_counter()
        if p.name in stale and not ch.full:
            # built by other rules (an update of the rules files or a new release): an update would mix
            # old rows with new ones, so this projector and every one after it rebuild
            log.warning("projection %s was built by other rules: rebuilding it and the ones after it", p.name)
            ch.full = True
        if ch.full:
            p.rebuild(session)
            rebuilt.add(p.name)
        else:
            ch = p.update(session, ch)
        session.flush()
        ch.absorb(change_log.drain(session))  # what this projector wrote (placements) feeds the next ones
        log.debug("projector %s: %.3fs", p.name, time.perf_counter() - t)
    rules_state.mark(session, have, names, rebuilt)
    return ch


def rebuild_all(session: Session) -> dict[str, float]:
    """Recompute every projection from the statements, in order; seconds per projector."""
    session.flush()
    change_log.drain(session)
    out: dict[str, float] = {}
    for p in projectors():
        t = time.perf_counter()
        p.rebuild(session)
        session.flush()
        out[p.name] = round(time.perf_counter() - t, 3)
    names = [p.name for p in projectors()]
    rules_state.mark(session, rules_state.stored(session), names, set(names))
    change_log.drain(session)  # a rebuild is complete by itself: nothing is left to apply
    return out
