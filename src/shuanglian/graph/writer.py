"""The one writer of statements: one factory (schema-validated, deterministic id), one status policy,
bulk save, status changes. Every statement any package stores is built here; every write is
recorded in the session's change log (store.changes) so projections know what to recompute."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph.ids import make_statement_id
from shuanglian.graph.schema import SchemaError, get_schema
from shuanglian.graph.tables import ACCEPTED, EDITED, ORIGINS, PROPOSED, Statement
from shuanglian.settings import get_settings
from shuanglian.store import changes
from shuanglian.store.documents import utcnow

_CHUNK = 900  # IN-list size under SQLite's bound-parameter limit


class MissingProvenance(SchemaError):
    """A statement without the provenance every statement must carry (extractor and version, or user)."""


@dataclass
class Provenance:
    """Where statements come from: a document or a program (extractor + version) or a person
    (manual / import, with the user)."""

    origin: str = "document"
    document_id: str | None = None
    extractor: str | None = None
    extractor_version: str | None = None
    user: str | None = None


def initial_status(origin: str, confidence: float) -> str:
    """Document facts start `proposed` unless confident enough; people's input is `accepted`."""
    if origin != "document":
        return ACCEPTED
    return ACCEPTED if confidence >= get_settings().auto_accept_threshold else PROPOSED


def value_text(value: Any) -> str:
    """Display text stored in `statements.value` for a typed value (bools as true/false)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def statement_row(
    prov: Provenance,
    *,
    entity_id: str,
    kind: str,
    prop: str,
    value: Any,
    value_json: Any = None,
    target_id: str | None = None,
    target_kind: str | None = None,
    span: Sequence[int] | None = None,
    confidence: float = 1.0,
    supersedes: str | None = None,
    status: str | None = None,
    json_in_id: bool = True,
) -> dict[str, Any]:
    """The one statement factory: a schema-validated statement as a row (column -> value) with a
    deterministic id, for bulk inserts (`save_statement_rows`) without building ORM objects.
    Raises SchemaError. `new_statement` is the same as an ORM object.

    `json_in_id=False` for derived statements whose structured value carries scores that may change
    (chain placements, imports): the id then names what is said and where, not how strongly."""
    if prov.origin not in ORIGINS:
        raise SchemaError(f"unknown statement origin {prov.origin!r}")
    if prov.origin != "document" and not prov.user:
        raise MissingProvenance(f"{prov.origin} statements need the user who made them")
    if prov.origin == "document" and not (prov.extractor and prov.extractor_version):
        raise MissingProvenance(f"document statement {kind}.{prop} without extractor name and version")
    get_schema().validate(kind, prop, value, target_kind if (target_id or target_kind) else None)
    text = value_text(value)
    sp = (int(span[0]), int(span[1])) if span is not None and len(span) == 2 else None
    sid = make_statement_id(
        entity_id, prop, text, target_id, prov.document_id, sp, prov.origin,
        prov.user if prov.origin != "document" else None, supersedes,
        value_json if json_in_id else None,
    )  # fmt: skip
    return {
        "id": sid, "entity_id": entity_id, "kind": kind, "prop": prop, "value": text, "value_json": value_json,
        "target_id": target_id, "origin": prov.origin, "document_id": prov.document_id,
        "span_start": sp[0] if sp else None, "span_end": sp[1] if sp else None,
        "extractor": prov.extractor, "extractor_version": prov.extractor_version, "user": prov.user,
        "created_at": utcnow(), "status": status or initial_status(prov.origin, confidence),
        "confidence": confidence, "supersedes": supersedes, "superseded_by": None,
    }  # fmt: skip


def new_statement(prov: Provenance, **kw: Any) -> Statement:
    """Build (not add) a schema-validated Statement with a deterministic id (`statement_row`'s
    arguments). Raises SchemaError."""
    return Statement(**statement_row(prov, **kw))


def stored_ids(session: Session, ids: Iterable[str]) -> set[str]:
    """Which of these statement ids are stored already."""
    wanted = sorted(set(ids))
    out: set[str] = set()
    for i in range(0, len(wanted), _CHUNK):
        out |= set(session.scalars(select(Statement.id).where(Statement.id.in_(wanted[i : i + _CHUNK]))))
    return out


def fetch_statements(session: Session, ids: Iterable[str]) -> dict[str, Statement]:
    """Stored statements (any status) among `ids`, fetched in chunks: one query per 900 ids."""
    wanted = sorted(set(ids))
    out: dict[str, Statement] = {}
    with session.no_autoflush:
        for i in range(0, len(wanted), _CHUNK):
            for st in session.scalars(select(Statement).where(Statement.id.in_(wanted[i : i + _CHUNK]))):
                out[st.id] = st
    return out


def save_statements(session: Session, statements: Iterable[Statement]) -> list[Statement]:
    """Add the statements whose ids are not stored yet; return the ones added (idempotent, bulk)."""
    pending: dict[str, Statement] = {}
    for st in statements:
        pending.setdefault(st.id, st)
    cols = _columns()
    rows = save_statement_rows(session, [{c: getattr(st, c) for c in cols} for st in pending.values()])
    return [pending[r["id"]] for r in rows]


def save_statement_rows(session: Session, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Insert the statement rows (`statement_row`) whose ids are not stored yet, in the order given, with
    one Core executemany per 5,000 rows (no ORM objects: the unit of work is slow here); returns the rows
    inserted. Idempotent; the first row of a repeated id wins."""
    pending: dict[str, dict[str, Any]] = {}
    for r in rows:
        pending.setdefault(r["id"], r)
    existing = stored_ids(session, pending)
    new = [r for i, r in pending.items() if i not in existing]
    table: Any = Statement.__table__  # core executemany, no ORM bulk-insert bookkeeping
    for i in range(0, len(new), 5000):
        session.execute(table.insert(), new[i : i + 5000])
    changes.note(session, "statements", new)
    return new


@lru_cache(maxsize=1)
def _columns() -> tuple[str, ...]:
    return tuple(c.key for c in Statement.__table__.columns)


def supersede(old: Statement, new: Statement) -> None:
    """Mark an older live statement as replaced by a newer one (kept for history, out of the view)."""
    old.status = EDITED
    old.superseded_by = new.id
    new.supersedes = old.id


def set_status(old: Statement, status: str) -> None:
    """Change a stored statement's review status (recorded on flush like any ORM write)."""
    old.status = status
