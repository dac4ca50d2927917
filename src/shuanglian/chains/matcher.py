"""Aho-Corasick matcher over every chain link's products, technologies and keywords (and chain industries)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from shuanglian.chains.templates import ChainTemplate

# How strongly each kind of term ties an entity to a link: a named product is the clearest signal,
# a generic keyword the weakest; an industry term only ties the entity to the chain as a whole.
FIELD_WEIGHT = {"product": 0.9, "technology": 0.8, "keyword": 0.6, "name": 0.9, "industry": 0.5}
_ASCII_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Target:
    """Where a term points: a chain and a link (None for chain-level industry terms)."""

    chain_id: str
    link_id: str | None
    field: str
    weight: float


@dataclass(frozen=True)
class Hit:
    """A term found in a text, at [start, end), with every link it places on."""

    start: int
    end: int
    term: str
    targets: tuple[Target, ...]


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class LinkMatcher:
    """One automaton for all templates; longest non-overlapping matches; ASCII terms need word bounds."""

    def __init__(self, templates: Iterable[ChainTemplate]) -> None:
        table: dict[str, list[Target]] = {}
        for t in templates:
            for term in t.industries:
                table.setdefault(term.translate(_ASCII_UPPER), []).append(
                    Target(t.id, None, "industry", FIELD_WEIGHT["industry"])
                )
            for ln in t.links:
                for term, fld in ln.terms().items():
                    table.setdefault(term.translate(_ASCII_UPPER), []).append(
                        Target(t.id, ln.id, fld, FIELD_WEIGHT[fld])
                    )
        self._auto = ahocorasick.Automaton()
        for key, targets in table.items():
            self._auto.add_word(key, (key, tuple(targets)))
        self.empty = not table
        if not self.empty:
            self._auto.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """Every term occurrence in `text`, keeping the longest where matches overlap."""
        if self.empty or not text:
            return []
        low = text.translate(_ASCII_UPPER)  # ASCII-only lowering keeps offsets aligned with `text`
        raw: list[Hit] = []
        for end_idx, (key, targets) in self._auto.iter(low):
            start, end = end_idx - len(key) + 1, end_idx + 1
            if key.isascii() and (
                (start > 0 and _is_word_char(low[start - 1])) or (end < len(low) and _is_word_char(low[end]))
            ):
                continue  # "CT" inside "ACTIVE" is not computed tomography
            raw.append(Hit(start, end, text[start:end], targets))
        raw.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit] = []
        for h in raw:
            if out and h.start < out[-1].end:
                if h.end - h.start > out[-1].end - out[-1].start:
                    out[-1] = h
                continue
            out.append(h)
        return out
