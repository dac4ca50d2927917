"""Name normalisation keys for entity resolution (legal forms, place prefixes, industry words,
abbreviations, traditional script). Rules are data: config.yaml and abbreviations.tsv."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from shuanglian.graph.ids import normalise_name
from shuanglian.graph.schema import get_schema

log = logging.getLogger(__name__)
HERE = Path(__file__).parent

# Key levels, strongest first. Keys of one name at several levels let a short form meet a long one.
EXACT, ABBREVIATION, LEGAL, PLACE_ALIAS, PLACE, CORE, PERSON = (
    "exact",
    "abbreviation",
    "legal",
    "place_alias",
    "place",
    "core",
    "person",
)
STRONG_LEVELS = (EXACT, ABBREVIATION, LEGAL, PLACE_ALIAS)


@dataclass(frozen=True)
class NameKey:
    """One blocking key of a name, with what was stripped to reach it (to detect ambiguity)."""

    key: str  # "<schema group>|<normalised text>"
    level: str
    place: str = ""  # place prefix stripped, normalised to its short form ('' = none)
    tail: str = ""  # industry words stripped from the end ('' = none)


@lru_cache(maxsize=1)
def graph_config() -> dict[str, Any]:
    """The parsed graph/config.yaml."""
    with (HERE / "config.yaml").open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


@lru_cache(maxsize=1)
def abbreviation_table() -> dict[str, str]:
    """Normalised short form -> full name as written in abbreviations.tsv."""
    out: dict[str, str] = {}
    for line in (HERE / "abbreviations.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        short, _, full = line.partition("\t")
        if full.strip():
            out[normalise_name(short)] = full.strip()
    return out


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Normalised short form -> normalised full name."""
    return {k: normalise_name(v) for k, v in abbreviation_table().items()}


@lru_cache(maxsize=1)
def _prefix_abbreviations() -> list[tuple[str, str]]:
    """Abbreviations that also abbreviate the start of longer names (中科院近代物理研究所): 3+ characters
    and naming an organisation that has sub-units, longest first."""
    return sorted(((s, f) for s, f in abbreviations().items() if len(s) >= 3), key=lambda x: -len(x[0]))


def expand_abbreviation(n0: str) -> str | None:
    """Normalised full form of a normalised name that is, or starts with, a known abbreviation."""
    full = abbreviations().get(n0)
    if full:
        return full
    for short, full in _prefix_abbreviations():
        if n0.startswith(short) and len(n0) - len(short) >= 2 and not n0.startswith(full):
            return full + n0[len(short) :]
    return None


@lru_cache(maxsize=1)
def place_names() -> dict[str, str]:
    """Every administrative division name and short form (jionlp's division dataset) -> short form."""
    out: dict[str, str] = {}
    try:
        from shuanglian.jio import jionlp, quiet

        data = quiet(jionlp().china_location_loader, detail=False)
    except Exception as exc:  # the dataset ships with jionlp; without it only the country names apply
        log.warning("jionlp division dataset unavailable (%s); place prefixes limited", exc)
        data = {}

    def add(full: str, alias: Any) -> None:
        short = alias[0] if isinstance(alias, list) and alias else alias
        short = short if isinstance(short, str) and len(short) >= 2 else full
        out[normalise_name(full)] = normalise_name(short)
        out.setdefault(normalise_name(short), normalise_name(short))

    def walk(node: dict[str, Any]) -> None:
        for name, sub in node.items():
            if name.startswith("_") or not isinstance(sub, dict):
                continue
            add(sub.get("_full_name", name), sub.get("_alias", name))
            walk(sub)

    walk(data)
    for name in ("中国", "中华人民共和国", "全国"):
        out[name] = "中国"
    return out


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    res = graph_config()["resolution"]
    return {
        "legal": sorted((normalise_name(s) for s in res["legal_suffixes"]), key=len, reverse=True),
        "legal_prefixes": sorted((normalise_name(s) for s in res["legal_prefixes"]), key=len, reverse=True),
        "industry": sorted((normalise_name(s) for s in res["industry_words"]), key=len, reverse=True),
        "generic": {normalise_name(s) for s in res["generic_words"]},
        "core_kinds": set(res["core_kinds"]),
        "place_max_len": max((len(p) for p in place_names()), default=0),
    }


def _valid(key: str) -> bool:
    """A key is an identity only if it is 2+ characters and more than generic or trade words."""
    r = _rules()
    if len(key) < 2 or key in r["generic"]:
        return False
    rest = key
    changed = True
    while rest and changed:
        changed = False
        for w in r["industry"]:
            if rest.endswith(w):
                rest = rest[: -len(w)]
                changed = True
                break
    return bool(rest) and rest not in r["generic"] and len(rest) >= 2


def strip_legal(text: str) -> str:
    """Drop legal-form suffixes/prefixes (股份有限公司, 集团, 中共...), repeatedly."""
    r = _rules()
    changed = True
    while changed:
        changed = False
        for s in r["legal"]:
            if text.endswith(s) and len(text) > len(s):
                text, changed = text[: -len(s)], True
                break
        for p in r["legal_prefixes"]:
            if text.startswith(p) and len(text) > len(p):
                text, changed = text[len(p) :], True
                break
    return text


def strip_place(text: str) -> tuple[str, str]:
    """Drop leading place names (广东省深圳市光明区...) and a trailing one (腾讯科技(深圳));
    return (rest, most specific place's short form)."""
    places = place_names()
    longest = _rules()["place_max_len"]
    found = ""
    changed = True
    while changed:
        changed = False
        # longest prefix first: dictionary probes, not a scan over every division name
        for n in range(min(longest, len(text) - 2), 1, -1):
            p = text[:n]
            if p in places and _valid(text[n:]):
                text, found, changed = text[n:], places[p], True
                break
    for n in range(min(longest, len(text) - 2), 1, -1):
        p = text[-n:]
        if p in places and _valid(text[:-n]):
            text, found = text[:-n], found or places[p]
            break
    return text, found


def strip_industry(text: str) -> tuple[str, str]:
    """Drop trailing industry words (生物医疗电子, 科技...); return (core, stripped tail)."""
    tail = ""
    changed = True
    while changed:
        changed = False
        for w in _rules()["industry"]:
            if text.endswith(w) and _valid(text[: -len(w)]):
                text, tail, changed = text[: -len(w)], w + tail, True
                break
    return text, tail


@lru_cache(maxsize=200_000)
def name_keys(kind: str, name: str) -> tuple[NameKey, ...]:
    """All resolution keys of one name of an entity of `kind`."""
    group = get_schema().group(kind)
    n0 = normalise_name(name)
    if not n0:
        return ()
    keys: dict[str, NameKey] = {}

    def add(text: str, level: str, place: str = "", tail: str = "") -> None:
        k = f"{group}|{text}"
        if k not in keys:
            keys[k] = NameKey(k, level, place, tail)

    if kind == "person":
        add(n0, PERSON)  # people never merge on the name alone: resolve.py checks their roles
        return tuple(keys.values())
    add(n0, EXACT)
    abbr = expand_abbreviation(n0)
    if abbr:
        add(abbr, ABBREVIATION)
    if group == "place":
        short = place_names().get(n0)
        if short and short != n0:
            add(short, PLACE_ALIAS)
        inner, parent = strip_place(n0)  # 深圳市坪山区 -> 坪山区 (weak: 南山区 exists in more than one city)
        if parent and inner != n0:
            add(inner, PLACE, place=parent)
            inner_short = place_names().get(inner)
            if inner_short and inner_short != inner:
                add(inner_short, PLACE, place=parent)
        return tuple(keys.values())
    if group not in ("organization", "government"):
        return tuple(keys.values())
    legal = strip_legal(n0)
    if legal != n0 and _valid(legal):
        add(legal, LEGAL)
        if legal in abbreviations():
            add(abbreviations()[legal], ABBREVIATION)
    if group == "government":
        return tuple(keys.values())
    placed, place = strip_place(legal)
    if place and placed != legal and _valid(placed):
        add(placed, PLACE, place=place)
        if placed in abbreviations():
            add(abbreviations()[placed], ABBREVIATION)
    if kind in _rules()["core_kinds"]:
        base = placed if _valid(placed) else legal
        core, tail = strip_industry(base)
        if tail and _valid(core):
            add(core, CORE, place=place, tail=tail)
    return tuple(keys.values())


def role_context(title: str, value: Any) -> set[str]:
    """What identifies a person's role (resolution's person context): the organisation (legal form
    dropped), else title@place."""
    role = value if isinstance(value, dict) else {}
    org = str(role.get("org") or "")
    if org:
        return {"org:" + strip_legal(normalise_name(org))}
    t = str(role.get("title") or title or "")
    place = str(role.get("place") or "")
    return {f"title:{normalise_name(t)}@{normalise_name(place)}"} if t else set()
