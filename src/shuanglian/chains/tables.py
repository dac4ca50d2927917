"""User-defined chain templates stored in the database (they override a shipped template of the same id)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shuanglian.store import changes
from shuanglian.store.db import Base
from shuanglian.store.documents import utcnow


class UserChain(Base):
    """One user chain: the validated YAML text as given, who stored it and when."""

    __tablename__ = "user_chains"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the template's slug id
    yaml_text: Mapped[str] = mapped_column(Text)
    user: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class PlacementState(Base):
    """Where the last full-set placement run stopped: the templates it used and the newest statement
    it saw, so the next run only re-places entities with newer statements."""

    __tablename__ = "placement_state"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # "all": the whole template set
    templates_hash: Mapped[str] = mapped_column(String(64))
    watermark: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


changes.watch("user_chains", lambda r: r["id"] if isinstance(r, dict) else r.id)  # an edited chain is re-placed
