"""Per-user preferences (user_prefs: default region).

Revision ID: 0009
Revises: 0003
Create Date: 2026-12-04
"""

from alembic import op

from shuanglian.web.prefs import UserPref

revision = "0009"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    UserPref.__table__.create(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]


def downgrade() -> None:
    UserPref.__table__.drop(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
