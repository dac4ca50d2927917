"""Region containment: does a place string (南山区, 深圳市光明区, 美国波士顿) lie within a region (深圳, 广东)?

Place hierarchy comes first from the graph (place entities with `parent` statements), then from the
administrative-division data shipped in jionlp (no download). Names compare without their level suffix
(深圳市 == 深圳), so users can filter by the short or the full name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

_SUFFIX = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|新区|地区|省|市|区|县|盟|旗)$")


@lru_cache(maxsize=50_000)
def region_key(name: str) -> str:
    """Comparable key of a place name: trimmed, level suffix removed (深圳市 -> 深圳, 广东省 -> 广东)."""
    s = name.strip().replace(" ", "")
    key = _SUFFIX.sub("", s)
    # Keep two-character names such as 朝阳区 -> 朝阳, but never empty a one-word name like 市.
    return key or s


@lru_cache(maxsize=50_000)
def _division_chain(name: str) -> tuple[str, ...]:
    """Province/city/county of a place name from the division dataset (empty when unknown/ambiguous)."""
    from shuanglian.jio import may_name_division, parse_location

    if not may_name_division(name):
        return ()  # no division name or alias in it: the parser would find none (and costs ~5 ms)
    try:
        loc = parse_location(name)  # jionlp's answer, scanning only the divisions the name can match
    except Exception:  # noqa: BLE001 - the parser must never break a listing
        return ()
    return tuple(region_key(v) for v in (loc.get("province"), loc.get("city"), loc.get("county")) if v)


class RegionIndex:
    """Ancestors of places, from graph `parent` links (name -> parent names) plus the division dataset."""

    def __init__(self, parents: Mapping[str, Iterable[str]] | None = None) -> None:
        self.parents: dict[str, set[str]] = {}
        for child, ps in (parents or {}).items():
            self.parents.setdefault(region_key(child), set()).update(region_key(p) for p in ps if p)

    def ancestors(self, place: str) -> set[str]:
        """Keys of the place itself and every region containing it."""
        if not place:
            return set()
        out = {region_key(place)}
        out.update(_division_chain(place))
        todo = list(out)
        while todo:
            k = todo.pop()
            for p in self.parents.get(k, ()):
                if p not in out:
                    out.add(p)
                    out.update(_division_chain(p))
                    todo.append(p)
        return out

    def within(self, place: str | None, region: str) -> bool:
        """True when `place` lies in `region` (or is it)."""
        if not place:
            return False
        return region_key(region) in self.ancestors(place)


def place_in_text(text: str | None) -> str | None:
    """The most specific administrative division a name or issuer starts with (深圳市发展和改革委员会 ->
    深圳), or None: gives policies and funds a region when no statement states one."""
    if not text:
        return None
    chain = _division_chain(text)
    return chain[-1] if chain else None
