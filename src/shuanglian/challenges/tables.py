"""Challenge, application, review and milestone tables (registered on the shared `Base`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shuanglian.store.db import Base
from shuanglian.store.documents import utcnow


class Challenge(Base):
    """A need published as an open call: terms, award, deadline, IP terms and the scoring rubric."""

    __tablename__ = "challenges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    demand_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    requirements: Mapped[str] = mapped_column(Text, default="")
    award: Mapped[float | None] = mapped_column(Float, nullable=True)  # yuan
    deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ip_terms: Mapped[str] = mapped_column(Text, default="")
    # [{"name": "技术方案", "weight": 0.4, "max": 10}, ...]
    rubric: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    publisher: Mapped[str] = mapped_column(String(64))
    screening_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ChallengeApplication(Base):
    """A solver's application and the decision (with feedback) it received."""

    __tablename__ = "challenge_applications"
    __table_args__ = (UniqueConstraint("challenge_id", "applicant", name="uq_challenge_applicant"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    applicant: Mapped[str] = mapped_column(String(64), index=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    proposal: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="submitted")  # submitted|shortlisted|awarded|rejected
    feedback: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ChallengeReview(Base):
    """One expert's assignment to one application: conflict declaration, rubric scores, comment."""

    __tablename__ = "challenge_reviews"
    __table_args__ = (UniqueConstraint("application_id", "reviewer", name="uq_review_reviewer"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("challenge_applications.id", ondelete="CASCADE"),
                                                index=True)
    reviewer: Mapped[str] = mapped_column(String(64), index=True)
    assigned_by: Mapped[str] = mapped_column(String(64))
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    conflict_note: Mapped[str] = mapped_column(Text, default="")
    scores: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    total: Mapped[float | None] = mapped_column(Float, nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ChallengeMilestone(Base):
    """A contract milestone of an awarded application, tracked like a project."""

    __tablename__ = "challenge_milestones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("challenge_applications.id", ondelete="CASCADE"),
                                                index=True)
    title: Mapped[str] = mapped_column(String(200))
    due: Mapped[str | None] = mapped_column(String(10), nullable=True)
    amount: Mapped[float | None] = mapped_column(Float, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="planned")  # planned | done
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
