"""Reads on their own read-only pool (issue 12, serving): GET/HEAD requests can never write or take
the write lock, and they answer while a writer (an ingest) holds it."""

from __future__ import annotations

import sqlite3
import time

import pytest
from fastapi import Depends
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from shuanglian.store.db import get_engine, init_db, session_scope, writer_of
from shuanglian.web.deps import get_db


def test_read_only_sessions_refuse_writes_on_both_backends(db_url: str) -> None:
    init_db(db_url)
    with pytest.raises(DBAPIError, match="(?i)read.?only"), session_scope(db_url, readonly=True) as s:
        s.execute(text("DELETE FROM users"))
    with session_scope(db_url, readonly=True) as s:  # reads work
        assert s.execute(text("SELECT count(*) FROM users")).scalar_one() == 0
    assert writer_of(get_engine(db_url, True)) is get_engine(db_url)
    get_engine(db_url, True).dispose()


def test_a_get_route_that_writes_fails_instead_of_taking_the_lock(app) -> None:
    @app.get("/_test/write-on-read")
    def write_on_read(db: Session = Depends(get_db)) -> dict:
        db.execute(text("DELETE FROM web_sessions"))
        return {}

    @app.post("/_test/write-on-post")
    def write_on_post(db: Session = Depends(get_db)) -> dict:
        db.execute(text("DELETE FROM web_sessions"))
        return {"ok": True}

    c = TestClient(app, raise_server_exceptions=True)
    with pytest.raises(OperationalError, match="readonly"):
        c.get("/_test/write-on-read")
    assert c.post("/_test/write-on-post").json() == {"ok": True}  # writes keep the read-write pool


def test_reads_answer_while_a_writer_holds_the_lock(client_for, web_url: str) -> None:
    c = client_for("viewer")
    path = web_url.removeprefix("sqlite:///")
    writer = sqlite3.connect(path, timeout=1)
    try:
        writer.execute("BEGIN IMMEDIATE")  # what an ingest batch holds while it writes
        writer.execute("UPDATE documents SET title = title")
        t0 = time.monotonic()
        for url in ("/api/documents", "/api/search?q=深圳", "/api/entities", "/documents", "/api/registers/enterprises"):
            assert c.get(url).status_code == 200, url
        assert time.monotonic() - t0 < 10  # no request waited for the busy timeout (30 s)
    finally:
        writer.rollback()
        writer.close()


def test_startup_warms_the_region_data(app) -> None:
    """The first register request of a process loaded jionlp's division data (~2-3 s) while its user
    waited; the server now loads it in a thread at startup."""
    import threading

    from shuanglian.graph import regions

    regions._division_chain.cache_clear()
    with TestClient(app):
        deadline = time.monotonic() + 120
        while any(t.name == "shuanglian-warm-up" for t in threading.enumerate()) and time.monotonic() < deadline:
            time.sleep(0.1)
    assert regions._division_chain.cache_info().currsize >= 1


def test_answers_carry_the_server_time(client_for) -> None:
    """Server-Timing lets a load benchmark tell a slow server from starved clients (bench/load.py)."""
    import re

    r = client_for("viewer").get("/api/documents")
    m = re.fullmatch(r"app;dur=([0-9.]+)", r.headers["server-timing"])
    assert m and 0 < float(m.group(1)) < 60_000
