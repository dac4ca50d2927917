"""Register rows: which canonical entities belong to a register, their column values, filters and sort."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph.ids import normalise_name
from shuanglian.graph.places import stored_region_index
from shuanglian.registers.admission import admitted, retype
from shuanglian.registers.graphview import DigestView, EntityView, load_views
from shuanglian.registers.pinyin import pinyin_key
from shuanglian.registers.regions import RegionIndex
from shuanglian.registers.spec import Column, RegisterSpec, register_specs
from shuanglian.store.documents import DocumentRow

CHAIN_PROP = "on_chain_link"
HIDDEN_PROP = "register_hidden"
NOT_SEEN = frozenset({CHAIN_PROP, HIDDEN_PROP})  # derived or judgements: never "seen" anywhere
_NOT_SEEN = NOT_SEEN
# extra sort keys besides the columns: pinyin of the name, first and latest date seen
EXTRA_SORTS = ("pinyin", "first_seen", "last_seen")
DIGEST_CAP = 200  # documents a DigestView names: more than the 1,000 characters of a sources sort key hold
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


def hidden_in(view: EntityView) -> set[str]:
    """Registers an analyst hid or rejected this entity from (live register_hidden statements)."""
    return set(view.values(HIDDEN_PROP))


def row_sources(view: EntityView) -> list[str]:
    """Where a row's facts come from (documents, importing users), leaving out analysts' hide judgements.
    For a DigestView (the register index's reader): the sources up to its last document read (the first
    DIGEST_CAP documents in order: every character a sort key keeps)."""
    if isinstance(view, DigestView):
        d = view.digest
        out = sorted({f"doc:{x}" for x in d.doc_ids} | d.other_labels)
        if d.doc_count > len(d.doc_ids):  # more documents than read: nothing past the last one read is known
            last = f"doc:{d.doc_ids[-1]}"
            out = [s for s in out if s <= last]
        return out
    return sorted({f.source_label for f in view.facts if f.prop != HIDDEN_PROP})


def _day(published: str | None) -> str | None:
    m = _DATE.match(published or "")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def published_dates(session: Session, doc_ids: Iterable[str]) -> dict[str, str | None]:
    """Document id -> publication day (YYYY-MM-DD) or None when the page gives none."""
    ids = sorted({d for d in doc_ids if d})
    out: dict[str, str | None] = {}
    for i in range(0, len(ids), 900):
        q = select(DocumentRow.id, DocumentRow.published).where(DocumentRow.id.in_(ids[i : i + 900]))
        out.update({d: _day(p) for d, p in session.execute(q)})
    return out


def seen_dates(view: EntityView, published: Mapping[str, str | None]) -> tuple[str | None, str | None]:
    """(first, latest) day the entity was seen: its documents' publication days, else the day a
    statement was stored (imports, pages without a date)."""
    if isinstance(view, DigestView):
        return _digest_seen(view)
    days: list[str] = []
    facts = [f for f in view.facts if f.prop not in _NOT_SEEN]  # derived or judgements: not seen anywhere
    if any(f.document_id for f in facts):
        facts = [f for f in facts if f.document_id]  # pages, not the day an analyst corrected something
    for f in facts:
        day = published.get(f.document_id) if f.document_id else None
        if day is None and f.created_at is not None:
            day = f.created_at.strftime("%Y-%m-%d")
        if day:
            days.append(day)
    return (min(days), max(days)) if days else (None, None)


def _digest_seen(view: DigestView) -> tuple[str | None, str | None]:
    """seen_dates from a digest: each (publication text, earliest, latest) group of its documents gives
    the publication day, else the days of its statement times; without documents, the statement days."""
    days: list[str] = []
    d = view.digest
    groups = [(p, lo, hi) for p, lo, hi in d.days] if d.days else ([(None, *d.undated)] if d.undated else [])
    for published, lo, hi in groups:
        day = _day(published) if d.days else None
        if day:
            days.append(day)
            continue
        days += [t.strftime("%Y-%m-%d") for t in (lo, hi) if t is not None]
    return (min(days), max(days)) if days else (None, None)


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
        return row_sources(view)
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


def to_row(spec: RegisterSpec, view: EntityView, published: Mapping[str, str | None] | None = None) -> dict[str, Any]:
    """One register row: id, every column by key, kind label, sources, pinyin sort key, hidden flag and
    (given the documents' publication days) the first and latest day seen."""
    row: dict[str, Any] = {"id": view.id}
    for col in spec.columns:
        row[col.key] = _column_value(col, view)
    row["kind"] = view.kind
    row["kind_label"] = spec.kind_labels.get(view.kind, view.kind)
    row["sources"] = row_sources(view)
    row["pinyin"] = pinyin_key(view.name)
    row["hidden"] = spec.name in hidden_in(view)
    if published is not None:
        row["first_seen"], row["last_seen"] = seen_dates(view, published)
    return row


def select_members(
    session: Session,
    spec: RegisterSpec,
    region: str | None = None,
    chain: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    hidden: bool = False,
    seen_from: str | None = None,
    seen_to: str | None = None,
) -> list[EntityView]:
    """Entities of a register after the region / chain / kind / text / seen-date filters; `hidden`: the
    rows analysts hid instead of the others."""
    views = load_views(session, kinds=_loaded_kinds(spec), props=["register"])
    retype(views.values())
    if seen_from or seen_to:
        published = published_dates(session, (f.document_id or "" for v in views.values() for f in v.facts))
        seen = {k: seen_dates(v, published) for k, v in views.items()}
        views = {k: v for k, v in views.items() if _seen_ok(seen[k], seen_from, seen_to)}
    views = {k: v for k, v in views.items() if (spec.name in hidden_in(v)) == hidden}
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


def _loaded_kinds(spec: RegisterSpec) -> list[str]:
    """Kinds to load for a register: its own and those retype_by_name may turn into them."""
    from shuanglian.registers.admission import _data

    extra = [k for r in _data().get("retype_by_name") or [] if r["kind"] in spec.kinds for k in r.get("from") or ()]
    return sorted(set(spec.kinds) | set(extra))


def _seen_ok(seen: tuple[str | None, str | None], seen_from: str | None, seen_to: str | None) -> bool:
    first, last = seen
    if seen_from and (last is None or last < seen_from):
        return False
    return not (seen_to and (first is None or first > seen_to))


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
