"""Projections: every state derived from the statements log, kept equal to a full rebuild.

Order matters: resolution -> chain placements -> entity summaries -> place hierarchy -> register index -> official figures
-> region scope -> chain members -> search index.
Other packages add theirs with `register(name, factory, after=...)` (see README, Architecture): the
targets, projects and matching projectors register from `shuanglian.services` (this layer imports none
of them: no import cycles).
"""

from __future__ import annotations

from shuanglian.projections.apply import apply_changes, deferred, rebuild_all
from shuanglian.projections.base import (
    DERIVED_PROPS,
    IDENTITY_PROPS,
    Changes,
    Projector,
    projector_names,
    projectors,
    register,
    unregister,
)


def _defaults() -> None:
    from shuanglian.projections.chain_members import ChainMembers
    from shuanglian.projections.entities import Resolution, Summaries
    from shuanglian.projections.official import OfficialFigures
    from shuanglian.projections.placements import ChainPlacements
    from shuanglian.projections.places import PlaceHierarchy
    from shuanglian.projections.region_scope import RegionScopeProjector
    from shuanglian.projections.registers import RegisterIndex
    from shuanglian.projections.search import SearchIndex

    register("resolution", Resolution)
    register("chain_placements", ChainPlacements)
    register("entity_summaries", Summaries)
    register("place_hierarchy", PlaceHierarchy)
    register("register_index", RegisterIndex)
    register("official_figures", OfficialFigures)  # the pages' 六个一 counts beside the registers (issue 9)
    register("region_scope", RegionScopeProjector)
    register("chain_members", ChainMembers)
    register("search_index", SearchIndex)


_defaults()

__all__ = [
    "DERIVED_PROPS", "IDENTITY_PROPS", "Changes", "Projector", "apply_changes", "deferred", "projector_names", "projectors",
    "rebuild_all", "register", "unregister",
]  # fmt: skip
