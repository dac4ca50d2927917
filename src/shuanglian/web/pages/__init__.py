"""Server-rendered pages (Jinja2): one router per area, combined here."""

from __future__ import annotations

from fastapi import APIRouter

from shuanglian.web.pages import (
    chains,
    challenges,
    dashboard,
    documents,
    graph,
    matching,
    prefs,
    projects,
    registers,
    review,
    session,
    targets,
)

router = APIRouter(include_in_schema=False)
for _module in (session, prefs, dashboard, documents, graph, review, registers, chains, targets, projects, matching,
                challenges):
    router.include_router(_module.router)
