"""The JSON API under /api: one router per area, combined here."""

from __future__ import annotations

from fastapi import APIRouter

from shuanglian.web.api import (
    auth,
    chains,
    challenges,
    documents,
    graph,
    matching,
    projects,
    registers,
    review,
    search,
    targets,
)

router = APIRouter()
for _module in (auth, documents, search, review, graph, registers, chains, targets, projects, matching, challenges):
    router.include_router(_module.router)
router.include_router(registers.entity_router)  # POST /api/entities/{id}/region (regions by evidence)
