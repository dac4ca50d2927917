"""Chain tables added after the baseline: user chain templates and the placement watermark.

A database created by 0001 before these tables existed gets them here; on a fresh database 0001's
create_all already made them, so this revision changes nothing (checkfirst).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from alembic import op

from shuanglian.chains.tables import PlacementState, UserChain

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for model in (UserChain, PlacementState):
        model.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]


def downgrade() -> None:
    bind = op.get_bind()
    for model in (PlacementState, UserChain):
        model.__table__.drop(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
