"""The FastAPI application: JSON API under /api, server-rendered pages elsewhere, static assets."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from shuanglian import __version__
from shuanglian.store.db import init_db
from shuanglian.web.errors import ERROR_RESPONSES, install_error_handlers

log = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).parent / "static"
# Pages load scripts only from this server (vendor libs from npm, our own app.js); no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class RequestLimit:
    """ASGI middleware: at most `limit` requests inside the app at once, the rest wait in arrival order.

    Sync routes and their dependencies run on a thread pool and check a database connection out
    before they wait for the next thread; without a bound, 200 clients hold 200 connections and the
    pool times out (500s). With the bound equal to the pool and the thread pool, nobody waits for a
    connection; static files are not counted."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit
        self._sem: asyncio.Semaphore | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/static/"):
            await self.app(scope, receive, send)
            return
        if self._sem is None:  # created inside the running loop
            self._sem = asyncio.Semaphore(self.limit)
        t0 = time.perf_counter()

        async def timed_send(message: dict[str, Any]) -> None:
            # Server-Timing: time from arrival here (waiting for a slot included) to the answer's start;
            # load benchmarks compare it with what clients saw to tell a slow server from a starved one
            if message["type"] == "http.response.start":
                dur = f"app;dur={(time.perf_counter() - t0) * 1000:.1f}".encode()
                message = {**message, "headers": [*message.get("headers", []), (b"server-timing", dur)]}
            await send(message)

        async with self._sem:
            await self.app(scope, receive, timed_send)


_BIG_NUMBER = re.compile(rb"(?:^|&)(?:offset|limit)=\+?\d{19,}")


class QueryGuard:
    """ASGI middleware: a query string with NUL (%00) or an offset/limit beyond 64 bits is refused
    with 422 before any route sees it (databases raise on both, which answered 500)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        qs: bytes = scope.get("query_string", b"") if scope["type"] == "http" else b""
        if qs and (b"%00" in qs or b"\x00" in qs or _BIG_NUMBER.search(qs)):
            from fastapi.responses import JSONResponse

            from shuanglian.web.errors import error_body

            msg = "query string has a NUL character or a number too large"
            await JSONResponse(error_body("invalid_request", msg), status_code=422)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def warm_up() -> None:
    """Load what the first register request of a process would otherwise load while a user waits
    (jionlp's division data for region names: ~2 s of CPU); runs in a background thread at startup."""
    from shuanglian.graph.regions import place_in_text

    try:
        place_in_text("广东省深圳市")
    except Exception as exc:  # noqa: BLE001 - a warm-up failure only costs the first request its time
        log.warning("warm-up failed: %s", exc)


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    import anyio.to_thread

    from shuanglian.settings import get_settings

    # the request thread pool matches the connection pool (see RequestLimit)
    anyio.to_thread.current_default_thread_limiter().total_tokens = get_settings().db_pool_size
    threading.Thread(target=warm_up, name="shuanglian-warm-up", daemon=True).start()
    yield


def create_app_from_env() -> FastAPI:
    """App factory for `uvicorn --factory` worker processes (database from SHUANGLIAN_DATABASE_URL)."""
    return create_app(None)


def create_app(db_url: str | None = None, *, migrate: bool = True) -> FastAPI:
    """Build the app for one database (default: settings); `migrate` brings the schema up to date."""
    from shuanglian.services.search import ensure_search_index
    from shuanglian.settings import get_settings
    from shuanglian.web.api import router as api_router
    from shuanglian.web.pages import router as pages_router

    url = db_url or get_settings().database_url
    engine = init_db(url) if migrate else None
    if engine is not None:
        ensure_search_index(engine)
    app = FastAPI(
        title="Shuanglian 双链 API",
        version=__version__,
        description="Documents, entities, registers, chains, review and audit over the shared services. "
        "Authenticate with a session cookie (+ X-CSRF-Token header on writes) or `Authorization: Bearer <token>` "
        "(`shuanglian users token NAME`). Errors: `{\"error\": {\"code\", \"message\"}}`.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=_lifespan,
    )
    app.state.db_url = url
    install_error_handlers(app)

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.url.path != "/api/docs":
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    @app.get("/api/docs", include_in_schema=False)
    def _docs() -> HTMLResponse:
        # Swagger UI from the npm package copied into static/vendor: no CDN.
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="Shuanglian API",
            swagger_js_url="/static/vendor/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.include_router(api_router, responses=ERROR_RESPONSES)
    app.include_router(pages_router)
    app.add_middleware(RequestLimit, limit=get_settings().db_pool_size)
    app.add_middleware(QueryGuard)
    return app
