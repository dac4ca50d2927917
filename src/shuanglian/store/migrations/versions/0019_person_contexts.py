"""People's role contexts as counters (entity_aggregates slots `ctx`, `nctx`), read by resolution.

A new mention of a person (a hub person gains one with every page) is attached from its entity's
counters (graph.views._attach_person) instead of re-resolving every namesake, so an older database gets
its counters recounted from its live statements here (the slots did not exist before); a fresh database
is empty and needs nothing.

Revision ID: 0019_person_contexts
Revises: 0018_register_counts
Create Date: 2026-12-04
"""

from alembic import op

revision = "0019_person_contexts"
down_revision = "0018_register_counts"
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
    """Nothing to undo: the older code ignores the `ctx` and `nctx` counters."""
