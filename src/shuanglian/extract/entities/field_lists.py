"""Lists closed by …等领域 (real_gold README, session-13 rule 6): whether their items are industries.

Unlike 等产业/行业, 领域 does not say its items are sectors. The clause says what the fields are fields of: economic
activity (research, investment, projects, firms, consumption, models built for an industry: 航空宇航、空天能源等领域展开
科技攻关) makes every item that is a sector on its own an industry; fields of government work (safety, governance,
reform and opening, green transition, public services: 紧盯道路交通、消防…、文化旅游等重点领域) make none an industry,
whatever the lexicon says. Cue words and the items that are never sectors are data (industry_grammar.yaml
`field_lists`).
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

import yaml

MAX_ITEM = 10  # characters of one list item after the first
MAX_MODIFIERS = 6  # characters between 等 (or a count) and 领域 (重点, 优势特色, 新兴服务, 多个)
_BREAKS = "，。；！？\n：:;"
_SENTENCE_ENDS = "。；！？\n"


@functools.cache
def field_rules() -> dict[str, Any]:
    """industry_grammar.yaml `field_lists`: closers, cue words of both readings, items that are never sectors."""
    ref = resources.files("shuanglian.extract") / "data" / "industry_grammar.yaml"
    data = yaml.safe_load(ref.read_text(encoding="utf-8")).get("field_lists", {})
    return {k: tuple(str(w) for w in v or []) for k, v in data.items()}


@functools.cache
def _closing() -> re.Pattern[str]:
    """The rest of a list after an item, closed by 等 or a count, a few modifiers (group 1) and a word for fields."""
    closers = "|".join(map(re.escape, sorted(field_rules()["closers"], key=len, reverse=True)))
    count = r"(?:[0-9一二两三四五六七八九十]+(?:大|个|类)|多个|多|各)"
    return re.compile(rf"(?:(?:、|和|及|与)[^{_BREAKS}、]{{1,{MAX_ITEM}}}?)*"
                      rf"(?:等([^{_BREAKS}、等]{{0,{MAX_MODIFIERS}}}?)|{count}([^{_BREAKS}、等]{{0,2}}?))(?:{closers})")


def field_list_end(text: str, end: int) -> int:
    """End offset of the word for fields closing the list the item ending at `end` belongs to, or -1."""
    m = _closing().match(text, end)
    return m.end() if m else -1


def _read(words: str) -> str | None:
    rules = field_rules()
    if any(cue in words for cue in rules["governance_cues"] + rules["application_cues"]):
        return "governance"
    return "economic" if any(cue in words for cue in rules["economic_cues"]) else None


def reading(text: str, start: int, end: int, first: int | None = None) -> str | None:
    """How the …等领域 list holding the item text[start:end] reads: "governance" when the words around the list name
    government work (`governance_cues`), "economic" when they name economic activity (`economic_cues`), None when
    the item closes no such list or no cue is found. The list's own modifiers (等新兴服务领域) and its clause are read
    first, the rest of its sentence after; in each a governance cue outweighs an economic one. `first` is the start of
    the list's first item when known (the items' own words are not cues)."""
    m = _closing().match(text, end)
    if m is None:
        return None
    close = m.end()
    lo = max(text.rfind(ch, 0, start) for ch in _BREAKS) + 1
    if first is None:
        # the later items are not the clause's words (集成电路、网络安全、人工智能等领域: 安全 is an item's): the clause
        # before the list is read up to the first 、 (the clause's verb and the first item)
        sep = text.find("、", lo, start)
        first = sep if sep >= 0 else start
    start = first if lo <= first <= start else start
    stops = [i for i in (text.find(ch, close) for ch in _BREAKS) if i >= 0]
    hi = min(stops) if stops else len(text)
    got = _read((m.group(1) or m.group(2) or "") + text[lo:start] + text[close:hi])
    if got:
        return got
    first = max(text.rfind(ch, 0, start) for ch in _SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(ch, close) for ch in _SENTENCE_ENDS) if i >= 0]
    return _read(text[first:start] + text[close : min(ends) if ends else len(text)])


def never_sector(item: str) -> bool:
    """True for an item of a field list that is no sector of its own: a whole-economy aggregate (工业, 农业,
    先进制造业), an activity (科学研究), a public service (教育, 医疗): `not_sectors`; or a task of government
    (产业发展, 民生保障, 深化改革: an item ending in one of `task_ends`)."""
    rules = field_rules()
    return item in rules["not_sectors"] or (len(item) > 2 and item.endswith(rules["task_ends"]))


def fields_of_work(items: list[str]) -> bool:
    """True when at least half the items of a field list are no sectors (教育、医疗、养老、社保等领域; 产业发展、
    科技创新、…、民生保障等领域): the list names fields of government work, so none of its items is an industry."""
    return 2 * sum(map(never_sector, items)) >= len(items)

