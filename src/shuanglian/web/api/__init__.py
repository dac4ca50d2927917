"""The JSON API under /api: one router per area, combined here."""

from __future__ import annotations

from fastapi import APIRouter

from shuanglian.web.api import auth, chains, challenges, documents, graph, matching, registers, review, search

router = APIRouter()
for _module in (auth, documents, search, review, graph, registers, chains, matching, challenges):
    router.include_router(_module.router)
