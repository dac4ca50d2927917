"""Audit entries for web-only changes (users, tokens, uploads); graph changes are audited by the graph services."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from shuanglian.graph.tables import AuditLog


def record(
    db: Session, user: str, action: str, object_type: str, object_id: str, before: Any, after: Any
) -> None:
    """Append one row to the shared audit log (same table the graph services write)."""
    db.add(AuditLog(user=user, action=action[:32], object_type=object_type[:32], object_id=str(object_id)[:64],
                    before=before, after=after))
