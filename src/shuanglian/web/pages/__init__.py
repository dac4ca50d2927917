"""Server-rendered pages (Jinja2): one router per area, combined here."""

from __future__ import annotations

from fastapi import APIRouter

from shuanglian.web.pages import chains, dashboard, documents, graph, registers, review, session

router = APIRouter(include_in_schema=False)
for _module in (session, dashboard, documents, graph, review, registers, chains):
    router.include_router(_module.router)
