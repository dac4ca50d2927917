"""Tables for ingested documents, their near-duplicate links and per-file ingest failures."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shuanglian.document import EXTRACTOR_VERSION_KEY, Document, Dropped, Mention, Repair
from shuanglian.store import changes
from shuanglian.store.db import Base

FACT_KEYS = ("entities", "policies", "figures", "events", "projects")


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
    chars: Mapped[int] = mapped_column(Integer, default=0)  # len(text), so lists need not load the text
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    repairs: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    dropped: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    excluded: Mapped[list[list[int]]] = mapped_column(JSON, default=list)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # entities/policies/figures/events
    copy_of: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), nullable=True, index=True)
    copy_similarity: Mapped[float | None] = mapped_column(Float, nullable=True)
    minhash: Mapped[list[int] | None] = mapped_column(JSON(none_as_null=True), nullable=True)
    extractor_version: Mapped[str | None] = mapped_column(String(32), nullable=True)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # declared metadata, input path
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)

    # Listing sorts (services.documents.list_documents): column then id in one direction, so a page
    # is an index range read at any table size (no sort of every row).
    __table_args__ = (
        Index("ix_documents_created_id", "created_at", "id"),
        Index("ix_documents_published_id", "published", "id"),
        Index("ix_documents_chars_id", "chars", "id"),
    )

    @classmethod
    def from_document(cls, doc: Document, minhash: list[int] | None = None) -> DocumentRow:
        """Build a row from a processed document (facts as the `extract --json` objects)."""
        full = doc.to_json()
        return cls(
            id=doc.doc_id,
            content_hash=doc.content_hash,
            source=doc.source,
            url=doc.url,
            encoding=(doc.encoding or None) and doc.encoding[:32],
            is_html=doc.is_html,
            raw=doc.raw,
            title=doc.title,
            published=(doc.published or None) and doc.published[:32],
            media=doc.media,
            text=doc.text,
            chars=len(doc.text),
            flags=list(doc.flags),
            repairs=[r.to_json() for r in doc.repairs],
            dropped=[asdict(d) for d in doc.dropped],
            excluded=[list(x) for x in doc.excluded],
            facts={
                **{k: full[k] for k in FACT_KEYS},
                # confidence is not in the public contract but review thresholds need it
                "entities": [{**m.to_json(), "confidence": m.confidence} for m in doc.entities],
            },
            minhash=minhash,
            extractor_version=doc.meta.get(EXTRACTOR_VERSION_KEY),
            meta={k: v for k, v in doc.meta.items() if k != EXTRACTOR_VERSION_KEY},
        )

    def to_document(self) -> Document:
        """Rebuild the `Document` as the pipeline left it (for re-extraction, graph builds, the API)."""
        facts = self.facts or {}
        return Document(
            source=self.source,
            raw=self.raw,
            is_html=self.is_html,
            encoding=self.encoding,
            url=self.url,
            title=self.title,
            published=self.published,
            media=self.media,
            text=self.text,
            flags=list(self.flags or []),
            repairs=[Repair(r["at"], r["from"], r["to"]) for r in self.repairs or []],
            dropped=[Dropped(**d) for d in self.dropped or []],
            excluded=[(int(a), int(b)) for a, b in self.excluded or []],
            entities=[
                Mention(
                    name=e["name"],
                    kind=e["kind"],
                    aliases=list(e.get("aliases", [])),
                    spans=[(int(a), int(b)) for a, b in e.get("spans", [])],
                    attrs=dict(e.get("attrs", {})),
                    confidence=float(e.get("confidence", 1.0)),
                )
                for e in facts.get("entities", [])
            ],
            policies=list(facts.get("policies", [])),
            figures=list(facts.get("figures", [])),
            events=list(facts.get("events", [])),
            projects=list(facts.get("projects", [])),
            meta=dict(self.meta or {}),
        )


class DocumentBand(Base):
    """One LSH band of an original document's MinHash (ingest/near_dup.py): a new page's near-duplicate
    candidates are the documents sharing a band key, read through this table's primary key instead of
    every stored signature loaded at each ingest call (issue 11). `key` names the band layout, the band and
    a digest of its hash values; copies are never indexed (they link to the first publication)."""

    __tablename__ = "document_bands"

    key: Mapped[str] = mapped_column(String(48), primary_key=True)
    doc_id: Mapped[str] = mapped_column(String(16), primary_key=True)


class IngestFailure(Base):
    """A file or record that could not be ingested, with the reason (reported, never silently skipped)."""

    __tablename__ = "ingest_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(Text, index=True)
    reason: Mapped[str] = mapped_column(Text)
    batch: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


changes.watch("documents", lambda r: r["id"] if isinstance(r, dict) else r.id)
