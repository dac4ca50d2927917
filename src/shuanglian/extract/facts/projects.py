"""ProjectStage: investment projects with amount, investor, place, status and date.

A project is a noun phrase ending with 项目/工程 (or 基地/产业园… when an amount is attached) in a
sentence that gives its investment (投资145亿元的集成电路项目, 项目总投资约560亿元) or its status
(签约/开工/在建/投产/建成/谋划). Aggregates (131个项目, 一批重点项目) and programmes (科研项目, 千万工程)
are not projects. Lists (A、B等重大项目开工建设) give one project per item. Vocabulary: data/projects.yaml.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any

from shuanglian.document import Document, Mention
from shuanglian.extract.facts.common import (
    Sentence,
    alternation,
    load_data,
    longest_first,
    overlaps_excluded,
    publication_date,
    sentences,
)
from shuanglian.extract.facts.dates import find_date
from shuanglian.extract.facts.numbers import parse_number

_ORG_KINDS = ("enterprise", "organization", "university", "research_institute", "government")
_NUM = r"\d+(?:[,，]\d{3})*(?:\.\d+)?|[一二两三四五六七八九十百千]+|[数几百千]"
_STATUS_ORDER = ("谋划", "签约", "开工", "在建", "投产", "建成")
_STOPS = '，,。；;、：:（(）)！？“”"《》 \t'
# 白鹤滩—江苏, 牛栏江—滇池: one dash between two names of places joins the ends of a route or a line
_ROUTE_DASH = re.compile(r"[^—]*?[\u4e00-\u9fff]{2}—[\u4e00-\u9fff]{2}")
_MAX_NAME = 30
_KIND_GENERIC = ("重大", "重点", "建设", "项目", "工程")
_FOOTNOTE = re.compile(r"［\d+］|\[\d+\]|【\d+】")
_NUMBERED_PROGRAMME = re.compile(r"[一二三四五六七八九十百千万]大(?:工程|项目|行动)”?$")
_SIZE_CLASS = re.compile(r"[\d一二两三四五六七八九十百千万亿]+(?:吨|千瓦|立方米|标箱|亩)?级")
# 十百千万工程, 千万工程, “双百”项目: a programme named by numbers, not a work
_NUMERALS_ONLY = re.compile(r"[一二两三四五六七八九十百千万亿双]{2,}")
# 大宗商品资源配置枢纽三基地两中心: a name closing on counted kinds is a plan of works, not one
_COUNTED_KINDS_END = re.compile(
    r"(?:[一二两三四五六七八九十]+(?:基地|中心|园区|园|区|带|廊|港|城|网|链|平台|枢纽|通道|集群)){2,}$"
)
# 三基地一枢纽, 一区两基地, 四纵三横: a slogan counting kinds of works, not a named one
_SLOGAN = re.compile(r"(?:[一二两三四五六七八九十]+[\u4e00-\u9fff]{1,3}){2,}")
# 三澳核电二期, 三门核电三期: a name closing on its phase is no slogan of counted kinds
_PHASE_END = re.compile(r"[一二三四五六七八九十]期(?:项目|工程)?$")
_COUNT_AFTER = re.compile(r"(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余)?(?:座|个|条|处|所|项|家)")
# a length, an area or a count right after a name (…防护工程6000公里): the works of a kind measured
_MEASURED_AFTER = re.compile(
    r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)(?:多|余)?(?:万|千)?"
    r"(?:公里|千米|平方米|平方公里|亩|公顷|座|个|处|条|项|所|家|户|套|间|张|栋|艘|台)"
)
# 三个一号旅游公路: a count of works named together, in words
_WORD_COUNT = re.compile(r"^[两三四五六七八九十]+(?:个|座|条)")


@dataclass(frozen=True)
class _Money:
    start: int
    end: int
    value: float
    written: str
    currency: str


class _Rules:
    """Compiled project vocabulary from data/projects.yaml."""

    def __init__(self) -> None:
        d = load_data("projects.yaml")
        self.heads = list(d["heads"])
        self.weak_heads = list(d["weak_heads"])
        self.head_re = re.compile(alternation(self.heads + self.weak_heads))
        cues = alternation(d["investment_cues"])
        # the units of an amount (万亿元…亿美元, 个亿, 亿): factor and currency, in the order tried
        self.money = {unit: (float(f), str(c)) for unit, (f, c) in d["money_units"].items()}
        spoken_units = tuple(d["spoken_units"])
        written = "|".join(re.escape(u) for u in self.money if u not in spoken_units)
        every_unit = "|".join(re.escape(u) for u in self.money)
        # 总投资200个亿, 投资50亿建设…: the spoken amount without 元 (not 亿千瓦, 亿人次, 亿美元: a measure follows)
        # (a one-character magnitude of spoken_units, 亿, only before spoken_yi_before; a classified one, 个亿, anywhere)
        spoken = "|".join(
            re.escape(u) + ("" if len(u) > 1 else f"(?={d['spoken_yi_before']})") for u in spoken_units
        )
        self.money_re = re.compile(
            rf"(?:{cues})(?:额)?(?:预计|)(?:约为|约|达到|达|超过|超|逾|近|将达|共|合计|近|高达|为|)"
            rf"(?P<num>{_NUM})(?:多|余)?(?P<unit>{written}|{spoken})(?:以上|左右)?"
        )
        # an amount as said in a list of amounts (100亿元、80亿元; a spoken 亿 not before 元 or 美元)
        listed = "|".join(re.escape(u) + ("" if len(u) > 1 else "(?![元美])") for u in spoken_units)
        self.amount = rf"(?:{_NUM})(?:多|余)?(?:{written}|{listed})"
        self.unit_end_re = re.compile(f"(?:{every_unit})$")
        # A项目和B项目总投资分别为100亿元、80亿元: N amounts after 分别, in the order of the N names before it
        self.respective_re = re.compile(
            rf"分别(?:{'|'.join(d['respective_verbs'])})?(?:{'|'.join(d['respective_cues'])})?"
            rf"(?:{'|'.join(d['respective_copulas'])})?"
            rf"(?P<amounts>{self.amount}(?:[、和及与，,]{self.amount})+)"
        )
        self.recent_re = re.compile("|".join(map(re.escape, d["recent_cues"])))
        self.counted_re = re.compile(rf"(?:^|[^\d.])\d+(?:{'|'.join(d['counted_counters'])})(?!米)")
        # words between an anaphoric subject and an amount that make the amount another's or a part's
        self.other_than_subject_re = re.compile(
            "|".join(
                [*map(re.escape, d["other_than_subject"]), rf"\d+(?:{'|'.join(d['other_than_subject_counters'])})"]
            )
        )
        self.example_intro_re = re.compile(rf"(?:工程|项目)(?:{'|'.join(d['example_intro_stages'])})?$")
        self.progress_words = "|".join(d["progress_words"])
        self.name_words = frozenset(d["name_words"])
        self.not_shared = frozenset(d["not_shared"])
        self.service_works = tuple(d["service_works"])
        self.plant_works = tuple(d["plant_works"])
        self.phase_or_upgrade_end_re = re.compile(
            rf"(?:[一二三四五六七八九十\d]+期|{alternation(d['upgrade_works'])}|迁建)$"
        )
        # words closing the part before 和 that make it no work: tasks (not_items, without the soft ones that
        # stand inside works' names: 一体化保护和修复工程) and the classes of things that are not works
        # (not_work_conjuncts); heads and built words excepted
        not_ends = {*d.get("soft_not_items", []), *d["heads"], *d["built_suffixes"]}
        ends = [w for w in (*d["not_items"], *d["not_work_conjuncts"]) if w not in not_ends]
        self.not_work_ends = tuple(w for w in longest_first(ends) if len(w) >= 2)
        not_before = alternation(d["status_not_before"])
        self.status: list[tuple[str, re.Pattern[str]]] = [
            (stage, re.compile(f"(?:{alternation(words)})(?!{not_before})"))
            for stage, words in d["status"].items()
        ]
        self.starts_re = re.compile(alternation(d["name_starts"]))
        # longest first, in the file's order within a length (never a set's order: it changes per process)
        self.generic = longest_first(d["generic_parts"])
        self.generic_strict = [g for g in self.generic if len(g) >= 2]
        # words that open the part a list's last item shares with the short items before it (国家文化公园, 绿电外送通道)
        self.shared_openers = tuple(
            w for w in dict.fromkeys([*self.generic_strict, *d.get("kind_modifiers", [])]) if len(w) >= 2
        )
        self.specific_memo: dict[tuple[str, bool], bool] = {}  # _specific's answers (many names recur)
        self.list_default_re = re.compile(alternation(d.get("list_in_progress") or ["实施"]))
        self.works_re = re.compile(alternation(d.get("named_works") or ["高铁"]))
        self.strong_cues = tuple(d.get("list_production_cues") or [])
        self.named_re = re.compile(alternation(d.get("named_project_words") or ["机场"]))
        self.stage_adverbs = alternation(d.get("stage_adverbs") or ["加快"])
        # 人才培养项目, 交流项目: programmes of people and exchanges (高压交流 and 千伏交流 are power lines)
        self.programme_words_re = re.compile(
            "|".join([*map(re.escape, d["programme_words"]), "(?<!高压)(?<!千伏)交流"])
        )
        self.item_tail_re = re.compile(f"(?:{'|'.join(map(re.escape, d['item_tail_words']))})$")
        # 据介绍，该项目计划总投资…: the words before an amount that refer back to the last project named
        ana = d["anaphor"]
        # 据介绍 / 据项目负责人介绍 / 记者从现场了解到: the reporting words a news sentence opens with
        openers = "|".join([alternation(ana["openers"]), *ana.get("opener_patterns", [])])
        self.anaphor_re = re.compile(
            f"(?:{openers})?[，,]?(?:{alternation(ana['determiners'])})?(?:项目|工程)"
            f"(?:{alternation(ana['parts'])})?(?:{alternation(ana['modals'])})?"
        )
        self.anaphor_ends = ("项目", "工程", *ana["parts"], *ana["modals"])
        self.anaphor_subject_re = re.compile(
            f"(?:{openers})?[，,]?(?:{alternation(ana['determiners'])})?(?:项目|工程)"
            f"(?:{alternation(ana['parts'])})?(?=[由位占于以是将已拟计预主建在，,])"
        )
        # 这个总投资超过1200亿元的项目: a determiner and an amount said of 的项目 refer to the last project named
        self.anaphor_amount_re = re.compile(f"(?:^|[，,])(?:{openers})?[，,]?(?:{alternation(ana['determiners'])})$")
        # what a name made only of kinds of works is made of: kind modifiers, built words, generic words
        self.kind_words = longest_first(
            [*d.get("kind_modifiers", []), *d["built_suffixes"], *d["heads"], *d["weak_heads"], *_KIND_GENERIC]
        )
        self.funding_words = tuple(d.get("funding_words") or ())
        self.praise = longest_first(d.get("praise") or [])
        self.kind_category_re = re.compile(alternation(d.get("kind_categories") or ["产业"]))
        self.scope_starts = tuple(d.get("scope_starts") or ())
        self.bad_starts = tuple(d.get("bad_name_starts") or ())
        self.no_name_starts = tuple(d.get("no_name_starts") or ())
        self.zones = tuple(d.get("zone_names") or ())
        self.junk_parts = longest_first(d.get("junk_parts") or [])
        self.aggregate_re = re.compile("(?:" + "|".join(d["aggregate_before"]) + ")")
        # 工程量 is a quantity of work, 项目量产 a status: 量 counts only when 产 does not follow
        self.not_after_re = re.compile(f"(?:{alternation(d['not_after'])}|量(?!产))")
        self.not_before = tuple(d["not_before"])
        self.built = sorted(d["built_suffixes"], key=len, reverse=True)
        self.built_re = re.compile(f"(?:{alternation(self.built)})$")
        self.built_in = re.compile(alternation(self.built))
        # upgrade words closing a name (X公路提质改造, 机场改扩建): see _bare_upgrade, _modified_work
        self.upgrade_re = re.compile(f"(?:{alternation(d['upgrade_works'])})$")
        self.kind_work_end = re.compile(f"(?<=..)(?:{alternation(d.get('kind_works') or ['改造'])})$")
        # 等灌区现代化改造, 等水库除险加固: a built kind and the work done on it, closing a 等-list, names works
        self.kind_work_re = re.compile(
            f"等[^、，,]{{0,6}}?(?:{alternation(self.built)})[^、，,]{{0,8}}?(?:{alternation(d.get('kind_works') or ['改造'])})$"
        )
        self.built_any_re = re.compile(f"(?:{alternation(self.built)})")  # a built-thing word anywhere
        # built words and the connectives that join them (机场和铁路): a name made only of these names no work
        self.built_or_joint_re = re.compile(f"(?:{alternation(self.built)})|[和及与、]")
        self.intro_re = re.compile(f"(?:{alternation(d['list_intro'])})")
        # a clause opening with a carrying-out verb after intro words (今年|实施…): compiled once, not per clause
        self.list_verb_re = re.compile(f"(?:{self.intro_re.pattern})*?(?:{self.list_default_re.pattern})")
        # adverbs between a subject and its status verb (X建设稳步推进, 裕龙石化一期稳产达产, X基本建成)
        self.pre_cue_re = re.compile(
            f"(?:{alternation(d['list_intro'] + d.get('pre_cue_adverbs', []))}|已|正|已经|正在)+$"
        )
        self.not_items_re = re.compile(alternation(d["not_items"]))
        self.product_nouns = tuple(sorted(d.get("product_nouns") or [], key=len, reverse=True))
        soft = set(d.get("soft_not_items") or [])
        self.hard_not_items_re = re.compile(alternation([w for w in d["not_items"] if w not in soft]))
        self.descriptive_re = re.compile(d.get("descriptive_start") or r"^首(?:个|条|座)")
        # the counters of a first-of-its-kind work (首个…发射场, 首条…管道), not of a firm or a batch (首家, 首批)
        self.first_work_re = re.compile(
            f"(?:{alternation(d.get('first_work_counters') or ['个', '条', '座'])})$"
        )
        # designations and routes ending like works (西部陆海新通道, 长江上游航运中心, 第七航权航线)
        self.described_lines = tuple(d.get("described_lines") or ())
        self.not_works = tuple(d.get("not_works") or ())
        self.inner_ok = frozenset(d.get("inner_ok_items") or ())
        self.level_leads = frozenset(d.get("level_leads") or ())
        self.measure_after = tuple(d.get("measure_after") or ())
        self.carriers = tuple(d.get("carrier_categories") or ())
        self.institutions = alternation(d.get("institution_words") or ["实验室"])
        self.part_starts = tuple(d.get("part_starts") or ["配套"])
        self.programme_categories = tuple(d.get("programme_categories") or ["综合治理"])
        self.joining_re = re.compile(alternation(d.get("joining_words") or ["连通"]))
        self.metric_re = re.compile(alternation(d.get("metric_words") or ["增速"]))
        self.item_verb_re = re.compile(alternation(d["item_verbs"]))
        self.examples_re = re.compile(f"(?:{alternation(d['example_cues'])})(?!期)")
        status_words = [w for words in d["status"].values() for w in words]
        # 建设中 opens no name when 中 is the name's own (建设中欧班列长沙集结中心): the verb before a name is 建设
        self.not_leading = frozenset(d.get("not_leading_status") or ["建设中"])
        lead_words = [w for w in status_words if w not in self.not_leading]
        # a status or visit verb inside the first item of a 等-list: the item starts after it
        self.verb_cut_re = re.compile(f"(?:{alternation([*lead_words, *d.get('list_verbs', [])])})了?")
        self.lead_re = re.compile(
            alternation(
                [
                    *d["list_intro"],
                    *lead_words,
                    *(w for w in d["name_starts"] if len(w) > 1),
                    "在",
                    "通车",
                    "分别",
                ]
            )
        )
        self.called_re = re.compile(d["called_project"])
        self.stage_words_re = re.compile("(?:拟|已|新)?(?:" + alternation(status_words) + ")")
        self.wrap = [(stage, re.compile(p)) for stage, pats in d["wrap_status"].items() for p in pats]
        suffixes = alternation(d["place_suffixes"])
        self.place_re = re.compile(
            rf"(?:{alternation(d['place_before'])})(?P<place>[^，,。；;、：:“”\"（）()的]{{2,18}}?(?:{suffixes}))"
            rf"(?=(?:{alternation(d['place_stops'])})|[，,。；;、）)]|$)"
        )


_RULES: _Rules | None = None


def _rules() -> _Rules:
    global _RULES
    if _RULES is None:
        _RULES = _Rules()
    return _RULES


class ProjectStage:
    """Fill `doc.projects` with the investment projects the page names."""

    name = "projects"

    def __call__(self, doc: Document) -> Document:
        projects = extract_projects(doc.text, doc.entities, doc.published, doc.excluded)
        # a programme the policy stage found (实施尖刀技术攻关工程) is a policy, not an investment project
        programmes = {
            re.sub(r"[“”\s]", "", p.get("title") or "") for p in getattr(doc, "policies", None) or []
        }
        # (a named work carried out, 实施G98环岛高速提档扩容工程, stays a project)
        r = _rules()
        doc.projects = [
            p
            for p in projects
            if re.sub(r"[“”\s]", "", p["name"]) not in programmes or _built_core(r, p["name"])
        ]
        return doc


def extract_projects(
    text: str,
    entities: list[Mention] | None = None,
    published: str | None = None,
    excluded: list[tuple[int, int]] | None = None,
) -> list[dict[str, Any]]:
    """All investment projects of `text`; `entities` give investors, places and industries."""
    r = _rules()
    pub = publication_date(published)
    mentions = sorted(((s, e, m) for m in entities or [] for s, e in m.spans), key=lambda t: (t[0], -t[1]))
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    last_place: str | None = None
    main_place = _main_place(mentions)
    # every use of the mentions below lies inside one sentence: each sentence gets its own slice (by binary
    # search), and the page's place names are collected once, so the work stays linear in the page length
    starts = [t[0] for t in mentions]
    place_names = {m.name for _a, _b, m in mentions if m.kind == "place"}
    para = -1
    carry: str | None = None
    last: dict[str, Any] | None = None  # the last project named in the paragraph (该项目 refers to it)
    for sent in sentences(text):
        if sent.para != para:
            para, last_place, last = sent.para, None, None
        local = mentions[bisect_left(starts, sent.start) : bisect_right(starts, sent.start + len(sent.text))]
        found, carry = _sentence_projects(r, sent, local, pub, last_place, main_place, place_names, carry)
        if text[sent.start + len(sent.text) : sent.start + len(sent.text) + 1] not in ("；", ";"):
            carry = None  # a list of examples runs on over ；, not past a full stop
        last_place = _sentence_place(r, sent, mentions) or last_place
        if not found and last is not None and last["investment"] is None:
            money = _anaphoric_money(
                r, sent.text
            )  # …项目开工。该项目总投资140亿元: the amount of that project
            if money is not None:
                last["investment"], last["investment_text"], last["currency"] = (
                    _tidy(money.value),
                    money.written,
                    money.currency,
                )
        for p in found:
            if excluded and overlaps_excluded(p["span"][0], p["span"][1], excluded):
                continue
            key = _name_key(p["name"])
            if key in seen:
                _merge(out, p)
                last = next((q for q in out if _name_key(q["name"]) == key), last)
                continue
            seen.add(key)
            out.append(p)
            last = p
    return out


def _anaphoric_money(r: _Rules, s: str) -> _Money | None:
    """The amount of a clause that opens with 该项目/项目 (该项目总投资140亿元), or None."""
    if "元" not in s or not ("项目" in s or "工程" in s):
        return None
    moneys = _moneys(r, s)
    for m in moneys:
        head = s[: m.start]  # everything before the amount: 据介绍，该项目计划总投资
        if r.anaphor_re.fullmatch(head) and head.endswith(r.anaphor_ends):
            return m
    for m in moneys:
        if r.anaphor_amount_re.search(s, 0, m.start) and re.match(r"的(?:项目|工程)", s[m.end :]):
            return m  # 这个总投资超过1200亿元的项目，是…: the amount of the project the sentence refers back to
    # 该项目由华润电力投资建设，总投资15亿元: the sentence is about that project (it opens as its subject) and
    # says its investment in a later clause; no other project, count or share is named before the amount
    subject = r.anaphor_subject_re.match(s)
    if subject and moneys and "投资" in moneys[0].written:
        between = s[subject.end() : moneys[0].start]
        if len(between) <= 40 and not r.other_than_subject_re.search(between):
            return moneys[0]
    return None


# 海南省万宁至洋浦高速公路 is 万洋高速: a route between two places is abbreviated by their first characters
_ROUTE = re.compile(r"([\u4e00-\u9fff]{2})至([\u4e00-\u9fff])[\u4e00-\u9fff]?(?=高速|高铁|铁路|城际|公路)")


def _name_key(name: str) -> str:
    """One project's names written two ways agree (万洋高速 / 万洋高速公路项目 / 海南省万宁至洋浦高速公路)."""
    key = re.sub(r"(?:项目|工程)$", "", name).replace("高速公路", "高速")
    route = _ROUTE.search(key)
    if route and route.start() <= 4:
        key = route.group(1)[0] + route.group(2) + key[route.end() :]
    return key


def _merge(out: list[dict[str, Any]], p: dict[str, Any]) -> None:
    """A project named again: fill what the first mention left empty."""
    for q in out:
        if _name_key(q["name"]) == _name_key(p["name"]):
            for k in ("investment", "investment_text", "org", "place", "status", "date", "industry"):
                if q.get(k) is None and p.get(k) is not None:
                    q[k] = p[k]
            return


def _sentence_projects(
    r: _Rules,
    sent: Sentence,
    mentions: list[tuple[int, int, Mention]],
    pub: date | None,
    last_place: str | None,
    main_place: str | None,
    place_names: set[str],
    carried: str | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """The projects of one sentence, and the stage of a list of examples running on into the next."""
    s = sent.text
    moneys = _moneys(r, s)
    heads = [h for h in r.head_re.finditer(s) if not r.not_after_re.match(s, h.end())]
    found: list[tuple[int, int, str, _Money | None, bool]] = []  # name start/end, name, money, listed
    given: dict[tuple[int, int], str] = {}
    # A name with its own amount wins; then status lists; then 等…项目 lists; then other heads.
    # names the tagger found (华为, 奇瑞汽车): a project name is never cut inside one (华为云… is not 为 + 云…)
    names = [(a - sent.start, b - sent.start) for a, b, m in mentions if m.kind != "person"]
    singles = _single_heads(r, s, heads, moneys, names)
    found.extend(x for x in singles if x[3] is not None)

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y, *_ in found)

    examples, carry = _example_lists(r, s, carried)
    orgs = {m.name for _a, _b, m in mentions if m.kind in _ORG_KINDS}
    marked = [
        (a - sent.start, b - sent.start) for a, b, m in mentions if m.kind in _NAMING_KINDS
    ]  # places and bodies: what names one work
    status_items = _fields_dropped(r, s, _per_place(s, _status_lists(r, s, place_names, orgs), place_names), marked)
    for a, b, name, stage in [*status_items, *examples]:
        if free(a, b):
            found.append((a, b, name, None, True))
            given[(a, b)] = stage
    for h in heads:
        listed_items = _list_items(r, s, h)
        if h.group() == "项目" and not any(_name_marked(r, s, a, b, marked) for a, b in listed_items):
            continue  # 推进火箭、卫星制造、航天配套等重大项目: fields of projects, none named by place, firm or work
        for a, b in listed_items:
            if free(a, b):
                found.append((a, b, s[a:b], None, True))
                if r.list_default_re.search(s[: h.end()]):
                    given[(a, b)] = (
                        "在建"  # 实施A、B等重点项目, 建设A、B等特高压工程: named works being carried out
                    )
    found.extend(x for x in singles if x[3] is None and free(x[0], x[1]))
    for a, b in _named_works(r, s, names):
        if free(a, b):
            found.append((a, b, s[a:b], None, False))
    out = []
    taken = {id(x[3]) for x in found if x[3] is not None}  # the amounts the names with their own amount hold
    sole = sum(1 for x in found if x[4]) == 1  # one listed name: the object of a status verb, not a list
    respective = r.respective_re.search(s) if "分别" in s else None  # A项目、B项目分别投资…: amounts said for each
    for start, end, name, money, listed in found:
        name = _FOOTNOTE.sub("", name)  # “五网合一”［20］示范项目: a note mark is no part of the name
        if name.startswith("“") and name.count("“") == name.count("”"):
            name = name.replace("“", "").replace("”", "")  # “纳米真空互联实验站”二期项目
        joined = _after_not_work(r, name, sent.start + start, mentions)
        if joined is not None:  # 试点城市和长春循环经济产业园, 城市更新和重点项目: the part before 和 is no work
            if s[start:end] == name:
                start = end - len(joined)
            name = joined
        if s[end : end + 2] == "——":
            continue  # 重大项目——引黄济宁工程, 控制性工程——色季拉山隧道: a description of the name after the dash
        described = r.descriptive_re.search(name)
        if described and _first_work(r, described.group(), name[described.end() :]):
            # 全国首条大规模长距离输氢管道贯通: the first of its kind is named by what it is, without the description
            if s[start : start + described.end()] == name[: described.end()]:
                start += described.end()
            name = name[described.end() :]
            described = None
        quoted = re.match(
            r"“([^”]{2,10})”", s[start:end]
        )  # “两园一河”启动区示范段: a part of a counted slogan's area
        if (
            described
            or _NUMBERED_PROGRAMME.search(name)
            or _NUMERALS_ONLY.fullmatch(re.sub(r"(?:工程|项目)+$", "", name))
            or _COUNTED_KINDS_END.search(re.sub(r"(?:工程|项目)+$", "", name))
            or _SLOGAN.fullmatch(_PHASE_END.sub("", name))
            or (quoted and _SLOGAN.fullmatch(quoted.group(1)))
        ):
            continue  # 省内首条计算机整机生产线: a description; 数字产业化“十大工程”, “三基地一枢纽”: a programme of N works
        status = given.get((start, end)) or _status(r, s, start, end, clause_only=money is None)
        if status == "投产" and _service_work(r, name):
            status = "建成"  # 盛乐国际机场投运, 省科技馆开馆试运行: a work that serves, not a plant, is finished
        if money is None and len(moneys) > len(taken) and not (listed and s[end : end + 1] in "、和及与等"):
            # 总投资约180亿元的昌景黄高铁江西段开通运营: a named work gets the amount said of it as a 项目 does;
            # a listed one only the amount said right before it (总投资X亿元的A、B: the list's total is no item's),
            # unless it is the sentence's one listed name (沪渝蓉高铁武宜段开工建设，概算总投资约620亿元; A等项目
            # says there are more)
            money = _money_for(
                s,
                [m for m in moneys if id(m) not in taken and (not listed or sole or m.end <= start)],
                start,
                end,
                set(),
            )
            if money is not None:
                taken.add(id(money))
        if status is None and money is None and s[:start].endswith("实施") and _built_core(r, name):
            status = "在建"  # 实施G98环岛高速提档扩容工程: a named work carried out (实施…工程 over a field stays a programme)
        called = money is None and status is None and bool(r.called_re.match(s, end))
        if called:  # 常益长高铁是…重点项目，目前，近千名施工人员奋战一线: the sentence says how far it is
            status = _status(r, s, start, end)
        shares = money is None and status is None and respective is not None and end <= respective.start()
        if money is None and status is None and not called and not shares and not _named_project(r, name):
            continue
        if (
            money is None
            and name.endswith("工程")
            and status in ("谋划", "签约")
            and (start, end) not in given
        ):
            continue  # 实施X工程 is a programme; a built 工程 needs a construction status
        # 新型显示产业园: an industry's park is one place; 新能源汽车、机器人等重点项目 are industries
        park = name.endswith(tuple(r.weak_heads)) and not name.endswith(tuple(r.heads))
        if money is None and not park and _category(r, name, sent.start + start, sent.start + end, mentions):
            continue  # 数字经济项目, 量子科技重大项目: a category, unless an amount makes it one project
        if re.sub(r"(?:项目|工程)$", "", name).endswith(r.not_works):
            continue  # 西部陆海新通道, 长江上游航运中心: a designation or a route, not a work
        if name.startswith(r.scope_starts) and not r.works_re.search(name):
            continue  # 全省“一张网”公共资源交易平台: a network over the whole area (全区首座…盛乐国际机场 is one work)
        if (
            name.startswith(r.bad_starts + r.no_name_starts)
            or re.match(r"\d+月", name)
            or re.search(r"时速|\d+公里", name)
            or (name.endswith(r.zones) and not name.endswith(tuple(r.heads)))
        ):
            continue  # a split word (型储能); a zone is where projects go (广州开发区)
        if money is None and s.startswith(r.measure_after, end):
            continue  # 已建成投产的海上风电项目装机容量达到…: the works of a kind measured, not one named
        if money is None and not listed and _MEASURED_AFTER.match(s, end):
            continue  # 建成村道公路安全生命防护工程6000公里, 改造…管网300处: a kind of work measured or counted, not one
        if money is None and _kind_only(r, name):
            continue  # 城际铁路, 口袋公园, 核电项目, 风电光伏: a kind of work, no one named (an amount makes it one)
        if _junk(r, name, sent.start + start, sent.start + end, mentions, place_names):
            continue  # 广州重大项目, 又有重点项目, 徐汇地100多个重大产业项目, 黑龙江: no one project
        org = _org(s, sent.start, start, end, mentions)
        place = _place(r, s, start, end, sent.start, mentions) or last_place or main_place
        when = find_date(s, pub)
        day = when[0] if when else None
        if day is None and pub and r.recent_re.search(s):
            day = pub
        out.append(
            {
                "name": name,
                "investment": _tidy(money.value) if money else None,
                "investment_text": money.written if money else None,
                "currency": money.currency if money else None,
                "org": org,
                "place": place,
                "status": status,
                "date": day.isoformat() if day else None,
                "industry": _industry(sent.start + start, sent.start + end, mentions),
                "listed": listed,
                "span": [sent.start + start, sent.start + end],
            }
        )
    _each_amount(s, moneys, out, sent.start)
    if not out and s.startswith("在"):
        scene = _SCENE.match(s)
        if scene:  # 在广西贵港港南区滨江产业园，园区建设正在加快推进: the work the scene is, said again as its kind
            a, b = scene.span("name")
            for x, y, m in mentions:  # the places before the name say where it is, not what
                if m.kind == "place" and x - sent.start == a and y - sent.start < b - 2:
                    a = y - sent.start
            status = _status(r, s, scene.start("ref"), scene.end("ref"), clause_only=True)
            name = s[a:b]
            if status and _specific(r, name[: -len(scene.group("kind"))]) and not _kind_only(r, name):
                out.append(
                    {
                        "name": name,
                        "investment": None,
                        "investment_text": None,
                        "currency": None,
                        "org": _org(s, sent.start, a, b, mentions),
                        "place": _place(r, s, a, b, sent.start, mentions) or last_place or main_place,
                        "status": status,
                        "date": None,
                        "industry": _industry(sent.start + a, sent.start + b, mentions),
                        "listed": False,
                        "span": [sent.start + a, sent.start + b],
                    }
                )
    if not out and moneys:
        subject = _subject_with_total(r, s, moneys)
        if subject is not None:
            a, b, money = subject
            out.append(
                {
                    "name": s[a:b],
                    "investment": _tidy(money.value),
                    "investment_text": money.written,
                    "currency": money.currency,
                    "org": _org(s, sent.start, a, b, mentions),
                    "place": _place(r, s, a, b, sent.start, mentions) or last_place or main_place,
                    "status": _status(r, s, a, b, clause_only=True),
                    "date": None,
                    "industry": _industry(sent.start + a, sent.start + b, mentions),
                    "listed": False,
                    "span": [sent.start + a, sent.start + b],
                }
            )
    if respective is not None:
        _respective_amounts(s, out, sent.start)
        out = [
            p
            for p in out
            if p["investment"] is not None or p["status"] is not None or _named_project(r, str(p["name"]))
        ]  # a name kept only for the amounts of 分别 that did not go to it
    return out, carry


def _service_work(r: _Rules, name: str) -> bool:
    """A work that serves rather than produces (a transport, water or public work: 机场, 铁路, 水库, 科技馆, 医院),
    named by its own word before any phase or upgrade: put into operation (投运, 投入运营, 建成投产) it is 建成;
    投产 is said of plants (工厂, 生产线, 电站)."""
    core = r.phase_or_upgrade_end_re.sub("", re.sub(r"(?:项目|工程)$", "", name))
    return core.endswith(r.service_works) and not core.endswith(r.plant_works)


def _after_not_work(r: _Rules, name: str, at: int, mentions: list[tuple[int, int, Mention]]) -> str | None:
    """The part after 和 when the part before it ends with a word that names no work (a task, a class of city,
    a firm, an agreement: 长春国家碳达峰试点城市和长春循环经济产业园, 企业节能和重点工程, 协议和合作项目), else
    None. A 和 inside a tagged name (协和, 人和集团) or after a built word (A水库和B水库) joins nothing here."""
    i = name.rfind("和")
    if i < 2 or i == len(name) - 1:
        return None
    if any(a <= at + i < b for a, b, m in mentions if m.kind != "person"):
        return None
    left = name[:i]
    if r.built_re.search(left) or not left.endswith(r.not_work_ends):
        return None
    return name[i + 1 :]


# 这两个投资百亿元的高端制造项目: the named projects before it, each with that amount
_EACH = re.compile(r"(?:这|上述|以上)(?P<n>\d+|[两三四五六七八九十])(?:个|项)")


def _each_amount(s: str, moneys: list[_Money], out: list[dict[str, Any]], base: int) -> None:
    """An amount said of 这N个…项目 right after N named projects of the sentence is each one's
    (高端智能装备产业基地动工，机器人…示范基地签约，而这两个投资百亿元的高端制造项目…)."""
    for m in _EACH.finditer(s):
        money = next((x for x in moneys if 0 <= x.start - m.end() <= 2), None)
        if money is None or not re.match(r"[^，,。；;]{0,12}?(?:项目|工程)", s[money.end :]):
            continue
        n = _count_of(m.group("n"))
        before = [p for p in out if p["span"][1] - base <= m.start()]
        if n is None or len(before) != n or any(p["investment"] is not None for p in before):
            continue
        for p in before:
            p["investment"], p["investment_text"], p["currency"] = _tidy(money.value), money.written, money.currency


def _respective_amounts(s: str, out: list[dict[str, Any]], base: int) -> None:
    """分别 with as many amounts as the sentence named projects before it gives each its own, in order."""
    if "分别" not in s:
        return
    r = _rules()
    for m in r.respective_re.finditer(s):
        amounts = list(re.finditer(r.amount, m.group("amounts")))
        before = [p for p in out if p["span"][1] - base <= m.start()]
        if len(before) != len(amounts):
            continue
        for p, a in zip(before, amounts, strict=True):
            num = re.match(_NUM, a.group())
            unit = r.unit_end_re.search(a.group())
            if not num or not unit:
                break
            try:
                v, _ = parse_number(num.group().replace("，", ","))
            except ValueError:
                break
            factor, currency = r.money[unit.group()]
            p["investment"] = _tidy(v * factor)
            p["investment_text"], p["currency"] = a.group(), currency


# 在X产业园，园区建设正在加快推进 / 在X项目现场，项目…: a scene named, then the same work by its kind
_SCENE = re.compile(
    r"在(?P<name>[\u4e00-\u9fffA-Za-z\d（）()·]{2,28}?(?P<kind>产业园|园区|基地|项目|工程))(?:现场|工地)?[，,]"
    r"(?P<ref>(?P=kind)|园区|项目|工程)"
)
# 姑苏实验室是江苏省重点科创实验室，总投资200个亿: a named facility opening the sentence as its subject
_FACILITY_SUBJECT = re.compile(
    r"(?P<name>(?:(?![是的])[\u4e00-\u9fffA-Za-z\d（）()·]){2,20}?"
    r"(?:实验室|中心|基地|产业园|园区|工厂|医院|校区|场馆|枢纽|港|机场))"
    r"(?=是|[，,])"
)


def _subject_with_total(r: _Rules, s: str, moneys: list[_Money]) -> tuple[int, int, _Money] | None:
    """(start, end, amount) when a sentence opens with a named facility as its subject and gives its total
    investment (总投资) later, with no other project, count or share named between; else None."""
    m = _FACILITY_SUBJECT.match(s)
    if not m:
        return None
    money = next((x for x in moneys if x.start >= m.end() and "总投资" in x.written), None)
    if money is None or money.start - m.end() > 40 or r.other_than_subject_re.search(s, m.end(), money.start):
        return None
    name = m.group("name")
    if (
        not _specific(r, name)
        or _kind_only(r, name)
        or name.startswith(r.scope_starts + r.no_name_starts + ("该", "这", "此", "其", "本"))
    ):
        return None
    return m.start("name"), m.end("name"), money


def _first_work(r: _Rules, description: str, rest: str) -> bool:
    """全国首个商业航天发射场: the first of a kind of work, named by what it is; not a firm (首家), a batch (首批)
    or a production line (省内首条计算机整机生产线 says what is made, it names no work)."""
    return (
        bool(r.first_work_re.search(description))
        and not rest.endswith(r.described_lines)
        and _built_core(r, rest + "工程")
    )


def _named_project(r: _Rules, name: str) -> bool:
    """杭州西站站城综合体项目, 济南遥墙国际机场二期改扩建项目: a project named by what is built needs no cue."""
    core = re.sub(r"项目$", "", name)
    return core != name and len(core) >= 5 and bool(r.named_re.search(core))


# 等地, 等省份, 等地区, 等城市: "and other places" closing a list of places
_OTHER_PLACES = re.compile(r"等(?:地区|地市|省份|省区|城市|市县|地)")


def _per_place(
    s: str, items: list[tuple[int, int, str, str]], places: set[str]
) -> list[tuple[int, int, str, str]]:
    """Drop a kind of thing listed per place (推进南宁、百色、来宾、梧州泛铝件先进制造基地建设; 海东、海西等地零碳
    园区): three or more place names, or places closed by 等地, sharing one category are a programme, not
    named projects."""
    out: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(items):
        a, b, name, stage = items[i]
        tail = name[b - a :]
        j = i + 1
        while tail and j < len(items) and items[j][2][items[j][1] - items[j][0] :] == tail:
            j += 1
        if (
            tail
            and j < len(items)
            and items[j][2].endswith(tail)
            and items[j][2] == s[items[j][0] : items[j][1]]
        ):
            j += 1  # the last item carries the category itself (…、梧州泛铝件先进制造基地)
        group = items[i:j]
        pieces = [s[x:y].removesuffix(tail) for x, y, *_ in group]
        last_end = group[-1][1]
        # a category phrase (泛铝件先进制造基地), not one built word (公婆泉、后安、钱阳山煤矿 are three mines)
        kind = re.sub(r"(?:项目|工程)$", "", tail)
        per_place = (
            len(kind) >= 4
            and (
                all(p in places for p in pieces)
                # 福州、厦门、泉州省级人工智能产业园: the tagger may read the last place into the park's name
                or (len(group) >= 3 and all(p in places for p in pieces[:-1]) and len(pieces[-1]) in (2, 3))
            )
            and (len(group) >= 3 or bool(_OTHER_PLACES.match(s, last_end)))
        )
        if not per_place:
            out.extend(group)
        i = j
    return out


# a quoted X工程/X项目 before the noun of a counted kind (“千万工程”示范村507个, 100所“徐特立项目”学校)
_QUOTED_MODIFIER = re.compile(r"”(?!建设|项目|工程|[一二三四五六七八九十\d]+期)[\u4e00-\u9fff]{1,4}\d")
_COUNT_BEFORE_QUOTE = re.compile(r"\d+(?:多|余)?[所个座家项处]“$")
_PHASE_HEAD = re.compile(r"[一二三四五六七八九十\d]+期(?:项目|工程)")


# 投资100亿元的<零碳>产业园区: an amount and 的 right before a short name (no count, list or clause inside)
_AMOUNT_OF = re.compile(r"(?:[万亿]元|个亿|亿)的(?P<core>[\u4e00-\u9fff“”]{2,12})$")


def _single_heads(
    r: _Rules,
    s: str,
    heads: list[re.Match[str]],
    moneys: list[_Money],
    names: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int, str, _Money | None, bool]]:
    """Names ending at a head word (集成电路项目), each with the amount said for it, if any."""
    out: list[tuple[int, int, str, _Money | None, bool]] = []
    used_money: set[int] = set()
    # A产业园、B中心等项目: heads inside a list belong to its items (a head in a clause before the list,
    # 三门核电三期项目获国家核准，三澳核电二期、…等项目开工建设, is a name of its own)
    spans = [(min(a for a, _ in items), h.end()) for h in heads if (items := _list_items(r, s, h))]
    for h in heads:
        if any(a <= h.start() < b for a, b in spans):
            continue
        if (
            h.group() == "工程"
            and _DESCRIBED_WORKS.match(s, h.start() - 2)
            and re.match(r"[\u4e00-\u9fffA-Z\d]", s[h.end() : h.end() + 1])
            and not r.stage_words_re.match(s, h.end())
            and not r.intro_re.match(s, h.end())
        ):
            continue  # 西线主通道重点工程隆泸叙铁路开通: the description of the work named right after it
        if h.group() in r.weak_heads and _PHASE_HEAD.match(s, h.end()):
            continue  # 比亚迪济南基地二期项目: the name runs on to the 项目 after the base
        inst = re.match(
            r"[\u4e00-\u9fff]{1,10}?(?:" + r.institutions + r")(?=[，,。；;、）)]|$)", s[h.end() :]
        )
        if inst and not r.stage_words_re.search(inst.group()):
            continue  # 陆海通道工程全寿命安全实验室: the works name what a lab studies
        quote = s.rfind("“", 0, h.start())
        if s[h.end() : h.end() + 1] == "”" and (
            _QUOTED_MODIFIER.match(s, h.end()) or _COUNT_BEFORE_QUOTE.search(s, 0, quote + 1)
        ):
            continue  # “千万工程”示范村507个, 100所“徐特立项目”学校: a quoted programme names a kind of other things
        start = _name_start(r, s, h.start(), h.end(), names)
        if start is None:
            # 投资100亿元的零碳产业园区: the amount said of it makes one project of a name made of kind words
            described = _AMOUNT_OF.search(s, 0, h.start())
            start = described.start("core") if described else None
        if start is None or any(a <= start < b or start <= a < h.end() for a, b, *_ in out):
            continue
        if _aggregate(r, s, start) or s[start - 1 : start] == "等":
            continue  # A、B等大型煤电项目: the list's category, not one more project
        money = _money_for(s, moneys, start, h.end(), used_money)
        if h.group() in r.weak_heads and money is None:
            continue
        out.append((start, h.end(), s[start : h.end()], money, False))
    return out


def _named_works(r: _Rules, s: str, names: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Named works in running text (福厦高铁, 大连湾海底隧道, 昆明长水国际机场二期): a specific name ending with
    an infrastructure word; kept only when their clause has a status cue (checked by the caller)."""
    out: list[tuple[int, int]] = []
    for h in r.works_re.finditer(s):
        end = h.end()
        # 大广高速南康至龙南段扩容, 京港澳高速衡阳至耒阳段改扩建: a segment and a works word belong to the name
        tail = re.match(
            r"(?:[\u4e00-\u9fff]{2,6}至[\u4e00-\u9fff]{2,6}段)?(?:[一二三四五六七八九十\d]+期)?(?:改扩建|扩建|扩容|提质改造|扩能改造|扩能)?(?:工程|项目)?",
            s[end:],
        )
        end += tail.end() if tail else 0
        if s[end : end + 1] in ("等", "和", "、") or s[h.start() - 1 : h.start()] in ("、",):
            continue  # list items are read by the status lists
        start = _name_start(r, s, h.start(), h.end(), names, abbreviation=True)
        if start is None or h.start() - start < 2 or _aggregate(r, s, start):
            continue
        name = s[start:end]
        if (
            re.search(r"\d+(?:个|项|条|座|处)|[万亿]元|%|的|^\d|^[一二两三四五六七八九十百千]+大", name)
            or not 3 <= len(name) <= 20
            or r.metric_re.search(name)
        ):
            continue  # a count, an amount, or a measure (旅客吞吐量增速居…机场首位)
        if _COUNT_AFTER.match(s, end):
            continue  # 建成运输机场3座、通用机场8座: a count of a kind of work
        if s[end : end + 1] == "网":
            continue  # “米”字形高铁网, 高速公路网: a network of works, not one
        if s.startswith(r.measure_after, end):
            continue  # 在建核电机组装机容量居全国前列: the works measured, not one named
        if _COUNTED_AFTER_CUE.match(s, end):
            continue  # 实施病险水库除险加固项目5477个: a kind of work counted, not one
        if r.hard_not_items_re.search(name[: h.start() - start]):
            continue  # 煤矿资源整合和露天煤矿: a task before the work, not its name
        if not r.built_or_joint_re.sub("", name[: h.start() - start]):
            continue  # 推进机场和铁路运营管理一体化改革: kinds of works joined, no name
        out.append((start, end))
    return out


def _moneys(r: _Rules, s: str) -> list[_Money]:
    out = []
    for m in r.money_re.finditer(s):
        try:
            v, _ = parse_number(m.group("num").replace("，", ","))
        except ValueError:
            continue
        factor, currency = r.money[m.group("unit")]
        out.append(_Money(m.start(), m.end(), v * factor, m.group(), currency))
    return out


_QUOTED_TAIL = re.compile(r"(?:[一二三四五六七八九十\d]+期)?(?:改扩建|扩建|建设)?")


def _name_start(
    r: _Rules,
    s: str,
    head_start: int,
    head_end: int,
    names: list[tuple[int, int]] | None = None,
    abbreviation: bool = False,
) -> int | None:
    """Start of the project name ending at `head_end`, or None when it is generic or a programme; no cut
    falls inside one of the tagged `names` (sentence offsets)."""
    stop = max((s.rfind(c, 0, head_start) for c in _STOPS), default=-1) + 1
    dash = s.rfind("—", stop, head_start)
    if dash >= 0 and not _ROUTE_DASH.match(s, max(0, dash - 8), dash + 8):
        stop = dash + 1  # 重大项目——引黄济宁工程: a dash closes a description (牛栏江—滇池补水工程 is one route)
    run = s[stop:head_start]
    after = s[head_end:]
    stage = r.stage_words_re.match(after)  # 自治区重大项目开工390个: a count after the stage is one too
    if stage:
        after = after[stage.end() :]
    if run.endswith(r.not_before) or re.match(
        r"\s*(?:已达到|已达|达到|达|超过|超|共|近|约)*(?:\d+|[一二两三四五六七八九十百]+)(?:个|项|批)", after
    ):
        return None  # 科研项目; 谋划产业建设项目122项 (an aggregate)
    opening = s.rfind("“", 0, stop)
    if (
        s[stop - 1 : stop] == "”"
        and _QUOTED_TAIL.fullmatch(run)
        and opening >= 0
        and stop - opening <= _MAX_NAME
    ):
        quoted = s[opening + 1 : stop - 1]
        if (
            not re.search(r"[，,。；;、]", quoted)
            and _specific(r, quoted)
            and not _NUMBERED_PROGRAMME.search(quoted + "工程")
        ):
            return opening  # “纳米真空互联实验站”二期项目: the quoted name is the project's
    # The name starts after the last introducing word. Only when that word can belong to a name
    # (轨道交通建设项目, 年产…) and what follows it is generic does the name reach further back.
    # a one-character word opening the clause is the name's own (向家坝灌区…工程)
    inside = [(a - stop, b - stop) for a, b in names or () if a < head_start and b > stop]
    cuts = sorted(
        {
            m.end(): m.group()
            for m in r.starts_re.finditer(run)
            if (m.start() > 0 or len(m.group()) > 1)
            and not any(a < m.end() < b or a < m.start() < b for a, b in inside)
        }.items(),
        reverse=True,
    )
    cuts += [(m.end(), "元") for m in re.finditer(r"[万亿]?元(?:的)?", run)]
    cuts = sorted(cuts, reverse=True) + [(0, "")]
    for i, (c, word) in enumerate(cuts):
        core = run[c:]
        if core.startswith(r.no_name_starts):
            return None  # 更多优质外资项目, 这条高速公路: a quantity or a determiner, no name follows
        if core.startswith(r.bad_starts):
            continue  # 新型储能: the cut split a word
        if word in ("至", "到") and re.match(r"[\u4e00-\u9fff]{1,6}段", core):
            continue  # 京港澳高速衡阳至耒阳段改扩建工程: a route segment, not 至 closing a phrase
        # (`abbreviation`: before a work's word, two to four characters are an abbreviation, 大广高速, and only whole
        # generic words of two or more characters make them a kind)
        if _specific(r, core, strict=abbreviation and 2 <= len(core) <= 4):
            if word == "年产" and i + 1 < len(
                cuts
            ):  # 天合光能年产10GW…项目: the maker before 年产 is named too
                maker = run[cuts[i + 1][0] : c - 2]
                if (
                    len(maker) >= 2
                    and _specific(r, maker)
                    and not r.starts_re.search(maker)
                    and len(run) - cuts[i + 1][0] <= _MAX_NAME
                ):
                    return stop + cuts[i + 1][0]
            return stop + c if len(core) <= _MAX_NAME else None
        if word not in r.name_words:
            return None
    return None


def _specific(r: _Rules, core: str, strict: bool = False) -> bool:
    """The part of a name before its head says which project it is (not only 重点/重大/产业...);
    `strict` drops only generic words of two or more characters."""
    if len(core) < 2 or re.search(r"\d+(?:个|项)|批|[万亿]元|等", core):
        return False
    known = r.specific_memo.get((core, strict))
    if known is None:
        rest = core
        for g in r.generic_strict if strict else r.generic:
            if g in rest:
                rest = rest.replace(g, "")
        known = r.specific_memo[(core, strict)] = len(rest) >= 2
        if len(r.specific_memo) > 50_000:
            r.specific_memo.clear()  # a bound on memory over a long run; the answers never change
    return known


def _category(r: _Rules, name: str, start: int, end: int, mentions: list[tuple[int, int, Mention]]) -> bool:
    """The name is only an industry (and generic words): 高技术制造业项目, 人才培养."""
    core = name
    for a, b, m in mentions:
        if start <= a and b <= end and m.kind == "industry":
            core = core.replace(m.name, "")
    for h in r.heads:
        core = core.removesuffix(h)
    return not _specific(r, core) or bool(r.programme_words_re.search(core))


# 改造升级, 改扩建, 迁建: the work done on the named thing before it
_UPGRADE_ONLY = re.compile(r"(?:改造|升级|改扩建|扩建|扩能|扩容|提质|迁建)+")
# 10大类项目, 三类工程: classes of projects counted, not one
_CLASSES = re.compile(r"(?:\d+|[两三四五六七八九十]+)大类|\d+类")


def _junk(
    r: _Rules,
    name: str,
    start: int,
    end: int,
    mentions: list[tuple[int, int, Mention]],
    place_names: set[str],
) -> bool:
    """A name that is a count, a place, or a place with generic words (广州重大项目, 上海大项目)."""
    if re.search(r"\d+(?:多|余)?(?:个|项(?!目)|批|家)", name) and not r.built_re.search(
        name[:-2] if name.endswith(("项目", "工程")) else name
    ):
        return True
    if r.counted_re.search(name) or _WORD_COUNT.search(name) or _CLASSES.search(name):
        return True  # 2座35万千瓦…光热发电项目, 镇原4县高速项目, 三个一号旅游公路: a count of works, not one
    built = r.built_re.search(re.sub(r"(?:项目|工程)$", "", name))
    if built and built.start() >= 2:
        return False  # 宣威水库, 津潍高铁: a built thing, even when the tagger calls it a place (临港 is a place)
    # places and zones (重庆高新区举行重大项目: a park is where, not what)
    # (a platform named by a built work, 南宁吴圩机场T3航站区及配套设施, is the work itself)
    places = {
        m.name
        for a, b, m in mentions
        if m.kind in ("place", "platform")
        and start <= a
        and b <= end
        and m.name != name
        and not (m.kind == "platform" and r.works_re.search(m.name))
    }
    if name in place_names:  # a place named anywhere on the page
        return True
    if not name.endswith(tuple(r.heads)):
        return False  # 庆云至章丘 (a route): only X项目/X工程 can be a place with generic words
    core = name
    for h in r.heads:
        core = core.removesuffix(h)
    bare = core
    for p in sorted(places, key=len, reverse=True):
        core = core.replace(p, "")
    if core != bare and (
        (not core and name.endswith("工程")) or (core and _UPGRADE_ONLY.fullmatch(core))
    ):
        return False  # 三峡工程 (a work named by its place), G334文旅大通道改造升级项目 (a work done on a named one)
    for g in r.junk_parts:
        core = core.replace(g, "")
    return core != bare and not _specific(r, core)


def _kind_only(r: _Rules, name: str) -> bool:
    """The name is made only of words for kinds of works (城际铁路, 郊野公园, 存量煤电项目, 骨干冷链物流基地):
    nothing in it (a place, a firm, an abbreviation, a number, a quoted name) says which one."""
    rest = name
    for w in r.kind_words:
        rest = rest.replace(w, "")
    return not rest and not re.search(r"[“”]", name)


def _aggregate(r: _Rules, s: str, start: int) -> bool:
    """A count right before the name (131个…项目, 这两个…项目) makes it an aggregate."""
    before = s[max(0, start - 12) : start]
    clause = re.split(r"[，,。；;：:]", before)[-1]
    return bool(r.aggregate_re.search(clause))


def _built_core(r: _Rules, name: str) -> bool:
    """The name, without 项目/工程, holds a built-thing word after a specific part (G98环岛高速提档扩容, 黄河内蒙古段河道治理)."""
    core = re.sub(r"(?:项目|工程)$", "", name)
    return any(
        m.start() >= 2 and _specific(r, core[: m.start()])
        for m in r.built_any_re.finditer(core)
    )


_NAMING_KINDS = frozenset({"place", "platform", *_ORG_KINDS})


def _name_marked(r: _Rules, s: str, a: int, b: int, marked: list[tuple[int, int]]) -> bool:
    """The list item s[a:b] says which one it is: a built work's word, a number, a Latin or quoted name, or a
    place or body the tagger found inside it (煤制芳烃, 量子通信 say only what kind of thing is made)."""
    item = s[a:b]
    return (
        bool(r.built_any_re.search(item) or re.search(r"[\dA-Za-z“”（）()·]", item))
        or any(a <= x and y <= b for x, y in marked)
    )


# the close of a list called only projects (等项目, 等重点项目, 等重大产业项目): the items say what they are
_PLAIN_PROJECTS = re.compile(r"[^，,。；;：:]*?等([\u4e00-\u9fff]{0,6}?)项目")


def _fields_dropped(
    r: _Rules, s: str, items: list[tuple[int, int, str, str]], marked: list[tuple[int, int]]
) -> list[tuple[int, int, str, str]]:
    """A status verb's list closed by 等(重点)项目 whose items name no place, body, work or number is a list of
    fields (加快布局建设煤制芳烃、低阶煤热解联产分质分级利用、焦化化产深加工等项目; 加快双千兆网络、量子通信等项目建设),
    as the 等…项目 lists without a status verb are read (_name_marked): its items go."""
    closes: dict[int, list[tuple[int, int, str, str]]] = {}
    keep: list[tuple[int, int, str, str]] = []
    for item in items:
        a, b = item[0], item[1]
        m = _PLAIN_PROJECTS.match(s, b)
        if m and _generic_tail(r, m.group(1)) and s[a:b] == item[2]:
            closes.setdefault(m.end(), []).append(item)
        else:
            keep.append(item)
    for group in closes.values():
        # (a transfer work, 南水北调, 西电东送, is named by what it moves where)
        if any(_name_marked(r, s, a, b, marked) or _TRANSFER.search(s[a:b]) for a, b, *_ in group):
            keep.extend(group)
    return sorted(keep, key=lambda x: x[0])


# 178项节能: a count opening the first item of a list
_COUNT_FIRST = re.compile(r"(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余)?(?:项|个|批)(?!目)")


def _list_items(r: _Rules, s: str, h: re.Match[str]) -> list[tuple[int, int]]:
    """A、B、C等(14项)(重大)项目: the listed names, each ending where its 、 or 等 is."""
    m = re.search(
        r"等(?:\d+|[一二两三四五六七八九十百]+)?(?:个|项|批)?(?:一批)?([\u4e00-\u9fff]{0,6}?)$",
        s[: h.start()],
    )
    if (
        not m
        or h.group() not in r.heads
        or not _generic_tail(r, m.group(1))
        or re.search(r"领域|行业|方面", m.group(1))
    ):
        return []  # 高技术、服务业等领域项目: kinds of projects, not named ones
    seg_end = m.start()
    seg_start = max((s.rfind(c, 0, seg_end) for c in "，,。；;：:“”"), default=-1) + 1
    items = []
    pos = seg_start
    for i, part in enumerate(re.split(r"[、和及与]", s[seg_start:seg_end])):
        a = pos
        pos += len(part) + 1
        if i == 0:  # 上海临港新片区集中签约了A、B等15个项目: the first item follows the clause's verb
            verb = next(reversed([m for m in r.verb_cut_re.finditer(part) if len(part) - m.end() >= 3]), None)
            if verb:
                a, part = a + verb.end(), part[verb.end() :]
            if _COUNT_FIRST.match(part):
                return []  # 启动了178项节能、节水和资源综合利用等重大项目: a counted batch of kinds, no named items
        # 总额559.8亿元的A: the amount is the list's total, not the first item's
        money = re.search(r"[万亿]?元的", part)
        st = money.end() if money else _strip_intro(r, part)
        a += st
        part = part[st:]
        size = _SIZE_CLASS.match(part)  # 千万吨级炼油厂: a size class of a kind
        if size and len(part) - size.end() <= 3:
            continue
        if (
            3 <= len(part) <= _MAX_NAME
            and not part.endswith(r.not_before)
            and not r.hard_not_items_re.search(_products_masked(r, part))
            and not _bare_upgrade(r, part)
            and not _generic_lead(r, part)
        ):
            items.append((a, a + len(part)))
    if r.kind_category_re.search(m.group(1)) and all(
        y - x <= 5 and not r.built_re.search(s[x:y]) for x, y in items
    ):
        return []  # 抗震安居、住房保障、煤改电等一批重点民生工程: kinds of works of a class, not named ones
    return items


def _status_lists(
    r: _Rules, s: str, places: set[str] | None = None, orgs: set[str] | None = None
) -> list[tuple[int, int, str, str]]:
    """Named things a status verb governs in one clause: 今年建成雄商、济滨高铁; 加快X、Y等工程建设."""
    out: list[tuple[int, int, str, str]] = []
    pos = 0
    for clause in _CLAUSE_END.split(s):
        cs, pos = pos, pos + len(clause)
        text = clause.rstrip("，,；;：:")
        for obj_start, obj, stage, named in _clause_objects(r, text, orgs):
            out.extend(
                (cs + a, cs + b, n, stage) for a, b, n in _items(r, obj, obj_start, named, places, orgs)
            )
    return out


_REGION_OF = re.compile(r"^[^；;，,。、]{0,4}(?:[^；;，,。]{0,12}?(?:流域|地区|沿线|境内))的")


def _example_stage(r: _Rules, s: str) -> tuple[int, str] | None:
    """(offset after the cue, stage) when `s` opens a list of examples of a counted batch with a status
    (包括三十八个续建工程，如…; 有三十五个新的工程开工，如…)."""
    for m in r.examples_re.finditer(s):
        intro = s[max(0, m.start() - 24) : m.start()].rstrip("，,：:")
        if not r.example_intro_re.search(intro):
            continue
        cues = sorted(
            ((c.end(), stage) for stage, pat in r.status for c in pat.finditer(intro)), reverse=True
        )
        if cues:
            return m.end(), cues[0][1]
    return None


def _example_lists(
    r: _Rules, s: str, carried: str | None
) -> tuple[list[tuple[int, int, str, str]], str | None]:
    """Works given as examples of a counted batch with a status (包括三十八个续建工程，如黄河三门峡水库；淮河流域
    的梅山水库、响洪甸水库…等): each named item is a project at that stage. The list runs on over the
    ；-separated sentences after it (`carried` is its stage), each group's region (淮河流域的) being where,
    not what; 等 closes it. Returns the items and the stage still carried."""
    opened = _example_stage(r, s)
    if opened:
        at, stage = opened
    elif carried:
        at, stage = 0, carried
    else:
        return [], None
    body = s[at:]
    stop = re.search(r"等[^、]{0,12}$", body)  # …等 closes the examples
    if stop:
        body = body[: stop.start()]
    items = []
    for piece in re.finditer(r"[^，,]+", body):  # 惠济河治理工程，颍河节制闸工程: a comma lists too
        region = _REGION_OF.match(piece.group())
        cut = region.end() if region else 0
        items += [(a, b, n, stage) for a, b, n in _items(r, piece.group()[cut:], at + piece.start() + cut)]
    return items, None if stop else stage


# 新签约产业项目139个; 自治区重大项目开工390个 (the count right after the cue)
_COUNTED_AFTER_CUE = re.compile(
    r"(?:[\u4e00-\u9fff]{0,6}?(?:项目|工程))?(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余)?(?:个|项|批)"
)


_LEAD_FILLER = re.compile(r"(?:\d{4}年|[、和]|分别|方面)")  # words that may stand before a status cue
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CLAUSE_END = re.compile(r"(?<=[，,；;：:])")


def _clause_objects(r: _Rules, text: str, orgs: set[str] | None = None) -> list[tuple[int, str, str, bool]]:
    """(offset, object text, stage, named) of a clause's status verb: wrapped, after it, or before it;
    `named` when the objects are a 等-list before a production cue (their items need no built word).
    The first cue whose objects hold named items wins (贵州在建的…“夹岩水利枢纽”施工有序推进)."""
    for stage, pat in r.wrap:
        m = pat.search(text)
        if m and text[m.end() : m.end() + 1] == "的":
            continue  # 加快西部陆海新通道建设的意见: the works name what a policy is about
        if m and _items(r, text[m.start("obj") : m.end()], 0, orgs=orgs):
            end = m.end()
            more = re.match(r"、([^、，,。；;：:]{4,40})$", text[end:])
            if more and r.kind_work_end.search(more.group(1)) and r.built_in.search(more.group(1)):
                end = len(text)  # 加快A铁路建设、B铁路电气化改造: the verb governs the work joined after the stage word
            return [(m.start("obj"), text[m.start("obj") : end], stage, False)]
    # the longest cue at a place wins (建成投产 is 投产, not 建成)
    cues = sorted(
        ((m.start(), m.end(), stage) for stage, pat in r.status for m in pat.finditer(text)),
        key=lambda t: (t[0], -t[1]),
    )
    for a, b, stage in cues:
        if _COUNTED_AFTER_CUE.match(text, b):
            continue  # 枢纽港产业园新签约产业项目139个: a count of projects signed there, not one
        lead = r.intro_re.sub("", _LEAD_FILLER.sub("", text[:a]))
        if not lead.strip():  # 今年建成X、Y: the objects follow the verb
            if text[a:b] in r.not_leading and _HAN.match(text[b:]):
                b -= 1  # 建设中欧班列长沙集结中心: 建设, then the name 中欧班列…
            obj_start, obj = b, text[b:]
        else:  # X、Y等重大工程建成通车: they precede it
            obj_start, obj = 0, r.pre_cue_re.sub("", text[:a])
        # 空客二线、电科蓝天宇航电源、启源芯动力等投产增效: names listed with 等 before a production cue are projects
        named = obj_start == 0 and text[:a].endswith("等") and text[a:].startswith(r.strong_cues)
        if _items(r, obj, 0, named, orgs=orgs):
            return [(obj_start, obj, stage, named)]
    # 建设大同至天津南等特高压工程, 实施A、B等骨干工程: a named 等-list of works under a carrying-out verb
    verb = r.list_verb_re.match(text)
    if (
        verb
        and (re.search(r"等[^、，,]{0,12}(?:项目|工程)$", text) or r.kind_work_re.search(text))
        and _items(r, text[verb.end() :], 0, orgs=orgs)
    ):
        return [(verb.end(), text[verb.end() :], "在建", False)]
    return []


def _items(
    r: _Rules,
    obj: str,
    base: int,
    named: bool = False,
    places: set[str] | None = None,
    orgs: set[str] | None = None,
) -> list[tuple[int, int, str]]:
    """Project names of an object list; a list with 等 inside (A、B等14个电网工程、C通道) is split after
    each 等-category into groups of their own."""
    out: list[tuple[int, int, str]] = []
    at = 0
    for m in re.finditer(r"等[^、]{0,20}?、", obj):
        out.extend(_group_items(r, obj[at : m.end() - 1], base + at, places=places, orgs=orgs))
        at = m.end()
    out.extend(_group_items(r, obj[at:], base + at, named, places, orgs))
    return out


def _group_items(
    r: _Rules,
    obj: str,
    base: int,
    named: bool = False,
    places: set[str] | None = None,
    orgs: set[str] | None = None,
) -> list[tuple[int, int, str]]:
    """Split an object list into project names; an item list needs a built-thing word or 等…项目."""
    listed = _list_category(r, obj, named)
    if listed is None:
        return []
    body, category, explicit = listed
    cleaned = _cleaned_items(r, body)
    if not cleaned or _kinds_list(r, category, [p for _, p in cleaned], (orgs or set()) | (places or set())):
        return []
    next_shared = _shared_words(r, cleaned, places)
    out = []
    line = ""  # the line of the segment before (沪渝蓉高铁武宜段、宜涪段 -> 沪渝蓉高铁宜涪段)
    previous = ""  # the name of the item before (水资源配置一期、二期 -> 水资源配置二期)
    for i, (off, piece) in enumerate(cleaned):
        name = piece
        # (兰海高速廉徐段 names its own line: only a segment without a works word takes the line before)
        seg, before = _SEGMENT.fullmatch(piece) and not r.works_re.search(piece), line
        phase_of = _PHASE_ONLY.fullmatch(piece) and _PHASE_END.search(previous)
        if phase_of:
            name = previous[: phase_of.start()] + piece  # 环北部湾广东水资源配置一期、二期: the second phase of it
        ends = list(r.works_re.finditer(piece))
        line = (
            piece[: ends[-1].end()]
            if ends and _SEGMENT.fullmatch(piece[ends[-1].end() :])
            else (line if seg else "")
        )
        if phase_of:
            pass
        elif seg and before:
            name = before + piece
        elif explicit and (kind := _firms_kind(piece, cleaned[i + 1][1] if i + 1 < len(cleaned) else "", orgs)):
            name = piece + kind  # 比亚迪、吉利汽车零部件等项目 -> 比亚迪汽车零部件: the firms share what they make
        elif category and not _own_work(r, piece) and len(piece) <= 8:
            name = _with_kind(piece, category)
        elif next_shared[i] and not r.built_re.search(piece) and len(piece) <= 5 and not _TRANSFER.match(piece):
            name = _with_kind(piece, str(next_shared[i]))  # 雄商、济滨高铁 -> 雄商高铁
        elif not explicit and not r.built_re.search(piece) and not _modified_work(r, piece):
            continue
        previous = name
        if phase_of or _item_is_work(r, piece, name, explicit):
            out.append((base + off, base + off + len(piece), name))
    return out


# 西气东输, 西电东送, 南水北调, 陇电入鲁, 北煤南运: a transfer work named by what it moves where, a whole name
_TRANSFER = re.compile(
    r"[\u4e00-\u9fff]{1,2}[电气水煤油](?:入|[东西南北](?:输|送|调|运)|外送)[\u4e00-\u9fff]{0,2}$"
)


# 二期, 三期工程: an item that is only a phase
_PHASE_ONLY = re.compile(r"[一二三四五六七八九十\d]+期(?:工程|项目)?")


def _firms_kind(piece: str, following: str, orgs: set[str] | None) -> str:
    """What the next item's firm makes when this item is a firm's bare name and the next one a firm's name with
    what it makes (比亚迪、吉利汽车零部件 -> 汽车零部件), else ""."""
    if not orgs or piece not in orgs:
        return ""
    firm = max((o for o in orgs if len(o) >= 2 and following.startswith(o)), key=len, default="")
    rest = following[len(firm) :]
    if not firm or len(rest) < 2 or re.match(r"[一二两三四五六七八九十\d]", rest) or "期" in rest:
        return ""  # 大唐郓城、华能四期: a phase is the firm's own work, not a kind the firms share
    return "" if any(o in rest for o in orgs if len(o) >= 2) else rest


# …和85个口袋公园 closing a list of named works: a counted batch of a kind joined to them, not one of them
_COUNTED_LAST = re.compile(
    r"(?:和|及|以及)(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余)?[个座所处条项家][^、，,和及]{1,12}$"
)


# the counter of a count (4个, 14项, 三座); 项 of 项目 is none (裕龙岛炼化一体化项目一期)
_COUNT_WORD = re.compile(r"[个批座条处]|项(?!目)")


def _last_item_named(r: _Rules, obj: str) -> bool:
    """A list closing on X项目/X工程 calls its items works when that last item names one; a class of projects
    (…和重大外资项目引进: a kind of money) says nothing of the items before it."""
    if not obj.endswith(("项目", "工程")):
        return False
    last = re.split(r"[、和及与]", obj)[-1]
    if "等" in last:
        return True  # A等23个…重大工业项目: the category of the items before 等
    return _specific(r, re.sub(r"(?:项目|工程)$", "", last))


def _list_category(r: _Rules, obj: str, named: bool) -> tuple[str, str, bool] | None:
    """(body, category, explicit) of an object list: the items' text, the built kind a 等/count category names
    for every item ("" when none), and whether the list calls its items projects or works; None when the list
    is a batch, a count or a programme rather than named works."""
    counted = _COUNTED_LAST.search(obj)
    if counted and "、" in obj[: counted.start()] and not re.search(r"\d", obj[: counted.start()]):
        obj = obj[: counted.start()]  # 五大道公园、设计公园和85个口袋公园: the named items, then a batch of a kind
    if _COUNT_FIRST.match(re.sub(r"^[了着]", "", obj)) and "、" in obj:
        return None  # 启动了178项节能、节水和资源综合利用等重大项目: a counted batch of kinds, no named items
    if re.search(r"一批(?:重大|重点)?(?:项目|工程)$", obj) or re.match(r"[^、，]{0,4}一批", obj):
        return None  # 谋划储备、洽谈招引…一批项目; 建成一批概念验证、中试熟化等平台: batches of kinds, not named projects
    if re.search(r"(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余)?家$", obj):
        return None  # 引进A、B等首店100多家: firms or shops counted, not works
    obj = re.sub(
        rf"(?:项目|工程)?(?:{r.stage_adverbs})?(?:{r.progress_words})$",
        lambda m: m.group()[:2] if m.group()[:2] in ("项目", "工程") else "",
        obj,
    )
    explicit = named or bool(re.search(r"等[^、]{0,12}(?:项目|工程)", obj)) or _last_item_named(r, obj)
    # 实施赵口、陆浑等灌区现代化改造: a category of a built kind and the work done on it names works too
    explicit = explicit or bool(r.kind_work_re.search(obj))
    # a category after 等 first (纳雍至六盘水等铁路: 六 is part of a name, not a count)
    cut = re.search(
        r"等(?:(?:\d+|[一二两三四五六七八九十百]+)(?:个|项|批|座|条|处|大)?|[个项批座条处])?(?P<cat>[^、等]{0,14})$",
        obj,
    ) or re.search(r"(?:\d+|[一二两三四五六七八九十百]+)(?:个|项|批|座|条|处|大)?(?P<cat>[^、]{0,14})$", obj)
    count = r"(?:\d+|[一二两三四五六七八九十百千]+)(?:多|余)?[个项座所家条处批]"
    if re.match(f"{count}[^、，,]{{1,8}}?[和及与]{count}", obj):
        return None  # 1410个县级和250个省、市（地）级疾病预防控制中心: counts of levels of one kind, a batch
    numbered = re.match(r"(等)?([两三四五六七八九十]+)大", cut.group()) if cut else None
    if cut and numbered and not (
        numbered.group(1)
        and _count_of(numbered.group(2)) == len(re.split("[、和及与]", obj[: cut.start()]))
        and r.built_re.search(cut.group())
    ):
        # (霍林河、伊敏河、平朔、元宝山、准格尔等五大露天矿: 等 and the count of the named works, each one of them)
        return None  # 海上风电、沿海核电、辽西风光、储能四大…清洁能源基地: a numbered designation of kinds, not works
    if cut and re.match(r"等?(?:\d+|[一二两三四五六七八九十百]+)[县市区镇乡地州]", cut.group()):
        return None  # 迭部、碌曲、玛曲、镇原4县高速项目: one kind of work counted per place, not named works
    counter = _COUNT_WORD.search(cut.group()) if cut else None
    if cut and not cut.group().startswith("等") and not (counter and counter.start() < 4):
        cut = None  # a number inside the last name (华能四期, 炼化一体化项目), not a count
    body = obj[: cut.start()] if cut else obj
    if (
        cut
        and not cut.group().startswith("等")
        and _count_of(cut.group()) not in (None, len(re.split("[、和及与]", body)))
    ):
        return None  # 天津滨海新区83个老旧小区改造项目: a count that is not the items' number is an aggregate
    if cut and re.sub(r"(?:工程|项目)$", "", cut.group("cat")).endswith(r.programme_categories):
        return None  # 毛乌素沙化土地、…与水土流失等综合治理工程: areas a treatment programme covers, not works
    if cut and cut.group().startswith("等") and cut.group("cat").endswith(r.carriers):
        return None  # A中心、B基地等功能载体 / 等产业创新平台: carriers set up, not works built
    # 南山口、哇让4个抽水蓄能电站 / 茨哈峡、尔多等水电站: the category names what each item is
    category = cut.group("cat") if cut else ""
    others = _OTHER_PLACES.match("等" + category)
    category = category[others.end() - 1 :] if others else category
    # (海东、海西等地零碳园区, 青海、甘肃等省份新能源基地: 等地, 等省份 are "and other places")
    if not (category.startswith("“") and category.endswith("”")):
        category = _plain_category(r, category)  # a quoted label (“十大产业项目”) is no kind of thing
    category = r.kind_work_end.sub("", category)  # 等灌区现代化改造: each item is a 灌区
    category = category if category and r.built_re.search(category) and category not in r.not_shared else ""
    return body, category, explicit


def _cleaned_items(r: _Rules, body: str) -> list[tuple[int, str]]:
    """(offset, text) of a list body's items, cleaned (_clean_item); empty when the list is no list of works."""
    parts = _split_items(r, body)
    if any(re.fullmatch(r"(?:项目|工程)", p) for _, p in parts):
        return []  # 务实办好西博会、项目签约3543亿元: the 、 joins two clauses, the bare 项目 names no work
    # a quote holding 、 is a slogan (“走一步、看两步、想三步”), not a list of works
    slogans = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*、[^”]*”", body)]
    cleaned = []
    for off, piece in parts:
        if any(a <= off < b for a, b in slogans):
            continue
        kept = _clean_item(r, off, piece)
        if kept is not None:
            cleaned.append(kept)
    return cleaned


def _shared_words(r: _Rules, cleaned: list[tuple[int, str]], places: set[str] | None) -> list[str | None]:
    """For each item, the built word (or the last item's longer shared part) a short item takes from the
    items after it; the last item loses a batch's size class in place (德厚、阿岗、车马碧大型水库)."""
    last_item = cleaned[-1][1]
    last = r.built_re.search(last_item)
    shared = last.group() if last and last.group() not in r.not_shared else None
    lens = {len(p) for _, p in cleaned[:-1]}
    short = bool(lens) and max(lens) <= 4  # 中资信创总部、…、国家管网科学试验基地: whole names share nothing
    praise = next((w for w in r.praise if shared and last_item.endswith(w + shared)), None)
    if praise and shared and short and len(last_item) - len(praise + shared) >= 2:
        # 德厚、阿岗、车马碧大型水库: the size class belongs to the batch; the names share only the built word
        cleaned[-1] = (cleaned[-1][0], last_item[: len(last_item) - len(praise + shared)] + shared)
    elif (
        shared
        and short
        and (len(last_item) - len(shared) > 4 or (lens == {2} and len(last_item) - len(shared) > 2))
    ):
        # two-character names share the rest (青桂、青粤绿电外送通道 -> 青桂绿电外送通道; 湘河、拉洛水利枢纽)
        # (桥头、格尔木支撑调节性火电: the last item's own name is the place it opens with)
        # (长城、大运河国家文化公园: without a place, the own name ends where a generic or kind word opens the rest)
        own_len = max(
            (len(p) for p in places or () if last_item.startswith(p) and len(last_item) - len(p) > 2),
            default=next(
                (k for k in (2, 3) if last_item.startswith(r.shared_openers, k) and len(last_item) - k > 2), 2
            ),
        )
        shared = last_item[own_len:]
    if shared is None and short and (behind := _word_behind_head(r, last_item)):
        shared = behind  # 雄忻、石雄铁路项目 -> 雄忻铁路; 烟威、海阳辛安核电送出特高压工程 -> 烟威特高压工程
    # a short item shares the built word of the next item that has one (西康、西十高铁、西安东站和府谷、定边
    # 机场: 西康 is a 高铁, not a 机场); the last item's word, as extended above, when none follows
    next_shared: list[str | None] = [None] * len(cleaned)
    following = shared
    for i in range(len(cleaned) - 1, -1, -1):
        next_shared[i] = following
        own_word = r.built_re.search(cleaned[i][1])
        item = cleaned[i][1]
        if (
            i < len(cleaned) - 1
            and own_word
            and own_word.group() not in r.not_shared
            and _specific(r, item[: own_word.start()])  # 县乡公路 is a kind, 德令哈3座…电站 a count: no names
            and not re.search(r"\d+(?:个|项|条|座|处)", item)
        ):
            following = own_word.group()
    return next_shared


def _item_is_work(r: _Rules, piece: str, name: str, explicit: bool) -> bool:
    """A list item (`piece`, completed to `name`) names a work of its own: not a kind of work, an upgrade of
    a kind, a task or a designation, a count or an amount."""
    suffix = r.built_re.search(name) or _modified_work(r, name)
    lead = name[: suffix.start()] if suffix else ""
    if _bare_upgrade(r, name):
        return False  # 高速公路提质扩容: a kind of work upgraded, with no name of its own (even in an explicit list)
    # a two-to-four-character lead is an abbreviation (和若铁路, 绥大高速公路): only whole generic words
    # (农村, 城市) make it a kind; the one-character ones (和, 大) are its own
    specific = _specific(r, lead, strict=True) if 2 <= len(lead) <= 4 else _specific(r, lead)
    if (
        suffix
        and not specific
        and not explicit
        and not (lead in r.level_leads and suffix.group().endswith("馆") and len(suffix.group()) >= 3)
    ):
        return False  # 高速公路, 农村公路: a kind of thing, not a named one (省美术馆 is the province's own)
    if explicit and _generic_lead(r, name):
        return False  # 国家重大传染病防治基地 in an explicit list too: only generic words before the work's word
    own = r.built_re.search(piece)  # 联想创新园: the built word's own 创新 is no abstract item
    own = own if own and len(own.group()) >= 3 else None
    # an item of an explicit 等…工程 list is a work whatever its words (黄河甘肃段河道防洪治理,
    # 川渝石窟寺国家遗址公园): only the hard not-items disqualify it
    stop_re = r.hard_not_items_re if explicit else r.not_items_re
    words = stop_re.finditer(_products_masked(r, piece[: own.start()] if own else piece))
    # (杭州国家版本馆, 宝墩国家考古遗址公园: 国家 after the name's own part is part of it; not a rank,
    # 南川国家级零碳园区, nor after an adjective, 综合性国家科学中心)
    if not 2 <= len(piece) <= _MAX_NAME or any(
        m.start() < 2
        or m.group() not in r.inner_ok
        or piece[m.end() : m.end() + 1] == "级"
        or piece[m.start() - 1] == "性"
        for m in words
    ):
        return False
    return not re.search(r"\d+(?:个|项|条|座)|[万亿]元|%|^[在对向]", piece) and _specific(
        r, re.sub(r"(?:项目|工程)$", "", name)
    )


# 三是, 八是: the ordinal of a point in a report's enumeration
_ORDINAL = re.compile(r"[一二三四五六七八九十]+是")
# 国家重点工程, 控制性工程: a description of the work named after it
_DESCRIBED_WORKS = re.compile(r"(?:重点|重大|控制性|标志性|骨干)工程")


def _clean_item(r: _Rules, off: int, piece: str) -> tuple[int, str] | None:
    """(offset, text) of a list item without its quotes, description and leading verb, or None when it is
    no work of its own (supporting works, an aggregate, a measure or a size class of a kind)."""
    piece = piece.replace("“", "").replace("”", "")
    if piece.startswith("配套"):
        return None  # X及配套灌溉工程: the supporting works of the item before, not a project of their own
    if r.aggregate_re.search(piece) and piece.endswith(("项目", "工程")):
        return None  # 这两个投资百亿元的高端制造项目
    dash = piece.rfind("——")
    de = max(
        piece.rfind("的"), dash + 1 if dash >= 0 else -1
    )  # 总装机容量50万千瓦的马驹沟光伏电站; 世界最长…隧道——天山胜利隧道
    if de >= 0:
        off, piece = off + de + 1, piece[de + 1 :]
    if r.metric_re.search(piece):
        return None  # 全国电源规模最大, 新能源占比最高: what the works are like, not which
    size = _SIZE_CLASS.match(piece)
    if size and len(piece) - size.end() <= 3:
        return None  # 千万吨级炼油厂, 百万吨级乙烯: a size class of a kind, not a named work
    st = _strip_intro(r, piece)
    off, piece = off + st, piece[st:]
    first = r.descriptive_re.search(piece)
    if first and _first_work(r, first.group(), piece[first.end() :]):
        off, piece = (
            off + first.end(),
            piece[first.end() :],
        )  # 全国首条大规模长距离输氢管道: named by what it is
    ordinal = _ORDINAL.match(piece)
    if ordinal:
        off, piece = off + ordinal.end(), piece[ordinal.end() :]  # 八是包银高铁全线开通: the report's count of points
    works = list(_DESCRIBED_WORKS.finditer(piece))
    if works and len(piece) - works[-1].end() >= 4 and r.built_re.search(piece, works[-1].end()):
        off, piece = off + works[-1].end(), piece[works[-1].end() :]  # 国家重点工程包银高铁: described, then named
    described = piece.rfind("项目")
    if (
        described >= 2
        and len(piece) - described - 2 >= 4
        and r.built_re.search(piece)
        and not re.match(r"[一二三四五六七八九十\d]+期|建设|工程", piece[described + 2 :])
    ):
        off, piece = (
            off + described + 2,
            piece[described + 2 :],
        )  # 国家重点项目大广高速…工程: described, then named
    verb = next(reversed(list(r.item_verb_re.finditer(piece))), None)  # the last one
    if verb and re.fullmatch(r"(?:项目|工程)?", piece[verb.end() :]):
        return None  # 为确保项目如期完工: the verb's object is no name
    if verb and len(piece) - verb.end() >= 3:
        off, piece = (
            off + verb.end(),
            piece[verb.end() :],
        )  # 一年内就实现年产4万吨…: the name follows the verb
    for _ in range(2):  # 协和天津基地建设顺利(推进): both words go
        piece = r.item_tail_re.sub("", piece)
    return off, piece


_SEGMENT = re.compile(r"[\u4e00-\u9fff]{1,8}(?:至[\u4e00-\u9fff]{1,8})?段")
_WORKS_MOD = re.compile(r"(?:（|\()?(改扩建|扩建|扩能改造|扩能|扩容|提速改造|改造)(?:）|\))?$")



def _products_masked(r: _Rules, text: str) -> str:
    """`text` with product nouns that hold a not-item word blanked (浪潮服务器生产线: 服务器 is made there,
    no 服务; 恒瑞创新药: 创新药 is a product, no 创新), so the not-items test reads only the item's own words."""
    for w in r.product_nouns:
        text = text.replace(w, "＿" * len(w))
    return text


def _own_work(r: _Rules, piece: str) -> bool:
    """The item ends with a built word of its own after a name of two or more characters (太平水库); a
    one-character built word closing a two-character abbreviation (兴港, 津站) is part of the abbreviation."""
    work = r.built_re.search(piece)
    return work is not None and (work.start() >= 2 or len(piece) > 2)


def _word_behind_head(r: _Rules, item: str) -> str | None:
    """The built word before an item's closing 项目/工程 (石雄铁路项目 -> 铁路; …特高压工程 -> 特高压工程), for
    short items listed before it to share; None when there is none or it is only a generic word."""
    head = re.search(r"(?:项目|工程)$", item)
    if not head:
        return None
    work = r.built_re.search(item[: head.start()])
    if not work or work.group() in r.not_shared or work.start() < 2:
        return None
    return work.group() + ("工程" if head.group() == "工程" else "")


def _generic_lead(r: _Rules, name: str) -> bool:
    """国家重大传染病防治基地, 抽水蓄能电站: four or more characters of generic words before the work's word."""
    work = r.built_re.search(re.sub(r"(?:项目|工程)$", "", name))
    return work is not None and work.start() >= 4 and not _specific(r, name[: work.start()])


def _bare_upgrade(r: _Rules, name: str) -> bool:
    """高速公路提质扩容, 机场改扩建: only a kind of work and its upgrade words, no name of the work."""
    core = name
    while (up := r.upgrade_re.search(core)) and up.start() > 0:
        core = core[: up.start()]
    work = r.built_re.search(core)
    return core != name and work is not None and work.start() == 0


def _modified_work(r: _Rules, name: str) -> re.Match[str] | None:
    """The built word of a work named with its upgrade (燕官公路提质改造 -> 公路), or None."""
    up = r.upgrade_re.search(name)
    return r.built_re.search(name[: up.start()]) if up and up.start() >= 4 else None


def _kinds_list(r: _Rules, category: str, items: list[str], names: set[str]) -> bool:
    """Short items without a built word under a category that is no built thing either (铝镁、黄金、超高纯铜等
    有色金属项目; 新材料、新能源等新兴产业项目): kinds of product or industry, not named works (items that are
    companies or places, 中船、中远海运船舶制修造项目, name whose works they are)."""
    body = re.sub(r"(?:项目|工程)$", "", category)
    return (
        body != category
        and len(body) >= 2
        and not r.built_re.search(body)
        and bool(r.kind_category_re.search(body))
        and all(len(p) <= 5 and not r.built_re.search(p) and not _modified_work(r, p) for p in items)
        # one company or place among them (or inside one): the items are names, not kinds
        and not any(o.startswith(p) or o in p for p in items for o in names if len(o) >= 2)
    )


def _with_kind(piece: str, kind: str) -> str:
    """A listed name completed by the list's kind of work; the item's works word follows the kind
    (京哈（扩建）、…等高速公路 -> 京哈高速公路扩建; 四梅集扩能等铁路项目 -> 四梅集铁路扩能项目)."""
    mod = _WORKS_MOD.search(piece)
    if not mod or mod.start() < 2:
        return piece + kind
    tail = re.search(r"(?:项目|工程)$", kind)
    core = kind[: tail.start()] if tail else kind
    return piece[: mod.start()] + core + mod.group(1) + (tail.group() if tail else "")


def _split_items(r: _Rules, body: str) -> list[tuple[int, str]]:
    """(offset, text) of the items of a list body, split at 、 and at 和/及/与. A 和 opening an item is the
    name's own (、和若铁路); what follows 和/及/与 stays with the item before when it is only a part of it: an
    ordinal part (江北国际机场T3B航站楼及第四跑道, 引绰济辽及二期工程), generic words (引洮二期骨干及城乡配套,
    松涛灌区续建配套与现代化改造) or a bare built word (东平湖老湖区洪水相机南排和航道主体工程)."""
    toks = re.split(r"([、和及与])", body)
    parts: list[list[Any]] = []  # [offset, text, separator before]
    at, sep, carry = 0, "、", None
    for i, tok in enumerate(toks):
        if i % 2:
            if tok != "、" and toks[i - 1] == "" and (i == 1 or toks[i - 2] == "、"):
                carry = at  # 、和若铁路: the 和 opens the name
            elif tok != "、" and len(toks[i - 1]) == 1 and (i == 1 or toks[i - 2] == "、"):
                carry = at - 1  # 、人和集团新能源材料: no name is one character, the 和 is inside one
            else:
                sep = tok
            at += len(tok)
            continue
        if len(tok) == 1 and i + 1 < len(toks) and toks[i + 1] != "、" and (i == 0 or toks[i - 1] == "、"):
            at += len(tok)  # the one character opens the next token's name (read at the separator)
            continue
        off = carry if carry is not None else at
        carry = None
        at += len(tok)
        text = body[off:at]
        if not text:
            continue
        if (
            parts
            and sep != "、"
            and parts[-1][0] + len(parts[-1][1]) + 1 == off
            and (_part_of_previous(r, text) or _opens_name(r, parts[-1][1], text))
        ):
            parts[-1][1] = body[parts[-1][0] : at]
        else:
            parts.append([off, text, sep])
    return [(p[0], p[1]) for p in parts]


def _opens_name(r: _Rules, before: str, text: str) -> bool:
    """A long item without a built word before 和/及/与 is the first half of one name (宁德时代贵州新能源动力
    及储能电池生产制造基地一期); short ones share the next item's word (太平和中皋水库)."""
    anywhere = r.built_re.pattern.removesuffix("$")
    return (
        len(before) > 6
        and not re.search(anywhere, before)
        and bool(r.built_re.search(text))
        and not re.match(r"[\d一二两三四五六七八九十百千万年]", text)  # 年产4万吨A和2万吨B项目: two of a kind
    )


def _part_of_previous(r: _Rules, text: str) -> bool:
    """An item after 和/及/与 that only completes the item before it."""
    core = re.sub(r"(?:主体工程|工程|项目|建设)$", "", text)
    return (
        bool(re.match(r"(?:第[一二三四五六七八九十\d]+|[一二三四五六七八九十\d]+期)", text))
        or not core
        or core.startswith(r.part_starts)
        or bool(r.joining_re.search(core))  # 京杭运河与小清河航道连通工程: one work joining the two
        or (not _specific(r, core) and not r.built_re.search(core))  # 研发中心 is a thing of its own
        or bool(re.fullmatch(r.built_re.pattern, core))
    )


def _plain_category(r: _Rules, category: str) -> str:
    """The category a list shares without its praise and quotes (“绿电氢氨醇”标志性项目 -> 绿电氢氨醇项目)."""
    head = next((h for h in r.heads if category.endswith(h)), "")
    body = category[: len(category) - len(head)].replace("“", "").replace("”", "")
    for w in r.praise:
        body = body.replace(w, "")
    body = r.stage_words_re.sub("", body)  # 23个续建项目, 拟竣工投产项目: the stage, not a kind of work
    if head and not body.replace("重大", "").replace("重点", ""):
        return ""  # 闽江干流防洪提升等重大工程: the category says only that they matter
    if head and _funding_only(r, body):
        return ""  # 三星V8闪存芯片、人和集团新能源材料等外资项目: who pays, not what is built
    return body + head if body else category


def _funding_only(r: _Rules, body: str) -> bool:
    """A category that says only where the money comes from (外资, 招商引资, 中央预算内投资)."""
    rest = body
    for w in sorted(r.funding_words, key=len, reverse=True):
        rest = rest.replace(w, "")
    return rest != body and not rest.replace("重大", "").replace("重点", "")


def _count_of(text: str) -> int | None:
    """The number a list's count opens with (4个抽水蓄能电站 -> 4), or None."""
    m = re.match(r"\d+|[一二两三四五六七八九十百]+", text)
    if not m:
        return None
    try:
        return int(parse_number(m.group())[0])
    except ValueError:
        return None


def _generic_tail(r: _Rules, tail: str) -> bool:
    rest = tail.replace("一批", "")
    for g in r.generic:
        rest = rest.replace(g, "")
    return len(rest) == 0


def _strip_intro(r: _Rules, part: str) -> int:
    """Offset after introducing verbs at the start of a list item (加快推进A、B → A; 提速A → A)."""
    pos = 0
    while True:
        m = r.lead_re.match(part, pos)
        if not m or len(part) - m.end() < 2 or part[m.end() :].startswith(r.bad_starts):
            return pos
        pos = m.end()


# 、年产能20万吨的 / 、占地300亩的: a modifier joined to the amount's, ending on the 的 before the name
_SECOND_MODIFIER = re.compile(r"、[^，,。；;、的]{1,14}的")


def _money_for(s: str, moneys: list[_Money], start: int, end: int, used: set[int]) -> _Money | None:
    """The amount of the project named at [start, end): 投资X亿元的<name> before it, else the first
    amount after it in the sentence with no other project head between."""
    for i, m in enumerate(moneys):
        if i in used:
            continue
        between = s[m.end : start]
        # (总投资近2000亿元的格尔木东、海南清洁能源基地: an amount before a list is the list's total, no item's;
        # 总投资50亿元、年产能20万吨的X项目: a second modifier of the one name, joined by 、, closes on 的)
        if m.end <= start and len(between) <= 24 and (
            not re.search(r"[，。、]", between) or _SECOND_MODIFIER.fullmatch(between)
        ):
            used.add(i)
            return m
    for i, m in enumerate(moneys):
        if i in used or m.start < end:
            continue
        between = s[end : m.start]
        # (…园区承接产业转移能力全面提升，…合作引进的项目总投资超360亿元: after a comma, the 项目 of a relative clause owns it)
        if len(between) <= 40 and not re.search(
            r"项目\d*个|[，,]其中|(?:\d+|[一二两三四五六七八九十几])个|[，,][^，,]*的(?:项目|工程)$", between
        ):
            used.add(i)
            return m
    return None


def _status(r: _Rules, s: str, start: int, end: int, clause_only: bool = False) -> str | None:
    """The stage the sentence gives the project: the cue nearest after its name, else before it
    (within the name's own clause when nothing else, such as an amount, ties it to the project)."""
    best: tuple[int, str] | None = None
    lo, hi = 0, len(s)
    if clause_only:
        lo = max((s.rfind(c, 0, start) for c in "，,：:"), default=-1) + 1
        ends = [i for i in (s.find(c, end) for c in "，,：:") if i >= 0]
        hi = min(ends) if ends else len(s)
        if s.startswith("其中", lo) and lo > 0:
            # 新签约亿元以上项目320个，其中…有恒力石化、盛虹炼化等项目: 其中 picks out of the batch said before
            # it in the sentence (集中签约25个项目，总投资超过500亿元，其中包括A项目)
            lo = 0
    for stage, pat in r.status:
        for m in pat.finditer(s, lo, hi):
            if start <= m.start() < end:
                continue  # inside the name (建设项目)
            dist = m.start() - end if m.start() >= end else 1000 + start - m.end()
            if best is None or dist < best[0]:
                best = (dist, stage)
    return best[1] if best else None


def _org(s: str, base: int, start: int, end: int, mentions: list[tuple[int, int, Mention]]) -> str | None:
    """The investor: an organisation inside the name, else the nearest one before it in the sentence."""
    inside = [m for a, b, m in mentions if base + start <= a and b <= base + end and m.kind in _ORG_KINDS[:4]]
    if inside:
        return inside[0].name
    before = [(b, m) for a, b, m in mentions if base <= a and b <= base + start and m.kind in _ORG_KINDS[:4]]
    if before:
        return max(before, key=lambda t: t[0])[1].name
    return None


def _place(
    r: _Rules, s: str, start: int, end: int, base: int, mentions: list[tuple[int, int, Mention]]
) -> str | None:
    """Where, said in the name's own clause: a 落户/在/位于 phrase, else a place mention before the name."""
    lo = max((s.rfind(c, 0, start) for c in "，,；;：:"), default=-1) + 1
    ends = [i for i in (s.find(c, end) for c in "，,；;：:") if i >= 0]
    hi = min(ends) if ends else len(s)
    phrases = [(m.start("place"), m.group("place")) for m in r.place_re.finditer(s, lo, hi)]
    if phrases:
        return min(phrases, key=lambda t: abs(t[0] - start))[1]
    places = [m for a, b, m in mentions if base + lo <= a and b <= base + start and m.kind == "place"]
    return places[-1].name if places else None


def _main_place(mentions: list[tuple[int, int, Mention]]) -> str | None:
    """The division a page is about: the most mentioned province/city/district (the report's region)."""
    counts: dict[str, int] = {}
    for _a, _b, m in mentions:
        if m.kind == "place" and m.attrs.get("level") in ("province", "city", "district", "county"):
            name = str(m.attrs.get("official") or m.name)
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None


def _sentence_place(r: _Rules, sent: Sentence, mentions: list[tuple[int, int, Mention]]) -> str | None:
    """A place a sentence sets for the next ones of its paragraph (在河北邢台高新区，…)."""
    m = r.place_re.match(sent.text)  # only a sentence opening with 在X，
    if m and sent.text[m.end() : m.end() + 1] in "，,":
        return m.group("place")
    return None


def _industry(start: int, end: int, mentions: list[tuple[int, int, Mention]]) -> str | None:
    for a, b, m in mentions:
        if start <= a and b <= end and m.kind == "industry":
            return m.name
    return None


def _tidy(v: float) -> float | int:
    r = round(v, 2)
    return int(r) if r == int(r) else r


def project_stages() -> tuple[str, ...]:
    """The project statuses in life-cycle order (谋划 → 签约 → 开工 → 在建 → 投产 → 建成)."""
    return _STATUS_ORDER
