"""One error shape for the API (`{"error": {"code", "message"}}`) and friendly pages for the browser."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from shuanglian.errors import CodedError, http_status

log = logging.getLogger(__name__)

_CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "invalid_request",
          500: "internal_error", 503: "unavailable"}


class ApiError(Exception):
    """Raise from any route or dependency to answer with a JSON error (or an error page)."""

    def __init__(
        self, status: int, message: str, code: str | None = None, details: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.message = message
        self.details = details
        self.headers = headers or {}


class ErrorDetail(BaseModel):
    """What went wrong: a stable code for programs and a message for people."""

    code: str
    message: str
    details: Any = None


class ErrorOut(BaseModel):
    """The envelope every API error is answered with."""

    error: ErrorDetail


# Declared on every API route (OpenAPI): the error envelope for the statuses any route may answer.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": desc}
    for status, desc in (
        (401, "not logged in / invalid token"),
        (403, "role, CSRF or one-time password refuses it"),
        (404, "unknown id"),
        (422, "invalid request"),
        (429, "too many failed logins (Retry-After)"),
    )
}


class Redirect(Exception):
    """Raise from a page dependency to send the browser elsewhere (e.g. to change a one-time password)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The JSON error envelope."""
    err: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        err["details"] = details
    return {"error": err}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or "application/json" in request.headers.get("accept", "")


def _respond(request: Request, status: int, code: str, message: str, details: Any = None) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(code, message, details), status_code=status)
    if status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    from shuanglian.web.templating import render

    return render(request, "error.html", {"status": status, "code": code, "message": message}, status=status)


def coded_error(exc: CodedError) -> ApiError:
    """An error raised with an ErrorCode (graph and services): the HTTP status follows from the code."""
    msg = str(exc.args[0]) if exc.args else str(exc)
    return ApiError(http_status(exc.code), msg, str(exc.code))


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the error envelope."""
    from shuanglian.services.chains import UnknownChain

    # One mapping for every route (API and pages) that calls a graph service, instead of a
    # try/except in each route.
    @app.exception_handler(CodedError)
    async def _coded_error(request: Request, exc: CodedError) -> Response:
        err = coded_error(exc)
        return _respond(request, err.status, err.code, err.message)

    @app.exception_handler(UnknownChain)
    async def _unknown_chain(request: Request, exc: UnknownChain) -> Response:
        return _respond(request, 404, "unknown_chain", str(exc))  # the message names the valid chains

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        resp = _respond(request, exc.status, exc.code, exc.message, exc.details)
        resp.headers.update(exc.headers)  # e.g. Retry-After on a throttled login
        return resp

    @app.exception_handler(Redirect)
    async def _redirect(request: Request, exc: Redirect) -> Response:
        return RedirectResponse(exc.url, status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _respond(request, exc.status_code, _CODES.get(exc.status_code, "error"), str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"loc": [str(x) for x in e.get("loc", ())], "message": e.get("msg", "")} for e in exc.errors()
        ]
        msg = "; ".join(f"{'.'.join(d['loc'])}: {d['message']}" for d in details)
        return _respond(request, 422, "invalid_request", msg or "invalid request", details)

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        # details stay in the server log: exception text can carry SQL, paths or data
        return _respond(request, 500, "internal_error", f"internal error ({type(exc).__name__}); see the server log")
