"""Chain maps: for each link of a chain, the entities placed on it (by role), local to a region or not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.chains.placement import PROP, chain_target_id
from shuanglian.chains.templates import ChainTemplate
from shuanglian.graph.reader import EntityView, Fact, views_for_members
from shuanglian.graph.regions import RegionIndex
from shuanglian.graph.schema import CHAIN_ROLES, get_schema
from shuanglian.graph.tables import LIVE_STATUSES, Statement

# Which bucket of a link an entity of each kind goes to: each kind's `chain_role` in graph/schema.yaml.
ROLES = CHAIN_ROLES
# Policies and funds made for a wider area (a province, the nation) still apply inside the region.
WIDE_ROLES = ("policies", "funds")


@dataclass
class Placement:
    """One entity on one link: its combined score and the evidence statements behind it."""

    view: EntityView
    chain_id: str
    link_id: str | None
    score: float
    evidence: list[Fact] = field(default_factory=list)

    @property
    def role(self) -> str:
        """Bucket of the link the entity fills (enterprises, carriers, ...)."""
        return get_schema().chain_role(self.view.kind)


def placements_of(views: Iterable[EntityView]) -> dict[str, list[Placement]]:
    """The placements these canonical views hold, grouped by chain id (one per entity and link; a
    chain-level placement is shadowed by any link placement of the same entity on that chain)."""
    out: dict[str, dict[tuple[str, str | None], Placement]] = {}
    for v in views:
        for f in v.facts:
            if f.prop != PROP or not isinstance(f.value_json, dict) or not f.value_json.get("chain"):
                continue
            chain_id, link_id = str(f.value_json["chain"]), f.value_json.get("link")
            key = (v.id, link_id)
            score = float(f.value_json.get("combined_score") or f.confidence)
            p = out.setdefault(chain_id, {}).get(key)
            if p is None:
                p = out[chain_id][key] = Placement(v, chain_id, link_id, score)
            elif f.origin in ("manual", "import") or score > p.score:
                p.score = max(p.score, score)
            p.evidence.append(f)
    result: dict[str, list[Placement]] = {}
    for chain_id, d in out.items():
        on_links = {p.view.id for p in d.values() if p.link_id}
        result[chain_id] = [p for p in d.values() if p.link_id or p.view.id not in on_links]
    return result


def load_placements(session: Session, chain: ChainTemplate | None = None) -> dict[str, list[Placement]]:
    """Live placements grouped by chain id (one Placement per entity and link); only `chain`'s if given.

    The complete path: every placed entity's whole view. Requests read the chain_members projection
    (chains.members) instead; this stays as its reference and its fallback."""
    q = select(Statement.entity_id).where(Statement.prop == PROP, Statement.status.in_(LIVE_STATUSES))
    if chain is not None:
        targets = [chain_target_id(chain.id, None)] + [chain_target_id(chain.id, ln.id) for ln in chain.links]
        q = q.where(Statement.target_id.in_(targets))
    members = sorted(set(session.scalars(q.distinct())))
    return placements_of(views_for_members(session, members).values())


def is_local(view: EntityView, role: str, region: str | None, regions: RegionIndex | None) -> bool:
    """In the region? Without a region everything is local; policies/funds of a wider area apply too."""
    if region is None or regions is None:
        return True
    if not view.region:
        return role in WIDE_ROLES  # national policies and funds without a stated region still apply
    if regions.within(view.region, region):
        return True
    return role in WIDE_ROLES and regions.within(region, view.region)


def evidence_json(f: Fact) -> dict[str, Any]:
    """How a placement was found: matched term, evidence text, document and span, score, source."""
    vj = f.value_json if isinstance(f.value_json, dict) else {}
    return {
        "statement_id": f.id,
        "term": vj.get("term"),
        "via": vj.get("via"),
        "text": vj.get("evidence"),
        "document_id": f.document_id,
        "span": list(f.span) if f.span else None,
        "score": round(f.confidence, 4),
        "source": f.source_label,
        "status": f.status,
    }


def member_json(p: Placement, local: bool) -> dict[str, Any]:
    """An entity on a link, with its evidence (best first)."""
    ev = sorted(p.evidence, key=lambda f: -f.confidence)
    return {
        "id": p.view.id,
        "name": p.view.name,
        "kind": p.view.kind,
        "region": p.view.region,
        "local": local,
        "score": round(p.score, 4),
        "chain_leader": any(v.lower() in ("true", "1", "是") for v in p.view.values("chain_leader")),
        "evidence": [evidence_json(f) for f in ev[:5]],
    }


@dataclass
class Cell:
    """One entity on one link as a chain map shows it: its sort keys, its member_json (as a local
    member) and whether it is local to the region asked for."""

    entity_id: str
    link_id: str | None
    role: str
    score: float
    name: str
    member: dict[str, Any]
    local: bool


def cell_member(p: Placement) -> dict[str, Any]:
    """member_json of a placement as a local member (what the chain_members projection stores)."""
    return member_json(p, True)


def with_local(member: dict[str, Any], local: bool) -> dict[str, Any]:
    """A fresh member dict (decoded from the projection, or just built) with its `local` flag set (in
    place: rows stored before `local` was kept in them get it appended)."""
    member["local"] = local
    return member


def build_map(
    tpl: ChainTemplate,
    placements: list[Placement],
    region: str | None,
    regions: RegionIndex | None,
    include_outside: bool = False,
) -> dict[str, Any]:
    """Chain map dict: chain, and per link its members by role (local ones; outside ones on request)."""
    cells = [
        Cell(p.view.id, p.link_id, p.role, p.score, p.view.name, cell_member(p), is_local(p.view, p.role, region, regions))
        for p in placements
    ]
    return map_of_cells(tpl, cells, region, include_outside)


def map_of_cells(tpl: ChainTemplate, cells: list[Cell], region: str | None, include_outside: bool = False) -> dict[str, Any]:
    """Chain map dict from its cells (local ones listed by role; outside ones under `outside` on request)."""
    links: list[dict[str, Any]] = []
    by_link: dict[str | None, list[Cell]] = {}
    for c in cells:
        by_link.setdefault(c.link_id, []).append(c)

    def bucket(cs: list[Cell]) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
        roles: dict[str, list[dict[str, Any]]] = {r: [] for r in ROLES}
        outside: list[dict[str, Any]] = []
        for c in sorted(cs, key=lambda c: (-c.score, c.name, c.entity_id)):
            if c.local:
                roles[c.role].append(with_local(c.member, True))
            elif include_outside:
                outside.append(with_local(c.member, False))
        return roles, outside

    for ln in tpl.links:
        roles, outside = bucket(by_link.get(ln.id, []))
        item: dict[str, Any] = {
            "id": ln.id,
            "name": ln.name,
            "name_en": ln.name_en,
            "stage": ln.stage,
            "feeds": list(ln.feeds),
            "counts": {r: len(v) for r, v in roles.items()},
            **roles,
        }
        if include_outside:
            item["outside"] = outside
        links.append(item)
    chain_level, _ = bucket(by_link.get(None, []))
    return {
        "chain": {k: v for k, v in tpl.to_json().items() if k != "links"},
        "region": region,
        "links": links,
        "chain_level": chain_level,  # on the chain by industry, no link yet
    }
