"""Baseline schema: every table declared on Base.metadata at the time of the first release.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from alembic import op

import shuanglian.store.models  # noqa: F401
from shuanglian.store.db import Base

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The first release creates the declared schema as a whole; later revisions are explicit diffs.
    Base.metadata.create_all(bind=op.get_bind())


def downgrade() -> None:
    Base.metadata.drop_all(bind=op.get_bind())
