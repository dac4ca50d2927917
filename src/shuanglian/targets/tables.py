"""Target tables: targets (from documents or task books), proposed/reviewed outcome links, milestones."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shuanglian.store.db import Base
from shuanglian.store.documents import utcnow

# Link review states: proposed by the linker, accepted or rejected by a reviewer, manual = entered by one.
LINK_PROPOSED, LINK_ACCEPTED, LINK_REJECTED, LINK_MANUAL = "proposed", "accepted", "rejected", "manual"


class TargetRow(Base):
    """One target: a measure, value (range), unit, qualifier, year/deadline, region, owner and source."""

    __tablename__ = "targets"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # deterministic (document+span or book+row)
    origin: Mapped[str] = mapped_column(String(16), default="document")  # document | taskbook | manual
    document_id: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    span_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    span_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quote: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str | None] = mapped_column(Text, nullable=True)  # task name (task books)
    measure: Mapped[str] = mapped_column(String(128), index=True)
    measure_text: Mapped[str] = mapped_column(String(128), default="")
    known_measure: Mapped[bool] = mapped_column(Boolean, default=False)
    value: Mapped[float] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float, nullable=True)
    unit: Mapped[str] = mapped_column(String(16))
    qualifier: Mapped[str | None] = mapped_column(String(8), nullable=True)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    deadline: Mapped[int | None] = mapped_column(Integer, nullable=True)
    region: Mapped[str | None] = mapped_column(String(128), nullable=True, index=True)
    owner: Mapped[str | None] = mapped_column(String(256), nullable=True)
    responsible: Mapped[str | None] = mapped_column(String(256), nullable=True)  # people (task books)
    main: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="unknown", index=True)
    progress: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # a reviewer's judgement "no outcome reported" (未见公开结果): set, the linker proposes no final outcome and
    # the status is unknown; kept across rebuilds like the link judgements (the id is deterministic)
    no_outcome_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    no_outcome_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    no_outcome_note: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (Index("ix_targets_region_year", "region", "year", "id"),)


class TargetLinkRow(Base):
    """A figure reported for a target (final outcome or interim), with its score, evidence and review."""

    __tablename__ = "target_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target_id: Mapped[str] = mapped_column(ForeignKey("targets.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    span_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    span_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quote: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    interim: Mapped[bool] = mapped_column(Boolean, default=False)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(16), default=LINK_PROPOSED)
    reviewed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MilestoneRow(Base):
    """A roadmap step of a target or a project: planned and actual dates (ISO), owner and note."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    project_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    title: Mapped[str] = mapped_column(Text)
    planned: Mapped[str | None] = mapped_column(String(10), nullable=True)
    actual: Mapped[str | None] = mapped_column(String(10), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ActualRow(Base):
    """A reported figure of a document kept for linking (measure, unit, year): the outcome candidates."""

    __tablename__ = "target_actuals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(16), index=True)
    published: Mapped[str | None] = mapped_column(String(32), nullable=True)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text, default="")
    measure: Mapped[str] = mapped_column(String(128))
    measure_text: Mapped[str] = mapped_column(String(128), default="")
    known_measure: Mapped[bool] = mapped_column(Boolean, default=False)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    period_end: Mapped[int | None] = mapped_column(Integer, nullable=True)  # multi-year rates and totals
    region: Mapped[str | None] = mapped_column(String(128), nullable=True)

    # by unit and region / year: worded targets (no rule names their measure) read the actuals of their unit
    # within their region or year (targets.store._worded_targets, relink); without these they scanned the table
    __table_args__ = (
        Index("ix_target_actuals_measure", "measure", "unit", "year"),
        Index("ix_target_actuals_unit_region", "unit", "region"),
        Index("ix_target_actuals_unit_year", "unit", "year"),
    )
