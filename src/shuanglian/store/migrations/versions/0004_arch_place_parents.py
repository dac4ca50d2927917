"""Place hierarchy table (place_parents) and the entities.region_id index.

A database created before them gets the table empty; `shuanglian rebuild` fills it (region filters
read the place statements directly until then). On a fresh database 0001's create_all made both.

Revision ID: 0004
Revises: 0011
Create Date: 2026-12-04
"""

from alembic import op

from shuanglian.graph.tables import Entity, PlaceParent

revision = "0004"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    PlaceParent.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    for ix in Entity.__table__.indexes:  # type: ignore[attr-defined]
        if ix.name == "ix_entities_region_id":
            ix.create(bind=bind, checkfirst=True)


def downgrade() -> None:
    bind = op.get_bind()
    for ix in Entity.__table__.indexes:  # type: ignore[attr-defined]
        if ix.name == "ix_entities_region_id":
            ix.drop(bind=bind, checkfirst=True)
    PlaceParent.__table__.drop(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
