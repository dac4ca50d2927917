"""Revision 0020_entity_key_hits adds the key -> entity counters to an older database, counted from its
entity_keys and entity_members."""

from __future__ import annotations

from sqlalchemy import select, text

from shuanglian.graph import build
from shuanglian.graph.keyhits import KIND_KEY, EntityKeyHit
from shuanglian.store.db import get_engine, init_db, session_scope
from tests.graph.factories import ent, make_doc
from tests.store.test_register_migration import head_revision


def _hits(url: str) -> set[tuple[object, ...]]:
    with session_scope(url) as s:
        return {tuple(r) for r in s.execute(select(EntityKeyHit.key, EntityKeyHit.level, EntityKeyHit.qual,
                                                   EntityKeyHit.entity_id, EntityKeyHit.n))}  # fmt: skip


def test_0020_counts_key_hits_on_an_older_database(db_url: str) -> None:
    init_db(db_url)
    with session_scope(db_url) as s:
        for i in range(3):
            text_ = f"深圳市第{i}次会议：深圳迈瑞生物医疗电子股份有限公司在深圳市投产。"
            row = make_doc(s, text_, [ent("深圳市", "place", text_), ent("深圳迈瑞生物医疗电子股份有限公司", "enterprise", text_,
                                                                        place="深圳市")])  # fmt: skip
            build.add_document_statements(s, row)
    before = _hits(db_url)
    assert any(key == KIND_KEY and level == "enterprise" and n == 3 for key, level, _, _, n in before)
    assert any(key.endswith("|迈瑞") and n == 3 for key, _, _, _, n in before)
    engine = get_engine(db_url)
    with engine.begin() as conn:  # as a database made at revision 0019
        conn.execute(text("DROP TABLE entity_key_hits"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0019_person_contexts'"))
    init_db(db_url)
    assert _hits(db_url) == before
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
