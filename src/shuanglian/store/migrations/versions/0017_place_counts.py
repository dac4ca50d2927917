"""Parent counters of places (entity_aggregates slot `par`), read by the place hierarchy projector.

The place hierarchy (place_parents) is computed from each place's counters instead of its members'
statements, so an older database gets its counters recounted from its live statements here (the `par`
slot did not exist before); a fresh database is empty and needs nothing.

Revision ID: 0017_place_counts
Revises: 0016_chains
Create Date: 2026-12-04
"""

from alembic import op

revision = "0017_place_counts"
down_revision = "0016_chains"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from shuanglian.graph import aggregates

    session = Session(bind=op.get_bind())
    aggregates.rebuild(session)
    session.flush()
    session.close()  # the rows stay in alembic's transaction, which commits them


def downgrade() -> None:
    """Nothing to undo: the older code ignores the `par` counters."""
