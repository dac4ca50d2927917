"""Chain placement's context evidence merged per canonical entity (issue 11): chain_cluster_claims
(chains.tables.ClusterClaims: per entity and document, the members claiming sentences there and the first
claimant of each sentence with link terms), chain_cluster_state (the entities merged) and
chain_context_claims.cluster_id (the entity a member's claims are merged into), kept by the moves
resolution logs (entity_member_moves), so placing a hub reads its evident rows and updates only the
members that moved or changed, instead of every member's claims. All memos: an older database gets
empty tables and NULL cluster ids here (every cluster is merged whole on first use).

Revision ID: 0024_cluster_claims
Revises: 0023_place_counters
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0024_cluster_claims"
down_revision = "0023_place_counters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from shuanglian.chains.tables import ClusterClaims, ClusterState
    from shuanglian.graph.tables import MemberMove

    bind = op.get_bind()
    cols = {c["name"] for c in sa.inspect(bind).get_columns("chain_context_claims")}
    if "cluster_id" not in cols:  # a database made at head already has it (0001 creates every table)
        op.add_column("chain_context_claims", sa.Column("cluster_id", sa.String(64), nullable=True))
        op.create_index(
            "ix_chain_context_claims_cluster", "chain_context_claims", ["cluster_id", "member_id", "kind"]
        )
    for model in (ClusterClaims, ClusterState, MemberMove):
        model.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]


def downgrade() -> None:
    from shuanglian.chains.tables import ClusterClaims, ClusterState
    from shuanglian.graph.tables import MemberMove

    for model in (ClusterClaims, ClusterState, MemberMove):
        model.__table__.drop(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
    op.drop_index("ix_chain_context_claims_cluster", table_name="chain_context_claims")
    with op.batch_alter_table("chain_context_claims") as batch:
        batch.drop_column("cluster_id")
