"""The document search index. On SQLite an FTS5 table kept by triggers in the writing transaction, on
PostgreSQL trigram indexes kept by the database: `update` has nothing left to do by construction, and
`rebuild` refills the FTS table from `documents`."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from shuanglian.projections.base import Changes


class SearchIndex:
    """Full-text rows of the stored documents."""

    name = "search_index"

    def rebuild(self, session: Session) -> None:
        """Refill the SQLite FTS table from `documents` (PostgreSQL maintains its own indexes)."""
        if session.get_bind().dialect.name != "sqlite":
            return
        exists = session.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'")).first()
        if exists is None:
            return  # created (and filled) by services.search.ensure_search_index when the app starts
        session.execute(text("DELETE FROM search_fts"))
        session.execute(
            text("INSERT INTO search_fts(rowid, ref, title, body) SELECT rowid, id, coalesce(title, ''), text FROM documents")
        )

    def update(self, session: Session, changed: Changes) -> Changes:
        """Triggers indexed the new documents in the same transaction."""
        return changed
