"""Many clients at once (issue 12: 100 clients got QueuePool timeouts, 500s): requests beyond the pool
wait their turn in the app, so connections checked out never exceed the pool and nobody gets an error."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from sqlalchemy import event

from shuanglian.settings import get_settings
from shuanglian.store.db import get_engine
from shuanglian.web.app import create_app
from tests.web.conftest import PASSWORD

POOL = 3
CLIENTS = 40


@pytest.fixture
def small_pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SHUANGLIAN_DB_POOL_SIZE", str(POOL))
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield
    get_settings.cache_clear()
    get_engine.cache_clear()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_many_clients_never_exhaust_the_pool(small_pool: None, web_url: str) -> None:
    app = create_app(web_url)
    engine = get_engine(web_url)
    out = {"now": 0, "max": 0}
    lock = threading.Lock()

    def checkout(*_a: object) -> None:
        with lock:
            out["now"] += 1
            out["max"] = max(out["max"], out["now"])

    def checkin(*_a: object) -> None:
        with lock:
            out["now"] -= 1

    event.listen(engine, "checkout", checkout)
    event.listen(engine, "checkin", checkin)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"

    async def run() -> list[int]:
        async with httpx.AsyncClient(base_url=base, timeout=120) as c:
            r = await c.post("/api/auth/login", json={"username": "viewer1", "password": PASSWORD})
            assert r.status_code == 200
            urls = ["/api/documents", "/api/entities", "/api/registers/enterprises", "/documents", "/search?q=深圳"]
            rs = await asyncio.gather(*[c.get(urls[i % len(urls)]) for i in range(CLIENTS)])
            return [x.status_code for x in rs]

    # its own thread and event loop: a session-wide Playwright (browser tests) keeps a loop running here
    result: dict[str, list[int]] = {}
    runner = threading.Thread(target=lambda: result.setdefault("codes", asyncio.run(run())))
    try:
        runner.start()
        runner.join(300)
        codes = result.get("codes", [])
    finally:
        server.should_exit = True
        thread.join(30)
    assert codes == [200] * CLIENTS
    assert out["max"] <= POOL, f"{out['max']} connections checked out at once with a pool of {POOL}"
