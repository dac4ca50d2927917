"""Jinja2 environment (autoescape on) and the `render` helper every page uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from shuanglian.targets.display import shower
from shuanglian.web.labels import Labels, audit_diff
from shuanglian.web.translate import LANG_COOKIE, Translator, pick_lang

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
# Jinja2Templates enables autoescape for .html; assert it so a config change cannot silently drop it.
assert templates.env.autoescape is not False


def lang_of(request: Request) -> str:
    """The UI language of this request (cookie, else Chinese)."""
    return pick_lang(request.cookies.get(LANG_COOKIE))


def render(request: Request, name: str, ctx: dict[str, Any] | None = None, status: int = 200) -> HTMLResponse:
    """Render a template with the translator, the current user and their CSRF token in context."""
    lang = pick_lang(request.cookies.get(LANG_COOKIE))
    principal = getattr(request.state, "principal", None)
    base: dict[str, Any] = {
        "t": Translator(lang),
        "lang": lang,
        "lab": Labels(lang),
        "audit_diff": audit_diff,
        "show": shower(lang),
        "user": principal,
        "csrf_token": getattr(principal, "csrf_token", None) or request.cookies.get("sl_csrf", ""),
        "path": request.url.path,
    }
    base.update(ctx or {})
    return templates.TemplateResponse(request, name, base, status_code=status)
