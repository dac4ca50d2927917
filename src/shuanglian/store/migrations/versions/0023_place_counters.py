"""Entity counters of located_in per canonical place (issue 11): entity_aggregates slot `pin` (place␟rank)
replaces `loc`, `lrk` and `locs` (one row per page that places a hub, every count 1), so the region is
chosen from every place an entity is located in, read as a few rows. An older database gets its counters
recounted from its live statements and the current entity_members here, and the rows of the entities
that had more than 64 located_in targets (their region was chosen from the first 64 by id) recomputed;
a fresh one is empty.

Revision ID: 0023_place_counters
Revises: 0022_aggregate_rank_index
Create Date: 2026-12-05
"""

from alembic import op

revision = "0023_place_counters"
down_revision = "0022_aggregate_rank_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from shuanglian.graph import aggregates, views

    session = Session(bind=op.get_bind())
    T = aggregates.EntityAggregateRow
    partial = set(session.scalars(select(T.entity_id).where(T.slot == "locs", T.n > 64)))
    aggregates.rebuild(session)
    if partial:
        views.refresh_entities(session, partial)
    session.flush()
    session.close()  # the rows stay in alembic's transaction, which commits them


def downgrade() -> None:
    """The older code reads `loc` / `lrk`: run `shuanglian rebuild` after downgrading."""
