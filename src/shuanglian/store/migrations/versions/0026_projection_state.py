"""projection_state: the rules digest each projector's stored rows were built with, so that a rules update
(register admission, chain templates, target rules…) or a new release rebuilds the stale projections at the
next write instead of mixing old rows with new ones (projections/rules_state.py). A database that already
holds documents gets the marker row `*`: its projections were built by older code, so every projector is
stale there and the first write after the upgrade rebuilds them once (`shuanglian rebuild` does it ahead).

Revision ID: 0026_projection_state
Revises: 0025_register_statement_index
Create Date: 2026-12-05
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0026_projection_state"
down_revision = "0025_register_statement_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from shuanglian.projections.tables import ProjectionState

    bind = op.get_bind()
    ProjectionState.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    has_docs = bind.execute(sa.text("SELECT 1 FROM documents LIMIT 1")).first() is not None
    marked = bind.execute(sa.text("SELECT 1 FROM projection_state WHERE name = '*'")).first() is not None
    if has_docs and not marked:
        bind.execute(sa.text("INSERT INTO projection_state (name, rules_digest, built_at) VALUES ('*', 'before-0026', :t)"),
                     {"t": datetime.now(UTC).replace(tzinfo=None)})


def downgrade() -> None:
    from shuanglian.projections.tables import ProjectionState

    ProjectionState.__table__.drop(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
