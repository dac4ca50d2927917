"""Facets of a register page (as Datasette shows them): for kind, region and chain, the values with row
counts under the other filters, so analysts narrow a register by clicking instead of typing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from shuanglian.registers.fastlist import _conditions, eligible
from shuanglian.registers.listing import region_index
from shuanglian.registers.spec import get_spec
from shuanglian.registers.tables import EntityChain, RegisterEntry

E = RegisterEntry
TOP = 12


def register_facets(session: Session, name: str, **filters: Any) -> dict[str, list[dict[str, Any]]]:
    """{kind: [{value, label, count}], region: [...], chain: [...]}, each counted without its own filter."""
    spec = get_spec(name)
    if not eligible(session, spec, "name"):
        return {"kind": [], "region": [], "chain": []}
    regions = region_index(session) if filters.get("region") else None

    def where(skip: str) -> Any:
        f = {k: v for k, v in filters.items() if k != skip and v}
        regs = regions if f.get("region") else None
        return and_(*_conditions(session, spec, regs, f.get("region"), f.get("chain"), f.get("kind"), f.get("q"),
                                 bool(f.get("hidden")), f.get("seen_from"), f.get("seen_to")))

    kinds = session.execute(
        select(E.kind, func.count()).where(where("kind")).group_by(E.kind).order_by(func.count().desc()).limit(TOP)
    ).all()
    region_rows = session.execute(
        select(E.region, func.count()).where(where("region"), E.region.is_not(None), E.region != "")
        .group_by(E.region).order_by(func.count().desc(), E.region).limit(TOP)
    ).all()
    from shuanglian.chains.store import all_templates

    names = {t.id: t.name for t in all_templates(session).values()}
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
