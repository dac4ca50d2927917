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
    short piece of a word) and a confident kind."""
    return not generic_name(view.name) and not unknown_short(view) and confident(view)


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
