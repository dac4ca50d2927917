"""The one organisation-name suffix classifier (data: data/org_suffixes.yaml), used by extraction
(extract/entities) and by the graph (names met only inside another fact: graph/build.guess_kind)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SUFFIX_FILE = Path(__file__).parent / "data" / "org_suffixes.yaml"


class SuffixDataError(ValueError):
    """The suffix data file is malformed (names the file and the entry)."""


@dataclass(frozen=True)
class Suffixes:
    """Organisation suffix grammar: suffix -> kind, and the strong subset used to assemble names."""

    kind_of: dict[str, str]
    grammar: frozenset[str]
    max_len: int
    proper_only: frozenset[str] = frozenset()  # assemble names only around a proper noun or a place


def parse_suffixes(data: Any, src: str) -> Suffixes:
    """Build the suffix table from the parsed YAML ({kind: {grammar: [...], classify: [...],
    infrastructure: [...]}}); infrastructure suffixes (水电站, 高铁) assemble names only around a proper
    noun or a place."""
    if not isinstance(data, dict) or not data:
        raise SuffixDataError(f"{src}: expected a mapping of kind -> {{grammar, classify}}")
    kind_of: dict[str, str] = {}
    grammar: set[str] = set()
    proper: set[str] = set()
    for kind, groups in data.items():
        if not isinstance(groups, dict):
            raise SuffixDataError(f"{src}: kind {kind!r}: expected {{grammar: [...], classify: [...]}}")
        for s in groups.get("grammar") or []:
            kind_of[s] = kind
            grammar.add(s)
        for s in groups.get("classify") or []:
            kind_of.setdefault(s, kind)
        for s in groups.get("infrastructure") or []:
            if s not in kind_of:
                kind_of[s] = kind
                grammar.add(s)
                proper.add(s)
    if not kind_of:
        raise SuffixDataError(f"{src}: no suffix declared")
    return Suffixes(kind_of, frozenset(grammar), max(len(s) for s in kind_of), frozenset(proper))


@functools.cache
def suffixes() -> Suffixes:
    """Organisation suffixes by kind, loaded once from data/org_suffixes.yaml."""
    return parse_suffixes(yaml.safe_load(SUFFIX_FILE.read_text(encoding="utf-8")), str(SUFFIX_FILE))


def suffix_of(name: str, grammar_only: bool = False) -> str | None:
    """The longest organisation suffix `name` ends with (and is longer than)."""
    sx = suffixes()
    for k in range(min(sx.max_len, len(name) - 1), 0, -1):
        s = name[-k:]
        if s in sx.kind_of and (not grammar_only or s in sx.grammar):
            return s
    return None


def kind_by_suffix(name: str) -> str | None:
    """Kind of an organisation name from its longest suffix (合肥综合性国家科学中心 -> platform), or None."""
    s = suffix_of(name)
    return suffixes().kind_of[s] if s else None
