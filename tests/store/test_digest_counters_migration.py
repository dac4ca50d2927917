"""Revision 0030_digest_counters adds entity_aggregates' `first`, `least` and `doc` columns and recounts the
digest slots of an older database; downgraded, the slots and columns go, and upgrading again recounts
them equal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select, text

import shuanglian.store.db as store_db
from shuanglian.graph import aggregates, build
from shuanglian.store.db import get_engine, init_db, session_scope
from tests.graph.factories import ent, make_doc
from tests.store.test_register_migration import head_revision

COLUMNS = {"first", "least", "doc"}


def _counters(db_url: str) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    T, M = aggregates.EntityAggregateRow, aggregates.MemberAggregateRow
    with session_scope(db_url) as s:
        ents = {tuple(r) for r in s.execute(select(T.entity_id, T.slot, T.key, T.n, T.last, T.first, T.least, T.doc))}
        members = {(m, e, str(sorted(d.items()))) for m, e, d in s.execute(select(M.member_id, M.entity_id, M.data))}
    return ents, members


def _alembic(conn: Any) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(store_db.__file__).parent / "migrations"))
    cfg.attributes["connection"] = conn
    return cfg


def test_0030_recounts_the_digest_slots(db_url: str) -> None:
    init_db(db_url)
    with session_scope(db_url) as s:
        for i in range(aggregates.DIGEST_MEMBERS + 1):  # a hub: it keeps digest slots
            text_ = f"深圳市第{i}号报告：深圳市推进新型工业化。"
            build.add_document_statements(s, make_doc(s, text_, [ent("深圳市", "place", text_, parent="广东省")]))
    want = _counters(db_url)
    assert any(r[1] == "fg" and r[3] == aggregates.DIGEST_MEMBERS + 1 and r[6] for r in want[0]), "a name of every page"
    assert any(r[1] == "day" and r[5] is not None for r in want[0])
    engine = get_engine(db_url)
    with engine.begin() as conn:  # down to 0029: no digest slots, no columns
        command.downgrade(_alembic(conn), "0029_target_actuals_unit_indexes")
    cols = {c["name"] for c in inspect(engine).get_columns("entity_aggregates")}
    assert not cols & COLUMNS
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0029_target_actuals_unit_indexes"
        slots = {r[0] for r in conn.execute(text("SELECT DISTINCT slot FROM entity_aggregates"))}
        assert slots and not slots & set(aggregates.DIGEST_SLOTS)
        data = [r[0] for r in conn.execute(text("SELECT data FROM member_aggregates"))]
        assert data and not any('"fg\x1f' in str(d) or "fg\\u001f" in str(d) for d in data)
    init_db(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    assert not COLUMNS - {c["name"] for c in inspect(engine).get_columns("entity_aggregates")}
    assert _counters(db_url) == want
