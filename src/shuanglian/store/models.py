"""Import point that registers every table on `Base.metadata` (documents, graph, users...).

The store is the bottom layer: it must not import the packages above it, so their table modules are
named here as data and imported by name. A package with new tables adds its module to TABLE_MODULES.
"""

from __future__ import annotations

import importlib

TABLE_MODULES = (
    "shuanglian.store.documents",
    "shuanglian.graph.tables",
    "shuanglian.graph.aggregates",
    "shuanglian.graph.keyhits",
    "shuanglian.registers.tables",
    "shuanglian.chains.tables",
    "shuanglian.store.auth_tables",
    "shuanglian.web.prefs",
    "shuanglian.matching.tables",
    "shuanglian.challenges.tables",
    "shuanglian.targets.tables",
    "shuanglian.projects.tables",
    "shuanglian.projections.tables",
)


def load_all() -> None:
    """Import every table module (idempotent), so Base.metadata knows every table."""
    for name in TABLE_MODULES:
        importlib.import_module(name)


load_all()
