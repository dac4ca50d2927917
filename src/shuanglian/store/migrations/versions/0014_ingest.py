"""Entity counters (entity_aggregates, member_aggregates), kept by the resolution and summary projectors.

On a fresh database 0001's create_all already made them (empty, as the database is). An older database
gets them here, filled from its live statements, so incremental updates start from complete counters.

Revision ID: 0014_ingest
Revises: 0012
Create Date: 2026-12-04
"""

from alembic import op

from shuanglian.graph.aggregates import EntityAggregateRow, MemberAggregateRow

revision = "0014_ingest"
down_revision = "0013_registers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from shuanglian.graph import aggregates

    bind = op.get_bind()
    for model in (EntityAggregateRow, MemberAggregateRow):
        model.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    session = Session(bind=bind)
    aggregates.rebuild(session)
    session.flush()
    session.close()  # the rows stay in alembic's transaction, which commits them


def downgrade() -> None:
    for model in (MemberAggregateRow, EntityAggregateRow):
        model.__table__.drop(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
