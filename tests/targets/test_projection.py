"""The targets projector: ingesting documents keeps targets and outcomes current without a rebuild,
and the incremental state equals a full rebuild."""

from __future__ import annotations

from shuanglian.document import Document
from shuanglian.projections import projector_names
from shuanglian.services import targets as svc
from shuanglian.services.documents import ingest_documents
from shuanglian.store.db import session_scope
from tests.targets.conftest import PLAN, REVIEW


def _state(url: str) -> set[tuple]:
    with session_scope(url) as s:
        return {(t["id"], t["measure"], t["value"], t["year"], t["status"], (t["outcome"] or {}).get("value"))
                for t in svc.list_targets(s, limit=None)["items"]}


def test_ingest_keeps_targets_current_and_equal_to_rebuild(sqlite_url: str) -> None:
    assert "targets" in projector_names()
    docs = [Document(source=f"t:{p}", raw=t, text=t, title=ti, published=p)
            for t, p, ti in ((PLAN, "2024-03-05", "2024年深圳市人民政府工作报告"),
                             (REVIEW, "2025-02-10", "2025年深圳市人民政府工作报告"))]
    ingest_documents(docs[:1], sqlite_url, processed=True)
    first = _state(sqlite_url)
    assert first and all(row[5] is None for row in first)  # no outcome reported yet
    ingest_documents(docs[1:], sqlite_url, processed=True)
    incremental = _state(sqlite_url)
    gdp = next(r for r in incremental if r[1] == "国内生产总值增长率" and r[3] == 2024)
    assert gdp[5] == 6.5 and gdp[4] == "met"
    with session_scope(sqlite_url) as s:
        svc.rebuild_targets(s)
    assert _state(sqlite_url) == incremental
