"""Entity counters ranked by count (issue 11): index ix_entity_aggregates_rank (entity_id, slot, n DESC,
key) on entity_aggregates, so a hub's most cited located_in targets (graph.aggregates.load, TOP_LOCATED)
are read from the head of the index instead of sorting one row per page that places the hub. On a fresh
database 0001's create_all already made it.

Revision ID: 0022_aggregate_rank_index
Revises: 0021_chain_context_claims
Create Date: 2026-12-05
"""

from alembic import op

revision = "0022_aggregate_rank_index"
down_revision = "0021_chain_context_claims"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from shuanglian.graph.aggregates import EntityAggregateRow

    for ix in EntityAggregateRow.__table__.indexes:  # type: ignore[attr-defined]
        if ix.name == "ix_entity_aggregates_rank":
            ix.create(bind=op.get_bind(), checkfirst=True)


def downgrade() -> None:
    op.drop_index("ix_entity_aggregates_rank", table_name="entity_aggregates")
