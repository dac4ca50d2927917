"""Tables for ingested documents, their near-duplicate links and per-file ingest failures."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shuanglian.store.db import Base


def utcnow() -> datetime:
    """Timezone-aware now (UTC)."""
    return datetime.now(UTC)


class DocumentRow(Base):
    """One ingested document: raw input kept, cleaned text, metadata and extracted facts (JSON)."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # Document.doc_id
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    encoding: Mapped[str | None] = mapped_column(String(32), nullable=True)
    is_html: Mapped[bool] = mapped_column(default=False)
    raw: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    published: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    media: Mapped[str | None] = mapped_column(Text, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    repairs: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    dropped: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    excluded: Mapped[list[list[int]]] = mapped_column(JSON, default=list)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # entities/policies/figures/events
    copy_of: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), nullable=True, index=True)
    copy_similarity: Mapped[float | None] = mapped_column(Float, nullable=True)
    minhash: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)
    extractor_version: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IngestFailure(Base):
    """A file or record that could not be ingested, with the reason (reported, never silently skipped)."""

    __tablename__ = "ingest_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text, index=True)
    reason: Mapped[str] = mapped_column(Text)
    batch: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
