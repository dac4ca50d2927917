"""Document listing at scale: every sort is read from a (column, id) index, ties follow the sort direction."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import event, insert

from shuanglian.services import documents as svc
from shuanglian.store.db import init_db, session_scope
from shuanglian.store.documents import DocumentRow

STAMP = datetime(2026, 1, 1, tzinfo=UTC)


def _seed(url: str) -> None:
    init_db(url)
    with session_scope(url) as s:
        s.execute(insert(DocumentRow), [
            {"id": f"d{i:02d}", "content_hash": f"{i:064d}", "source": f"p{i}.txt", "raw": "x", "text": "x",
             "published": f"2025-01-0{1 + i % 3}", "chars": i % 2, "created_at": STAMP}
            for i in range(9)
        ])  # fmt: skip


def test_sorts_tie_by_id_in_the_sort_direction(db_url: str) -> None:
    _seed(db_url)
    with session_scope(db_url) as s:
        newest = [r.id for r in svc.list_documents(s, limit=9).items]  # every created_at is equal
        assert newest == sorted(newest, reverse=True)
        by_chars = [(r.chars, r.id) for r in svc.list_documents(s, limit=9, sort="chars").items]
        assert by_chars == sorted(by_chars)
        page = svc.list_documents(s, limit=3, offset=3, sort="-published")
        assert [r.id for r in page.items] == ["d07", "d04", "d01"] and page.total == 9


@pytest.mark.parametrize("sort", ["created", "-created", "published", "-published", "chars", "-chars"])
def test_sorted_pages_read_an_index_without_sorting(sqlite_url: str, sort: str) -> None:
    _seed(sqlite_url)
    with session_scope(sqlite_url) as s:
        captured: list[str] = []
        def grab(conn, cursor, statement, params, context, executemany) -> None:  # type: ignore[no-untyped-def]
            if "ORDER BY" in statement:
                captured.append(statement)

        engine = s.get_bind()
        event.listen(engine, "before_cursor_execute", grab)
        try:
            svc.list_documents(s, limit=5, offset=2, sort=sort)
        finally:
            event.remove(engine, "before_cursor_execute", grab)
        (sql,) = captured
        rows = s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, (5, 2)).all()
        plan = " ".join(str(r[-1]) for r in rows)
        assert "USING INDEX ix_documents_" in plan and "TEMP B-TREE" not in plan, plan
