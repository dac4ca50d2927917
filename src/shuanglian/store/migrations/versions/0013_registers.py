"""Register judgements and official figures: register_entries gains hidden (rows analysts hid), pinyin
(name order by pinyin) and seen_first / seen_last (date filters); register_official_figures holds the
pages' 六个一 counts. On a fresh database 0001's create_all already made them; an older database gets the
columns here and both projections refilled (register index, official figures).

Revision ID: 0013_registers
Revises: 0012
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from shuanglian.registers.tables import OfficialFigure, RegisterEntry

revision = "0013_registers"
down_revision = "0012"
branch_labels = None
depends_on = None

_COLUMNS = ("hidden", "pinyin", "seen_first", "seen_last")


def upgrade() -> None:
    from sqlalchemy.orm import Session

    from shuanglian.registers.index import rebuild_index
    from shuanglian.registers.official import rebuild_official

    bind = op.get_bind()
    have = {c["name"] for c in sa.inspect(bind).get_columns("register_entries")}
    table = RegisterEntry.__table__  # type: ignore[attr-defined]
    text_type = table.c["pinyin"].type  # code-point collation on PostgreSQL, as the model declares
    new = {
        "hidden": sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false()),
        "pinyin": sa.Column("pinyin", text_type, nullable=False, server_default=""),
        "seen_first": sa.Column("seen_first", sa.String(10), nullable=True),
        "seen_last": sa.Column("seen_last", sa.String(10), nullable=True),
    }
    with op.batch_alter_table("register_entries") as batch:
        for name in _COLUMNS:
            if name not in have:
                batch.add_column(new[name])
    for ix in table.indexes:  # type: ignore[attr-defined]
        if ix.name == "ix_register_entries_pinyin":
            ix.create(bind=bind, checkfirst=True)
    OfficialFigure.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    # the refill below runs today's index code, which also keeps the counts 0018 adds: make its tables now
    # (0018 creates them with checkfirst and recounts)
    from shuanglian.registers.tables import RegisterCount, RegisterRegionCount, RegisterTotal

    for model in (RegisterCount, RegisterRegionCount, RegisterTotal):
        model.__table__.create(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    session = Session(bind=bind)
    rebuild_index(session)
    rebuild_official(session)
    session.flush()
    session.close()  # the rows stay in alembic's transaction, which commits them


def downgrade() -> None:
    bind = op.get_bind()
    OfficialFigure.__table__.drop(bind=bind, checkfirst=True)  # type: ignore[attr-defined]
    op.drop_index("ix_register_entries_pinyin", table_name="register_entries")
    with op.batch_alter_table("register_entries") as batch:
        for name in _COLUMNS:
            batch.drop_column(name)
