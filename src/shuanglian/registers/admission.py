"""Register admission as data (data/admission.yaml): no generic names, confident kinds."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

from shuanglian.registers.graphview import EntityView


@cache
def _data() -> dict[str, Any]:
    ref = resources.files("shuanglian.registers").joinpath("data").joinpath("admission.yaml")
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("registers/data/admission.yaml: expected a mapping at top level")
    return data


@cache
def _generic_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _data()["generic_patterns"]))


def generic_name(name: str) -> bool:
    """True for a word that names no particular entity (全国, 全年, 建设河套深港科技创新合作区)."""
    n = (name or "").strip()
    return len(n) < 2 or n in set(_data()["generic_names"]) or bool(_generic_re().search(n))


def confident(view: EntityView) -> bool:
    """The entity's name was extracted confidently at least once, or a person registered/imported it."""
    best = 0.0
    for f in view.facts:
        if f.prop == "name":
            if f.origin != "document":
                return True
            best = max(best, f.confidence)
    return best >= float(_data()["min_confidence"]) or not any(f.prop == "name" for f in view.facts)


def admitted(view: EntityView) -> bool:
    """Whether a document-found entity may enter any register: a specific name and a confident kind."""
    return not generic_name(view.name) and confident(view)
