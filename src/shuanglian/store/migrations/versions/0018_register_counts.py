"""Register counts kept as data (issue 11): register_counts, register_region_counts and register_totals
(registers.counts) hold how many register entries share a region, chain set, kind and flags, so page
totals, facets and the resources register's outside-the-region test never count entries. A fresh
database gets the tables from 0001's create_all; an older one gets them here, counted from its register
index; register_entries gains an index for the resources register's imported rows by name.

Revision ID: 0018_register_counts
Revises: 0017_place_counts
Create Date: 2026-12-04
"""

from alembic import op

revision = "0018_register_counts"
down_revision = "0017_place_counts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from shuanglian.registers.counts import recount
    from shuanglian.registers.tables import RegisterCount, RegisterEntry, RegisterRegionCount, RegisterTotal

    bind = op.get_bind()
    for model in (RegisterCount, RegisterRegionCount, RegisterTotal):
        model.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    for ix in RegisterEntry.__table__.indexes:  # type: ignore[attr-defined]
        if ix.name == "ix_register_entries_registered":
            ix.create(bind=bind, checkfirst=True)
    session = Session(bind=bind)
    recount(session)
    session.flush()
    session.close()  # the rows stay in alembic's transaction, which commits them


def downgrade() -> None:
    from shuanglian.registers.tables import RegisterCount, RegisterRegionCount, RegisterTotal

    bind = op.get_bind()
    op.drop_index("ix_register_entries_registered", table_name="register_entries")
    for model in (RegisterTotal, RegisterRegionCount, RegisterCount):
        model.__table__.drop(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
