"""EventStage: official visits and inspections — who visited which organisations, where and when.

A report is read sentence by sentence. A sentence with a visit verb (调研, 来到, 走进…) and an official
(a person entity with a government title) opens a visit; later sentences with visit verbs, or starting
"在<organisation>，", add what was visited. A new explicit date opens a new event. Accompanying
officials (参加调研, 陪同) and hosts (听取X汇报) are not visitors; recollections (回忆…视察) are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from shuanglian.document import Document, Mention
from shuanglian.extract.facts.common import (
    Sentence,
    alternation,
    load_data,
    overlaps_excluded,
    publication_date,
    sentences,
)
from shuanglian.extract.facts.dates import find_date

_CLAUSE = re.compile(r"[，,：:]")
_ESCORT = re.compile(r"在[^。；;]{2,60}?(?:的)?(?:陪同|陪伴)下")


@dataclass
class _Event:
    date: date | None
    date_text: str | None
    start: int
    end: int
    visitors: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    place: Mention | None = None
    accompanying: list[str] = field(default_factory=list)
    date_source: str | None = None  # body (5月27日), recent (近日/日前 + publication date), published

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "visit",
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "date_source": self.date_source,
            "visitors": self.visitors,
            "accompanying": self.accompanying,
            "visited": self.visited,
            "place": self.place.name if self.place else None,
            "span": [self.start, self.end],
        }


class _Rules:
    """Compiled visit vocabulary from data/visits.yaml."""

    def __init__(self) -> None:
        d = load_data("visits.yaml")
        self.verb_re = re.compile(alternation(d["verbs"]))
        self.place_verb_re = re.compile(alternation(d["place_verbs"]))
        self.org_verb_re = re.compile(alternation(d["org_verbs"]))
        # The visit verb after an accompanying word belongs to it: 分别陪同调研, 参加考察.
        self.accompany_re = re.compile(f"(?:{alternation(d['accompany'])})(?:调研|考察|视察|检查|参观)?")
        self.visited_kinds = set(d["visited_kinds"])
        self.title_re = re.compile(alternation(d["official_titles"]))
        self.history_re = re.compile(alternation(d["history"]))
        self.host_re = re.compile(alternation(d["host_before"]))
        self.head_re = re.compile(alternation(d["generic_heads"]))
        self.zone_suffixes = tuple(d["zone_suffixes"])
        self.cited_re = re.compile(alternation(d["cited_after"]))
        self.host_verb_re = re.compile(alternation(d["host_verbs"]))
        self.host_suffix_re = re.compile(f"(?:{alternation(d['host_suffixes'])})$")


_RULES: _Rules | None = None


def _rules() -> _Rules:
    global _RULES
    if _RULES is None:
        _RULES = _Rules()
    return _RULES


class EventStage:
    """Fill `doc.events` with official visits `{kind, date, visitors, visited, place, span}`."""

    name = "events"

    def __call__(self, doc: Document) -> Document:
        doc.events = extract_events(doc.text, doc.entities, doc.published, doc.excluded)
        return doc


def extract_events(
    text: str,
    entities: list[Mention],
    published: str | None = None,
    excluded: list[tuple[int, int]] | None = None,
) -> list[dict[str, Any]]:
    """Visits reported in `text`, using entity mentions (persons, organisations, places) from `entities`."""
    r = _rules()
    pub = publication_date(published)
    mentions = sorted(((s, e, m) for m in entities for s, e in m.spans), key=lambda x: x[0])
    starts = [s for s, _e, _m in mentions]  # bisect over starts: each sentence reads only its own mentions
    events: list[_Event] = []
    current: _Event | None = None
    for sent in sentences(text):
        if excluded and overlaps_excluded(sent.start, sent.end, excluded):
            continue
        if r.history_re.search(sent.text):
            continue
        first = bisect_left(starts, sent.start)
        in_sent = [(s - sent.start, e - sent.start, m)
                   for s, e, m in mentions[first : bisect_right(starts, sent.end)] if e <= sent.end]
        verbs = _visit_verbs(r, sent.text)
        lead_org = _leading_org(r, sent.text, in_sent)
        if not verbs and lead_org is None:
            continue
        visitors = _visitors(r, sent, in_sent, verbs, current)
        anchor = current.date if current else None
        found = find_date(sent.text[: verbs[-1] if verbs else len(sent.text)], pub, anchor)
        when = found[0] if found else None
        when_text = _date_text(sent.text, found[1]) if found else None
        # Only a visit verb opens a visit; "在X，…" merely continues one (在国新办发布会上 is no visit).
        new_day = current is not None and found is not None and when != current.date
        opens = bool(visitors and verbs) and (current is None or new_day)
        if not opens and not visitors and verbs and new_day and current is not None and _continues(sent, current):
            # "4日上午，代表团走进…": another day of the same visitors (一行, 代表团) without naming them again
            opens, visitors = True, list(current.visitors)
        if opens:
            current = _Event(date=when, date_text=when_text, start=sent.start, end=sent.end)
            current.date_source = "body" if when else None
            if when is None and when_text is None and pub is not None:
                recent = _RECENT.search(sent.text)
                # 近日/日前 (or no date at all) in a news report: the day of publication (the real gold's
                # convention); an unresolvable written date (5月30日 on an undated page) stays open
                current.date, current.date_text = pub, recent.group() if recent else None
                current.date_source = "recent" if recent else "published"
            events.append(current)
        if current is None:
            continue
        if not visitors and not _continues(sent, current):
            continue
        current.end = max(current.end, sent.end)
        for v in visitors:
            if v not in current.visitors:
                current.visitors.append(v)
        for a in _accompanying(r, sent.text, in_sent):
            if a not in current.visitors and a not in current.accompanying:
                current.accompanying.append(a)
        named = [*_visited(r, sent.text, in_sent, lead_org), *_referred(r, sent.text, in_sent, mentions, first)]
        for name in [*named, *_phrase_hosts(r, sent.text, in_sent)]:
            if name not in current.visited and name not in current.visitors:
                current.visited.append(name)
        found_place = _place(r, sent.text, in_sent)
        if found_place is not None and (current.place is None or _inside(found_place, current.place)):
            current.place = found_place  # the finest place named: 湖南 (the trip) -> 长沙 (that day)
    return [ev.to_json() for ev in _drop_summaries([ev for ev in events if ev.visitors])]


_RECENT = re.compile(r"近日|日前|近期|今天|今日")


def _drop_summaries(events: list[_Event]) -> list[_Event]:
    """A lead paragraph summing up a tour (习近平近日在陕西考察时强调…) is no visit of its own when the
    report goes on with dated visits of the same lead visitor: it is dropped, its companions passed on."""
    out = []
    for i, ev in enumerate(events):
        later = [e for e in events[i + 1 :] if e.date_source == "body" and e.visitors[:1] == ev.visitors[:1]]
        if ev.date_source in ("recent", "published") and later and not ev.visited:
            for a in ev.accompanying:
                if a not in later[0].accompanying:
                    later[0].accompanying.append(a)
            continue
        out.append(ev)
    return out


def _accompanying(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]]) -> list[str]:
    """Officials named with 陪同/参加调研 (or 在X陪同下): they go along, they do not lead the visit."""
    escorts = [(m.start(), m.end()) for m in _ESCORT.finditer(s)]
    out: list[str] = []
    for start, end, m in in_sent:
        if m.kind != "person" or m.name in out:
            continue
        clause_start = max((c.end() for c in _CLAUSE.finditer(s, 0, start)), default=0)
        clause_end_m = _CLAUSE.search(s, end)
        clause = s[clause_start : clause_end_m.start() if clause_end_m else len(s)]
        if any(a <= start < b for a, b in escorts) or r.accompany_re.search(clause[clause.find(m.name) :]):
            out.append(m.name)
    return out


def _date_text(s: str, at: int) -> str:
    """The date as written (kept when it cannot be resolved: 5月30日 on an undated page)."""
    m = _DATE_TEXT.match(s, at)
    return m.group() if m else s[at : at + 6]


_DATE_TEXT = re.compile(r"(?:\d{4}\s*年)?\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2}|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日|\d{1,2}日|今天|今日|昨天|昨日|前天|前日|(?:上周|本周|这周)[一二三四五六日天]")


def _visit_verbs(r: _Rules, s: str) -> list[int]:
    """Offsets of visit verbs that are not part of an accompanying phrase (参加调研)."""
    masked = r.accompany_re.sub(lambda m: "＿" * len(m.group()), s)
    return [m.start() for m in r.verb_re.finditer(masked)]


def _leading_org(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]]) -> Mention | None:
    """The organisation in a clause opening "在X，" (在贝特瑞…公司，黄坤明听取…)."""
    for s0, _e, m in in_sent:
        if _visitable(r, m) and s0 <= 3 and s[:s0].strip("　 ").endswith("在"):
            return m
    return None


def _visitable(r: _Rules, m: Mention) -> bool:
    """Organisations and platforms, and zones that entity typing left as places (湘江新区)."""
    return m.kind in r.visited_kinds or (m.kind == "place" and m.name.endswith(r.zone_suffixes))


def _is_official(r: _Rules, s: str, start: int, end: int, m: Mention) -> bool:
    """A person with a government title in their roles, right before the name or right after it."""
    for role in m.attrs.get("roles") or []:
        if isinstance(role, dict) and r.title_re.search(str(role.get("title") or "")):
            return True
    if r.title_re.search(s[max(0, start - 10) : start]):
        return True
    return bool(r.title_re.match(s, end))  # 习近平总书记, 李强总理


def _visitors(
    r: _Rules, sent: Sentence, in_sent: list[tuple[int, int, Mention]], verbs: list[int], current: _Event | None
) -> list[str]:
    """Persons leading the visit: named before a visit verb, not accompanying, not hosts."""
    s = sent.text
    out: list[str] = []
    last_verb = verbs[-1] if verbs else len(s)
    # 在省长许文涛，市委书记曹建平陪同下，…: everyone named between 在 and 陪同下 accompanies
    escorts = [(m.start(), m.end()) for m in _ESCORT.finditer(s)]
    for start, end, m in in_sent:
        if m.kind != "person" or start > last_verb or any(a <= start < b for a, b in escorts):
            continue
        clause_start = max((c.end() for c in _CLAUSE.finditer(s, 0, start)), default=0)
        clause_end_m = _CLAUSE.search(s, end)
        # the escort phrase (在市长王刚陪同下) says who goes along, not that the named visitor does
        unescorted = _ESCORT.sub(lambda x: "＿" * len(x.group()), s)
        clause = unescorted[clause_start : clause_end_m.start() if clause_end_m else len(s)]
        if r.accompany_re.search(clause) or r.host_re.search(s[clause_start:start]):
            continue
        if r.cited_re.search(s[end : end + 24]):
            continue  # 贯彻落实习近平总书记视察广东重要讲话精神: cited, not visiting
        known = current is not None and m.name in current.visitors
        if (known or _is_official(r, s, start, end, m)) and m.name not in out:
            out.append(m.name)
    return out


def _continues(sent: Sentence, current: _Event) -> bool:
    """A sentence without a named visitor continues the report when it follows within two paragraphs."""
    return sent.start - current.end < 400


def _visited(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]], lead: Mention | None) -> list[str]:
    """Organisations named after a visit verb in the same clause, or opening the sentence with 在."""
    out: list[str] = [lead.name] if lead else []
    verb_ends = [m.end() for m in r.org_verb_re.finditer(r.accompany_re.sub(lambda x: "＿" * len(x.group()), s))]
    for start, end, m in in_sent:
        if not _visitable(r, m) or m.name in out:
            continue
        before = [v for v in verb_ends if v <= start]
        if not before:
            continue
        gap = s[before[-1] : start]
        if _CLAUSE.search(gap) or "。" in gap:
            continue
        if m.kind == "government" and len(_list_gap(gap, s, before[-1], in_sent)) > 2:
            continue  # 来到市科技局 is a visit; 调研天津市委… is the visitor's own body
        if s[max(0, start - 2) : start].endswith("位于") or s[end : end + 1] == "的" and "位于" in gap:
            continue  # 走进位于X的Y: X is where Y is, not what was visited
        if m.kind == "government" and r.title_re.match(s, end):
            continue  # 中共中央总书记…习近平: the visitor's title, not a host
        out.append(m.name)
    return out


def _phrase_hosts(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]]) -> list[str]:
    """Hosts no entity names (田铺乡田铺大塆, 鄂豫皖苏区首府烈士陵园): the items of the phrase after a visit
    verb, up to the clause end, that end with a host word; parts of a named mention are left to it."""
    out: list[str] = []
    masked = r.accompany_re.sub(lambda x: "＿" * len(x.group()), s)
    for v in r.host_verb_re.finditer(masked):
        end_m = re.compile(r"[，,。；;：:（(]").search(s, v.end())
        phrase_end = end_m.start() if end_m else len(s)
        at = v.end()
        for item in re.split(r"(?:、|和|以及|及)", s[v.end() : phrase_end]):
            a, b = at, at + len(item)
            at = b + 1
            # a 的 inside quotes is part of the name (“半条被子的温暖”专题陈列馆)
            unquoted = re.sub(r"“[^”]*”", lambda q: "＿" * len(q.group()), item)
            de_raw = unquoted.rfind("的")
            item = item[de_raw + 1 :] if 0 <= de_raw < len(item) - 3 else item  # 光山县西南部的文殊乡东岳村
            name = re.sub(r"^(?:了|位于[^的]{1,12}的|当地的?|这里的?|第[一二三四五六七八九十]站(?:就是|是)?|老字号)", "", item)
            name = name.replace("“", "").replace("”", "").strip("\" ")
            if not 3 <= len(name) <= 20 or not r.host_suffix_re.search(name) or r.head_re.fullmatch(name):
                continue  # 研究院 alone refers back to a named one (_referred)
            if any(x < b and a < y and _visitable(r, m) for x, y, m in in_sent):
                continue  # a named organisation covers it: _visited decides
            out.append(name)
    return out


def _list_gap(gap: str, s: str, at: int, in_sent: list[tuple[int, int, Mention]]) -> str:
    """The gap between a verb and a mention without the other names listed in it and list separators:
    "来到A、B和C" leaves nothing between 来到 and C."""
    chars = list(gap)
    for a, b, _m in in_sent:
        for i in range(max(a, at), min(b, at + len(gap))):
            chars[i - at] = ""
    return re.sub(r"[、和与及以及]", "", "".join(chars))


def _referred(
    r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]], mentions: list[tuple[int, int, Mention]], before: int
) -> list[str]:
    """Short generic names right after a visit verb that refer back to an entity named before:
    "…成立的中国科学院深圳先进技术研究院。黄坤明走进研究院" -> 中国科学院深圳先进技术研究院."""
    out: list[str] = []
    masked = r.accompany_re.sub(lambda x: "＿" * len(x.group()), s)
    covered = [(a, b) for a, b, _m in in_sent]
    for v in r.org_verb_re.finditer(masked):
        head = r.head_re.match(s, v.end())
        if not head or any(a <= head.start() < b for a, b in covered):
            continue
        for m in _latest_first(mentions, before):
            if m.kind in r.visited_kinds and m.name.endswith(head.group()) and m.name != head.group():
                out.append(m.name)
                break
    return out


def _latest_first(mentions: list[tuple[int, int, Mention]], before: int) -> Iterator[Mention]:
    """Mentions among the first `before` (sorted by start), latest start first, ties in their given order."""
    # lazily: the caller usually stops at the first match, so no per-sentence copy of all earlier mentions
    hi = before
    while hi > 0:
        lo = hi - 1
        while lo > 0 and mentions[lo - 1][0] == mentions[hi - 1][0]:
            lo -= 1
        for _s, _e, m in mentions[lo:hi]:
            yield m
        hi = lo


def _inside(inner: Mention, outer: Mention) -> bool:
    """True when place `inner` lies within place `outer` (its province/city/parent is `outer`)."""
    names = {outer.name, *outer.aliases, str(outer.attrs.get("official") or "")}
    chain = {inner.attrs.get(k) for k in ("parent", "province", "city")} - {None, inner.attrs.get("official")}
    return inner.name not in names and bool(names & {str(c) for c in chain})


def _place(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]]) -> Mention | None:
    """The place right after 前往/赴/调研… ("前往深圳市", "调研天津市科技创新工作")."""
    verb_ends = [m.end() for m in r.place_verb_re.finditer(s)]
    for start, _end, m in in_sent:
        if m.kind != "place":
            continue
        if any(0 <= start - v <= 2 for v in verb_ends):
            return m
    return None
