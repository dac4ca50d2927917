"""Revision 0003 adds the register index tables and the document listing indexes to an older database."""

from __future__ import annotations

from sqlalchemy import inspect, text

from shuanglian.store.db import get_engine, init_db


def head_revision() -> str:
    """The single head of the migration scripts."""
    from pathlib import Path

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import shuanglian.store.db as db

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    (head,) = ScriptDirectory.from_config(cfg).get_heads()
    return str(head)


def test_0003_creates_register_index_on_an_older_database(db_url: str) -> None:
    init_db(db_url)
    engine = get_engine(db_url)
    with engine.begin() as conn:  # make it look like a database made before revision 0003
        for table in ("register_entity_chains", "register_sort_keys", "register_entries"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("DROP INDEX ix_documents_created_id"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    init_db(db_url)
    insp = inspect(engine)
    assert {"register_entries", "register_sort_keys", "register_entity_chains"} <= set(insp.get_table_names())
    assert "ix_documents_created_id" in {ix["name"] for ix in insp.get_indexes("documents")}
    with engine.connect() as conn:
        # upgraded through 0003 to the latest revision (later revisions add their own tables)
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
