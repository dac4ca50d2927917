"""Register admission as data (data/admission.yaml): no generic names, confident kinds, funds typed as
organisations listed as funds."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml

from shuanglian.registers.graphview import EntityView
from shuanglian.suffixes import suffix_of, suffixes

_FILE = "registers/data/admission.yaml"


@cache
def _data() -> dict[str, Any]:
    ref = resources.files("shuanglian.registers").joinpath("data").joinpath("admission.yaml")
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{_FILE}: expected a mapping at top level")
    for key in ("min_confidence", "min_kind_share", "generic_names", "generic_patterns"):
        if key not in data:
            raise ValueError(f"{_FILE}: field {key!r} is missing")
    for i, rule in enumerate(data.get("retype_by_name") or []):
        if not isinstance(rule, dict) or not rule.get("kind") or not rule.get("suffixes"):
            raise ValueError(f"{_FILE}: retype_by_name[{i}] needs 'kind' and 'suffixes'")
    return data


@cache
def _generic_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _data()["generic_patterns"]))


def generic_name(name: str) -> bool:
    """True for a word that names no particular entity (全国, 全年, 建设河套深港科技创新合作区)."""
    n = (name or "").strip()
    return len(n) < 2 or n in set(_data()["generic_names"]) or bool(_generic_re().search(n))


def confident(view: EntityView) -> bool:
    """The entity's kind is confident: a person registered/imported it, or its document name statements
    mostly carry its kind (min_kind_share) and one of those is confident enough (min_confidence)."""
    best = 0.0
    total = same = 0
    for f in view.facts:
        if f.prop != "name":
            continue
        if f.origin != "document":
            return True
        n = int(getattr(f, "n", 1))  # a DigestView's name facts are folded: n statements each
        total += n
        if f.kind == view.kind or _kind_for(f.kind, view.name) == view.kind:
            same += n
            best = max(best, f.confidence)
    if total == 0:
        return True
    return best >= float(_data()["min_confidence"]) and same / total >= float(_data()["min_kind_share"])


def known_short_name(name: str) -> bool:
    """True when a name of at most `short_name_max` characters is a known short name (京东, 中大)."""
    return (name or "").strip() in set(_data().get("known_short_names") or ())


def unknown_short(view: EntityView) -> bool:
    """A document-found name of at most `short_name_max` characters that is no known short name and has no
    longer name of its own: most likely a piece of a word the tagger cut out (年大, 国计, 东数)."""
    name = (view.name or "").strip()
    if len(name) > int(_data().get("short_name_max") or 0) or known_short_name(name):
        return False
    if any(f.origin != "document" for f in view.facts if f.prop == "name"):
        return False  # imported or registered by a person
    return not any(len(n.strip()) > len(name) for n in view.names)


def admitted(view: EntityView) -> bool:
    """Whether a document-found entity may enter any register: a specific name (not generic, not an unknown
    short piece of a word, not a figure, sentence, kind of thing or name of another kind) and a confident kind."""
    if generic_name(view.name) or unknown_short(view) or not confident(view):
        return False
    if any(f.origin != "document" for f in view.facts if f.prop == "name"):
        return True  # imported or registered by a person: the name rules judge only what the tagger found
    return name_refusal(view.kind, view.name) is None


def name_refusal(kind: str, name: str) -> str | None:
    """Why a name found in documents cannot be a register row of `kind` (the rule of data/name_rules.yaml that
    refuses it: units, numeral_tail, function_tail, unpaired_bracket, sentence, too_long, wrong_head, class_name, list), or None."""
    n = (name or "").strip()
    if known_short_name(n):
        return "wrong_head" if wrong_head(kind, n) else None
    if figure_name(kind, n):
        return "units"
    if re.search(_rules()["cut_numeral_tail"], n):
        return "numeral_tail"
    if re.search(_rules().get("cut_function_tail") or "(?!)", n):
        return "function_tail"
    if not _brackets_pair(n):
        return "unpaired_bracket"
    if re.search(_rules()["sentence_marks"], n):
        return "sentence"
    if len(n) > int((_rules().get("max_len") or {}).get(kind, 10**6)):
        return "too_long"
    if wrong_head(kind, n):
        return "wrong_head"
    if class_name(kind, n):
        return "class_name"
    if joined_list(kind, n):
        return "list"
    return None


_PAIRS = {"（": "）", "(": ")", "《": "》", "“": "”", "【": "】", "[": "]"}


def _brackets_pair(name: str) -> bool:
    """True when every bracket and quotation mark in the name opens and closes in order."""
    stack: list[str] = []
    closers = {v: k for k, v in _PAIRS.items()}
    for ch in name:
        if ch in _PAIRS:
            stack.append(ch)
        elif ch in closers and (not stack or stack.pop() != closers[ch]):
            return False
    return not stack


@cache
def _rules() -> dict[str, Any]:
    ref = resources.files("shuanglian.registers").joinpath("data").joinpath("name_rules.yaml")
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    need = (
        "measure_units",
        "numerals",
        "cut_numeral_tail",
        "sentence_marks",
        "kind_groups",
        "wrong_heads",
        "class_heads",
    )
    if not isinstance(data, dict) or any(k not in data for k in need):
        raise ValueError(f"{_RULES}: expected a mapping with fields {need}")
    return data


_RULES = "registers/data/name_rules.yaml"


def _group(kind: str) -> str | None:
    for group, kinds in _rules()["kind_groups"].items():
        if kind in kinds:
            return str(group)
    return None


@cache
def _unit_re(*units: str) -> re.Pattern[str]:
    alts = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    return re.compile(f"[{_rules()['numerals']}]+(?:{alts})")


def figure_name(kind: str, name: str) -> bool:
    """A name that is an amount: it starts with a number and a unit or counting word (万立方米, 5家…项目,
    13条政策) or, outside projects and policies, carries a number with a measure unit (…10万吨锌)."""
    r = _rules()
    counts = r.get("count_units_policy") if kind == "policy" else r.get("count_units")
    if counts and _unit_re(*counts).match(name):
        return True
    measure = _unit_re(*r["measure_units"])
    if kind not in (r.get("units_start_ok") or ()) and measure.match(name):
        return True
    return kind not in (r.get("units_inside_ok") or ()) and bool(measure.search(name))


def _head_part(name: str) -> str:
    """The name without a closing parenthetical (国家文化公园（四川段） -> 国家文化公园)."""
    return re.sub(r"[（(][^（()）]*[）)]$", "", name) or name


def wrong_head(kind: str, name: str) -> bool:
    """The name ends in a head noun of another kind than `kind` (an army, a party, a museum, a river, an
    event as an enterprise; a city's goal as a carrier; a public account as a fund)."""
    rule = (_rules()["wrong_heads"] or {}).get(_group(kind) or "")
    if not rule:
        return False
    head = _head_part(name)
    if head.endswith(tuple(rule.get("except") or ())) or head.startswith(tuple(rule.get("except_openers") or ())):
        return False
    return any(head.endswith(h) and len(head) > len(h) for h in rule.get("heads") or ())


@cache
def _class_words() -> frozenset[str]:
    ref = resources.files("shuanglian.registers").joinpath("data").joinpath("class_words.txt")
    own = [
        w.strip() for w in ref.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")
    ]
    extract = resources.files("shuanglian.extract").joinpath("data")
    parts = yaml.safe_load(extract.joinpath("generic_words.yaml").read_text(encoding="utf-8")).get(
        "generic_name_parts"
    )
    rows = extract.joinpath("industries.tsv").read_text(encoding="utf-8").splitlines()
    industries = [r.split("\t")[0].strip() for r in rows if r.strip() and not r.startswith("#")]
    return frozenset(w for w in [*own, *(parts or ()), *industries] if w)


@cache
def _industry_words() -> frozenset[str]:
    extract = resources.files("shuanglian.extract").joinpath("data")
    rows = extract.joinpath("industries.tsv").read_text(encoding="utf-8").splitlines()
    return frozenset(r.split("\t")[0].strip() for r in rows if r.strip() and not r.startswith("#"))


def _covered(text: str, words: frozenset[str]) -> list[str] | None:
    """`text` cut into words of `words` (longest first), or None when some part is no such word."""
    out: list[str] = []
    i = 0
    longest = max(map(len, words))
    while i < len(text):
        for k in range(min(longest, len(text) - i), 0, -1):
            if text[i : i + k] in words:
                out.append(text[i : i + k])
                i += k
                break
        else:
            return None
        continue
    return out


def class_name(kind: str, name: str) -> bool:
    """The name says which kind of thing, not which one: its head noun (class_heads of the kind, or its org
    suffix) preceded only by descriptive words (区域医疗中心, 生物医药产业园, 货币政策, 民营银行). A national
    name with a field (国家生物育种产业创新中心) is one of its kind and stays."""
    group = _group(kind)
    heads = (_rules()["class_heads"] or {}).get(group or "")
    if not heads:
        return False
    name = _head_part(name)
    if kind in (_rules().get("headless_class_kinds") or ()) and _covered(name, _class_words()):
        return True  # a field or activity with no head at all (卫星制造, 防洪减灾, 量子通信 as a project)
    cands = [h for h in heads if name.endswith(h)]
    sx = suffix_of(name)
    if sx:
        cands.append(sx)
    r = _rules()
    vocab = frozenset(r.get("enterprise_class_words") or ()) if group == "enterprise" else _class_words()
    max_rest = int((r.get("class_max_rest") or {}).get(kind, 10**6))
    for h in sorted(set(cands), key=len, reverse=True):
        rest = name[: -len(h)]
        words = _covered(rest, vocab) if len(rest) <= max_rest else None
        if words is None:
            continue
        national = bool(set(r.get("national_words") or ("国家", "国家级")) & set(words))
        field = any(w in _industry_words() for w in words)
        return not (national and (group in (r.get("national_is_one") or ()) or field))
    return False


def joined_list(kind: str, name: str) -> bool:
    """A phrase joining names whose last member is a kind of thing or generic (开发区和园区, 效益和项目)."""
    if kind in (_rules().get("list_kinds_skip") or ()):
        return False
    generic = set(_data()["generic_names"])
    for j in _rules().get("list_joiners") or ():
        first, _, last = name.rpartition(j)
        if len(first) < 2 or len(last) < 2:
            continue
        thing_first = bool(suffix_of(first)) or first.endswith(tuple(_all_heads() | _list_tails()))
        kind_word = last in _all_heads() or last in suffixes().kind_of
        if thing_first and (last in generic or kind_word or class_name(kind, last)):
            return True
    return False


@cache
def _list_tails() -> frozenset[str]:
    return frozenset(_rules().get("list_first_tails") or ())


@cache
def _all_heads() -> frozenset[str]:
    return frozenset(h for hs in (_rules()["class_heads"] or {}).values() for h in hs)


def _kind_for(kind: str, name: str) -> str:
    for rule in _data().get("retype_by_name") or []:
        hit = kind in (rule.get("from") or ()) and name.endswith(tuple(rule["suffixes"]))
        if hit and not name.endswith(tuple(rule.get("except") or ())):
            return str(rule["kind"])
    return kind


def listed_kind(view: EntityView) -> str:
    """The kind registers list the entity as: retype_by_name rules (a 产业投资基金 typed 机构 is a fund)."""
    return _kind_for(view.kind, view.name)


def retype(views: Iterable[EntityView]) -> None:
    """Set each view's kind to the kind registers list it as (views are per-call copies)."""
    for v in views:
        v.kind = listed_kind(v)
