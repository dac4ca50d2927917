"""Row-level change log of a session: which watched rows were inserted, updated or deleted since the
log was last drained. Filled automatically on every ORM flush (so no writer can forget it) and, for
bulk Core inserts that bypass the ORM, by `note`. Projections drain it to know what to recompute.

What is recorded per table is decided by the package that owns the table (`watch`), so this module
knows no table but its own bookkeeping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

KEY = "shuanglian.changes"
# table name -> extractor(row object or mapping) -> a hashable record of what changed
_WATCHED: dict[str, Callable[[Any], Any]] = {}


def watch(table: str, extract: Callable[[Any], Any]) -> None:
    """Record rows of `table` written through this session as `extract(row)` (an ORM object or a mapping)."""
    _WATCHED[table] = extract


def _log(session: Session) -> dict[str, list[Any]]:
    log: dict[str, list[Any]] = session.info.setdefault(KEY, {})
    return log


def note(session: Session, table: str, rows: Iterable[Any]) -> None:
    """Record rows written outside the ORM unit of work (bulk Core inserts)."""
    extract = _WATCHED.get(table)
    if extract is None:
        return
    _log(session).setdefault(table, []).extend(extract(r) for r in rows)


def drain(session: Session) -> dict[str, list[Any]]:
    """Everything recorded since the last drain (and forget it)."""
    return session.info.pop(KEY, {}) or {}


def pending(session: Session) -> bool:
    """True when some watched row was written and not drained yet (flushes first)."""
    session.flush()
    return any(_log(session).values())


def _after_flush(session: Session, _ctx: Any) -> None:
    if not _WATCHED:
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(getattr(obj, "__table__", None), "name", None)
        extract = _WATCHED.get(table) if table else None
        if extract is not None:
            _log(session).setdefault(table or "", []).append(extract(obj))


def _after_rollback(session: Session) -> None:
    session.info.pop(KEY, None)  # rolled-back rows were never written


event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "after_soft_rollback", lambda session, _prev: _after_rollback(session))
