"""Per-user preferences (default region for registers and chain maps), kept in the database so they follow
the user across browsers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from shuanglian.store.db import Base
from shuanglian.store.documents import utcnow

KEYS = ("default_region",)


class UserPref(Base):
    """One preference of one user."""

    __tablename__ = "user_prefs"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def get_pref(session: Session, username: str, key: str) -> str:
    """A user's preference ('' when unset)."""
    return session.scalar(select(UserPref.value).where(UserPref.username == username, UserPref.key == key)) or ""


def set_pref(session: Session, username: str, key: str, value: str) -> None:
    """Set (or clear with '') a user's preference."""
    if key not in KEYS:
        raise ValueError(f"unknown preference {key!r}")
    row = session.get(UserPref, (username, key))
    if row is None:
        session.add(UserPref(username=username, key=key, value=value.strip()[:200]))
    else:
        row.value = value.strip()[:200]
        row.updated_at = utcnow()
