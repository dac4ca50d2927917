"""Register rows: which canonical entities belong to a register, their column values, filters and sort."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from shuanglian.graph.ids import normalise_name
from shuanglian.graph.places import stored_region_index
from shuanglian.registers.admission import admitted
from shuanglian.registers.graphview import EntityView, load_views
from shuanglian.registers.regions import RegionIndex
from shuanglian.registers.spec import Column, RegisterSpec, register_specs

CHAIN_PROP = "on_chain_link"


def region_index(session: Session) -> RegionIndex:
    """Place hierarchy from the graph: every place entity's `parent` values and `located_in` targets,
    read from the place_parents projection (one small table), else from the place statements."""
    stored = stored_region_index(session)
    if stored is not None:
        return stored
    parents: dict[str, list[str]] = {}
    for v in load_views(session, kinds=["place"]).values():
        ps = v.values("parent") + v.values("located_in") + v.values("part_of")
        for n in {v.name, *v.names}:
            parents.setdefault(n, []).extend(ps)
    return RegionIndex(parents)


def chain_keys(view: EntityView) -> set[str]:
    """Chain ids and chain names the entity is placed on (live on_chain_link statements)."""
    out: set[str] = set()
    for f in view.facts:
        if f.prop == CHAIN_PROP:
            vj = f.value_json if isinstance(f.value_json, dict) else {}
            if vj.get("chain"):
                out.add(str(vj["chain"]))
            out.add(str(vj.get("chain_name") or f.value.split("/")[0]))
    return out


def chain_labels(view: EntityView) -> list[str]:
    """Display labels `链/环节` of the entity's placements, strongest first."""
    best: dict[str, float] = {}
    for f in view.facts:
        if f.prop == CHAIN_PROP:
            best[f.value] = max(best.get(f.value, 0.0), f.confidence)
    return sorted(best, key=lambda k: (-best[k], k))


def _registered(view: EntityView) -> set[str]:
    return set(view.values("register"))


def is_member(spec: RegisterSpec, view: EntityView) -> bool:
    """Whether an entity belongs to a register, regardless of region (kind + name rules, or imported)."""
    regs = _registered(view)
    if spec.name in regs:
        return True
    if view.kind not in spec.kinds:
        return False
    externals = {s.name for s in register_specs().values() if s.scope == "external"}
    if spec.scope == "local" and regs and regs <= externals:
        return False  # imported only as an outside resource: not a local enterprise/carrier
    if spec.scope == "external":
        return False  # implicit members of the resources register are decided against a region
    if not admitted(view):
        return False  # a generic word (全国, 全年) or an unsure kind is not a register row
    return not spec.name_patterns or any(p in n for n in [view.name, *view.names] for p in spec.name_patterns)


def _column_value(col: Column, view: EntityView) -> Any:
    if col.prop == "name":
        return view.name
    if col.prop == "kind":
        return view.kind
    if col.key == "region":
        return view.region
    if col.prop == "chains":
        return chain_labels(view)
    if col.prop == "sources":
        return view.sources()
    vals = view.values(col.prop) + (view.values(col.fallback_prop) if col.fallback_prop else [])
    if col.multi:
        return vals
    if not vals:
        return None
    v = vals[0]
    if col.type == "number":
        try:
            return round(float(v) / col.scale, 6)
        except ValueError:
            return v
    if col.type == "bool":
        return v.lower() in ("true", "1", "yes", "是")
    if col.values:
        back = {str(sv).lower(): label for label, sv in col.values.items()}
        return back.get(v.lower(), v)
    return v


def to_row(spec: RegisterSpec, view: EntityView) -> dict[str, Any]:
    """One register row: id, every column by key, kind label, and sources."""
    row: dict[str, Any] = {"id": view.id}
    for col in spec.columns:
        row[col.key] = _column_value(col, view)
    row["kind"] = view.kind
    row["kind_label"] = spec.kind_labels.get(view.kind, view.kind)
    row["sources"] = view.sources()
    return row


def select_members(
    session: Session,
    spec: RegisterSpec,
    region: str | None = None,
    chain: str | None = None,
    kind: str | None = None,
    q: str | None = None,
) -> list[EntityView]:
    """Entities of a register after the region / chain / kind / text filters."""
    views = load_views(session, kinds=spec.kinds, props=["register"])
    wanted_kind = spec.kind_from_label(kind) or kind if kind else None
    qkey = normalise_name(q) if q else None
    regions = region_index(session) if region else None
    local_chains: set[str] | None = None
    out: list[EntityView] = []
    for v in views.values():
        if wanted_kind and v.kind != wanted_kind:
            continue
        if qkey and not any(qkey in normalise_name(n) for n in [v.name, *v.names]):
            continue
        if chain and chain not in chain_keys(v):
            continue
        if spec.scope == "external":
            if region is None or regions is None:
                if spec.name not in _registered(v):
                    continue
            else:
                if not v.region or regions.within(v.region, region):
                    continue
                if spec.name not in _registered(v):
                    if v.kind not in spec.kinds or not admitted(v):
                        continue
                    if local_chains is None:
                        local_chains = _local_chains(views.values(), regions, region)
                    if not (chain_keys(v) & local_chains):
                        continue  # an outside entity matters only on a chain the region has
            out.append(v)
            continue
        if not is_member(spec, v):
            continue
        if region and regions is not None and not _in_region(spec, v, regions, region):
            continue
        out.append(v)
    return out


def _in_region(spec: RegisterSpec, v: EntityView, regions: RegionIndex, region: str) -> bool:
    if regions.within(v.region, region):
        return True
    return bool(spec.wider_regions_apply and v.region and regions.within(region, v.region))


def _local_chains(views: Iterable[EntityView], regions: RegionIndex, region: str) -> set[str]:
    out: set[str] = set()
    for v in views:
        if v.region and regions.within(v.region, region):
            out |= chain_keys(v)
    return out


def sort_rows(rows: list[dict[str, Any]], sort: str | None) -> list[dict[str, Any]]:
    """Sort by a column key (`-key` descending); empty values last; ties by name then id."""
    key = (sort or "name").lstrip("-")
    desc = bool(sort and sort.startswith("-"))

    def k(r: dict[str, Any]) -> tuple[int, Any, str, str]:
        v = r.get(key)
        if isinstance(v, list):
            v = "、".join(map(str, v))
        empty = v is None or v == ""
        if isinstance(v, bool):
            v = int(v)
        return (1 if empty else 0, (0, v, "") if isinstance(v, int | float) else (1, 0, str(v or "")), r["name"], r["id"])

    filled = [r for r in rows if r.get(key) not in (None, "", [])]
    empty = [r for r in rows if r.get(key) in (None, "", [])]
    filled.sort(key=k, reverse=desc)
    empty.sort(key=lambda r: (r["name"], r["id"]))
    return filled + empty
