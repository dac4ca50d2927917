"""Register index tables (register_entries, register_sort_keys, register_entity_chains) and the
(column, id) indexes of the document listing sorts.

A database created before them gets them here, empty: the first listing fills them from the canonical
entities (registers.index.ensure_index). On a fresh database 0001's create_all already made them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from alembic import op

from shuanglian.registers.tables import EntityChain, RegisterEntry, RegisterSortKey
from shuanglian.store.documents import DocumentRow

DOC_INDEXES = ("ix_documents_created_id", "ix_documents_published_id", "ix_documents_chars_id")

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    for model in (RegisterEntry, RegisterSortKey, EntityChain):
        model.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    for ix in DocumentRow.__table__.indexes:  # type: ignore[attr-defined]
        if ix.name in DOC_INDEXES:
            ix.create(bind=bind, checkfirst=True)


def downgrade() -> None:
    bind = op.get_bind()
    for ix in DocumentRow.__table__.indexes:  # type: ignore[attr-defined]
        if ix.name in DOC_INDEXES:
            ix.drop(bind=bind, checkfirst=True)
    for model in (EntityChain, RegisterSortKey, RegisterEntry):
        model.__table__.drop(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
