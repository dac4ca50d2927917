"""Load the entity lexicons (YAML/TSV data files under extract/data) once per process."""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from shuanglian.document import ORG_KINDS
from shuanglian.shared_data import shared_data_dir
from shuanglian.suffixes import suffixes

_log = logging.getLogger(__name__)

KINDS_ORG = ORG_KINDS


def _read(name: str) -> str:
    return (resources.files("shuanglian.extract") / "data" / name).read_text(encoding="utf-8")


def _yaml(name: str) -> Any:
    return yaml.safe_load(_read(name))


def _tsv(name: str) -> list[list[str]]:
    rows = []
    for line in _read(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.rstrip("\n").split("\t"))
    return rows


def automaton(words: dict[str, Any]) -> ahocorasick.Automaton:
    """Build an Aho-Corasick automaton whose values are (word, payload)."""
    auto = ahocorasick.Automaton()
    for w, payload in words.items():
        if w:
            auto.add_word(w, (w, payload))
    if len(auto):
        auto.make_automaton()
    return auto


@functools.cache
def suffix_automaton() -> ahocorasick.Automaton:
    """Aho-Corasick over the grammar suffixes (payload: kind)."""
    sx = suffixes()
    return automaton({s: sx.kind_of[s] for s in sx.grammar})


@dataclass(frozen=True)
class OrgEntry:
    """A gazetteer organisation: canonical name and kind."""

    canonical: str
    kind: str


@functools.cache
def org_gazetteer() -> dict[str, OrgEntry]:
    """Every known organisation surface (full names and short names) -> entry."""
    out: dict[str, OrgEntry] = {}
    # named_bodies.tsv: state-owned groups and exchanges news names by short names (中船, 招商局, 深交所)
    for row in _tsv("org_gazetteer.tsv") + _tsv("named_bodies.tsv"):
        canonical, kind = row[0], row[1]
        entry = OrgEntry(canonical, kind)
        out[canonical] = entry
        if len(row) > 2 and row[2]:
            for alias in row[2].split(","):
                out.setdefault(alias.strip(), entry)
    return out


@functools.cache
def org_gazetteer_automaton() -> ahocorasick.Automaton:
    """Aho-Corasick over all gazetteer organisation surfaces."""
    return automaton(dict(org_gazetteer()))


@functools.cache
def generic() -> dict[str, Any]:
    """Non-name lists and the name-walking rules from generic_words.yaml."""
    data = _yaml("generic_words.yaml")
    return {
        "non_names": frozenset(data["non_names"]),
        "institution_types": tuple(data.get("institution_types", [])),
        "institution_scopes": tuple(data.get("institution_scopes", [])),
        "member_titles": {str(k): str(v) for k, v in (data.get("member_titles") or {}).items()},
        "member_proposals": tuple(data.get("member_proposals") or ()),
        "generic_refs": frozenset(data["generic_refs"]),
        "bad_name_starts": frozenset(data["bad_name_starts"]),
        "stop_tags": frozenset(data["stop_tags"]),
        "inner_connectives": frozenset(data["inner_connectives"]),
        "enterprise_tails": frozenset(data["enterprise_tails"]),
        "blocked_phrases": frozenset(data["blocked_phrases"]),
        "apposition_nouns": frozenset(data["apposition_nouns"]),
        "generic_ok_suffixes": frozenset(data["generic_ok_suffixes"]),
        "bare_department_ends": tuple(data.get("bare_department_ends", [])),
        "festivals": frozenset(data.get("festivals", [])),
        "slogan_verbs": frozenset(data.get("slogan_verbs", [])),
        "doctrine_heads": tuple(data.get("doctrine_heads", [])),
        "parent_prefixes": frozenset(data["parent_prefixes"]),
        "subunit_suffixes": frozenset(data["subunit_suffixes"]),
        "list_classes": {w: kind for kind, words in data["list_classes"].items() for w in words},
        "list_class_collectives": frozenset(data.get("list_class_collectives") or []),
        "document_heads": tuple(data.get("document_heads") or []),
        "generic_name_parts": frozenset(data["generic_name_parts"]),
        "non_places": frozenset(data.get("non_places") or []),
        "listed_min": int(data.get("listed_min", 4)),
        "class_modifiers": frozenset(data.get("class_modifiers") or []),
        "group_marks": tuple(sorted(data.get("group_marks") or [], key=len, reverse=True)),  # longest first
        "group_heads": tuple(data.get("group_heads") or []),
        "group_descriptions": tuple(data.get("group_descriptions") or []),
        "group_blocs": re.compile(str(data.get("group_blocs") or "(?!)")),
        "numbered_brand": re.compile(str(data.get("numbered_brand") or "(?!)")),
        "body_levels": frozenset(data.get("body_levels") or ()),
        "legal_forms": tuple(data.get("legal_forms") or ()),
        "national_openers": tuple(data.get("national_openers") or ()),
        "multilateral_openers": tuple(data.get("multilateral_openers") or ()),
        "multilateral_heads": tuple(data.get("multilateral_heads") or ()),
        "body_kinds": {w: kind for kind, words in (data.get("body_kinds") or {}).items() for w in words},
        "non_name_tails": tuple(data.get("non_name_tails") or []),
        "line_suffixes": frozenset(data.get("line_suffixes") or []),
        "proper_suffixes": frozenset(data.get("proper_suffixes") or []),
        "class_suffixes": frozenset(data.get("class_suffixes") or []),
        "seat_tails": tuple(data.get("seat_tails") or []),
        "centre_of": tuple(data.get("centre_of") or []),
        "level_prefixes": tuple(data.get("level_prefixes") or []),
        "committee_joined": tuple(data.get("committee_joined") or []),
        "action_openers": tuple(data.get("action_openers") or []),
        "verb_complements": {v: frozenset(cs) for v, cs in (data.get("verb_complements") or {}).items()},
    }


@functools.cache
def carrier_names() -> dict[str, frozenset[str]]:
    """Suffixes of carriers named by their field alone or by their ends (carrier_names.yaml: field_suffixes, zone_suffixes,
    abbreviated_lines)."""
    data = _yaml("carrier_names.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("field_suffixes"), list):
        raise ValueError("extract/data/carrier_names.yaml: expected a list field_suffixes")
    return {
        "field_suffixes": frozenset(data["field_suffixes"]),
        "zone_suffixes": frozenset(data.get("zone_suffixes") or []),
        "abbreviated_lines": frozenset(data.get("abbreviated_lines") or []),
        "opening_breaks": frozenset(data.get("opening_breaks") or []),
        "power_line_provinces": frozenset(str(data.get("power_line_provinces") or "")),
        "power_line_heads": frozenset(data.get("power_line_heads") or []),
        "quoted_platform_heads": frozenset(data.get("quoted_platform_heads") or []),
        "zone_openers": frozenset(data.get("zone_openers") or []),
        "walk_breaks": frozenset(data.get("walk_breaks") or []),
        "zone_name_verbs": frozenset(data.get("zone_name_verbs") or []),
        "abbreviated_line_after": frozenset(data.get("abbreviated_line_after") or []),
    }


@functools.cache
def work_lists() -> dict[str, Any]:
    """Heads of built works named in lists and the words between list and head (work_lists.yaml), as read."""
    data = _yaml("work_lists.yaml")
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), list) for k in ("heads", "measures", "modifiers")
    ):
        raise ValueError("extract/data/work_lists.yaml: expected lists heads, measures, modifiers")
    return data


@functools.cache
def place_rules() -> dict[str, Any]:
    """Word lists of the place-mention rules (place_rules.yaml): work tails, route heads, town and village ends
    (tuples), and `literary_names` (燕赵 -> 河北省, a dict)."""
    data = _yaml("place_rules.yaml") or {}
    return {
        k: ({str(a): str(b) for a, b in v.items()} if isinstance(v, dict) else tuple(str(w) for w in v or []))
        for k, v in data.items()
    }


@functools.cache
def place_abbreviations() -> dict[str, str]:
    """One-character country and region names (美 -> 美国) from place_abbrev.yaml."""
    data = _yaml("place_abbrev.yaml")["abbreviations"]
    return {str(k): str(v) for k, v in data.items() if len(str(k)) == 1}


class FundDataError(ValueError):
    """extract/data/fund_names.yaml is malformed (names the file and the key)."""


@functools.cache
def fund_names() -> dict[str, frozenset[str]]:
    """Rules for fund names from fund_names.yaml: level prefixes, name breaks, product tails, batches, classes, verbs."""
    data = _yaml("fund_names.yaml")
    out: dict[str, frozenset[str]] = {}
    for key in ("level_prefixes", "name_breaks"):
        words = data.get(key) if isinstance(data, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise FundDataError(f"extract/data/fund_names.yaml: {key!r} must be a list of words")
        out[key] = frozenset(words)
    for key in (
        "quoted_product_tails",
        "batch_counters",
        "category_openers",
        "clause_verbs",
        "class_tails",
        "reform_marks",
    ):
        words = (data.get(key) if isinstance(data, dict) else None) or []
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise FundDataError(f"extract/data/fund_names.yaml: {key!r} must be a list of words")
        out[key] = frozenset(words)
    return out


@functools.cache
def blocked_automaton() -> ahocorasick.Automaton:
    """Aho-Corasick over fixed phrases that contain no mention (科教兴国)."""
    return automaton({p: None for p in generic()["blocked_phrases"]})


@functools.cache
def titles() -> dict[str, str]:
    """Title word -> scope (province/city/district/org)."""
    data = _yaml("titles.yaml")
    out: dict[str, str] = {}
    for scope in ("national", "province", "city", "district", "org"):
        for t in data.get(scope) or []:
            out[t] = scope
    return out


@functools.cache
def party_posts() -> tuple[str, ...]:
    """Party posts among the org titles (书记, 常委): they absorb the body before them into the role (titles.yaml)."""
    return tuple(_yaml("titles.yaml").get("party_posts") or [])


@functools.cache
def title_joiners() -> frozenset[str]:
    """Words allowed between chained titles (兼)."""
    return frozenset(_yaml("titles.yaml").get("joiners") or [])


@functools.cache
def person_context() -> dict[str, frozenset[str]]:
    """Follow verbs, impossible third characters and the person stoplist."""
    data = _yaml("person_context.yaml")
    return {k: frozenset(v) for k, v in data.items()}


@functools.cache
def industries() -> dict[str, str]:
    """Industry term -> canonical industry name."""
    out: dict[str, str] = {}
    for row in _tsv("industries.tsv"):
        term = row[0].strip()
        out[term] = row[1].strip() if len(row) > 1 and row[1].strip() else term
    return out


@functools.cache
def industry_grammar() -> dict[str, Any]:
    """Anchors (产业, 行业…), head words and broad modifiers of the industry grammar."""
    data = _yaml("industry_grammar.yaml")
    return {
        "anchors": tuple(sorted(data["anchors"], key=len, reverse=True)),
        "heads": tuple(sorted(data["heads"], key=len, reverse=True)),
        "broad": frozenset(data["broad"]),
        "list_closers": frozenset(data.get("list_closers", [])),
        "weak_heads": frozenset(data.get("weak_heads", [])),
        "item_tails": tuple(data.get("item_tails", [])),
        "broad_sectors": frozenset(data.get("broad_sectors", [])),
        "product_terms": frozenset(data.get("product_terms", [])),
        "list_anchors": frozenset(data.get("list_anchors", [])),
        "lead_verbs": frozenset(data.get("lead_verbs", [])),
        "bare_too_broad": frozenset(data.get("bare_too_broad", [])),
        "facility_heads": tuple(data.get("facility_heads", [])),
        "modified_heads": tuple(data.get("modified_heads", [])),
        "industry_branches": frozenset(data.get("industry_branches", [])),
        "kept_modifiers": tuple(sorted(data.get("kept_modifiers", []), key=len, reverse=True)),
        "list_anchor_ends": tuple(data.get("list_anchor_ends", [])),
        "list_anchor_follows": frozenset(data.get("list_anchor_follows", [])),
        "material_prefixes": frozenset(data.get("material_prefixes", [])),
        "facility_gaps": tuple(sorted(data.get("facility_gaps", []), key=len, reverse=True)),
        "gap_heads": tuple(data.get("gap_heads", [])),
        "bare_not_sectors": frozenset(data.get("bare_not_sectors", [])),
        "section_nouns": frozenset(data.get("section_nouns", [])),
        "anchor_not_before": tuple(data.get("anchor_not_before", [])),
        "branch_heads": frozenset(data.get("branch_heads", [])),
        "joined_tail_heads": tuple(data.get("joined_tail_heads", [])),
        "list_count_measures": tuple(data.get("list_count_measures", [])),
        "list_count_sizes": tuple(data.get("list_count_sizes", [])),
        "free_sector_length": tuple(data.get("free_sector_length", [2, 5])),
        "free_sector_before_tags": frozenset(data.get("free_sector_before_tags", [])),
        "free_sector_not": frozenset(data.get("free_sector_not", [])),
    }


@functools.cache
def industry_automaton() -> ahocorasick.Automaton:
    """Aho-Corasick over industry terms (payload: canonical)."""
    return automaton(industries())


@functools.cache
def places_extra() -> list[tuple[str, str, str, list[str]]]:
    """Places outside the division dataset: (name, level, parent, aliases)."""
    out = []
    for row in _tsv("places_extra.tsv"):
        row = row + [""] * (4 - len(row))
        aliases = [a.strip() for a in row[3].split(",") if a.strip()]
        out.append((row[0].strip(), row[1].strip(), row[2].strip(), aliases))
    return out


@functools.cache
def tagger_gating() -> dict[str, tuple[str, ...]]:
    """Word lists of the marks that send a sentence to the character tagger (tagger_gating.yaml)."""
    data = _yaml("tagger_gating.yaml") or {}
    return {k: tuple(str(w) for w in v or []) for k, v in data.items()}


@functools.cache
def standalone_abbreviations() -> dict[str, str]:
    """One-character province and city names (沪 -> 上海市) that stand for the place only on their own (place_abbrev.yaml)."""
    data = _yaml("place_abbrev.yaml").get("standalone") or {}
    return {str(k): str(v) for k, v in data.items() if len(str(k)) == 1}


def shared_list(*parts: str) -> Path | None:
    """A name list under the shared data folder's `lists/` (shuanglian.shared_data), or None with a warning when it
    is absent: the rules that read it then do without it, and the output changes."""
    path = shared_data_dir().joinpath("lists", *parts)
    if path.is_file():
        return path
    _log.warning("name list missing: %s (extraction runs without it; set SHUANGLIAN_SHARED_DATA)", path)
    return None


@functools.cache
def listed_companies() -> frozenset[str]:
    """Short names of A-share listed companies from ../shared/data/lists/chain-kg (empty when the list is absent)."""
    import json

    path = shared_list("chain-kg", "data", "company.json")
    if path is None:
        return frozenset()
    out: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            _log.warning("%s:%d: unreadable company row skipped (%s)", path, n, exc)
            continue
        name = str((row.get("name") if isinstance(row, dict) else "") or "").replace(" ", "").lstrip("*").removeprefix("ST")
        if len(name) >= 2:
            out.add(name)
    return frozenset(out)


@functools.cache
def listed_fullnames() -> tuple[str, ...]:
    """Full legal names of the A-share listed companies of ../shared/data/lists/chain-kg (empty when absent)."""
    import json

    path = shared_list("chain-kg", "data", "company.json")
    if path is None:
        return ()
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            continue  # listed_companies() warns about the same rows
        full = str((row.get("fullname") if isinstance(row, dict) else "") or "").replace(" ", "")
        if full:
            out.append(full)
    return tuple(out)
