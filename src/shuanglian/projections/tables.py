"""projection_state: per projector, the digest of the rules it was last built with (a rules update is
noticed and the projection rebuilt at the next write: projections/rules_state.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from shuanglian.store.db import Base
from shuanglian.store.documents import utcnow


class ProjectionState(Base):
    """The rules digest a projector's stored output was computed with, and when."""

    __tablename__ = "projection_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    rules_digest: Mapped[str] = mapped_column(String(64))
    built_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
