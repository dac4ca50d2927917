"""Graph tables: append-only statements with provenance, the materialised canonical entities
(entities + entity_members + entity_keys, recomputed from statements and judgements), the stored
user judgements (merge / split / not_same) and the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shuanglian.store import changes
from shuanglian.store.db import Base
from shuanglian.store.documents import utcnow


def _keytype(n: int) -> Any:
    """Normalised-key column: code-point ordering on every backend (PostgreSQL "C" collation, SQLite's
    default BINARY), so prefix searches are index range scans."""
    return String(n).with_variant(String(n, collation="C"), "postgresql")


# Statement status values. `edited` = superseded by a newer (manual) statement, kept for history.
PROPOSED, ACCEPTED, REJECTED, EDITED = "proposed", "accepted", "rejected", "edited"
STATUSES = (PROPOSED, ACCEPTED, REJECTED, EDITED)
# Statuses whose values count in the canonical view.
LIVE_STATUSES = (PROPOSED, ACCEPTED)
ORIGINS = ("document", "manual", "import")


def live_clause() -> Any:
    """WHERE clause for live statements when rows are picked by entity/target id. The `status || ''`
    expression is deliberate: given `status IN (...)` SQLite's planner scans the whole
    (status, kind) review-queue index instead of probing the entity index (seen: 100x slower)."""
    return Statement.status.concat("").in_(LIVE_STATUSES)


class Statement(Base):
    """One value said about one source entity, with where it came from. Never deleted or rewritten:
    an edit adds a new statement and marks the old one `edited` (superseded_by)."""

    __tablename__ = "statements"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # ids.make_statement_id
    entity_id: Mapped[str] = mapped_column(String(64))  # source entity id (ids.make_entity_id)
    kind: Mapped[str] = mapped_column(String(32))  # kind of the source entity
    prop: Mapped[str] = mapped_column(String(40))  # property or relation name from schema.yaml
    value: Mapped[str] = mapped_column(Text)  # display value (for relations: the target's name)
    value_json: Mapped[Any | None] = mapped_column(JSON, nullable=True)  # structured value (roles, figures)
    target_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    origin: Mapped[str] = mapped_column(String(16), default="document")
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), nullable=True, index=True)
    span_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    span_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    extractor: Mapped[str | None] = mapped_column(String(64), nullable=True)
    extractor_version: Mapped[str | None] = mapped_column(String(32), nullable=True)
    user: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default=PROPOSED)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    supersedes: Mapped[str | None] = mapped_column(String(32), nullable=True)
    superseded_by: Mapped[str | None] = mapped_column(String(32), nullable=True)

    __table_args__ = (
        Index("ix_statements_entity_prop", "entity_id", "prop"),
        Index("ix_statements_status_kind", "status", "kind", "id"),
    )


class Entity(Base):
    """Canonical entity: a materialised view recomputed from statements + judgements (never edited)."""

    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # id of the cluster's anchor member
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(512))
    name_key: Mapped[str] = mapped_column(_keytype(512))  # ids.normalise_name(name), for search
    names: Mapped[list[str]] = mapped_column(JSON, default=list)  # every live name and alias
    # normalised names and aliases joined by "|": substring search without scanning JSON
    search_text: Mapped[str] = mapped_column(Text, default="")
    region: Mapped[str | None] = mapped_column(_keytype(128), nullable=True)
    region_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    statement_count: Mapped[int] = mapped_column(Integer, default=0)
    document_count: Mapped[int] = mapped_column(Integer, default=0)
    member_count: Mapped[int] = mapped_column(Integer, default=1)
    score: Mapped[float] = mapped_column(Float, default=1.0)  # weakest automatic merge inside the cluster
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        Index("ix_entities_kind_name", "kind", "name_key", "id"),
        Index("ix_entities_name_key", "name_key", "id"),
        Index("ix_entities_region", "region", "id"),
        Index("ix_entities_statements", "statement_count", "id"),
        Index("ix_entities_documents", "document_count", "id"),
        Index("ix_entities_region_id", "region_id"),  # entities to re-summarise when a place is renamed
    )


class PlaceParent(Base):
    """The place hierarchy as data (a projection, projections.places): every name of a place entity
    with each parent it is stated to lie in (`parent`, `located_in`, `part_of` values), so region
    filters read a small table instead of every statement of every place."""

    __tablename__ = "place_parents"

    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(512), primary_key=True)
    parent: Mapped[str] = mapped_column(String(512), primary_key=True)


class EntityMember(Base):
    """Which canonical entity a source entity belongs to, and why (merge score and reason)."""

    __tablename__ = "entity_members"

    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(512))
    score: Mapped[float] = mapped_column(Float, default=1.0)
    reason: Mapped[str] = mapped_column(String(64), default="anchor")
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


ALL_MOVED = "*"  # MemberMove.member_id of a full re-resolution: every member may be elsewhere


class MemberMove(Base):
    """A source entity whose canonical entity may have changed (attached, re-resolved or removed), logged
    by resolution (graph.views) whichever path ran it, until chain placement's merged context claims
    (chains.tables.ClusterClaims) take it in: those follow the moves, never a scan of a hub's members.
    member_id ALL_MOVED: a full re-resolution (every member)."""

    __tablename__ = "entity_member_moves"

    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class EntityKey(Base):
    """Resolution blocking keys of a source entity (e.g. `organization|迈瑞` at level `core`)."""

    __tablename__ = "entity_keys"

    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(_keytype(600), primary_key=True)
    level: Mapped[str] = mapped_column(String(16))
    qual: Mapped[str] = mapped_column(String(200), default="")  # "<place prefix>\x1f<industry tail>" stripped

    __table_args__ = (Index("ix_entity_keys_key", "key"),)


class Judgement(Base):
    """A user's merge / split / not_same decision, replayed on every rebuild (never lost on re-ingest).

    merge: `entity_ids` (source ids) end up in one entity. split / not_same: `entity_ids` (group A) and
    `other_ids` (group B) must not share an entity; for split, group A stays together."""

    __tablename__ = "judgements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    action: Mapped[str] = mapped_column(String(16))
    entity_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    other_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    user: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditLog(Base):
    """Every change a person made: who, when, what, and the object before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(32))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64), index=True)
    before: Mapped[Any | None] = mapped_column(JSON, nullable=True)
    after: Mapped[Any | None] = mapped_column(JSON, nullable=True)


def _field(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, dict) else getattr(row, name)


# Projections learn what a write changed from the session's change log (store.changes): for a
# statement, its source entity and property; for a judgement, every source entity it names.
changes.watch("statements", lambda r: (_field(r, "entity_id"), _field(r, "prop")))
changes.watch(
    "judgements", lambda r: tuple(_field(r, "entity_ids") or ()) + tuple(_field(r, "other_ids") or ())
)


class RegionScope(Base):
    """Region containment as data (a projection, projections.region_scope): for every region value of a
    canonical entity, the key of itself and of every region that contains it (深圳市南山区 -> 南山, 深圳,
    广东 ...), so "entities in 深圳" is one indexed lookup instead of a containment test per value."""

    __tablename__ = "region_scope"

    region: Mapped[str] = mapped_column(_keytype(128), primary_key=True)  # an Entity.region value
    ancestor: Mapped[str] = mapped_column(_keytype(128), primary_key=True)  # graph.regions.region_key
    key: Mapped[str] = mapped_column(_keytype(128))  # region_key(region)

    __table_args__ = (
        Index("ix_region_scope_ancestor", "ancestor", "region"),
        Index("ix_region_scope_key", "key", "ancestor"),
    )
