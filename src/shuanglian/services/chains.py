"""Industry-chain services for the CLI, HTTP API and web app: templates, placement, maps and gaps.

Every function takes a SQLAlchemy Session first and returns plain dicts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.chains.gaps import compute_gaps
from shuanglian.chains.incremental import remember_templates, templates_changed
from shuanglian.chains.maps import build_map, load_placements
from shuanglian.chains.members import fast_gaps, fast_map, members_ready
from shuanglian.chains.placement import PROP, PlacementStats, place_entities
from shuanglian.chains.store import all_templates, save_user_chain
from shuanglian.chains.templates import ChainTemplate, TemplateError
from shuanglian.graph.tables import LIVE_STATUSES, AuditLog, Statement
from shuanglian.projections import apply_changes
from shuanglian.registers.graphview import views_for_members
from shuanglian.registers.listing import region_index

__all__ = [
    "TemplateError",
    "UnknownChain",
    "add_chain",
    "chain_map",
    "chains_report",
    "gaps",
    "get_chain",
    "list_chains",
    "place",
]


class UnknownChain(KeyError):
    """No chain with that id or name."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown chain"


def _template(session: Session, chain: str) -> ChainTemplate:
    tpls = all_templates(session)
    if chain in tpls:
        return tpls[chain]
    for t in tpls.values():
        if chain in (t.name, t.name_en):
            return t
    raise UnknownChain(f"unknown chain {chain!r}; one of: {', '.join(tpls)}")


def list_chains(session: Session) -> list[dict[str, Any]]:
    """Every chain in effect (shipped + user): id, names, set, category, origin, number of links."""
    return [
        {**{k: v for k, v in t.to_json().items() if k != "links"}, "links": len(t.links)}
        for t in all_templates(session).values()
    ]


def get_chain(session: Session, chain: str) -> dict[str, Any]:
    """One chain template (by id or name) with all its links and terms."""
    return _template(session, chain).to_json()


def add_chain(session: Session, yaml_text: str, user: str, source: str = "<upload>") -> dict[str, Any]:
    """Validate and store a user chain (replaces the shipped one of the same id), then place entities on it.

    Raises TemplateError naming the file and field. Returns `{chain, created, placement}`.
    """
    before = all_templates(session)
    tpl, created = save_user_chain(session, yaml_text, user, source)
    session.add(
        AuditLog(
            user=user, action="chain_add" if created else "chain_edit", object_type="chain", object_id=tpl.id,
            before=before[tpl.id].to_json() if tpl.id in before else None, after=tpl.to_json(),
        )
    )  # fmt: skip
    # placing every entity on the edited chain is the placement projector's job (the change log names it)
    done = apply_changes(session)
    return {"chain": tpl.to_json(), "created": created, "placement": done.placement_stats()}


def place(session: Session, chain: str | None = None, full: bool = False) -> dict[str, Any]:
    """Place entities on chain links; idempotent. Returns counts.

    Every write keeps placements current (projections), so without `chain` this places everything
    again only with `full` or when the templates differ from those the placements were made with
    (new chain files after an upgrade). With `chain`: every entity on that one chain.
    """
    tpls = all_templates(session)
    if chain is not None:
        t = _template(session, chain)
        stats = place_entities(session, {t.id: t})
    elif full or templates_changed(session, tpls):
        stats = place_entities(session, tpls)
        remember_templates(session, tpls)
    else:
        stats = PlacementStats()
    apply_changes(session)  # summaries and the register index count the placements
    return stats.to_json()


def placed_count(session: Session) -> int:
    """How many source entities hold a live placement on a chain link (what the chain maps show)."""
    q = select(func.count(func.distinct(Statement.entity_id))).where(
        Statement.prop == PROP, Statement.status.in_(LIVE_STATUSES)
    )
    return int(session.scalar(q) or 0)


def chain_map(
    session: Session, chain_id: str, region: str | None = None, include_outside: bool = False, complete: bool = False
) -> dict[str, Any]:
    """Per link of a chain, the local enterprises, carriers, projects, policies and funds, with evidence.

    region: place name (深圳, 广东...); None: every entity counts. include_outside: also list the
    entities of other regions on each link (key `outside`). Read from the chain_members projection;
    complete: from every placed entity's view instead (the reference the projection must equal).
    """
    tpl = _template(session, chain_id)
    if complete or not members_ready(session, region):
        placements = load_placements(session, tpl).get(tpl.id, [])
        regions = region_index(session) if region else None
        return build_map(tpl, placements, region, regions, include_outside)
    return fast_map(session, tpl, region, include_outside)


def _resource_ids(session: Session) -> set[str]:
    """Canonical ids of the entities imported into the innovation-resources register."""
    members = session.scalars(
        select(Statement.entity_id).where(
            Statement.prop == "register", Statement.value == "resources", Statement.status.in_(LIVE_STATUSES)
        )
    )
    return set(views_for_members(session, set(members)))


def gaps(session: Session, chain_id: str, region: str | None = None, complete: bool = False) -> list[dict[str, Any]]:
    """补链 / 强链 / 延链 gaps of a chain in a region, each with a reason and ranked candidates (招商 leads).

    Read from the chain_members projection; complete: from every placed entity's view instead."""
    tpl = _template(session, chain_id)
    if not complete and members_ready(session, region):
        return fast_gaps(session, tpl, region)
    placements = load_placements(session, tpl).get(tpl.id, [])
    regions = region_index(session) if region else None
    return compute_gaps(tpl, placements, region, regions, _resource_ids(session))


def chains_report(session: Session, region: str | None = None, chain: str | None = None) -> list[dict[str, Any]]:
    """Map + gaps of every chain (or one), computed with one load of the placements (CLI `chains`)."""
    tpls = all_templates(session)
    if chain is not None:
        t = _template(session, chain)
        tpls = {t.id: t}
    if members_ready(session, region):
        return [{**fast_map(session, t, region), "gaps": fast_gaps(session, t, region)} for t in tpls.values()]
    placements = load_placements(session)
    regions = region_index(session) if region else None
    resources = _resource_ids(session)
    out = []
    for t in tpls.values():
        ps = placements.get(t.id, [])
        m = build_map(t, ps, region, regions)
        m["gaps"] = compute_gaps(t, ps, region, regions, resources)
        out.append(m)
    return out
