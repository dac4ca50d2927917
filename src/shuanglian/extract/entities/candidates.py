"""Candidate mentions and the token view of a text shared by every entity rule."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from shuanglian.extract.entities.lexicon import generic
from shuanglian.extract.lac import Token
from shuanglian.suffixes import kind_by_suffix

_CJK = re.compile(r"[\u4e00-\u9fff]")

# Higher priority wins a tie between overlapping candidates of equal length.
PRIO_GAZETTEER = 3
PRIO_GRAMMAR = 2
PRIO_LAC = 1
PRIO_WEAK = 0


@dataclass
class Cand:
    """A candidate mention [start, end) with its kind and canonical key."""

    start: int
    end: int
    kind: str
    name: str
    prio: int = PRIO_LAC
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start


def quote_around(text: str, start: int, end: int, reach: int) -> tuple[int, int] | None:
    """Offsets of the “ and ” of a quotation enclosing text[start:end], each within `reach` characters of the
    span and with no ” between the opening mark and the span's end; None when the span is not so quoted."""
    open_at = text.rfind("“", max(0, start - reach), start)
    if open_at < 0 or "”" in text[open_at:end]:
        return None
    close_at = text.find("”", end, end + reach)
    return None if close_at < 0 else (open_at, close_at)


def _complements() -> dict[str, frozenset[str]]:
    """One-character verbs and the one-character complements report prose writes after them (做优, 做强: data
    generic_words.yaml verb_complements, read by lexicon.generic)."""
    complements: dict[str, frozenset[str]] = generic()["verb_complements"]
    return complements


def _complement(prev: str, word: str) -> bool:
    """True when `word` opens with a complement of the one-character verb `prev` and goes on for 3+ characters."""
    return len(word) >= 4 and prev in _complements() and word[0] in _complements()[prev]


def _split_space(tokens: list[Token]) -> list[Token]:
    """Move whitespace or a connective LAC glued to a name (安徽日报 + newline) into tokens of their own."""
    out: list[Token] = []
    complements = _complements()
    for t in tokens:
        word = t.word
        cut = _list_connective(word) if t.tag == "ORG" and out and out[-1].word == "、" else None
        if cut is not None:
            # 、泰和新材和隆基绿能科技股份有限公司: LAC joined the last two items of a list into one name
            out.append(Token(t.start, t.start + cut, word[:cut], "ORG"))
            out.append(Token(t.start + cut, t.start + cut + 1, word[cut], "c"))
            out.append(Token(t.start + cut + 1, t.end, word[cut + 1 :], "ORG"))
            continue
        if out and out[-1].word in complements and t.tag in ("nz", "ORG", "LOC", "n") and _complement(out[-1].word, word):
            # 做|优青甘环线: LAC glued the complement of 做 (做优, 做强) to the name after it
            out.append(Token(t.start, t.start + 1, word[0], "a"))
            out.append(Token(t.start + 1, t.end, word[1:], t.tag))
            continue
        if t.tag in ("ORG", "LOC", "PER") and len(word.strip()) > 2 and word[-1] in "和与及、":
            # 嘉兴学院和|闻泰通讯…: LAC glued the connective to the name before it (not 协和 after a line break:
            # the name's own characters must be more than two)
            out.append(Token(t.start, t.end - 1, word[:-1], t.tag))
            out.append(Token(t.end - 1, t.end, word[-1], "c"))
            continue
        phase = _PHASE.search(word) if t.tag in ("LOC", "ORG", "nz", "n") and len(word) > 4 else None
        if phase:
            # 济南机场二期, 店头电厂二期: LAC glued a project's phase to the work's name
            cut = phase.start()
            out.append(Token(t.start, t.start + cut, word[:cut], t.tag))
            out.append(Token(t.start + cut, t.end, word[cut:], "m"))
            continue
        core = word.strip()
        if core == word or not core:
            out.append(t)
            continue
        lead = len(word) - len(word.lstrip())
        trail = len(word) - len(word.rstrip())
        if lead:
            out.append(Token(t.start, t.start + lead, word[:lead], "w"))
        tag = t.tag
        if tag == "w" and _CJK.search(core):
            # \n河北协同环保科技股份有限公司/w: LAC glued a line break to the next word and tagged both punctuation;
            # the word is a name when the suffix grammar types it, else a plain noun
            tag = "ORG" if len(core) >= 4 and kind_by_suffix(core) else "n"
        out.append(Token(t.start + lead, t.end - trail, core, tag))
        if trail:
            out.append(Token(t.end - trail, t.end, word[len(word) - trail :], "w"))
    return out


_PHASE = re.compile(r"[一二三四五六七八九十]期(?:工程|项目)?$")


def _list_connective(word: str) -> int | None:
    """Offset of 和 inside an ORG word whose right part is a company's legal name, else None.

    Only 和 and only before a legal name: 与 joins words inside names (纳米技术与纳米仿生研究所)
    and 和 also sits inside bodies' names (工业和信息化厅).
    """
    if not word.endswith(("有限公司", "有限责任公司")):
        return None
    for k in range(len(word) - 7, 1, -1):
        if word[k] == "和":
            return k
    return None


class TokenView:
    """Tokens of one text with fast lookup of token boundaries."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = _split_space(tokens)
        self.by_start = {t.start: i for i, t in enumerate(tokens)}
        self.by_end = {t.end: i for i, t in enumerate(tokens)}
        for t in self.tokens:
            # a phase cut off a work's name (济南机场|二期) makes a word boundary of its own
            if t.tag == "m" and _PHASE.match(t.word):
                self.by_start.setdefault(t.start, -1)
                self.by_end.setdefault(t.start, -1)
        # organisation kinds the tagger's CLUENER head gave a span (used when no rule types a name)
        self.hints: dict[tuple[int, int], str] = {}
        # True when the tagger read the sentences of LAC's organisations (a missing hint then means it saw no name)
        self.tagged = False
        # organisations named by a place or a person (a club, a team) the combine layer took (combine.overrule `clubs`)
        self.clubs: set[tuple[int, int]] = set()

    @functools.cached_property
    def token_at(self) -> dict[int, int]:
        """Index in `tokens` (after the space split) of the token starting at each offset; `by_start` indexes the
        tokens before that split, so its values are not positions in `tokens`."""
        return {t.start: n for n, t in enumerate(self.tokens)}

    def index_containing(self, pos: int) -> int | None:
        """Index of the token covering character `pos` (binary search)."""
        lo, hi = 0, len(self.tokens) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            t = self.tokens[mid]
            if t.end <= pos:
                lo = mid + 1
            elif t.start > pos:
                hi = mid - 1
            else:
                return mid
        return None

    def aligned(self, start: int, end: int) -> bool:
        """True when [start, end) starts and ends on LAC word boundaries."""
        return start in self.by_start and end in self.by_end


def select(cands: list[Cand]) -> list[Cand]:
    """Resolve overlaps: longest first, then priority, then leftmost; returns in text order."""
    if not cands:
        return []
    used = bytearray(max(c.end for c in cands))
    out: list[Cand] = []
    for c in sorted(cands, key=lambda c: (-c.length, -c.prio, c.start)):
        if any(used[c.start : c.end]):
            continue
        used[c.start : c.end] = b"\x01" * c.length
        out.append(c)
    return sorted(out, key=lambda c: c.start)
