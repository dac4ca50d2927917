"""document_bands (store.documents.DocumentBand): the LSH band keys of every original document's MinHash, so
an ingest run looks a new page's near-duplicate candidates up by band key instead of loading every stored
signature into memory first (issue 11: that load grew with the database on every ingest call). Filled here
from the stored signatures with the configured threshold's band layout (services.documents.recut_bands cuts
them again when the setting changes).

Revision ID: 0027_flat_document_bands
Revises: 0026_projection_state
Create Date: 2026-12-05
"""

from alembic import op

revision = "0027_flat_document_bands"
down_revision = "0026_projection_state"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from shuanglian.ingest.near_dup import recut_bands
    from shuanglian.settings import get_settings
    from shuanglian.store.documents import DocumentBand

    bind = op.get_bind()
    DocumentBand.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    session = Session(bind=bind)
    recut_bands(session, get_settings().near_duplicate_threshold)
    session.flush()


def downgrade() -> None:
    from shuanglian.store.documents import DocumentBand

    DocumentBand.__table__.drop(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
