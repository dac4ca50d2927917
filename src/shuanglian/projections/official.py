"""Official 六个一 figures read from the stored documents (registers.official), kept per changed document."""

from __future__ import annotations

from sqlalchemy.orm import Session

from shuanglian.projections.base import Changes
from shuanglian.registers import official


class OfficialFigures:
    """register_official_figures rows of origin document."""

    name = "official_figures"

    def rebuild(self, session: Session) -> None:
        """Re-read every document near a 六个一 cue."""
        official.rebuild_official(session)

    def update(self, session: Session, changed: Changes) -> Changes:
        """Re-read the changed documents."""
        if changed.documents:
            official.update_official(session, changed.documents)
        return changed
