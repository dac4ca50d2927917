"""Revision 0024_cluster_claims adds the (empty) merged context claims, their state, the member move log
and chain_context_claims.cluster_id to an older database whose claims memo is filled; the next write merges the clusters it places, and
what is placed equals a full rebuild."""

from __future__ import annotations

from sqlalchemy import func, select, text

from shuanglian.chains import placement
from shuanglian.chains.tables import ClusterClaims, ContextClaims
from shuanglian.graph import build
from shuanglian.projections import apply_changes, rebuild_all
from shuanglian.store.db import get_engine, init_db, session_scope
from tests.graph.factories import ent, make_doc
from tests.projections.snapshot import diff, snapshot
from tests.store.test_register_migration import head_revision

ORG = "深圳迈瑞生物医疗电子股份有限公司"


def _page(s, i: int) -> None:  # type: ignore[no-untyped-def]
    text_ = f"第{i}篇。{ORG}在深圳市加快发展医疗器械和动力电池。"
    build.add_document_statements(s, make_doc(s, text_, [ent(ORG, "enterprise", text_, place="深圳市")]))
    apply_changes(s)


def test_0024_adds_the_cluster_claims(db_url: str) -> None:
    init_db(db_url)
    with session_scope(db_url) as s:
        for i in range(3):
            _page(s, i)
        assert s.scalar(select(func.count()).select_from(ContextClaims)) > 0
    engine = get_engine(db_url)
    with engine.begin() as conn:  # as a database made at revision 0023: no cluster ids, no merged claims
        for table in ("chain_cluster_claims", "chain_cluster_state", "entity_member_moves"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("DROP INDEX ix_chain_context_claims_cluster"))
        conn.execute(text("ALTER TABLE chain_context_claims DROP COLUMN cluster_id"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0023_place_counters'"))
    init_db(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    with session_scope(db_url) as s:
        assert s.scalar(select(func.count()).select_from(ClusterClaims)) == 0
        _page(s, 3)  # the hub's older members join its merged claims on this write
        ids = {c for c in s.scalars(select(ContextClaims.cluster_id)) if c}
        assert ids
        stored = placement.cluster_claims_stored(s, ids)
        assert len(stored) == 4 and stored == placement.cluster_claims_rebuilt(s, ids)
        incremental = snapshot(s)
        rebuild_all(s)
        assert diff(incremental, snapshot(s)) == {}
