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
# 应国家主席习近平邀请: the inviting host, not the visitor
_INVITE = re.compile(r"应[^。；;，,]{2,40}?邀请")


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
    city: str | None = None  # the city of the stop (one event per date and city), 市 dropped

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
        # plain verbs, then guarded ones (深入 a zone, not 深入推进): regex patterns from the data file
        self.org_verb_re = re.compile(
            "|".join([alternation(d["org_verbs"]), *d.get("org_verb_patterns", [])])
        )
        # The visit verb after an accompanying word belongs to it: 分别陪同调研, 参加考察.
        self.accompany_re = re.compile(f"(?:{alternation(d['accompany'])})(?:调研|考察|视察|检查|参观)?")
        self.visited_kinds = set(d["visited_kinds"])
        self.attend_re = re.compile(alternation(d["attend_verbs"]))
        self.village_facility_re = re.compile(
            f"^(?P<host>.{{2,}}?(?:{alternation(d['village_units'])}))(?:{alternation(d['village_facilities'])})$"
        )
        # 他 as a word, not inside 其他, 他们 or 他人
        self.referring_re = re.compile(f"(?<!其)(?:{alternation(d['referring_subjects'])})(?![们人])")
        self.move_re = re.compile(alternation(d["move_verbs"]))
        self.admin_heads = tuple(d["admin_heads"])
        self.looking_re = re.compile(alternation(d["looking_verbs"]))
        self.same_tail_re = re.compile(f"(?:{alternation(d['same_host_tails'])})$")
        self.uni_part_re = re.compile("|".join(d["university_parts"]))
        self.universities = tuple(d["universities"])
        self.title_re = re.compile(alternation(d["official_titles"]))
        self.history_re = re.compile(alternation(d["history"]))
        self.host_re = re.compile(alternation(d["host_before"]))
        self.head_re = re.compile(alternation(d["generic_heads"]))
        self.zone_suffixes = tuple(d["zone_suffixes"])
        self.park_suffixes = tuple(d.get("park_suffixes") or ())
        self.cited_re = re.compile(alternation(d["cited_after"]))
        self.host_verb_re = re.compile(alternation(d["host_verbs"]))
        self.host_suffix_re = re.compile(f"(?:{alternation(d['host_suffixes'])})$")
        self.compound_re = re.compile(f"(?:总书记)?(?:{alternation(d['name_compounds'])})")
        self.history_lead_re = re.compile(f"{alternation(d['history_lead'])}|{d['history_count']}")
        self.speech_re = re.compile(f"(?:{alternation(d['speech_verbs'])})[，,：:]")
        self.topic_re = re.compile(f"(?:{alternation(d['topic_verbs'])})")
        self.part_re = re.compile(f"^(?:{alternation(d['part_prefixes'])})")
        self.lead_word_re = re.compile(f"^(?:{alternation(d['lead_words'])})")
        sites = alternation(d.get("site_suffixes") or ["水库"])
        # 徐闻县大水桥水库, 三亚市崖州湾科技城: a site is named without the division it lies in
        self.admin_prefix_re = re.compile(
            rf"^[\u4e00-\u9fff]{{1,5}}?(?:省|市|县|区|乡|镇)(?=[\u4e00-\u9fff]{{2,}}(?:{sites})$)"
        )
        # 西安交通大学兴庆校区, 雄安会展中心雄安厅: the host is the whole, not its part
        self.sub_part_re = re.compile(
            rf"^(?P<host>.{{3,}}?(?:{alternation(d['host_suffixes'])}))[\u4e00-\u9fff]{{1,4}}(?:{alternation(d.get('sub_parts') or ['校区'])})$"
        )
        self.category_re = re.compile(
            f"^(?:{alternation(d['category_prefixes'])})*(?:{alternation(d['host_suffixes'])})$"
        )
        self.recent_re = re.compile(alternation(d["recent_words"]))
        self.same_day_re = re.compile(alternation(d["same_day_words"]))
        self.recalled_re = re.compile(alternation(d["recalled_frames"]))
        self.state_visit_re = re.compile(
            rf"对(?P<x>[^，,。；]{{2,12}}?)进行(?:{alternation(d['state_visit_kinds'])})?访问"
        )
        self.join_re = re.compile(
            f"(?<![{''.join(d['join_not_after'])}])[和及](?![{''.join(d['join_not_before'])}])"
        )


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
    last_city: str | None = None  # the city the tour was last seen in (a day without a city stays there)
    recalled = False  # the page looks back on earlier visits (a feature, not a report of one)
    for sent in sentences(text):
        if excluded and overlaps_excluded(sent.start, sent.end, excluded):
            continue
        verbs = _visit_verbs(r, sent.text)
        told = r.history_re.search(sent.text)
        if told and (not verbs or told.start() < verbs[-1]):
            continue  # 师生回忆了…习近平总书记亲临视察时的场景; not "…驻足察看，回忆当年的历史" (after the visit verbs)
        first = bisect_left(starts, sent.start)
        in_sent = [
            (s - sent.start, e - sent.start, m)
            for s, e, m in mentions[first : bisect_right(starts, sent.end)]
            if e <= sent.end
        ]
        lead_org = _leading_org(r, sent.text, in_sent)
        lead_phrase = _leading_phrase(r, sent.text, in_sent)
        if lead_phrase is not None:
            lead_org = (
                None  # 在中央红军长征出发纪念馆内，: the whole phrase is the host, not the name inside it
            )
        if not verbs and lead_org is None and lead_phrase is None:
            if current is not None and _continues(sent, current):
                _add_visited(
                    current,
                    [*_topic_hosts(r, text, sent, in_sent, current), *_briefed_zone(r, sent.text, in_sent)],
                )
            continue
        if verbs and r.history_lead_re.search(sent.text[: verbs[0]]):
            recalled = True
            continue  # 党的十八大以来，习近平总书记三次到山东考察: a look back, not the visit reported
        visitors = _visitors(r, sent, in_sent, verbs, current)
        anchor = current.date if current else None
        head = sent.text[: verbs[-1] if verbs else len(sent.text)]
        found = find_date(head, pub, anchor)
        same_day = r.same_day_re.search(head)
        if found is None and same_day and current is not None:
            found = (current.date, same_day.start())  # 当天下午: the day of the report so far
        when = found[0] if found else None
        if _looks_back(head, when, pub):
            recalled = True
            continue  # 2020年9月，习近平总书记来到湖南: an earlier visit recalled in a feature
        when_text = _date_text(sent.text, found[1]) if found else None
        city = _city(r, sent.text, in_sent, verbs)
        # Only a visit verb opens a visit; "在X，…" merely continues one (在国新办发布会上 is no visit).
        new_day = current is not None and found is not None and when != current.date
        # one event per date and city: "8日下午，习近平来到宜宾市" after a morning in 眉山 is another visit
        was_in = (current.city or last_city) if current is not None else None
        moved = (
            current is not None
            and found is not None
            and not new_day
            and None not in (city, was_in)
            and city != was_in
        )
        referred = bool(verbs) and r.referring_re.search(sent.text, 0, verbs[0]) is not None
        if current is not None and found is None and verbs and (visitors or referred):
            # "离开光山县，习近平来到郑州市": an undated sentence travelling to another city is the next stop of
            # the same day
            to = _moved_to(r, sent.text, in_sent)
            if None not in (to, was_in) and to != was_in:
                moved, when, when_text, city = True, current.date, current.date_text, to
        opens = bool(visitors and verbs) and (
            current is None or new_day or moved or _other_lead(r, text, sent, in_sent, visitors, current)
        )
        if (
            not opens
            and not visitors
            and verbs
            and (new_day or moved)
            and current is not None
            and (_continues(sent, current) or referred)
        ):
            # "4日上午，代表团走进…", "17日下午，总书记来到…": another day of the same visitors (一行, 代表团, 他)
            # without naming them again
            opens, visitors = True, list(current.visitors)
        if opens:
            source = current.date_source if current is not None and found is None and moved else None
            current = _Event(date=when, date_text=when_text, start=sent.start, end=sent.end)
            current.date_source = source or ("body" if when else None)
            if when is None and when_text is None and pub is not None:
                recent = r.recent_re.search(sent.text)
                # 近日/日前 (or no date at all) in a news report: the day of publication (the real gold's
                # convention); an unresolvable written date (5月30日 on an undated page) stays open
                current.date, current.date_text = pub, recent.group() if recent else None
                current.date_source = "recent" if recent else "published"
            events.append(current)
        if current is None:
            continue
        if not visitors and not referred and not _continues(sent, current):
            continue
        current.end = max(current.end, sent.end)
        if current.city is None and city is not None:
            current.city = city
        last_city = current.city or last_city
        for v in visitors:
            if v not in current.visitors:
                current.visitors.append(v)
        for a in _accompanying(r, sent.text, in_sent):
            if a not in current.visitors and a not in current.accompanying:
                current.accompanying.append(a)
        lead_end = lead_phrase[1] if lead_phrase else 0
        named = [
            *([lead_phrase[0]] if lead_phrase else []),
            *_visited(r, sent.text, in_sent, lead_org, lead_end),
            *_referred(r, sent.text, in_sent, mentions, first, text),
            *_here(r, sent, mentions, first),
            *_briefed_zone(r, sent.text, in_sent),
        ]
        _add_visited(
            current, [*named, *_phrase_hosts(r, sent.text, in_sent), *_state_visit(r, sent.text, in_sent)]
        )
        found_place = _place(r, sent.text, in_sent)
        if found_place is not None and (current.place is None or _inside(found_place, current.place)):
            current.place = found_place  # the finest place named: 湖南 (the trip) -> 长沙 (that day)
    # an undated mention with nothing visited (习近平总书记在湖南考察时强调…), or an undated "在山东考察时，
    # 来到…" (a feature recalling a visit) reports no visit
    kept = [ev for ev in events if ev.visitors and not _mention_only(ev, text, recalled)]
    for ev in kept:
        _tidy_hosts(r, ev)
    return [ev.to_json() for ev in _drop_hostless(_drop_summaries(kept))]


def _tidy_hosts(r: _Rules, ev: _Event) -> None:
    """Hosts that are no host of their own: a host named again with a tail (雄安城际站枢纽 beside 雄安城际站)
    and, on a visit to a university, one of its schools named by its field (美术学院)."""
    uni = any(h.endswith(r.universities) for h in ev.visited)
    out: list[str] = []
    for h in ev.visited:
        if any(o != h and h.startswith(o) and r.same_tail_re.fullmatch(h[len(o) :]) for o in ev.visited):
            continue
        if uni and r.uni_part_re.fullmatch(h):
            continue
        out.append(h)
    ev.visited = out


def _mention_only(ev: _Event, text: str, recalled: bool) -> bool:
    """An undated visit (no date, no 近日) that only mentions one: with nothing visited and no city or county
    (习近平总书记再次亲临西藏视察 in a work report), or, on a page looking back on earlier visits, with nothing
    visited or framed as "在山东考察时，来到…" (a feature recalling the visit)."""
    if ev.date_source != "published":
        return False
    local = ev.place is not None and ev.place.attrs.get("level") in _ADMIN_LEVELS
    if not ev.visited and not local:
        return True
    return recalled and (not ev.visited or bool(_rules().recalled_re.search(text, ev.start, ev.end)))



def _own_stop(ev: _Event, others: list[_Event]) -> bool:
    """A dated stop in a city no other stop of the visitor is in (来到郑州市 after days in 信阳)."""
    if ev.date_source != "body" or ev.place is None or ev.place.attrs.get("level") not in _ADMIN_LEVELS:
        return False
    city = _city_of(ev.place)
    return city is not None and not any(e.city in (city, None) for e in others)


def _drop_hostless(events: list[_Event]) -> list[_Event]:
    """In a report of several stops of the same lead visitor, a day where nothing is visited (听取省委汇报
    after the tour) is no visit of its own: it is dropped, its companions passed on."""
    out = []
    for ev in events:
        others = [e for e in events if e is not ev and e.visited and e.visitors[:1] == ev.visitors[:1]]
        if not ev.visited and _own_stop(ev, others):
            out.append(ev)  # "17日，习近平来到郑州市，…" with hosts no rule found: still that day's visit
            continue
        if not ev.visited and ev.place is None or not ev.visited and others:
            if others:
                others[0].accompanying.extend(a for a in ev.accompanying if a not in others[0].accompanying)
            if others or ev.date_source == "body":
                continue
        out.append(ev)
    return out


def _add_visited(ev: _Event, names: list[str]) -> None:
    """Append hosts not yet listed (and not the visitors themselves)."""
    r = _rules()
    for name in [part for joined in names for part in _split_joined(r, joined)]:
        name = _host_name(r, name)
        if name not in ev.visited and name not in ev.visitors and not r.part_re.match(name):
            ev.visited.append(name)



_LEGAL_FORMS = ("有限公司", "有限责任公司")


def _split_joined(r: _Rules, name: str) -> list[str]:
    """Two hosts joined by 和/及 in one name, when both parts are names of four or more characters and the
    second ends with a host word (雄安城际站及国贸中心 -> 雄安城际站, 国贸中心)."""
    for m in r.join_re.finditer(name):
        left, right = name[: m.start()], name[m.end() :]
        if len(left) >= 4 and len(right) >= 4 and r.host_suffix_re.search(right) and "（" not in left:
            if right.endswith(_LEGAL_FORMS) and not r.host_suffix_re.search(left):
                continue  # one company's legal name (北京怀柔仪器和传感器有限公司): its business scope holds 和
            return [left, right]
    return [name]


def _host_name(r: _Rules, name: str) -> str:
    """A host's own name: without the division a site lies in (槐店乡司马光油茶园 -> 司马光油茶园; a village
    keeps its township, 水满乡毛纳村) and without the part of it visited (西安交通大学兴庆校区)."""
    part = r.sub_part_re.match(name) or r.village_facility_re.match(name)
    name = part.group("host") if part else name
    # 云南省昆明市滇池星海半岛生态湿地: every division before the site goes
    while (m := r.admin_prefix_re.match(name)) and len(name) - m.end() >= 4:
        name = name[m.end() :]
    return name


_YEAR_MONTH = re.compile(r"((?:19|20)\d\d)\s*年(?:\s*(\d{1,2})\s*月)?")
_LOOK_BACK_DAYS = 60  # a news report tells of a visit days after it: older dates are recollections


def _looks_back(head: str, when: date | None, pub: date | None) -> bool:
    """True when the date before the visit verb lies well before publication (2017年12月, 2020年9月)."""
    if pub is None:
        return False
    if when is not None:
        return (pub - when).days > _LOOK_BACK_DAYS
    for m in _YEAR_MONTH.finditer(head):
        month = int(m.group(2)) if m.group(2) else 12
        if 1 <= month <= 12 and (pub - date(int(m.group(1)), month, 28)).days > _LOOK_BACK_DAYS:
            return True
    return False


_ADMIN_LEVELS = ("city", "county", "district")


def _city_of(m: Mention) -> str | None:
    """The city a place or an organisation lies in (市 dropped), when known: 光山县 -> 信阳, 郑州… -> 郑州."""
    if m.kind == "place":
        if m.attrs.get("level") not in _ADMIN_LEVELS:
            return None
        name = str(m.attrs.get("city") or m.attrs.get("official") or m.name)
    else:
        name = str(m.attrs.get("place") or "")
        if not name.endswith("市"):
            return None
    return name.removesuffix("市") or None


def _other_lead(
    r: _Rules,
    text: str,
    sent: Sentence,
    in_sent: list[tuple[int, int, Mention]],
    visitors: list[str],
    ev: _Event,
) -> bool:
    """Another leader's visit told after this one ("20日，李强在江苏调研…。同日，王沪宁在浙江调研"): no visitor
    named is one of the visit's visitors or companions, and the sentence opens a new paragraph or names a place
    outside the visit's."""
    if any(v in ev.visitors or v in ev.accompanying for v in visitors):
        return False
    if "\n" in text[ev.end : sent.start + 1]:
        return True
    where = _place(r, sent.text, in_sent)
    return (
        where is not None
        and ev.place is not None
        and where.name != ev.place.name
        and not _inside(where, ev.place)
    )


def _moved_to(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]]) -> str | None:
    """The city a travel verb goes to when a city, county or district follows it right away (来到郑州市)."""
    for v in r.move_re.finditer(_mask(r, s)):
        for start, _end, m in in_sent:
            near = 0 <= start - v.end() <= 2 and not _CLAUSE.search(s, v.end(), start)
            if near and m.kind == "place" and m.attrs.get("level") in _ADMIN_LEVELS:
                return _city_of(m)
    return None


def _city(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]], verbs: list[int]) -> str | None:
    """The city the sentence's visit goes to: the first city-level place (or located organisation) after
    the first visit verb ("来到宜宾市", "到海南岛中南部的五指山市", "来到郑州煤矿机械集团…")."""
    if not verbs:
        return None
    clause_start = max((c.end() for c in _CLAUSE.finditer(s, 0, verbs[0])), default=0)  # 12日在广州市考察调研
    for start, _end, m in in_sent:
        if start < clause_start or not (m.kind == "place" or _visitable(r, m)):
            continue
        c = _city_of(m)
        if c is not None:
            return c
    return None



def _state_visit(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]]) -> list[str]:
    """The country of a state or official visit (对哈萨克斯坦进行国事访问)."""
    m = r.state_visit_re.search(s)
    if not m:
        return []
    return [x.name for a, _b, x in in_sent if x.kind == "place" and a == m.start("x")][:1]


def _topic_hosts(
    r: _Rules, text: str, sent: Sentence, in_sent: list[tuple[int, int, Mention]], ev: _Event
) -> list[str]:
    """Hosts introduced at the head of a sentence that the visitors then act in, the CCTV way of opening a
    stop: "陕西汽车控股集团有限公司是西北地区有影响力的制造企业。习近平详细了解…", "交大西迁博物馆坐落于西安
    交通大学兴庆校区。…习近平仔细端详…", "位于老县镇蒋家坪村的女娲凤凰茶业现代示范园区，属于…". The place it
    stands in (坐落于/位于 an organisation) is visited too."""
    end = text.find("\n", sent.end)
    rest = text[sent.end : end if end >= 0 else len(text)]  # the rest of the paragraph
    if not any(v in rest for v in ev.visitors):
        return []
    s = sent.text
    located = _LOCATED_HEAD.match(s)
    if located:  # 位于X的Y，…
        name, at = _host_phrase(r, s, located.start("y"), located.end("y"), in_sent), located.end("y")
        return [name] if name else []
    head = next((m for a, _b, m in in_sent if a == 0), None)
    at = len(head.name) if head is not None and s.startswith(head.name) else 0
    if head is not None and at and _visitable(r, head):
        name = head.name
    else:
        lead = re.match(f"([^，,、；;“”]{{3,20}}?)(?=[，,]?(?:{r.topic_re.pattern}))", s)
        if lead is None:
            return []
        at = lead.end()
        name = _host_phrase(r, s, 0, at, in_sent)
        if not name or any(b == at and m.kind == "place" and m.attrs.get("level") for _a, b, m in in_sent):
            return []  # 信阳市光山县位于大别山…: a county, not a host
    verb = r.topic_re.match(s, at + (s[at : at + 1] in "，,"))
    if verb is None:
        return []
    out = [name]
    if verb.group() in ("坐落于", "坐落在", "位于"):
        out += [m.name for a, _b, m in in_sent if a == verb.end() and _visitable(r, m)]
    return out


_LOCATED_HEAD = re.compile(r"位于[^，,。的]{1,20}的(?P<y>[^，,。的]{3,20})[，,]")


def _host_phrase(r: _Rules, s: str, a: int, b: int, in_sent: list[tuple[int, int, Mention]]) -> str | None:
    """s[a:b] as a host no entity names: ends with a host word, is not a kind (国家公园) nor a part of a
    host (公司展厅); a visitable mention spanning it wins."""
    named = [m for x, y, m in in_sent if x == a and y == b and _visitable(r, m)]
    if named:
        return named[0].name
    name = s[a:b].replace("“", "").replace("”", "")
    if not 3 <= len(name) <= _MAX_HOST or not r.host_suffix_re.search(name) or r.head_re.fullmatch(name):
        return None
    if r.category_re.fullmatch(name) or r.part_re.match(name):
        return None
    return name



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


_DATE_TEXT = re.compile(
    r"(?:\d{4}\s*年)?\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2}|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日|\d{1,2}日|次日|翌日|第二天|当天|当日|今天|今日|昨天|昨日|前天|前日|(?:上周|本周|这周)[一二三四五六日天]"
)


def _mask(r: _Rules, s: str) -> str:
    """`s` with accompanying phrases (参加调研) and reported speech (习近平说，今天我来看望大家) blanked out."""
    masked = r.accompany_re.sub(lambda m: "＿" * len(m.group()), s)
    speech = r.speech_re.search(masked)
    return masked[: speech.end()] + "＿" * (len(masked) - speech.end()) if speech else masked


def _visit_verbs(r: _Rules, s: str) -> list[int]:
    """Offsets of visit verbs that are not part of an accompanying phrase (参加调研) or of speech, nor said
    in the first person (今天我专门来这里看望乡亲们)."""
    out = []
    for m in r.verb_re.finditer(_mask(r, s)):
        clause_start = max((c.end() for c in _CLAUSE.finditer(s, 0, m.start())), default=0)
        if "我" not in s[clause_start : m.start()]:
            out.append(m.start())
    return out


def _leading_org(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]]) -> Mention | None:
    """The organisation in a clause opening "在X，" (在贝特瑞…公司，黄坤明听取…); of names starting there, the
    longest (中央红军长征出发纪念馆, not 中央红军)."""
    found = [(e - s0, m) for s0, e, m in in_sent
             if (_visitable(r, m) or _site(r, m)) and s0 <= 3 and s[:s0].strip("　 ").endswith("在")]  # fmt: skip
    return max(found, key=lambda x: x[0])[1] if found else None


# "在中央红军长征出发纪念馆内，": a host the sentence stands inside (内/里), named by a phrase
_INSIDE = re.compile(r"^[\s\u3000]*在(?P<x>[^，,。；;、：:]{3,30}?)(?:内|里)[，,]")


def _leading_phrase(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]]) -> tuple[str, int] | None:
    """The host of a sentence opening "在X内，" when no mention names X whole: (X, where X ends)."""
    m = _INSIDE.match(s)
    if not m or any(a == m.start("x") and b == m.end("x") for a, b, _m in in_sent):
        return None
    name = _host_phrase(r, s, m.start("x"), m.end("x"), in_sent)
    return (name, m.end("x")) if name else None


def _site(r: _Rules, m: Mention) -> bool:
    """A place the tagger named that is a host, not a division: a village, a reserve (水满乡毛纳村,
    五指山国家级自然保护区); not a kind (国家公园) nor a part of a host (村卫生站)."""
    if m.kind != "place" or m.attrs.get("level") or not r.host_suffix_re.search(m.name):
        return False
    return not (r.category_re.fullmatch(m.name) or r.part_re.match(m.name) or r.head_re.fullmatch(m.name))


def _visitable(r: _Rules, m: Mention) -> bool:
    """Organisations and platforms, and zones that entity typing left as places (湘江新区)."""
    return m.kind in r.visited_kinds or (
        m.kind == "place" and m.name.endswith(r.zone_suffixes) and not m.attrs.get("level")
    )  # 浦东新区 is a district, not a zone


def _is_official(r: _Rules, s: str, start: int, end: int, m: Mention) -> bool:
    """A person with a government title in their roles, right before the name or right after it."""
    for role in m.attrs.get("roles") or []:
        if isinstance(role, dict) and r.title_re.search(str(role.get("title") or "")):
            return True
    if r.title_re.search(s[max(0, start - 10) : start]):
        return True
    return bool(r.title_re.match(s, end))  # 习近平总书记, 李强总理


def _visitors(
    r: _Rules,
    sent: Sentence,
    in_sent: list[tuple[int, int, Mention]],
    verbs: list[int],
    current: _Event | None,
) -> list[str]:
    """Persons leading the visit: named before a visit verb, not accompanying, not hosts."""
    s = sent.text
    out: list[str] = []
    last_verb = verbs[-1] if verbs else len(s)
    # 在省长许文涛，市委书记曹建平陪同下，…: everyone named between 在 and 陪同下 accompanies
    escorts = [(m.start(), m.end()) for x in (_ESCORT, _INVITE) for m in x.finditer(s)]
    for start, end, m in in_sent:
        if m.kind != "person" or start > last_verb or any(a <= start < b for a, b in escorts):
            continue
        if r.compound_re.match(s, end):
            continue  # 习近平新时代中国特色社会主义思想, 以习近平同志为核心的党中央
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


def _visited(
    r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]], lead: Mention | None, lead_end: int = 0
) -> list[str]:
    """Organisations named after a visit verb in the same clause, or opening the sentence with 在 (`lead`,
    or a host phrase no mention names ending at `lead_end`)."""
    out: list[str] = [lead.name] if lead else []
    verb_ends = [m.end() for m in r.org_verb_re.finditer(_mask(r, s))]
    for start, end, m in in_sent:
        if not _visitable(r, m) or m.name in out or start < lead_end:
            continue
        if any(a <= start and end <= b and b - a > end - start and _visitable(r, x) for a, b, x in in_sent):
            continue  # 中央红军 inside 中央红军长征出发纪念馆: the longer name is the host
        if _modifier(r, s, end, m):
            continue  # 察看了中央红军长征出发地旧址: the body names what is visited, it is not visited
        before = [v for v in verb_ends if v <= start]
        if not before:
            continue
        gap = s[before[-1] : start]
        if _CLAUSE.search(gap) or "。" in gap or r.attend_re.search(gap):
            continue  # 在上海出席…博览会期间: the fair attended is no host
        if r.attend_re.match(s, end):
            continue  # 在上海展览中心出席…开幕式: the venue of a meeting, not a host visited
        if ((lead is not None and _visitable(r, lead)) or lead_end) and _looked_at(r, s, start):
            continue  # 在广汽研究院，…察看智能网联实验室: a part of the host the sentence stands in
        if m.kind == "government" and len(_list_gap(gap, s, before[-1], in_sent)) > 2:
            continue  # 来到市科技局 is a visit; 调研天津市委… is the visitor's own body
        # 走进位于X的Y: X (a park, a university) is visited too, as the real gold has it (崖州湾科技城 for
        # 位于三亚市崖州湾科技城的崖州湾种子实验室)
        if m.kind == "government" and r.title_re.match(s, end):
            continue  # 中共中央总书记…习近平: the visitor's title, not a host
        out.append(_with_lead(r, s, gap, m, in_sent, start, end))
    return out


def _modifier(r: _Rules, s: str, end: int, m: Mention) -> bool:
    """A body that is no site (中央红军, an army) named at the head of a longer noun phrase: the name runs on
    into plain characters (中央红军长征出发地旧址), so it qualifies what is visited."""
    if m.kind != "organization" or r.host_suffix_re.search(m.name):
        return False
    nxt = s[end : end + 2]
    return (
        bool(re.match(r"[\u4e00-\u9fff]{2}", nxt))
        and not _LIST_SEP.match(nxt)
        and not r.verb_re.match(nxt)
        and nxt[0] not in "的等"
    )


def _looked_at(r: _Rules, s: str, start: int) -> bool:
    """The name at `start` is an object of a looking verb in its clause (察看A、B等)."""
    clause_start = max((c.end() for c in _CLAUSE.finditer(s, 0, start)), default=0)
    return r.looking_re.search(s, clause_start, start) is not None


def _with_lead(
    r: _Rules, s: str, gap: str, m: Mention, in_sent: list[tuple[int, int, Mention]], start: int, end: int
) -> str:
    """The host's full name when the tagger cut its head off: 来到乐金显示广州制造基地 (tagged 广州制造基地),
    在国家百万亩绿色食品原料…示范区. A short run of plain characters right after the verb, with no name of
    its own, belongs to the host (when the mention is written as tagged, not an alias or official form)."""
    if (
        not 2 <= len(gap) <= 6
        or not re.fullmatch(r"[\u4e00-\u9fff]+", gap)
        or "的" in gap
        or r.lead_word_re.match(gap)
    ):
        return m.name
    if s[start:end] != m.name or any(b > start - len(gap) and a < start for a, b, _m in in_sent):
        return m.name
    return gap + m.name


def _phrase_hosts(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]]) -> list[str]:
    """Hosts no entity names (田铺乡田铺大塆, 鄂豫皖苏区首府烈士陵园): the items of the phrase after a visit
    verb, up to the clause end, that end with a host word; parts of a named mention are left to it."""
    out: list[str] = []
    masked = _mask(r, s)
    admin = sorted(
        {s[a:b] for a, b, m in in_sent if m.kind == "place" and m.attrs.get("level") in _ADMIN_LEVELS},
        key=len,
        reverse=True,
    )
    for v in r.host_verb_re.finditer(masked):
        end_m = re.compile(r"[，,。；;：:（(]").search(s, v.end())
        phrase_end = end_m.start() if end_m else len(s)
        if _CATEGORY_LIST.search(s, v.end(), phrase_end):
            continue  # 深入农村、社区、企业等进行调研: kinds of hosts, not hosts
        spans = _items(s, v.end(), phrase_end, in_sent)
        bare = [re.sub(r"^了", "", s[x:y][s[x:y].rfind("的") + 1 :]) for x, y in spans]
        if len(spans) >= 2 and sum(len(w) <= 2 for w in bare) >= 2:
            continue  # 深入赣州市的企业、农村、革命纪念馆: kinds of hosts (the last one too)
        if len(spans) >= 2 and r.part_re.match(bare[0]):
            continue  # 察看了社区电子加工厂、毛绒玩具厂…: the parts of the host visited, listed together
        for a, b in spans:
            item = (
                _SUBJECT_MATTER.sub("", r.verb_re.split(s[a:b], maxsplit=1)[0]) or s[a:b]
            )  # 金米村考察…情况
            item = _APPOSITION.split(item)[-1]  # 来到全国首个…试验区——浙江乌镇: the name after the dash
            # a 的 inside quotes is part of the name (“半条被子的温暖”专题陈列馆)
            unquoted = re.sub(r"“[^”]*”", lambda q: "＿" * len(q.group()), item)
            de_raw = unquoted.rfind("的")
            item = item[de_raw + 1 :] if 0 <= de_raw < len(item) - 3 else item  # 光山县西南部的文殊乡东岳村
            name = re.sub(
                r"^(?:了|位于[^的]{1,12}的|当地的?|这里的?|第[一二三四五六七八九十]站(?:就是|是)?|老字号)",
                "",
                item,
            )
            name = _WORKS_SITE.sub("", _TRAILING_VERB.sub("", name.strip('" ')))
            at = s.find(name, a, b)
            at = a if at < 0 else at
            # a city, county or zone before a town (眉山市东坡区太和镇永丰村, 东湖高新区左岭街道智苑社区): the
            # host is the town's unit, the rest is where it is
            prefixes = [*admin, *(s[x:y] for x, y, m in in_sent if x >= at and _visitable(r, m))]
            # a county or city before a village without its township (金寨县大湾村) goes too
            while (prefix := next((p for p in prefixes if name.startswith(p)
                                   and (_TOWN.match(name, len(p)) or _VILLAGE.fullmatch(name, len(p)))), None)):  # fmt: skip
                name, at = name[len(prefix) :], at + len(prefix)
            if any(x < at + len(name) and at < y and _visitable(r, m) for x, y, m in in_sent):
                continue  # a named organisation covers it: _visited decides
            name = name.replace("“", "").replace("”", "")
            # a two-character name counts when the tagger named it a place (宏村), not as a bare word (工厂)
            tagged = any(x == at and y == at + len(name) and m.kind == "place" for x, y, m in in_sent)
            if not (3 if not tagged else 2) <= len(name) <= _MAX_HOST or not r.host_suffix_re.search(name):
                continue
            if r.head_re.fullmatch(name):
                continue  # 研究院 alone refers back to a named one (_referred)
            if r.category_re.fullmatch(name) or r.part_re.match(name):
                continue  # 国家公园, 自然保护区 (a kind); 公司展厅, 村卫生站 (a part of the host visited)
            out.append(name)
    return out


# "考察了雄安站的建设运行情况": the host before the matter looked into
_SUBJECT_MATTER = re.compile(r"的[^的]{0,12}(?:情况|进展|工作|成效|成果)$")
_APPOSITION = re.compile(r"—{1,2}|－{1,2}")
_MAX_HOST = 30  # 国家863计划项目海水养殖种子工程南方基地
_LIST_SEP = re.compile(r"、|以及|和|及")


def _items(s: str, start: int, end: int, in_sent: list[tuple[int, int, Mention]]) -> list[tuple[int, int]]:
    """Spans of the items of the list s[start:end]; a 和 or 及 inside a name (太和镇) separates nothing."""
    out, at = [], start
    for sep in _LIST_SEP.finditer(s, start, end):
        if any(x <= sep.start() < y for x, y, _m in in_sent):
            continue
        out.append((at, sep.start()))
        at = sep.end()
    out.append((at, end))
    return out


# what is left after a city or county prefix must open with a town or township (太和镇…, 团山街道…):
# 三亚国际免税城 keeps its city
_TOWN = re.compile(r"[^镇乡街]{1,10}(?:镇|乡|街道)(?=.)")
_VILLAGE = re.compile(r"[^市县区镇乡村]{2,8}(?:村|社区|大塆|村寨)")
_CATEGORY_LIST = re.compile(r"等[^、，,。]{0,8}$")
# "来到济南遥墙国际机场二期改扩建项目现场": the host whose works are visited
_WORKS_SITE = re.compile(
    r"(?:[一二三四五六七八九十\d]+期)?(?:改扩建|扩建|新建|改造|建设)?(?:工程|项目)?(?:建设|施工)?(?:现场|工地)$"
)
_TRAILING_VERB = re.compile(r"(?:考察调研|调研指导|进行调研|考察|调研|视察|参观|检查|察看)+$")


def _list_gap(gap: str, s: str, at: int, in_sent: list[tuple[int, int, Mention]]) -> str:
    """The gap between a verb and a mention without the other names listed in it and list separators:
    "来到A、B和C" leaves nothing between 来到 and C."""
    chars = list(gap)
    for a, b, _m in in_sent:
        for i in range(max(a, at), min(b, at + len(gap))):
            chars[i - at] = ""
    return re.sub(r"[、和与及以及]", "", "".join(chars))


def _referred(
    r: _Rules,
    s: str,
    in_sent: list[tuple[int, int, Mention]],
    mentions: list[tuple[int, int, Mention]],
    before: int,
    text: str = "",
) -> list[str]:
    """Short generic names right after a visit verb that refer back to an entity named before:
    "…成立的中国科学院深圳先进技术研究院。黄坤明走进研究院" -> 中国科学院深圳先进技术研究院."""
    out: list[str] = []
    masked = _mask(r, s)
    covered = [(a, b) for a, b, _m in in_sent]
    for v in r.org_verb_re.finditer(masked):
        head = r.head_re.match(s, v.end())
        if not head or any(a <= head.start() < b for a, b in covered):
            continue
        # a village or community named as a place ("…长山花园社区曾经…。习近平来到社区，") when the head
        # stands alone, not as the start of a longer name (来到社区党群服务中心)
        alone = _ALONE.match(s, head.end()) is not None
        for m in _latest_first(mentions, before):
            kind_ok = m.kind in r.visited_kinds or (alone and m.kind == "place" and not m.attrs.get("level"))
            if kind_ok and m.name.endswith(head.group()) and m.name != head.group():
                out.append(_uncut_head(r, text, m, mentions, before))
                break
    return out


def _uncut_head(
    r: _Rules, text: str, m: Mention, mentions: list[tuple[int, int, Mention]], before: int
) -> str:
    """The name of `m` as it opens its paragraph or clause, when the tagger cut its head off: "马栏山视频文创产业园
    以…为龙头" (tagged 视频文创产业园). A short run of plain characters between the break and the mention, with
    no name of its own and no lead word (随后, 位于…), belongs to it (the rule of `_with_lead`)."""
    at = max(
        (a for a, _b, x in mentions[:before] if x is m and text[a : a + len(m.name)] == m.name), default=-1
    )
    if at < 0:
        return m.name
    brk = max(text.rfind(c, 0, at) for c in "\n。，,；;：:")
    run = text[brk + 1 : at].strip(" \u3000")
    if (
        not 2 <= len(run) <= 4
        or not re.fullmatch(r"[\u4e00-\u9fff]+", run)
        or "的" in run
        or r.lead_word_re.match(run)
    ):
        return m.name
    if run.endswith(r.admin_heads):
        return m.name  # 团山街道长山花园社区: where the host lies
    if any(b > at - len(run) and a < at for a, b, _x in mentions[:before]):
        return m.name  # 湖南视频文创产业园: a place of its own before it
    return run + m.name


_ALONE = re.compile(r"[，,。；;、]|$|考察|调研|视察|看望")


_BRIEFED = re.compile(r"听取了?")
_BRIEFING = re.compile(r"[^，,。；;]{0,16}?(?:情况|工作)?(?:介绍|汇报)")


def _briefed_zone(r: _Rules, s: str, in_sent: list[tuple[int, int, Mention]]) -> list[str]:
    """A park or zone the visitors are briefed on where they stand ("在展示馆，习近平听取洋浦经济开发区建设发展
    总体情况介绍"): visited, as the real gold has it. Government bodies briefing (听取省委汇报) are not."""
    out: list[str] = []
    for v in _BRIEFED.finditer(s):
        named = [m for a, _b, m in in_sent if a == v.end()]
        for a, b, m in in_sent:
            zone = m.kind == "platform" or (m.kind == "place" and m.name.endswith(r.zone_suffixes))
            if a == v.end() and zone and _BRIEFING.match(s, b):
                out.append(m.name)
        if not named:  # a park no entity names: 听取古雷石化产业园区规划建设情况汇报 (the longest one)
            found = None
            for end in range(v.end() + 4, min(len(s), v.end() + 20) + 1):
                name = s[v.end() : end]
                if _CLAUSE.search(name) or "。" in name:
                    break
                if name.endswith(r.zone_suffixes) and _BRIEFING.match(s, end):
                    found = name
            out += [found] if found else []
    return out


_HERE = re.compile(r"(?:来到|走进|前往|步入|到)(?:了)?(?:这里|此处|这儿)")


def _here(r: _Rules, sent: Sentence, mentions: list[tuple[int, int, Mention]], before: int) -> list[str]:
    """ "来到这里" refers to the host just introduced in the paragraph: "…坐落着…故居三苏祠。习近平来到这里"."""
    if not _HERE.search(sent.text):
        return []
    for s0, _e, m in reversed(mentions[:before]):
        if s0 < sent.start - 200:
            break
        if _visitable(r, m) or (
            m.kind == "place" and not m.attrs.get("level") and r.host_suffix_re.search(m.name)
        ):
            return [m.name]
    return []


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
    for i, (start, _end, m) in enumerate(in_sent):
        if m.kind != "place" or m.name.endswith(r.park_suffixes):
            continue  # 到长沙经开区: a park or zone is visited, it is not the place of the visit
        if any(0 <= start - v <= 2 and not _CLAUSE.search(s, v, start) for v in verb_ends):
            if not m.attrs.get(
                "level"
            ):  # 到海南岛中南部的五指山市: the city or county named next in the clause
                clause_end = _CLAUSE.search(s, start)
                stop = clause_end.start() if clause_end else len(s)
                finer = [x for a, _b, x in in_sent[i + 1 :] if a < stop and x.kind == "place"
                         and x.attrs.get("level") in _ADMIN_LEVELS]  # fmt: skip
                return finer[0] if finer else m
            return m  # not across a clause break: 亲临西藏视察，给林芝市…回信
    return None
