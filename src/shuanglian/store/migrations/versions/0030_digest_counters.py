"""Digest counters (issue 11): entity_aggregates gains `first`, `least` and `doc`, and the counters gain the
slots graph.reader.digest_views folds a big cluster's statements into (`fg` groups, source documents and
labels, seen days: graph/aggregates.py), so register rows and chain members of a hub are made from its
counters, moved by each write's changed source entities, instead of aggregating every statement of the hub
on every write. An older database gets the columns and its counters recounted from its live statements
and the current entity_members here; a fresh one is empty.

Revision ID: 0030_digest_counters
Revises: 0029_target_actuals_unit_indexes
Create Date: 2026-12-05
"""

from alembic import op

revision = "0030_digest_counters"
down_revision = "0029_target_actuals_unit_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from shuanglian.graph import aggregates

    bind = op.get_bind()
    for col in aggregates.missing_digest_columns(bind):  # 0001's create_all made them on a fresh database
        op.add_column("entity_aggregates", col)
    session = Session(bind=bind)
    aggregates.rebuild(session)
    session.flush()
    session.close()  # the rows stay in alembic's transaction, which commits them


def downgrade() -> None:
    """The digest slots go (older code reads two-value counters), then the columns."""
    from sqlalchemy.orm import Session

    from shuanglian.graph import aggregates

    session = Session(bind=op.get_bind())
    aggregates.strip_digest_slots(session)
    session.flush()
    session.close()
    for name in ("doc", "least", "first"):
        op.drop_column("entity_aggregates", name)
