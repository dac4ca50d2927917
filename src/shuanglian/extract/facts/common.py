"""Helpers shared by the fact stages: data files, sentence splitting with offsets, excluded ranges."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

# Sentence ends: Chinese and ASCII terminal punctuation, and line breaks (paragraphs).
_SENT_END = re.compile(r"[。！？!?；;\n]+")


@dataclass(frozen=True)
class Sentence:
    """A sentence of `doc.text` with its absolute offsets and paragraph number."""

    start: int
    end: int
    text: str
    para: int


@cache
def load_data(name: str) -> dict[str, Any]:
    """Load a YAML data file shipped in `extract/facts/data/` (cached per process)."""
    ref = resources.files("shuanglian.extract.facts").joinpath("data").joinpath(name)
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at top level")
    return data


def sentences(text: str) -> Iterator[Sentence]:
    """Split text into sentences, keeping absolute offsets; paragraph numbers follow line breaks."""
    pos = 0
    para = 0
    for m in _SENT_END.finditer(text):
        if m.start() > pos:
            yield Sentence(pos, m.start(), text[pos : m.start()], para)
        para += m.group().count("\n")
        pos = m.end()
    if pos < len(text):
        yield Sentence(pos, len(text), text[pos:], para)


def overlaps_excluded(start: int, end: int, excluded: Sequence[tuple[int, int]]) -> bool:
    """True when [start, end) touches one of the excluded ranges (e.g. mojibake)."""
    return any(start < e and s < end for s, e in excluded)


def publication_date(published: str | None) -> date | None:
    """Parse the ISO date (or datetime) of `doc.published`; None when missing or malformed."""
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", published)
    if not m:
        m2 = re.match(r"(\d{4})", published)
        return date(int(m2.group(1)), 1, 1) if m2 else None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def longest_first(words: Iterable[str]) -> list[str]:
    """The distinct words, longest first, words of one length in their first order in `words`.

    Not `sorted(set(words), key=len)`: a set iterates in string-hash order, which changes from one
    process to the next (PYTHONHASHSEED), so loops that strip or match the words in this order (replace
    one word, then the next) would give different results from run to run (issue 8: deterministic output).
    """
    return sorted(dict.fromkeys(words), key=len, reverse=True)


def alternation(words: Sequence[str]) -> str:
    """A regex alternation of literal words, longest first so the longest match wins."""
    return "|".join(re.escape(w) for w in longest_first(words))
