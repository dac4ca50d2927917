"""Registers' access to the graph: the reader (graph.reader) and the writer (graph.writer) under the
names registers and chains have always used. No SQL over graph tables here."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from shuanglian.graph.reader import (
    DIGEST_MIN_MEMBERS,
    DigestView,
    EntityView,
    Fact,
    chunks,
    digest_views,
    load_views,
    views_for_members,
)
from shuanglian.graph.tables import Statement
from shuanglian.graph.writer import Provenance, fetch_statements, new_statement, value_text
from shuanglian.graph.writer import supersede as _supersede

__all__ = [
    "DIGEST_MIN_MEMBERS", "DigestView", "EntityView", "digest_views", "Fact", "build_statement", "chunks", "fetch_statements", "load_views", "put_statement",
    "supersede", "value_text", "views_for_members",
]  # fmt: skip


def build_statement(
    *,
    entity_id: str,
    kind: str,
    prop: str,
    value: Any,
    origin: str,
    value_json: Any = None,
    target_id: str | None = None,
    target_kind: str | None = None,
    document_id: str | None = None,
    span: tuple[int, int] | None = None,
    user: str | None = None,
    extractor: str | None = None,
    extractor_version: str | None = None,
    confidence: float = 1.0,
    status: str | None = None,
) -> Statement:
    """A schema-validated Statement from graph.writer.new_statement (not added to any session); the id
    leaves the structured value out, so re-imports and re-placements find the same statement."""
    prov = Provenance(origin, document_id, extractor, extractor_version, user)
    return new_statement(
        prov, entity_id=entity_id, kind=kind, prop=prop, value=value,
        value_json=value_json if value_json is not None else (value if not isinstance(value, str) else None),
        target_id=target_id, target_kind=target_kind, span=span, confidence=confidence, status=status,
        json_in_id=False,
    )  # fmt: skip


def put_statement(session: Session, **kw: Any) -> tuple[Statement, bool]:
    """Add one statement unless the identical one (same deterministic id) exists; returns (row, created)."""
    row = build_statement(**kw)
    existing = session.get(Statement, row.id)
    if existing is not None:
        return existing, False
    session.add(row)
    return row, True


def supersede(session: Session, old: Statement, new: Statement) -> None:
    """Mark an older live statement as replaced by a newer one (kept for history, out of the view)."""
    _supersede(old, new)
