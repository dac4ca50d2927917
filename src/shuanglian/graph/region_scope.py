"""Region containment from the region_scope table: which entity region values lie inside a region, and
which contain it, answered by indexed lookups (written by the region_scope projector)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from shuanglian.graph.places import stored_region_index
from shuanglian.graph.regions import RegionIndex, region_key
from shuanglian.graph.tables import Entity, RegionScope

_CHUNK = 900


def _index(session: Session) -> RegionIndex:
    """The place hierarchy (place_parents plus the division data)."""
    return stored_region_index(session) or RegionIndex()


def scope_rows(values: Iterable[str], regions: RegionIndex) -> list[dict[str, Any]]:
    """The rows of these region values: each value with its own key and every containing region's key."""
    rows = []
    for v in sorted(set(values)):
        if not v:
            continue
        for anc in sorted(regions.ancestors(v)):
            rows.append({"region": v[:128], "ancestor": anc[:128], "key": region_key(v)[:128]})
    return rows


def refresh_scope(session: Session, values: Iterable[str], *, replace_all: bool = False) -> int:
    """Recompute the rows of these region values (replace_all: the table refilled with them); rows written."""
    todo = sorted({v for v in values if v})
    if replace_all:
        session.execute(delete(RegionScope))
    else:
        for i in range(0, len(todo), _CHUNK):
            session.execute(delete(RegionScope).where(RegionScope.region.in_(todo[i : i + _CHUNK])))
    rows = scope_rows(todo, _index(session)) if todo else []
    for i in range(0, len(rows), 5000):
        session.execute(insert(RegionScope), rows[i : i + 5000])
    return len(rows)


def missing_values(session: Session, values: Iterable[str]) -> list[str]:
    """Those of these region values that have no rows yet."""
    vals = sorted({v for v in values if v})
    out: set[str] = set()
    for i in range(0, len(vals), _CHUNK):
        part = vals[i : i + _CHUNK]
        have = set(session.scalars(select(RegionScope.region).where(RegionScope.region.in_(part)).distinct()))
        out |= set(part) - have
    return sorted(out)


def values_through(session: Session, keys: Iterable[str]) -> set[str]:
    """Stored region values whose containment runs through one of these region keys (or that have the key)."""
    ks = sorted(set(keys))
    out: set[str] = set()
    for i in range(0, len(ks), _CHUNK):
        part = ks[i : i + _CHUNK]
        out.update(session.scalars(select(RegionScope.region).where(RegionScope.ancestor.in_(part)).distinct()))
        out.update(session.scalars(select(RegionScope.region).where(RegionScope.key.in_(part)).distinct()))
    return out


def scope_ready(session: Session) -> bool:
    """Whether the table covers the database (filled, or no entity has a region)."""
    if session.scalar(select(RegionScope.region).limit(1)) is not None:
        return True
    return session.scalar(select(Entity.id).where(Entity.region.is_not(None), Entity.region != "").limit(1)) is None


def inside_values(region: str) -> Any:
    """A subquery of the region values inside `region` (or equal to it)."""
    return select(RegionScope.region).where(RegionScope.ancestor == region_key(region))


def ancestor_keys(session: Session, region: str) -> set[str]:
    """Keys of `region` and of every region containing it (from any stored value with its key, else the
    hierarchy)."""
    key = region_key(region)
    found = set(session.scalars(select(RegionScope.ancestor).where(RegionScope.key == key).distinct()))
    return found or _index(session).ancestors(region)


def wider_values(session: Session, region: str) -> Any:
    """A subquery of the region values that contain `region` but do not lie inside it."""
    key = region_key(region)
    wider = sorted(ancestor_keys(session, region) - {key})
    return select(RegionScope.region).where(RegionScope.key.in_(wider), RegionScope.ancestor != key,
                                            RegionScope.region.not_in(inside_values(region))).distinct()  # fmt: skip
