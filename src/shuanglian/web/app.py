"""The FastAPI application: JSON API under /api, server-rendered pages elsewhere, static assets."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from shuanglian import __version__
from shuanglian.store.db import init_db
from shuanglian.web.errors import ERROR_RESPONSES, install_error_handlers

STATIC_DIR = Path(__file__).parent / "static"
# Pages load scripts only from this server (vendor libs from npm, our own app.js); no inline script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


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
    return app
