"""Login throttle table (failed logins per account and per address, with a back-off lock).

On a fresh database 0001's create_all already made it; an older one gets it here, empty.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from alembic import op

from shuanglian.store.auth_tables import LoginThrottle

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    LoginThrottle.__table__.create(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]


def downgrade() -> None:
    LoginThrottle.__table__.drop(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
