"""Region containment table (region_scope), filled by the region_scope projector.

On a fresh database 0001's create_all already made it (empty, as the database is). An older database
gets it here, filled from its entities' regions, so incremental updates start from a complete table.

Revision ID: 0012
Revises: 0004
Create Date: 2026-12-04
"""

from alembic import op

from shuanglian.graph.tables import RegionScope

revision = "0012"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from shuanglian.projections.region_scope import RegionScopeProjector

    bind = op.get_bind()
    RegionScope.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    session = Session(bind=bind)
    RegionScopeProjector().rebuild(session)
    session.flush()
    session.close()  # the rows stay in alembic's transaction, which commits them


def downgrade() -> None:
    RegionScope.__table__.drop(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
