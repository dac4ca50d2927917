"""Revision 0021_chain_context_claims adds the (empty) context-claims memo to an older database; placing
its entities fills it, and what is placed is what a database made at head places."""

from __future__ import annotations

from sqlalchemy import func, select, text

from shuanglian.chains.tables import ContextClaims
from shuanglian.graph import build
from shuanglian.projections import rebuild_all
from shuanglian.store.db import get_engine, init_db, session_scope
from tests.graph.factories import ent, make_doc
from tests.store.test_register_migration import head_revision


def test_0021_adds_the_context_claims_table(db_url: str) -> None:
    init_db(db_url)
    engine = get_engine(db_url)
    with engine.begin() as conn:  # as a database made at revision 0020
        conn.execute(text("DROP TABLE chain_context_claims"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0020_entity_key_hits'"))
    init_db(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    with session_scope(db_url) as s:
        text_ = "深圳迈瑞生物医疗电子股份有限公司在深圳市加快发展医疗器械和动力电池。"
        row = make_doc(s, text_, [ent("深圳迈瑞生物医疗电子股份有限公司", "enterprise", text_, place="深圳市")])
        build.add_document_statements(s, row)
        rebuild_all(s)
        assert s.scalar(select(func.count()).select_from(ContextClaims)) == 0  # a full run leaves no memo
