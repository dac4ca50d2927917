"""Alembic environment: runs on the connection handed over by `init_db` (or the configured URL)."""

from __future__ import annotations

from alembic import context

import shuanglian.store.models  # noqa: F401 - registers every table
from shuanglian.store.db import Base, get_engine

config = context.config
target_metadata = Base.metadata

connection = config.attributes.get("connection")
if connection is None:
    with get_engine().begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
