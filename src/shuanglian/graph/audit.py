"""The audit log: every change a person makes to the graph (who, when, what, before, after)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.graph.tables import AuditLog


def record(
    session: Session, user: str, action: str, object_type: str, object_id: str, before: Any, after: Any
) -> AuditLog:
    """Append one audit entry (in the caller's transaction, so it commits with the change)."""
    if not user:
        raise ValueError("audited changes need a user")
    row = AuditLog(
        user=user, action=action, object_type=object_type, object_id=object_id[:64], before=before, after=after
    )
    session.add(row)
    session.flush()
    return row


def entry_dict(row: AuditLog) -> dict[str, Any]:
    """Plain-dict form of one audit entry."""
    return {
        "id": row.id,
        "user": row.user,
        "at": row.created_at.isoformat() if row.created_at else None,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "before": row.before,
        "after": row.after,
    }


def audit_log(
    session: Session, limit: int = 50, offset: int = 0, object_id: str | None = None, user: str | None = None
) -> dict[str, Any]:
    """Newest-first page of audit entries, optionally for one object or one user."""
    q = select(AuditLog)
    if object_id:
        q = q.where(AuditLog.object_id == object_id)
    if user:
        q = q.where(AuditLog.user == user)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = session.scalars(q.order_by(AuditLog.id.desc()).limit(max(1, min(limit, 500))).offset(max(0, offset)))
    return {"total": total, "items": [entry_dict(r) for r in rows]}
