"""SQLite and PostgreSQL build the same projections from the same input (chain placements included)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from shuanglian.graph.tables import LIVE_STATUSES, Statement
from shuanglian.samples import samples_dir
from shuanglian.services.documents import ingest_paths
from shuanglian.store.db import session_scope
from tests.projections.snapshot import snapshot


def _state(url: str) -> dict[str, set[tuple[object, ...]]]:
    ingest_paths([samples_dir() / "pages"], url)
    with session_scope(url) as s:
        out = snapshot(s)
        out.pop("search_fts", None)  # SQLite only
        # counters keep statement times, which differ between two ingests: compare the counts
        out["entity_aggregates"] = {r[:4] for r in out["entity_aggregates"]}
        out["member_aggregates"] = {(m, e, json.dumps({k: v[0] for k, v in json.loads(d).items()}, sort_keys=True))
                                    for m, e, d in out["member_aggregates"]}  # fmt: skip
        live = select(Statement.entity_id, Statement.target_id, Statement.value).where(
            Statement.prop == "on_chain_link", Statement.status.in_(LIVE_STATUSES)
        )
        out["live_placements"] = {tuple(r) for r in s.execute(live)}
        return out


@pytest.mark.postgres
def test_sqlite_and_postgres_agree_on_the_samples(sqlite_url: str, pg_url: str) -> None:
    a, b = _state(sqlite_url), _state(pg_url)
    assert a["live_placements"], "no placement at all: the comparison would be vacuous"
    for table in sorted(a):
        assert a[table] == b[table], f"{table}: {len(a[table] - b[table])} rows only on SQLite, {len(b[table] - a[table])} only on PostgreSQL"
