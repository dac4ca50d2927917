"""Suffix-less enterprise names whose shape shows another kind: projects, apps, slogans, clause pieces.

A name no suffix types and no gazetteer lists (a brand, 比亚迪) is an enterprise only by the tagger's or
LAC's reading. Some such names are projects or facilities (天河超算, …抽水蓄能), government apps in quotes
(“闽政通”等平台), slogans (技兴三湘, a part of “东数西算”), pieces of a clause (同|拉美) or one more common word
of a list (铜基、锡基、钛基). Rules and word lists: data/bare_enterprise.yaml.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from shuanglian.extract.entities.candidates import quote_around
from shuanglian.extract.entities.lexicon import _yaml, org_gazetteer
from shuanglian.extract.entities.orgs import kind_of
from shuanglian.extract.entities.places import place_index
from shuanglian.extract.lac import Token
from shuanglian.suffixes import kind_by_suffix


@dataclass(frozen=True)
class BareRules:
    """The shapes of data/bare_enterprise.yaml."""

    phase: re.Pattern[str]
    project_tails: tuple[str, ...]
    long_project_tails: tuple[str, ...]
    long_project_min: int
    platform_after: tuple[str, ...]
    slogan_verbs: frozenset[str]
    slogan_places: frozenset[str]
    clause_heads: frozenset[str]
    preposition_chars: frozenset[str]
    common_sibling_tags: frozenset[str]
    slogan_quote_reach: int


@functools.cache
def bare_rules() -> BareRules:
    """Load data/bare_enterprise.yaml once."""
    d = _yaml("bare_enterprise.yaml")
    return BareRules(
        phase=re.compile(d["phase_tail"]),
        project_tails=tuple(d["project_tails"]),
        long_project_tails=tuple(d["long_project_tails"]),
        long_project_min=int(d["long_project_min"]),
        platform_after=tuple(sorted(d["platform_after"], key=len, reverse=True)),
        slogan_verbs=frozenset(d["slogan_verbs"]),
        slogan_places=frozenset(d["slogan_places"]),
        clause_heads=frozenset(d["clause_heads"]),
        preposition_chars=frozenset(d["preposition_chars"]),
        common_sibling_tags=frozenset(d["common_sibling_tags"]),
        slogan_quote_reach=int(d["slogan_quote_reach"]),
    )


_QUOTED_ITEM = re.compile(r"^[、，,]?“[^”]{1,12}”")


def _quoted_platform(text: str, start: int, end: int) -> bool:
    """A quoted name followed (past the quoted names listed with it and 等) by a platform word."""
    if start < 1 or text[start - 1] != "“" or text[end : end + 1] != "”":
        return False
    rest = text[end + 1 : end + 40]
    while (m := _QUOTED_ITEM.match(rest)) is not None:
        rest = rest[m.end() :]
    rest = rest.removeprefix("等")
    return rest.startswith(bare_rules().platform_after)


def _inside_slogan(text: str, start: int, end: int) -> bool:
    """True when the name is a strict part of a short quoted phrase (“东数西算”, “上规、上榜、上云、上市”,
    “好品山东 商行天下”): a programme or slogan the tagger cut a 'brand' from."""
    q = quote_around(text, start, end, bare_rules().slogan_quote_reach)
    if q is None or (q[0] + 1, q[1]) == (start, end):
        return False
    return kind_of(text[q[0] + 1 : q[1]]) is None


def _token_at(tokens: Sequence[Token], start: int) -> int | None:
    """Index of the token starting at `start` (tokens are in text order: a binary search, not a scan)."""
    i = bisect_left(tokens, start, key=lambda t: t.start)
    return i if i < len(tokens) and tokens[i].start == start else None


def _common_sibling(tokens: Sequence[Token], start: int, end: int) -> bool:
    """True when the name is one item of a 、-list with two more common words of its length sharing its first or
    its last character (铜基、锡基、钛基; 二中、三中、四中): brands listed together share none so often."""
    name_at = _token_at(tokens, start)
    if name_at is None or tokens[name_at].end != end:
        return False
    name = tokens[name_at].word
    tags = bare_rules().common_sibling_tags
    for same in (0, -1):
        alike = 0
        for k in (name_at - 4, name_at - 2, name_at + 2, name_at + 4):
            if not 0 <= k < len(tokens) or any(tokens[j].word != "、" for j in range(min(k, name_at) + 1,
                                                                                      max(k, name_at), 2)):
                continue
            sib = tokens[k]
            alike += sib.tag in tags and len(sib.word) == len(name) and sib.word[same] == name[same]
        if alike >= 2:
            return True
    return False


def _clause_opening(tokens: Sequence[Token], name: str, start: int, end: int) -> bool:
    """True when the name opens on a LAC preposition or conjunction shorter than the name (同|拉美), or is a
    preposition character and a place LAC read together as one organisation (同拉美/ORG)."""
    r = bare_rules()
    if len(name) > 2 and name[0] in r.preposition_chars and name[1:] in place_index():
        return True
    at = _token_at(tokens, start)
    first = tokens[at] if at is not None else None
    return first is not None and first.end < end and first.tag in r.clause_heads


def bare_kind(text: str, start: int, end: int, tokens: Sequence[Token]) -> str | None:
    """What a suffix-less enterprise name at [start, end) really is: "platform", "" (no entity), or None when
    it stays an enterprise. `tokens` are LAC's own words of `text`."""
    name = text[start:end]
    r = bare_rules()
    if org_gazetteer().get(name):
        return None
    if kind_of(name) is not None:
        # a business word that is also a project tail (…储能) types a long name only weakly: the project's
        if kind_by_suffix(name) is None and len(name) >= r.long_project_min and name.endswith(r.project_tails):
            return "platform"
        return None
    if r.phase.search(name) or (name.endswith(r.project_tails) and len(name) > 2) or (
            name.endswith(r.long_project_tails) and len(name) >= r.long_project_min):
        return "platform"
    if _quoted_platform(text, start, end):
        return "platform"
    slogan = len(name) == 4 and name[1] in r.slogan_verbs and name[2:] in r.slogan_places
    if slogan or _inside_slogan(text, start, end) or _clause_opening(tokens, name, start, end) or _common_sibling(tokens, start, end):
        return ""
    return None
