"""Targets, outcome links, milestones, managed projects, status history, project links, notifications.

Revision ID: 0010
Revises: 0005
Create Date: 2026-12-04
"""

from alembic import op

from shuanglian.projects.tables import NotificationRow, ProjectLinkRow, ProjectRow, ProjectStatusRow
from shuanglian.targets.tables import ActualRow, MilestoneRow, TargetLinkRow, TargetRow

revision = "0010"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLES = (TargetRow, TargetLinkRow, MilestoneRow, ActualRow, ProjectRow, ProjectStatusRow, ProjectLinkRow, NotificationRow)


def upgrade() -> None:
    bind = op.get_bind()
    for model in TABLES:  # a fresh database got them from 0001's create_all already
        model.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]


def downgrade() -> None:
    bind = op.get_bind()
    for model in reversed(TABLES):
        model.__table__.drop(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
