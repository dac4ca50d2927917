"""Revision 0010 adds the targets/projects tables to a database created before them."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from shuanglian.store.db import get_engine, init_db

NEW = ("targets", "target_links", "milestones", "target_actuals", "projects", "project_status_history",
       "project_links", "notifications")


def test_upgrade_from_0003_creates_the_tables(sqlite_url: str) -> None:
    engine = init_db(sqlite_url)
    with engine.begin() as conn:
        for name in NEW:
            conn.execute(text(f'DROP TABLE "{name}"'))
        conn.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    assert not set(NEW) & set(inspect(engine).get_table_names())
    cfg = Config()
    import shuanglian.store.db as db

    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    get_engine(sqlite_url).dispose()
    assert set(NEW) <= set(inspect(get_engine(sqlite_url)).get_table_names())


def test_no_outcome_columns_down_and_up(db_url: str) -> None:
    # revision 0028 adds the "no outcome reported" judgement columns to targets; down removes them, up adds them
    # again (on SQLite and PostgreSQL); the revision below it is read from the script, not assumed
    from alembic.script import ScriptDirectory

    import shuanglian.store.db as db

    cols = ("no_outcome_at", "no_outcome_by", "no_outcome_note")
    engine = init_db(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    below = ScriptDirectory.from_config(cfg).get_revision("0028_target_no_outcome").down_revision
    assert isinstance(below, str)

    def columns() -> set[str]:
        return {c["name"] for c in inspect(engine).get_columns("targets")}

    assert set(cols) <= columns()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, below)
    engine.dispose()
    assert not set(cols) & columns()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    engine.dispose()
    assert set(cols) <= columns()
