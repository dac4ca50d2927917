"""Key -> entity counters (issue 11): entity_key_hits (graph.keyhits) counts, per resolution key and
canonical entity, the members holding that key (and, under the empty key, members per kind), so a new
source entity's attachment reads one row per entity a key meets instead of every member of a hub key.
A fresh database gets the table from 0001's create_all; an older one gets it here, counted from its
entity_keys and entity_members.

Revision ID: 0020_entity_key_hits
Revises: 0019_person_contexts
Create Date: 2026-12-04
"""

from alembic import op

revision = "0020_entity_key_hits"
down_revision = "0019_person_contexts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from shuanglian.graph import keyhits

    bind = op.get_bind()
    keyhits.EntityKeyHit.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    session = Session(bind=bind)
    keyhits.rebuild(session)
    session.flush()
    session.close()  # the rows stay in alembic's transaction, which commits them


def downgrade() -> None:
    from shuanglian.graph.keyhits import EntityKeyHit

    EntityKeyHit.__table__.drop(bind=op.get_bind(), checkfirst=True)  # type: ignore[attr-defined]
