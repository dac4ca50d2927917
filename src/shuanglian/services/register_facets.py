"""Facets of a register page (as Datasette shows them): for kind, region and chain, the values with row
counts under the other filters, so analysts narrow a register by clicking instead of typing."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from shuanglian.registers import counts
from shuanglian.registers.fastlist import _conditions, counted, eligible, matching_groups, page_regions
from shuanglian.registers.regions import RegionIndex
from shuanglian.registers.spec import RegisterSpec, get_spec
from shuanglian.registers.tables import EntityChain, RegisterEntry

E = RegisterEntry
TOP = 12


def register_facets(session: Session, name: str, **filters: Any) -> dict[str, list[dict[str, Any]]]:
    """{kind: [{value, label, count}], region: [...], chain: [...]}, each counted without its own filter."""
    spec = get_spec(name)
    if not eligible(session, spec, "name"):
        return {"kind": [], "region": [], "chain": []}
    regions = page_regions(session, filters.get("region") or None)  # never the hierarchy once region_scope is filled

    def where(skip: str) -> Any:
        f = {k: v for k, v in filters.items() if k != skip and v}
        regs = regions if f.get("region") else None
        return and_(*_conditions(session, spec, regs, f.get("region"), f.get("chain"), f.get("kind"), f.get("q"),
                                 bool(f.get("hidden")), f.get("seen_from"), f.get("seen_to")))

    from shuanglian.chains.store import all_templates

    names = {t.id: t.name for t in all_templates(session).values()}
    if counted(session, filters.get("q"), filters.get("seen_from"), filters.get("seen_to")):
        return _counted_facets(session, spec, regions, names, filters)
    kinds = session.execute(
        select(E.kind, func.count()).where(where("kind")).group_by(E.kind).order_by(func.count().desc()).limit(TOP)
    ).all()
    region_rows = session.execute(
        select(E.region, func.count()).where(where("region"), E.region.is_not(None), E.region != "")
        .group_by(E.region).order_by(func.count().desc(), E.region).limit(TOP)
    ).all()
    chain_rows = session.execute(
        select(EntityChain.chain, func.count())
        .join(E, E.entity_id == EntityChain.entity_id)
        .where(where("chain"), EntityChain.chain.in_(names))
        .group_by(EntityChain.chain).order_by(func.count().desc(), EntityChain.chain).limit(TOP)
    ).all()
    return {
        "kind": [{"value": k, "label": spec.kind_labels.get(k, k), "count": int(n)} for k, n in kinds],
        "region": [{"value": r, "label": r, "count": int(n)} for r, n in region_rows],
        "chain": [{"value": c, "label": names.get(c, c), "count": int(n)} for c, n in chain_rows],
    }


def _counted_facets(
    session: Session, spec: RegisterSpec, regions: RegionIndex | None, names: dict[str, str], filters: dict[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    """The same facets summed over register_counts groups (no text or date filter): a few rows per region
    and chain set, whatever the number of entries."""
    region, chain, kind = filters.get("region") or None, filters.get("chain") or None, filters.get("kind") or None
    hidden = bool(filters.get("hidden"))
    regs = regions if region else None
    by_kind: Counter[str] = Counter()
    for g in matching_groups(session, spec, regs, region, chain, None, hidden):
        by_kind[g.kind] += g.n
    wanted = (spec.kind_from_label(kind) or kind) if kind else None
    region_rows = counts.region_counts(session, spec.name, hidden, wanted, spec.scope == "external", chain, TOP)
    by_chain: Counter[str] = Counter()
    for g in matching_groups(session, spec, regs, region, None, kind, hidden, with_chains=True):
        for c in counts.chain_set(g.chains):
            if c in names:
                by_chain[c] += g.n
    kinds = sorted(((k, n) for k, n in by_kind.items() if n), key=lambda kn: (-kn[1], kn[0]))[:TOP]
    chain_rows = sorted(by_chain.items(), key=lambda cn: (-cn[1], cn[0]))[:TOP]
    return {
        "kind": [{"value": k, "label": spec.kind_labels.get(k, k), "count": int(n)} for k, n in kinds],
        "region": [{"value": r, "label": r, "count": int(n)} for r, n in region_rows],
        "chain": [{"value": c, "label": names.get(c, c), "count": int(n)} for c, n in chain_rows],
    }
