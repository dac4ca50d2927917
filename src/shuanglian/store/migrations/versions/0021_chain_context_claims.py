"""Chain placement's context evidence per source entity (issue 11): chain_context_claims
(chains.tables.ContextClaims) keeps, per source entity, the sentences its mentions claim and the link
terms found there, so placing a hub organisation merges its members' stored claims instead of re-reading
and re-matching every page that names it. A memo of a pure function of a source entity's statements and
documents: an older database gets the empty table here, and rows are computed on first use.

Revision ID: 0021_chain_context_claims
Revises: 0020_entity_key_hits
Create Date: 2026-12-04
"""

from alembic import op

revision = "0021_chain_context_claims"
down_revision = "0020_entity_key_hits"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from shuanglian.chains.tables import ContextClaims

    ContextClaims.__table__.create(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]


def downgrade() -> None:
    from shuanglian.chains.tables import ContextClaims

    ContextClaims.__table__.drop(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
