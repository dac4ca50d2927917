"""Place normalisation against the administrative-division dataset shipped in jionlp."""

from __future__ import annotations

import contextlib
import functools
import io
from dataclasses import dataclass
from typing import Any

from shuanglian.extract.entities.lexicon import place_rules, places_extra

_MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}


@dataclass(frozen=True)
class Place:
    """A normalised place: full official name, level and its parents."""

    name: str
    level: str | None
    parent: str | None = None
    province: str | None = None
    city: str | None = None

    def attrs(self) -> dict[str, Any]:
        """The `attrs` object of a place entity."""
        return {"level": self.level, "parent": self.parent, "province": self.province, "city": self.city}


def _jionlp() -> Any:
    from shuanglian.jio import jionlp

    return jionlp()


def _county_level(name: str) -> str:
    return "district" if name.endswith("区") else "county"


@functools.cache
def world_places() -> frozenset[str]:
    """Names of the world's countries (short and official), capitals and major cities, from the world
    gazetteer jionlp ships (dictionary/world_location.txt): places, never organisations or brands."""
    from shuanglian.jio import dictionary_text

    names: set[str] = set()
    for line in dictionary_text("world_location.txt").splitlines():
        cols = line.strip().split("\t")
        if len(cols) < 2:
            continue  # a continent heading (亚洲:)
        for col in cols:
            names.update(n for n in col.split("/") if len(n) >= 2)
    return frozenset(names)


@functools.cache
def place_index() -> dict[str, list[Place]]:
    """Every division name and short name -> candidate places (several when ambiguous)."""
    jio = _jionlp()
    with contextlib.redirect_stdout(io.StringIO()):
        tree = jio.china_location_loader()
    index: dict[str, list[Place]] = {}

    def add(key: str | list[str] | None, place: Place) -> None:
        for k in [key] if isinstance(key, str) else key or []:
            if k and len(k) >= 2 and place not in index.setdefault(k, []):
                index[k].append(place)

    for prov, pnode in tree.items():
        muni = prov in _MUNICIPALITIES
        pplace = Place(prov, "city" if muni else "province", "中国", prov, prov if muni else None)
        add(prov, pplace)
        add(pnode.get("_alias"), pplace)
        for city, cnode in pnode.items():
            if city.startswith("_") or not isinstance(cnode, dict):
                continue
            if not muni and city not in ("市直辖行政区划", "省直辖县级行政区划"):
                cplace = Place(city, "city", prov, prov, city)
                add(city, cplace)
                add(cnode.get("_alias"), cplace)
            parent_city = prov if muni else (city if not city.endswith("行政区划") else None)
            for county, knode in cnode.items():
                if county.startswith("_") or county.endswith("行政区划"):
                    continue
                kplace = Place(county, _county_level(county), parent_city or prov, prov, parent_city)
                add(county, kplace)
                alias = knode.get("_alias") if isinstance(knode, dict) else None
                if alias and alias != county:
                    add(alias, kplace)
    for name, level, parent, aliases in places_extra():
        up = index.get(parent, [None])[0] if parent else None
        prov = name if level == "province" else (up.province if up else None)
        city = up.city if up else None
        extra = Place(name, level or None, parent or None, prov, city)
        for key in [name, *aliases]:
            # a curated entry beats the dataset's reading of the same short name
            index[key] = [extra]
    for alias, province in place_rules()["literary_names"].items():
        if province in index and alias not in index:
            index[alias] = [index[province][0]]  # 燕赵 -> 河北省
    return index


@functools.cache
def place_initials(levels: tuple[str, ...]) -> frozenset[str]:
    """First characters of the division names at these levels (合 of 合肥, 郑 of 郑州, 赤 of 赤峰)."""
    return frozenset(k[0] for k, ps in place_index().items() if any(p.level in levels for p in ps))


def segments(surface: str) -> list[str] | None:
    """Split a composite place (深圳市南山区, 广州黄埔) into division names, longest first; None if it fails."""
    idx = place_index()
    out: list[str] = []
    pos = 0
    while pos < len(surface):
        for k in range(min(12, len(surface) - pos), 1, -1):
            if surface[pos : pos + k] in idx:
                out.append(surface[pos : pos + k])
                pos += k
                break
        else:
            return None
    return out


def normalise(surface: str, context: tuple[str | None, str | None] = (None, None)) -> Place | None:
    """Resolve a place surface to a `Place`; `context` = (province, city) of the page breaks ties."""
    cands = place_index().get(surface)
    if cands:
        if len(cands) == 1:
            return cands[0]
        prov, city = context
        for c in cands:
            if city and (c.city == city or c.parent == city):
                return c
        for c in cands:
            if prov and c.province == prov:
                return c
        # ambiguous short names: prefer the highest level (a province over a county of the same name)
        order = {"country": 0, "region": 1, "province": 2, "city": 3, "district": 4, "county": 4}
        return sorted(cands, key=lambda c: order.get(c.level or "", 9))[0]
    parts = segments(surface) if len(surface) >= 4 else None
    if parts and len(parts) > 1:
        # the finest part names the place; the parts before it settle which one it is
        outer = normalise(parts[-2], context)
        inner_ctx = (outer.province, outer.city or (outer.name if outer.level == "city" else None)) if outer else context
        inner = normalise(parts[-1], inner_ctx)
        if outer and inner and outer.province and inner.province and outer.province != inner.province:
            return None  # 成都平原: 平原县 is in 山东, not inside 成都; the parts name no division together
        return inner
    return None


def place_key(name: str) -> str:
    """The grouping key of a place candidate: its official name (北京 and 北京市 are one place on a page)."""
    p = normalise(name)
    return p.name if p else name


def _without_people(name: str) -> str:
    """A place name without the peoples named in it (文明瑶族乡沙洲瑶族村 -> 文明乡沙洲村; place_rules ethnic_infixes)."""
    for people in place_rules()["ethnic_infixes"]:
        name = name.replace(people, "")
    return name


def place_merges(names: list[str]) -> dict[str, str]:
    """Place names of one page that are short forms of another one there: X of X地区 (京津冀地区) or X山脉, a village
    of its town-and-village chain (永丰村 of 太和镇永丰村). Returns short -> full."""
    rules = place_rules()
    have = set(names)
    out: dict[str, str] = {}
    for n in names:
        whole = next((n + t for t in rules["same_region_tails"] if n + t in have), None)
        if whole is None and n.endswith("山") and n + "区" in have:
            whole = n + "区"  # 大别山 of 大别山区
        if whole:
            out[n] = whole
            continue
        if n.endswith(rules["village_ends"]):
            # 沙洲村 of 文明瑶族乡沙洲瑶族村: compared without the people's name the page may drop
            short = _without_people(n)
            fuller = [f for f in have if f != n and (g := _without_people(f)).endswith(short) and len(g) > len(short)
                      and g[: -len(short)].endswith(rules["town_ends"])]
            if len(fuller) == 1:
                out[n] = fuller[0]
    return out
