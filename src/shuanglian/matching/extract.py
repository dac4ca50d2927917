"""Demand and supply candidates from document text by sentence rules (data/rules.yaml), with spans."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

RULES_FILE = Path(__file__).parent / "data" / "rules.yaml"
_SENT = re.compile(r"[^。！？；\n]+[。！？；]?")


@dataclass(frozen=True)
class Candidate:
    """One sentence that states a need or a result: side, kind, text and [start, end) in the source."""

    side: str  # "demand" | "supply"
    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Rules:
    """Compiled sentence rules."""

    demand: tuple[tuple[str, re.Pattern[str]], ...]
    supply: tuple[tuple[str, re.Pattern[str]], ...]
    skip: tuple[re.Pattern[str], ...]
    min_chars: int
    max_chars: int


def load_rules(path: Path = RULES_FILE) -> Rules:
    """Read and compile a rules file; a bad pattern is an error naming the file and the rule."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def comp(p: str, where: str) -> re.Pattern[str]:
        try:
            return re.compile(p)
        except re.error as exc:
            raise ValueError(f"{path}: {where}: bad pattern {p!r}: {exc}") from exc

    return Rules(
        tuple((r["kind"], comp(r["pattern"], f"demand[{i}]")) for i, r in enumerate(data.get("demand", []))),
        tuple((r["kind"], comp(r["pattern"], f"supply[{i}]")) for i, r in enumerate(data.get("supply", []))),
        tuple(comp(p, f"skip[{i}]") for i, p in enumerate(data.get("skip", []))),
        int(data.get("min_chars", 10)),
        int(data.get("max_chars", 160)),
    )


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    """The shipped rules."""
    return load_rules()


def candidates(text: str, rules: Rules | None = None) -> list[Candidate]:
    """Every sentence of `text` that a demand or supply rule matches (demand first), span-exact."""
    r = rules or default_rules()
    out: list[Candidate] = []
    for m in _SENT.finditer(text):
        raw = m.group(0)
        sent = raw.strip().rstrip("。！？；")
        if not (r.min_chars <= len(sent) <= r.max_chars) or any(p.search(sent) for p in r.skip):
            continue
        start = m.start() + raw.index(sent[0])
        side, kind = None, None
        for k, p in r.demand:
            if p.search(sent):
                side, kind = "demand", k
                break
        if side is None:
            for k, p in r.supply:
                if p.search(sent):
                    side, kind = "supply", k
                    break
        if side and kind:
            out.append(Candidate(side, kind, sent, start, start + len(sent)))
    return out
