"""Events held in sessions named with their session (首届青稞产业发展大会) and summits named with the body that holds
them and their number (亚太经合组织第二十二次领导人非正式会议): rules in data/event_names.yaml."""

from __future__ import annotations

import functools
import re
from typing import Any

from shuanglian.extract.entities.candidates import PRIO_GRAMMAR, Cand, TokenView
from shuanglian.extract.entities.lexicon import _yaml
from shuanglian.suffixes import suffixes


@functools.cache
def event_names() -> dict[str, Any]:
    """The session and meeting-number patterns and the head and break words of event_names.yaml."""
    data = _yaml("event_names.yaml")
    if not isinstance(data, dict) or not isinstance(data.get("event_heads"), list):
        raise ValueError("extract/data/event_names.yaml: expected a list event_heads")
    return {
        "sessions": re.compile(str(data["sessions"])),
        "meeting_numbers": re.compile(str(data["meeting_numbers"])),
        "series_openers": re.compile(str(data["series_openers"])),
        "event_heads": tuple(data["event_heads"]),
        "meeting_heads": tuple(data["meeting_heads"]),
        "not_events": tuple(data["not_events"]),
        "max_event": int(data["max_event"]),
        "breaks_tags": frozenset(data["breaks_tags"]),
        "fair_tails": tuple(data["fair_tails"]),
        "convened": re.compile(str(data["convened"])),
        "convened_heads": tuple(data["convened_heads"]),
        "fair_tags": frozenset(data["fair_tags"]),
        "local_level_before": str(data["local_level_before"]),
        "event_levels": frozenset(data.get("event_levels") or []),
    }


def _event_end(view: TokenView, j: int, heads: tuple[str, ...]) -> int | None:
    """Index of the first token from `j` on whose end closes an event word with one of `heads`, within reach."""
    e = event_names()
    toks = view.tokens
    start = toks[j].start if j < len(toks) else 0
    for k in range(j, len(toks)):
        t = toks[k]
        if t.end - start > e["max_event"] or (t.tag in e["breaks_tags"] and k > j) or not t.word.strip():
            return None
        text = view.text[start : t.end]
        if text.endswith(heads):
            return None if any(n in text for n in e["not_events"]) else k
    return None


def _holder_start(view: TokenView, i: int, cands: list[Cand]) -> int | None:
    """Start of the body holding a numbered meeting, written right before token `i` (its number), a bracketed short
    name (亚太经合组织（APEC）) allowed between: an organisation candidate ending there, or a LAC organisation."""
    toks = view.tokens
    k = i - 1
    if k >= 2 and toks[k].word in ("）", ")"):
        j = k - 1
        while j > 0 and k - j <= 3 and toks[j].word not in ("（", "("):
            j -= 1
        if toks[j].word not in ("（", "("):
            return None
        k = j - 1
    if k < 0:
        return None
    end = toks[k].end
    for c in cands:
        if c.end == end and c.kind == "organization":
            return c.start
    if toks[k].tag == "ORG":
        return toks[k].start
    if k >= 1 and toks[k - 1].tag == "ORG" and len(toks[k].word) <= 2 and toks[k].tag in ("n", "v", "vn"):
        return toks[k - 1].start  # 亚太经合|组织, 亚信|会议: LAC cut the body's name
    return None


def abbreviated_fairs(view: TokenView) -> list[Cand]:
    """Fairs named by a short name ending like an expo's abbreviation (数博会, 链博会, 新博会): kind organization."""
    e = event_names()
    return [Cand(t.start, t.end, "organization", t.word, PRIO_GRAMMAR) for t in view.tokens
            if t.tag in e["fair_tags"] and 3 <= len(t.word) <= 4 and t.word.endswith(e["fair_tails"])]


def session_events(view: TokenView, cands: list[Cand]) -> list[Cand]:
    """Events named with their session or meeting number (event_names.yaml), kind organization."""
    e = event_names()
    out: list[Cand] = []
    toks = view.tokens
    text = view.text
    if "届" not in text and "次" not in text:
        return out
    for i, t in enumerate(toks[:-1]):
        w = t.word
        if "届" not in w and "次" not in w:
            continue  # the test of almost every word
        w = w.strip()
        if e["sessions"].fullmatch(w):
            k = _event_end(view, i + 1, e["event_heads"])
            # the event word must be an event the rules name already (青稞产业发展大会): a session before a common
            # noun (第十八届|运动会) was tried and took events the news annotator leaves out (+2 false on dev half A)
            # a level word opening the event word (第16届|全区|运动会, 第十五届|全国|运动会) makes it the series of that
            # level's games or festival, a named event (event_names.yaml event_levels)
            if k is not None and (toks[i + 1].word in e["event_levels"] or any(
                    c.start == toks[i + 1].start and c.end == toks[k].end and c.kind == "organization" for c in cands)):
                out.append(Cand(t.start, toks[k].end, "organization", text[t.start : toks[k].end], PRIO_GRAMMAR,
                                {"session": True}))
        elif e["meeting_numbers"].fullmatch(w):
            k = _event_end(view, i + 1, e["meeting_heads"])
            start = _holder_start(view, i, cands) if k is not None else None
            if k is not None and start is not None:
                out.append(Cand(start, toks[k].end, "organization", text[start : toks[k].end], PRIO_GRAMMAR,
                                {"session": True}))
    return out


def session_aliases(surfaces: set[str]) -> set[str]:
    """The event's name without its session or year (第七届新博会 -> 新博会, 2024世界人工智能大会 -> 世界人工智能大会): the series' name, which pages and annotators also
    use for the event (README: gold-a names 央视财经论坛, gold-b 第九届亚冬会)."""
    pat = event_names()["series_openers"]
    out = set()
    for s in surfaces:
        m = pat.match(s)
        if m and len(s) - m.end() >= 2 and s[m.end() :] not in suffixes().kind_of:
            out.add(s[m.end() :])  # not a bare event word (第十一届|艺术节 names no series 艺术节)
    return out


def local_events(text: str, chosen: list[Cand], context: tuple[str | None, str | None]) -> list[Cand]:
    """An event named with its session after a bare 省/市 (办好省|第十一届艺术节) is the page's province's or city's
    event, named with the place as bodies are (省政协 -> 云南省政协; gold-g: 陕西省第十一届艺术节, alias
    省第十一届艺术节)."""
    out: list[Cand] = []
    for c in chosen:
        if not (c.kind == "organization" and c.start > 0 and event_names()["sessions"].match(c.name)):
            out.append(c)
            continue
        level = text[c.start - 1]
        where = context[0] if level == "省" else context[1] if level == "市" else None
        if where and (c.start < 2 or not "\u4e00" <= text[c.start - 2] <= "\u9fff" or text[c.start - 2] in event_names()["local_level_before"]):
            out.append(Cand(c.start - 1, c.end, c.kind, where + c.name, c.prio, {**c.attrs, "resolved": True}))
            continue
        out.append(c)
    return out


def convened(text: str, chosen: list[Cand]) -> list[Cand]:
    """`chosen` without the meetings a body convenes (召开|全国|科学技术大会, 召开全国生态环境保护大会): meetings are no
    entities (README: 中央经济工作会议); fairs and forums held (举办) stay."""
    pat = event_names()["convened"]
    heads = event_names()["convened_heads"]
    return [c for c in chosen if not (c.kind == "organization" and c.name.endswith(heads)
                                      and pat.search(text, max(0, c.start - 8), c.start))]
