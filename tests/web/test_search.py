"""Search API and page: Chinese terms of any length, highlighted snippets, paging, index kept in sync."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from shuanglian.services import search as search_service
from shuanglian.store.db import session_scope
from shuanglian.store.documents import DocumentRow


def test_search_two_and_long_chinese_terms_with_marked_snippets(client_for) -> None:
    c = client_for("viewer")
    for q in ("迈瑞", "高端医疗器械"):
        r = c.get("/api/search", params={"q": q}).json()
        docs = [h for h in r["items"] if h["kind"] == "document"]
        assert r["total"] >= 1 and docs, q
        marked = "".join(s["text"] for h in docs for s in h["snippet"] if s["match"])
        assert q in marked


def test_search_and_of_terms_and_no_hits(client_for) -> None:
    c = client_for("viewer")
    both = c.get("/api/search", params={"q": "迈瑞 监护"}).json()["total"]
    one = c.get("/api/search", params={"q": "迈瑞"}).json()["total"]
    assert both <= one
    assert c.get("/api/search", params={"q": "完全不存在的词语组合"}).json()["total"] == 0
    assert c.get("/api/search", params={"q": ""}).status_code == 422


def test_search_paginates(client_for) -> None:
    c = client_for("viewer")
    r = c.get("/api/search", params={"q": "深圳", "limit": 1}).json()
    if r["total"] > 1:
        assert r["next_offset"] == 1
        r2 = c.get("/api/search", params={"q": "深圳", "limit": 1, "offset": 1}).json()
        first = [h["ref"] for h in r["items"] if h["kind"] == "document"]
        assert [h["ref"] for h in r2["items"]] != first


def test_search_page_escapes_and_marks(client_for) -> None:
    c = client_for("editor")
    body = "<b>粗体</b>量子计算机研究中心在合肥发布了新的成果，研究人员表示将继续推进量子信息产业。\n"
    c.post("/api/documents", files=[("files", ("q.txt", body.encode(), "text/plain"))])
    page = c.get("/search", params={"q": "量子计算机"})
    assert page.status_code == 200 and "<mark>量子计算机</mark>" in page.text
    assert "<b>粗体</b>" not in page.text


def test_index_follows_inserts_updates_and_deletes(web_url) -> None:
    if not search_service.trigram_supported():
        pytest.skip("SQLite without FTS5 trigram: LIKE fallback is used")
    from shuanglian.document import Document
    from shuanglian.services.documents import ingest_documents

    doc = Document(source="sync.txt", raw="sync-test", text="一段用于同步测试的正文内容。")
    doc_id = ingest_documents([doc], web_url, processed=True).ids[0]
    with session_scope(web_url) as s:
        assert search_service.search_documents(s, "同步测试").total == 1
        row = s.get(DocumentRow, doc_id)
        assert row is not None
        row.text = "独一无二的测试短语甲乙丙"
    with session_scope(web_url) as s:
        assert search_service.search_documents(s, "同步测试").total == 0
        assert search_service.search_documents(s, "测试短语甲乙丙").total == 1
        s.execute(text("DELETE FROM documents WHERE id = :i"), {"i": doc_id})
    with session_scope(web_url) as s:
        assert search_service.search_documents(s, "测试短语甲乙丙").total == 0
        index_rows = s.execute(text("SELECT count(*) FROM search_fts")).scalar_one()
        doc_rows = s.execute(text("SELECT count(*) FROM documents")).scalar_one()
        assert index_rows == doc_rows


def test_index_document_is_idempotent(web_url) -> None:
    with session_scope(web_url) as s:
        row = s.query(DocumentRow).first()
        assert row is not None
        search_service.index_document(s, row)
        search_service.index_document(s, row)
        n = s.execute(text("SELECT count(*) FROM search_fts WHERE ref = :r"), {"r": row.id}).scalar_one()
        assert n == 1


def test_snippet_segments_cover_the_window() -> None:
    body = "前文" * 50 + "迈瑞医疗" + "后文" * 100
    parts = search_service.snippet(body, ["迈瑞"])
    assert parts[0] == ("…", False) and parts[-1] == ("…", False)
    assert ("迈瑞", True) in parts
    assert search_service.split_matches("a%b", ["%"]) == [("a", False), ("%", True), ("b", False)]


def test_postgres_search(pg_url: str) -> None:
    from shuanglian.document import Document
    from shuanglian.services.documents import ingest_documents
    from shuanglian.store.db import get_engine, init_db

    init_db(pg_url)
    doc = Document(source="pg.txt", raw="x", text="合肥量子信息科学国家实验室今天发布了新的成果。", title="量子新闻")
    ingest_documents([doc], pg_url, processed=True)
    search_service.ensure_search_index(get_engine(pg_url))
    with session_scope(pg_url) as s:
        res = search_service.search_documents(s, "量子信息")
        assert res.total == 1 and ("量子信息", True) in res.hits[0].snippet
        assert search_service.search_documents(s, "合肥 实验室").total == 1
        assert search_service.search_documents(s, "北京").total == 0


def test_app_serves_from_postgres(pg_url: str) -> None:
    from fastapi.testclient import TestClient

    from shuanglian.document import Document, Mention
    from shuanglian.services.documents import ingest_documents
    from shuanglian.store.db import init_db
    from shuanglian.web.app import create_app
    from shuanglian.web.auth import create_user
    from tests.web.conftest import PASSWORD, login

    init_db(pg_url)
    text_ = "深圳迈瑞生物医疗电子股份有限公司在深圳市发布监护仪。"
    doc = Document(source="pg.txt", raw="pg-app", text=text_, title="迈瑞新闻",
                   entities=[Mention("深圳迈瑞生物医疗电子股份有限公司", "enterprise", spans=[(0, 16)])])
    # facts carry the extractor's name and version, as the pipeline stamps them (the writer refuses any without)
    doc.meta.update(extractor="shuanglian.extract", extractor_version="test-fixture")
    ingest_documents([doc], pg_url, processed=True)
    app = create_app(pg_url)
    with session_scope(pg_url) as s:
        create_user(s, "pgviewer", "viewer", PASSWORD)
    c = TestClient(app)
    login(c, "pgviewer")
    assert c.get("/api/documents").json()["total"] == 1
    assert c.get("/api/search", params={"q": "监护仪"}).json()["total"] == 1
    assert any(h["kind"] == "entity" for h in c.get("/api/search", params={"q": "迈瑞"}).json()["items"])
    for path in ("/", "/documents", "/entities", "/registers/enterprises", "/chains", "/review", "/audit"):
        assert c.get(path).status_code == 200, path


def test_ensure_search_index_repairs_a_drifted_index(web_url) -> None:
    from shuanglian.store.db import get_engine

    with session_scope(web_url) as s:
        s.execute(text("DELETE FROM search_fts WHERE rowid = (SELECT min(rowid) FROM search_fts)"))
        s.execute(text("UPDATE search_fts SET ref = 'wrong' WHERE rowid = (SELECT max(rowid) FROM search_fts)"))
    search_service.ensure_search_index(get_engine(web_url))
    with session_scope(web_url) as s:
        n_docs = s.execute(text("SELECT count(*) FROM documents")).scalar_one()
        assert s.execute(text("SELECT count(*) FROM search_fts")).scalar_one() == n_docs
        assert s.execute(text("SELECT count(*) FROM search_fts WHERE ref = 'wrong'")).scalar_one() == 0


@pytest.mark.parametrize("q", ["深圳", "深圳市"])  # LIKE (short term) and FTS (long term) paths
def test_search_count_stops_past_the_page(client_for, monkeypatch: pytest.MonkeyPatch, q: str) -> None:
    """Counting every match of a common word scanned the whole index on every search (issue 12): the
    count stops COUNT_CAP past the requested page and says so (page shows "N+")."""
    c = client_for("viewer")
    full = c.get("/api/search", params={"q": q, "limit": 1}).json()
    assert full["total"] >= 5 and full["total_capped"] is False
    monkeypatch.setattr(search_service, "COUNT_CAP", 2)
    r = c.get("/api/search", params={"q": q, "limit": 1}).json()
    assert (r["total"], r["total_capped"], r["next_offset"]) == (3, True, 1)
    r = c.get("/api/search", params={"q": q, "limit": 1, "offset": 1}).json()
    assert (r["total"], r["total_capped"], r["next_offset"]) == (4, True, 2)  # paging goes on
    page = c.get("/search", params={"q": q}).text  # 20 per page: counting stops at 22
    assert ("22+" in page) if full["total"] >= 22 else (f"{full['total']}+" not in page)
