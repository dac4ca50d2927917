"""Chain members tables (chain_members, chain_member_documents), filled by the chain_members projector.

On a fresh database 0001's create_all already made them (empty, as the database is). An older database
gets them here, filled from its live placements, so incremental updates start from complete tables
(until then chain maps and gaps read every placed entity's view, as before).

Revision ID: 0016_chains
Revises: 0012
Create Date: 2026-12-04
"""

from alembic import op

from shuanglian.chains.tables import ChainMember, ChainMemberDocument

revision = "0016_chains"
down_revision = "0014_ingest"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from shuanglian.projections.chain_members import ChainMembers

    bind = op.get_bind()
    for table in (ChainMember.__table__, ChainMemberDocument.__table__):
        table.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    session = Session(bind=bind)
    ChainMembers().rebuild(session)
    session.flush()
    session.close()  # the rows stay in alembic's transaction, which commits them


def downgrade() -> None:
    for table in (ChainMemberDocument.__table__, ChainMember.__table__):
        table.drop(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
