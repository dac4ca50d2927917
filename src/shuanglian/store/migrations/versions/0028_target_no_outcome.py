"""A reviewer's "no outcome reported" (未见公开结果) judgement on a target (issue 13): targets.no_outcome_at,
no_outcome_by and no_outcome_note. Set, the linker proposes no final outcome for the target and its status is
unknown, with the note; the judgement survives rebuilds as the link judgements do (target ids are
deterministic). An older database gets NULLs here (no target judged).

Revision ID: 0028_target_no_outcome
Revises: 0027_flat_document_bands
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0028_target_no_outcome"
down_revision = "0027_flat_document_bands"
branch_labels = None
depends_on = None

COLUMNS = (
    ("no_outcome_at", lambda: sa.DateTime(timezone=True)),
    ("no_outcome_by", lambda: sa.String(64)),
    ("no_outcome_note", lambda: sa.Text()),
)


def upgrade() -> None:
    cols = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("targets")}
    for name, kind in COLUMNS:
        if name not in cols:  # a database made at head already has them (0001 creates every table)
            op.add_column("targets", sa.Column(name, kind(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("targets") as batch:
        for name, _kind in reversed(COLUMNS):
            batch.drop_column(name)
