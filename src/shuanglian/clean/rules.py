"""Load the cleaning rule files (YAML under clean/data/) once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class LineRule:
    """One line rule from line_rules.yaml."""

    reason: str
    regex: re.Pattern[str]
    max_len: int | None = None
    min_hits: int = 1
    end: bool = False
    after: bool = False
    long_ok: bool = False


@dataclass(frozen=True)
class RepairRule:
    """One substitution rule from repairs.yaml."""

    from_: str
    to: str
    always: bool = False
    patterns: tuple[re.Pattern[str], ...] = field(default_factory=tuple)


def load_yaml(name: str) -> Any:
    """Read a YAML data file shipped in shuanglian/clean/data."""
    text = (resources.files("shuanglian.clean") / "data" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def line_rules() -> tuple[LineRule, ...]:
    """Compiled line rules, in file order (first match wins)."""
    out: list[LineRule] = []
    for item in load_yaml("line_rules.yaml")["rules"]:
        pattern = "|".join(f"(?:{p})" for p in item["patterns"])
        out.append(
            LineRule(
                reason=item["reason"],
                regex=re.compile(pattern),
                max_len=item.get("max_len"),
                min_hits=int(item.get("min_hits", 1)),
                end=bool(item.get("end", False)),
                after=bool(item.get("after", False)),
                long_ok=bool(item.get("long_ok", False)),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def repair_rules() -> tuple[RepairRule, ...]:
    """Compiled repair rules."""
    out: list[RepairRule] = []
    for item in load_yaml("repairs.yaml")["rules"]:
        pats = tuple(re.compile(p) for p in item.get("patterns", []) or [])
        for p in pats:
            if "w" not in p.groupindex:
                raise ValueError(f"repairs.yaml: pattern {p.pattern!r} lacks the named group (?P<w>...)")
        out.append(RepairRule(item["from"], item["to"], bool(item.get("always", False)), pats))
    return tuple(out)


@lru_cache(maxsize=1)
def spam_lexicon() -> tuple[re.Pattern[str], int, int]:
    """(regex of all spam terms, min_hits, strong_hits) from spam.yaml."""
    data = load_yaml("spam.yaml")
    terms = sorted({t for group in data["terms"].values() for t in group}, key=len, reverse=True)
    regex = re.compile("|".join(re.escape(t) for t in terms))
    return regex, int(data.get("min_hits", 3)), int(data.get("strong_hits", 5))
