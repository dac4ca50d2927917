"""projection_state: the rules digest each projector's stored rows were built with, so that a rules update
(register admission, chain templates, target rules…) or a new release rebuilds the stale projections at the
next write instead of mixing old rows with new ones (projections/rules_state.py). An older database gets an
empty table: its projectors are recorded as current at their next write (as they were built by what was
installed then, the first rules change after this revision is the first one noticed).

Revision ID: 0026_projection_state
Revises: 0025_register_statement_index
Create Date: 2026-12-05
"""

from alembic import op

revision = "0026_projection_state"
down_revision = "0025_register_statement_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from shuanglian.projections.tables import ProjectionState

    ProjectionState.__table__.create(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]


def downgrade() -> None:
    from shuanglian.projections.tables import ProjectionState

    ProjectionState.__table__.drop(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
