"""The targets projector: document targets, reported figures and proposed outcome links are state derived
from the documents, kept by `update` (changed documents) equal to `rebuild` (all documents)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from shuanglian.projections.base import Changes
from shuanglian.targets.store import rebuild_targets, update_targets


class TargetsProjector:
    """Targets and outcomes (任务书) from the stored documents."""

    name = "targets"

    def rebuild(self, session: Session) -> None:
        """Recompute every document target and actual figure, then relink all targets."""
        rebuild_targets(session)

    def update(self, session: Session, changed: Changes) -> Changes:
        """Recompute the changed documents' targets and figures and relink the targets they touch."""
        if changed.documents:
            update_targets(session, sorted(changed.documents))
        return changed
