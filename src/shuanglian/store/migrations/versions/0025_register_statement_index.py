"""A partial index of the `register` statements (issue 11): the register index asks, for each batch's
entities of kinds no register lists, which hold a register import; read from the few register statements
(this index) instead of every statement of every member of a hub (深圳市, 国务院 … gain a member per page).

Revision ID: 0025_register_statement_index
Revises: 0024_cluster_claims
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0025_register_statement_index"
down_revision = "0024_cluster_claims"
branch_labels = None
depends_on = None

NAME = "ix_statements_register"


def upgrade() -> None:
    bind = op.get_bind()
    if NAME in {ix["name"] for ix in sa.inspect(bind).get_indexes("statements")}:
        return
    where = sa.text("prop = 'register'")
    op.create_index(NAME, "statements", ["entity_id"], sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    op.drop_index(NAME, table_name="statements")
