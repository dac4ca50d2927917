"""Demand, supply and feedback tables of the matching system (registered on the shared `Base`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shuanglian.store.db import Base
from shuanglian.store.documents import utcnow


class _Record:
    """Columns shared by demand and supply rows: text, chain link, region, evidence, stored embedding."""

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(200), default="")
    statement: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(String(100), default="")
    chain_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    link_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    region: Mapped[str] = mapped_column(String(64), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    # Provenance: a document id + span, "form:<user>" or "import:<file>:<row>".
    source: Mapped[str] = mapped_column(String(200), default="")
    span_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    span_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    evidence: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Embedding computed once when the record is stored (float32 bytes) and the model that made it.
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    model: Mapped[str] = mapped_column(String(16), default="")


class MatchDemand(_Record, Base):
    """A technical need (技术需求 / 攻关 / 卡脖子) with requester, budget, deadline and confidentiality."""

    __tablename__ = "match_demands"

    requester: Mapped[str] = mapped_column(String(200), default="")
    requester_entity: Mapped[str | None] = mapped_column(String(64), nullable=True)
    budget: Mapped[float | None] = mapped_column(Float, nullable=True)
    deadline: Mapped[str | None] = mapped_column(String(10), nullable=True)
    confidentiality: Mapped[str] = mapped_column(String(16), default="public")


class MatchSupply(_Record, Base):
    """A research result, patent, lab capability or expert, linked to a graph entity when known."""

    __tablename__ = "match_supplies"

    provider: Mapped[str] = mapped_column(String(200), default="")
    provider_entity: Mapped[str | None] = mapped_column(String(64), nullable=True)


class MatchFeedback(Base):
    """A user's verdict on one suggested pair, with the features the pair had when it was judged."""

    __tablename__ = "match_feedback"
    __table_args__ = (UniqueConstraint("demand_id", "supply_id", "user", "verdict", name="uq_match_feedback"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    demand_id: Mapped[str] = mapped_column(String(40), index=True)
    supply_id: Mapped[str] = mapped_column(String(40))
    verdict: Mapped[str] = mapped_column(String(16))  # useful | not_useful | contacted
    features: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    user: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
