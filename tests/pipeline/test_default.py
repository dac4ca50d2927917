"""The default pipeline: clean or plain then extract, built by a picklable factory for worker processes."""

from __future__ import annotations

import pickle
from pathlib import Path

from sqlalchemy import func, select

from shuanglian.document import Document
from shuanglian.pipeline.default import build_pipeline, pipeline_factory
from shuanglian.services.documents import ingest_paths
from shuanglian.store.db import session_scope
from shuanglian.store.documents import DocumentRow
from tests.ingest.articles import ARTICLE_A, ARTICLE_B, site_one, site_two


def test_stage_order_and_plain_keeps_text() -> None:
    assert [s.name for s in build_pipeline(extract=False).stages] == ["clean"]
    assert [s.name for s in build_pipeline(plain=True).stages][-1] == "extract"
    raw = "  " + "\n".join(ARTICLE_B) + "\n\n责任编辑:王五\n"
    [doc] = build_pipeline(plain=True, extract=False).batch([Document(source="x", raw=raw)])
    assert doc.text == raw and not doc.dropped


def test_factory_pickles_and_runs_in_worker_processes(tmp_path: Path, sqlite_url: str) -> None:
    factory = pickle.loads(pickle.dumps(pipeline_factory(extract=False)))
    assert [s.name for s in factory().stages] == ["clean"]
    (tmp_path / "a.txt").write_text(site_one("深圳召开高端医疗器械产业链对接会", ARTICLE_A), encoding="utf-8")
    (tmp_path / "b.txt").write_text(site_two("两校共建联合研究平台", ARTICLE_B), encoding="utf-8")
    report = ingest_paths([tmp_path], sqlite_url, runner="process", workers=2, batch_size=1, extract=False)
    assert (report.stored, report.failed) == (2, [])
    with session_scope(sqlite_url) as s:
        assert s.scalar(select(func.count()).select_from(DocumentRow)) == 2
