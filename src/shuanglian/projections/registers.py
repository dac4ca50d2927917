"""The register index (registers.tables): one row per register entry plus sort keys and chains."""

from __future__ import annotations

from sqlalchemy.orm import Session

from shuanglian.projections.base import Changes
from shuanglian.registers import index


class RegisterIndex:
    """Rows of the canonical entities written or deleted since the last update."""

    name = "register_index"

    def rebuild(self, session: Session) -> None:
        """Refill the whole index."""
        index.rebuild_index(session)

    def update(self, session: Session, changed: Changes) -> Changes:
        """Recompute the rows of changed canonical entities."""
        if changed.entities:
            index.refresh(session, changed.entities)
        return changed
