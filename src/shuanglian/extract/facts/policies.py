"""PolicyStage: named policies, plans, programmes and reports with issuer and period."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from shuanglian.document import Document, Mention
from shuanglian.extract.facts.common import alternation, load_data, overlaps_excluded

# the national report records break a line on each side of a title's name (…国务院制定了《\n全面推进依法行政实施纲要\n》)
_TITLE = re.compile(r"《\n?([^《》\n]{2,80})\n?》")
_QUOTED = re.compile(r"[“「]([^“”「」\n]{2,30})[”」]")
_PERIOD_PATTERNS = [
    re.compile(r"(?P<a>(?:19|20)\d\d)\s*[-—–－~～至到]\s*(?P<b>(?:19|20)\d\d)\s*年?"),
    re.compile(r"[（(](?P<y>(?:19|20)\d\d)(?:年|年度)?[）)]"),  # 《…发展报告（2023）》
    re.compile(r"[“\"]?(?P<fyp>[十一二三四五六七八九]{2,3}五)[”\"]?(?:时期|期间|规划)?"),
    re.compile(r"(?P<y>(?:19|20)\d\d)年"),
]
# Issuers are the organisations/governments named shortly before the verb ("国务院印发《…》").
_ISSUER_KINDS = {"government", "organization", "research_institute", "university", "media", "enterprise", "lab", "platform"}
# Without entities: the longest organisation-looking head of the clause (阿里研究院跨境电商研究中心在…发布).
_ISSUER_FALLBACK = re.compile(
    r"([\u4e00-\u9fff]{0,20}(?:国务院|中共中央|部|委员会|局|厅|办公室|办公厅|政府|研究院|研究中心|协会|联盟|中心|研究所))"
)
_LEAD_TIME = re.compile(r"^(?:近日|日前|近期|今天|今日|昨天|昨日|\d{1,2}月\d{1,2}日)[，,]?")


@lru_cache(maxsize=512)
def _alt_of(words: tuple[str, ...]) -> str:
    return alternation(words)


def _alt(words: Sequence[str]) -> str:
    """`alternation` of a word list, memoised: the lists come from the yaml and are the same on every page
    (escaping them for each page was half of this stage's time)."""
    return _alt_of(tuple(words))


@dataclass(frozen=True)
class _Patterns:
    """The stage's patterns, built from policies.yaml once per process (they are the same for every page)."""

    suffix: re.Pattern[str]
    verb: re.Pattern[str]
    not_policy: re.Pattern[str]
    qsuffix_end: re.Pattern[str]
    qarticles_end: re.Pattern[str]
    qsuffix_after: re.Pattern[str]
    qnot_end: re.Pattern[str]
    qsuffix_more: re.Pattern[str]
    qfollow_not: re.Pattern[str]
    strategy: re.Pattern[str]
    qverb: re.Pattern[str]
    counted_suffix: re.Pattern[str]
    qrole: re.Pattern[str]
    glossary: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]] | None  # entry, joined headwords, leading verb
    line_title: re.Pattern[str] | None
    programme_verb_end: re.Pattern[str]  # a programme verb ending the text before a quote (_programme_verb_before)
    measure: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]  # run, generic, set, strip
    pilot: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]  # verb run, subject run, generic, strip
    # any pilot: cut verbs, lead strips, generic, not after 试点, a run of items
    any_pilot: tuple[re.Pattern[str], tuple[re.Pattern[str], ...], re.Pattern[str], re.Pattern[str], re.Pattern[str]]


def _measure_patterns(data: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """_named_measures' patterns: the run after a measure verb, kinds, sets, and the verbs opening the name."""
    verbs = _alt(data.get("measure_verbs") or ["出台"])
    heads = _alt(data.get("measure_heads") or ["办法"])
    pat = re.compile(rf"(?:{verbs})(?P<name>[\u4e00-\u9fff“”]{{4,20}}?(?:{heads}))(?=[，,。；;、）)\n]|$)")
    generic = re.compile(data.get("measure_generic") or "\x00")
    sets = re.compile("^(?:" + _alt(data.get("measure_set_words") or ["\x00"]) + ")")
    # 制定出台奖补办法, 出台了…: a second issuing verb and the words joined to the first are not the name's
    strip = re.compile(
        f"^(?:{_alt([*data['programme_verb_strip'], *(data.get('issuing_joined') or []), *(data.get('measure_verbs') or [])])})+"
    )
    return pat, generic, sets, strip


def _pilot_patterns(data: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """_pilots' patterns: a pilot after its verb, one opening its clause, kinds, and the verbs opening the name."""
    verbs = _alt(data.get("pilot_verbs") or ["开展"])
    then = _alt(data.get("pilot_subject_verbs") or ["扩大到"])
    run = r"[\u4e00-\u9fffA-Za-z0-9“”+·]{2,24}?(?:的)?试点"
    stop = rf"(?=(?:{_alt(data.get('pilot_then') or ['工作'])})?(?:[，,。；;、）)\n]|$))"
    verb_re = re.compile(rf"(?:{verbs})(?P<name>{run}){stop}")
    subject_re = re.compile(rf"(?:^|(?<=[。；;，,\n]))(?P<name>{run})(?=(?:{then}))")
    generic = re.compile(data.get("pilot_generic") or "\x00")
    # 继续抓好…试点, 启动和扩大…试点: the verbs and joining words before the name are not the name's
    strip = re.compile(f"^(?:{_alt([*data['programme_verb_strip'], *(data.get('pilot_verbs') or []), '和', '并'])})+")
    return verb_re, subject_re, generic, strip


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """Compile the policies.yaml patterns (cached: the page loop only reads them)."""
    data = load_data("policies.yaml")
    glossary = None
    if data.get("glossary_entry"):
        heads = _alt([*data["programme_suffixes"], *data["quoted_followers"]])
        gloss = re.compile(data["glossary_entry"].replace("HEADS", heads), re.M)
        joined = re.compile(rf"(?:{heads})[”\"]?(?=[和及与])")
        leads = [w for w in data["programme_verb_strip"] if w not in ("好", "了", "并")]
        gloss_verb = re.compile(rf"(?:{_alt(leads)})*(?:{_alt(data['programme_verbs'])})(?:好|了)?")
        glossary = (gloss, joined, gloss_verb)
    return _Patterns(
        suffix=re.compile(f"(?:{_alt(data['suffixes'])})$"),
        verb=re.compile(_alt(data["verbs"])),
        not_policy=re.compile(_alt(data["not_policy"])),
        qsuffix_end=re.compile(f"(?:{_alt(data['quoted_suffixes'])})$"),
        qarticles_end=re.compile(data.get("quoted_counted_articles") or "\x00"),
        qsuffix_after=re.compile(f"^[\\u4e00-\\u9fff]{{0,12}}?(?:{_alt(data['quoted_followers'])})"),
        qnot_end=re.compile(f"(?:{_alt(data['quoted_not'])})$"),
        qsuffix_more=re.compile(_alt(data.get("quoted_follower_more") or ["\x00"])),
        qfollow_not=re.compile(_alt(data.get("quoted_follower_not") or ["\x00"])),
        strategy=re.compile("(?:" + _alt(data.get("strategy_ends") or ["\x00"]) + ")$"),
        qverb=re.compile(_alt(data["quoted_verbs"])),
        counted_suffix=re.compile(f"(?:{_alt(data['programme_suffixes'])})$"),
        qrole=re.compile(_alt(data.get("quoted_role_words") or ["\x00"])),
        glossary=glossary,
        line_title=re.compile(data["line_title"], re.M) if data.get("line_title") else None,
        programme_verb_end=re.compile(f"(?:{_alt(data.get('programme_verbs') or ['实施'])})$"),
        measure=_measure_patterns(data),
        pilot=_pilot_patterns(data),
        any_pilot=(
            re.compile(_alt(data.get("pilot_any_cut") or ["\x00"])),
            tuple(re.compile(x) for x in data.get("pilot_any_lead_strip") or []),
            re.compile(data.get("pilot_any_generic") or "\x00"),
            re.compile(data.get("pilot_any_not_after") or "\x00"),
            re.compile(r"[\u4e00-\u9fffA-Za-z0-9“”+×·]+$"),
        ),
    )


class PolicyStage:
    """Fill `doc.policies` with `{title, issuer, period, span}` for named policies in the text."""

    name = "policies"

    def __call__(self, doc: Document) -> Document:
        doc.policies = extract_policies(doc.text, doc.entities, doc.excluded)
        return doc


def extract_policies(
    text: str, entities: list[Mention] | None = None, excluded: list[tuple[int, int]] | None = None
) -> list[dict[str, Any]]:
    """Named policies/plans/reports in `text`, one per distinct title (first mention gives the span)."""
    data = load_data("policies.yaml")
    pt = _patterns()
    suffix_re, verb_re, not_re = pt.suffix, pt.verb, pt.not_policy
    qsuffix_end, qarticles_end, qsuffix_after, qnot_end = pt.qsuffix_end, pt.qarticles_end, pt.qsuffix_after, pt.qnot_end
    qsuffix_more, qfollow_not, strategy_re = pt.qsuffix_more, pt.qfollow_not, pt.strategy
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    spans = _issuer_spans(entities or [])
    # a named development strategy (创新驱动发展战略, “走出去”战略) is a direction, not an instrument (strategy_re)

    def add(title: str, start: int, end: int) -> None:
        # 第七个五年计划 and “七五”计划 are one plan: the first form written names it
        key = re.sub(r"^(?:国民经济和社会发展)?第([一二三四五六七八九十]{1,3})个五年(计划|规划)$", r"\1五\2",
                     normalise_title(title))
        if key in seen or (excluded and overlaps_excluded(start, end, excluded)) or strategy_re.search(key):
            return
        seen.add(key)
        out.append(
            {
                "title": title,
                "issuer": _issuer(text, start, end, entities or [], verb_re, spans),
                "period": _period(title, text[end : end + 16]),
                "span": [start, end],
            }
        )

    for m in _TITLE.finditer(text):
        title = m.group(1).strip()
        before = text[max(0, m.start() - 8) : m.start()]
        after = text[m.end() : m.end() + 6]
        if not_re.search(before[-4:]) or re.match(r"^(?:》)?(?:这首|一歌|一书|一剧|主题曲|歌曲|杂志|报道)", after):
            continue
        if "原标题" in before or before.endswith(("(", "（")) and not suffix_re.search(title):
            # (原标题《…》) and bracketed article titles are headlines, not policies.
            continue
        if _back_reference(title, before, out, data["suffixes"], data.get("bare_titles") or []):
            continue
        after_verb = re.match(r"^[^。；;]{0,24}?(?:印发|发布|出台|颁布|公布)", text[m.end() : m.end() + 30])
        if (
            suffix_re.search(normalise_title(title))  # 《…发展报告（2023）》
            or verb_re.search(text[max(0, m.start() - 12) : m.start()])
            or after_verb  # 《…》近日由X发布
        ):
            add(title, m.start(), m.end())
    qverb_re, counted_suffix_re, qrole_re = pt.qverb, pt.counted_suffix, pt.qrole
    title_spans = [(t.start(), t.end()) for t in _TITLE.finditer(text)]
    for m in _QUOTED.finditer(text):
        if any(a < m.start() < b for a, b in title_spans):
            continue  # a quoted word inside a 《title》 is part of that title
        inner = m.group(1).strip()
        # the verb is in the quote's own sentence (…施工有序推进。甘肃“千亿有机奶源建设工程”全面复产: no verb)
        context = re.split(r"[。！？!?；;\n]", text[max(0, m.start() - 20) : m.start()])[-1] + "|" + re.split(
            r"[。！？!?；;\n]", text[m.end() : m.end() + 8])[0]
        if (len(inner) <= int(data.get("quoted_policy_max") or 0) and not re.search(r"[，,。、；;：:\s]", inner)
                and text.startswith("政策", m.end())
                and not re.match(data.get("quoted_policy_not_after") or "\x00", text[m.end() + 2 : m.end() + 6])):
            add(inner + "政策", m.start(), m.end() + 2)  # “两新”政策: a quoted short name + 政策 is a policy
            continue
        counted_programme = bool(re.match(data.get("counted_programme") or "\x00", inner))
        if counted_programme and not qverb_re.search(context):
            # …提升、…培育“三大行动”: the verb of a counted programme may open the list of its items
            context = re.split(r"[。！？!?；;\n]", text[max(0, m.start() - 80) : m.start()])[-1] + context
        if not qverb_re.search(context):
            continue  # a quoted word without a programme verb is a slogan or a quote (“过火”行动)
        if qrole_re.search(context.split("|")[0]):
            continue  # 把…作为开年“一号工程”: a priority called a programme, not one
        # the name may go on after the quote: “415X”先进制造业集群培育工程
        follow = qsuffix_after.match(text[m.end() : m.end() + 16])
        if follow and (more := qsuffix_more.match(text, m.end() + follow.end())):
            follow = qsuffix_after.fullmatch(text[m.end() : more.end()]) or follow  # “数字政府”建设总体规划实施方案
        if follow and qfollow_not.match(text, m.end() + follow.start() + len(follow.group()) - 2):
            follow = None  # “四个全面”战略布局, “一本三基四梁八柱”战略框架: a layout, not a strategy
        if follow and re.search(rf"(?<![{re.escape(data['word_deng_before'])}])等", follow.group()):
            follow = None  # 实施“引黄济津”等应急调水工程: the quote is an example of a kind of work
        if follow and re.search(r"[和与及]", follow.group()):
            follow = None  # “双一流”培育和新一轮高峰学科建设行动: two things, the quote names neither
        if follow and "的" in follow.group():
            # 以“智改数转网联绿色”为特征的新型技术改造工程: the name is what follows 的
            rest = follow.group().rsplit("的", 1)[1]
            if len(rest) >= 4:
                b = m.end() + follow.end()
                add(rest, b - len(rest), b)
            continue
        # a counted name (“六大行动”, “六大提升”工程) is named by the field written before it, after the verb:
        # 开展绿美广东生态建设“六大行动” -> 绿美广东生态建设六大行动
        counted = bool(re.match(data.get("counted_name") or "\x00", inner))
        # a counted package of articles is named by its field (出台支持中南部县城发展“19条”)
        whole = bool((qsuffix_end.search(inner) or qarticles_end.search(inner)) and (len(inner) >= 4 or counted)
                     and not qnot_end.search(inner))
        lead = _counted_lead(text, m.start(), inner, data, qverb_re, counted_only=whole)
        if whole:
            if len(inner) < 4 and not lead:
                continue  # 落实“八条”: a count of articles names nothing without its field
            add(lead + inner, m.start() - len(lead), m.end())
        elif follow and (not re.search(r"[，,。、]", inner) or (
                re.fullmatch(r"[\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8})+", inner) and _programme_verb_before(text, m.start()))):
            # “千村引领、万村升级”工程, “扩量、提质、延链、增效”行动: a quoted slogan of short parts run by a programme
            # verb names the programme with its 、
            add(lead + inner + follow.group(), m.start() - len(lead), m.end() + follow.end())
        elif lead and counted_suffix_re.search(inner):
            add(lead + inner, m.start() - len(lead), m.end())
        elif counted_programme and not lead and not (
                pt.glossary is not None and pt.glossary[0].match(text, text.rfind("\n", 0, m.start()) + 1)):
            # 组织实施“十大工程”, 部署推进…“八大行动”“七大攻坚”: titled as written; not a part of the programme a
            # glossary entry explains (25.应急管理高质量发展“2653”行动：…推进…“六项行动”)
            add(inner, m.start(), m.end())
            for a, b in _counted_items(text, m.start(), inner, qverb_re):
                add(text[a:b] + re.sub(r"^[一二三四五六七八九十两]+[大项](?:重大)?", "", inner), a, b)
    # a numbered glossary entry whose headword is a programme (25.应急管理高质量发展“2653”行动：聚焦…)
    if pt.glossary is not None:
        # 1.深入实施科技创新行动：… names 科技创新行动: a headword opening with a programme verb (after its adverbs,
        # before 好/了) says what is done with the programme; a name opening with 好 (好房子建设行动) keeps it
        gloss, joined, gloss_verb = pt.glossary
        for m in gloss.finditer(text):
            # 科技英才领航工程和“双千”计划: two headwords, split after a programme word followed by 和
            cuts = [m.start("name"), *(j.end() + 1 for j in joined.finditer(text, m.start("name"), m.end("name")))]
            for a, b in zip(cuts, [*(c - 1 for c in cuts[1:]), m.end("name")], strict=True):
                if verb := gloss_verb.match(text, a, b):
                    if b - verb.end() < 4:
                        continue  # 2.开展行动：… names no programme
                    a = verb.end()
                if not strategy_re.search(text[a:b]):
                    add(re.sub(r"[“”\"]", "", text[a:b]), a, b)
    # a line that is only a document's name is a title whose brackets the record put on the lines around it
    # (a range of the national reports may start or end inside 《\n…\n》)
    if pt.line_title is not None:
        for m in pt.line_title.finditer(text):
            # only between the lines holding 《 and 》, or where the section starts or ends (a heading in the
            # middle of a section is no title: 超额完成生产计划)
            before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1] if m.start() else ""
            after = text[m.end() :].lstrip("\n").split("\n", 1)[0] if m.end() < len(text) else ""
            if (before and not before.rstrip().endswith("《")) and (after and not after.lstrip().startswith("》")):
                continue
            if not any(a <= m.start() < b for a, b in title_spans):
                add(m.group("title"), m.start("title"), m.end("title"))
    # five-year plans named without a verb: “十四五”规划收官之年, 第六个五年计划规定 (in text order)
    plans = sorted((m.start(), -m.end(), m.group()) for pat in data.get("named_plans") or [] for m in re.finditer(pat, text))
    for a0, b0, name in plans:
        b0 = -b0  # the longest of the names starting at one place first; names inside it are its parts
        if not any(a <= a0 < b for a, b in title_spans) and not any(
                p["span"][0] <= a0 and b0 <= p["span"][1] for p in out):
            add(re.sub(r"[“”\"]", "", name), a0, b0)
    # regulations named without quotes wherever they stand (中央八项规定精神), not inside a campaign's name
    for pat in data.get("standing_names") or []:
        for m in re.finditer(pat, text):
            if not any(a <= m.start() < b for a, b in title_spans):  # 《中华人民共和国香港特别行政区基本法》
                add(m.group("title"), m.start("title"), m.end("title"))
    for start, end, title, issuer in _titled_documents(text, data, title_spans, entities or []):
        # 国务院批准了教育部、国家计委关于…的报告: an unquoted titled document after a verb
        key = normalise_title(title)
        if key not in seen:
            add(title, start, end)
            if issuer and out and normalise_title(out[-1]["title"]) == key:
                out[-1]["issuer"] = issuer
    for start, end, title in _programmes(text, data, title_spans):
        key = normalise_title(title)
        if any(key.endswith(k) for k in seen):
            continue  # 实施智能终端产业链“强链补链”行动: the quoted name already found is this programme
        if any(p["span"][0] <= start and end == p["span"][1] for p in out):
            continue  # 审议…十年规划和第八个五年计划纲要: the end of a name already found is its part
            # (实施整体提升教育水平攻坚行动“七大工程”: the programme the counted name opens with stays)
        add(title, start, end)
    for start, end, title in _named_measures(text, data, title_spans):
        # 出台养老保险关系转移接续办法: a 办法 named by its field after an issuing verb is a regulation
        if not any(p["span"][0] <= start < p["span"][1] for p in out):
            add(title, start, end)
    for start, end, title in _pilots(text, data, title_spans):
        # 开展营业税改征增值税试点, 农村税费改革试点扩大到全国: a named pilot is a programme
        if not any(p["span"][0] <= start < p["span"][1] for p in out):
            add(title, start, end)
    places = [(s, e) for ent in entities or [] if ent.kind in ("place", "government") for s, e in ent.spans]
    for start, end, title in _named_pilots(text, data, title_spans, places):
        # 务实开展智慧城市、海绵城市试点建设, 东莞入选国家制造业新型技术改造城市试点: every named pilot
        if not any(p["span"][0] <= start < p["span"][1] or start <= p["span"][0] < end for p in out):
            add(title, start, end)
    out.sort(key=lambda p: p["span"][0])
    return out


def _counted_items(text: str, start: int, inner: str, verb_re: re.Pattern[str]) -> list[tuple[int, int]]:
    """The items a quoted count lists right before it, after its verb, when there are as many as it counts
    (深入开展A提升、B培育、C培育“三大行动” -> A提升, B培育, C培育, each of them a 行动 of its own): (start, end) each."""
    count = "一二三四五六七八九十".find(inner[0]) + 1 if inner[0] != "两" else 2
    window = text[max(0, start - 80) : start]
    verbs = list(verb_re.finditer(window))
    if not count or len(inner) < 2 or inner[1] not in "大项" or not verbs:
        return []
    a = start - len(window) + verbs[-1].end()
    parts = text[a:start].split("、")
    if len(parts) != count or any(len(x) < 4 or re.search(r"[^\u4e00-\u9fff]", x) for x in parts):
        return []
    out = []
    for x in parts:
        out.append((a, a + len(x)))
        a += len(x) + 1
    return out


def _programme_verb_before(text: str, start: int) -> bool:
    """True when a programme verb ends right before `start` (深入实施“…”工程, 持续实施“…”行动)."""
    return bool(_patterns().programme_verb_end.search(text[max(0, start - 8) : start]))


def _counted_lead(
    text: str, start: int, inner: str, data: dict[str, Any], verb_re: re.Pattern[str], counted_only: bool = False
) -> str:
    """The field written between a programme verb and a quoted name, part of the name (推进中心镇“六大提升”工程 ->
    中心镇, 迭代实施软信产业“满天星”行动 -> 软信产业), or "" when no programme verb opens the run.
    A counted name (“六大行动”) takes it after any quoted-name verb; another name only after a verb that runs
    programmes (实施, 开展, 推进: not 入选/纳入, where the quote is someone else's programme), without durations,
    editions and scope words (实施十年“卓粤”计划, 开展新一轮生物经济“双百工程”, 出台全省“数字政府”…).
    `counted_only`: the quote holds a whole name with its programme word (“天骏计划”, “中医药攀登工程”): its quotes
    mark where the name starts, unless the name is a count (“双百工程”)."""
    counted = bool(re.match(data.get("counted_name") or "\x00", inner))
    if counted_only and not counted:
        return ""
    window = re.split(r"[^\u4e00-\u9fffA-Za-z0-9]", text[max(0, start - 20) : start])[-1]
    if not counted:
        verb_re = re.compile(_alt(data.get("programme_verbs") or ["实施"]))
    verbs = list(verb_re.finditer(window))
    if not verbs:
        return ""
    lead = re.sub(f"^(?:{_alt(data['programme_verb_strip'])})+", "", window[verbs[-1].end() :])
    for pat in data.get("quoted_lead_strip") or []:
        lead = re.sub(pat, "", lead)
    if re.search(data.get("quoted_lead_not") or "\x00", lead):
        return ""  # 实施A工程和“B”计划, 以…为…的“X”: the words before the quote are not one field
    return lead if 2 <= len(lead) <= 14 else ""


def _titled_documents(
    text: str, data: dict[str, Any], title_spans: list[tuple[int, int]], entities: list[Mention]
) -> list[tuple[int, int, str, str | None]]:
    """Unquoted 关于…的报告/决定/意见 after a verb (批准了X关于…的报告, 党中央关于…的决定): (start, end, title, issuer),
    the issuer being the body written right before 关于."""
    verbs = _alt(data.get("titled_verbs") or ["批准"])
    heads = _alt(data.get("titled_heads") or ["报告"])
    pat = re.compile(
        rf"(?:{verbs})了?(?P<by>[\u4e00-\u9fff、]{{0,24}}?)(?P<title>关于[^。；;！？\n《》“”]{{4,60}}?的(?:{heads}))"
    )
    # without a verb, a body written right before 关于 makes it a title (党中央关于经济体制改革的决定)
    bodies = "|".join(data.get("titled_bodies") or ["党中央"])  # regexes
    bare = re.compile(rf"(?P<by>{bodies})(?P<title>关于[^。；;！？\n《》“”]{{4,60}}?的(?:{heads}))")
    out: list[tuple[int, int, str, str | None]] = []
    found: set[int] = set()
    for m in [*pat.finditer(text), *bare.finditer(text)]:
        a, b = m.start("title"), m.end("title")
        if a in found or any(x <= a < y for x, y in title_spans):
            continue
        found.add(a)
        by = m.group("by")
        issuer = None
        if by:
            names = [ent.name for ent in entities if ent.kind in _ISSUER_KINDS
                     for s, e in ent.spans if m.start("by") <= s and e <= a]
            first = by.split("、")[0]
            fb = _ISSUER_FALLBACK.match(first)
            if names:
                issuer = names[0]
            elif re.fullmatch(bodies, first):
                issuer = first  # 党中央关于…的决定: the body as written
            else:
                issuer = fb.group(1) if fb else None
        out.append((a, b, m.group("title"), issuer))
    return out




def _programmes(text: str, data: dict[str, Any], title_spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Unquoted programmes a verb introduces (实施提振消费专项行动, 深入实施服务业扩能提质行动、数字基础设施
    提升行动): the run after the verb up to a programme word, and the items listed after it with 、/和."""
    verbs = _alt(data.get("programme_verbs") or ["实施"])
    ends = _alt(data.get("programme_suffixes") or ["行动"])
    not_re = re.compile(_alt(data.get("programme_not") or ["项目"]))
    item = rf"[\u4e00-\u9fffA-Za-z0-9+×“”·]{{2,28}}?(?:{ends})(?:[\d.]+版)?”?"
    # the name ends at punctuation, a list word, a quote that opens what is said of it (打好…三年行动“收官战”),
    # or a word saying how it goes (推进人才兴皖工程提质增效)
    stop = rf"(?=[，,。；;、和及与等）)\s“]|$|\d|{_alt(data.get('programme_then') or ['，'])})"
    head_re = re.compile(rf"(?P<verb>{verbs})(?P<name>{item}){stop}")
    # laws, regulations and outlines have verbs of their own (颁布…条例, 修订…法, 实现…纲要)
    dverbs = _alt(data.get("document_verbs") or ["颁布"])
    dends = _alt(data.get("document_heads") or ["条例"])
    # a law's edition said between the verb and its name is not the name's (实施修改后的个人所得税法)
    dmods = _alt(data.get("document_edition") or ["\x00"])
    doc_re = re.compile(
        rf"(?P<verb>{dverbs})了?(?:{dmods})?(?P<name>[\u4e00-\u9fffA-Za-z0-9“”·]{{2,24}}?(?:{dends})”?)(?:{stop}|(?=的))"
    )
    dverb_re = re.compile(dverbs)
    two_docs = re.compile(rf"(?:{ends}|{dends})[和及与]")
    bare_not = set(data.get("bare_law_not") or [])
    short_not = re.compile(f"[{re.escape(data.get('short_law_not') or '')}]" if data.get("short_law_not") else "\x00")
    doc_next_re = re.compile(
        rf"(?:、|和|及|以及)(?P<name>[\u4e00-\u9fffA-Za-z0-9“”·]{{2,24}}?(?:{dends})”?)(?:{stop}|(?=的))"
    )
    # a document head that ends with a way-word is a document all the same (…项目管理办法, 实施办法)
    after = "|".join(data.get("document_not_after") or ["\x00\x00"])
    dnot = re.compile(f"(?:(?<!{after})办法|" + _alt([w for w in data.get("document_not") or ["\x00"] if w != "办法"]) + ")$")
    # 执行情况和争取提前实现这个纲要: a run with a demonstrative refers back to a law or outline named before
    dname_not = re.compile(data.get("document_name_not") or "\x00")
    next_re = re.compile(rf"(?:、|和|及|以及)(?P<name>{item}){stop}")
    issuing = set(data.get("issuing_verbs") or [])
    # 出台新一轮南沙总体发展规划: a new edition of a local plan is the plan; 推进新一轮找矿突破战略行动 keeps it
    edition = re.compile(rf"^(?:{_alt(data.get('edition_words') or ['新一轮'])})")
    joined_verbs = re.compile(rf"^(?:{_alt(data.get('issuing_joined') or ['了'])})+")

    def after_issuing(name: str) -> str:
        """The name after an issuing verb: without the verbs joined to it (出台并实施X) and the edition word."""
        return edition.sub("", joined_verbs.sub("", name))

    lead = [re.compile(x) for x in data.get("programme_lead_strip") or []]
    verb_strip = re.compile(f"^(?:{_alt(data['programme_verb_strip'])})+")
    # a count, a stance or a category (30多条政策措施, 积极的财政政策, 风光水火等…): 等 inside a word is no list
    category_re = re.compile(rf"\d+多?(?:个|项|家|条)|[万亿]元|%|的|(?<![{re.escape(data['word_deng_before'])}])等(?!级)")
    # 以人为本的新型城镇化战略五年行动计划: a document's head keeps a 的 of its name (积极的财政政策 has none)
    doc_heads = _alt(data.get("programme_doc_heads") or ["\x00"])
    doc_head_re = re.compile(rf"的[\u4e00-\u9fff]{{4,}}(?:{doc_heads})$")
    works_verbs = set(data.get("programme_verbs_not_works") or [])
    implemented_works = set(data.get("programme_not_implemented") or [])
    build_re = re.compile(_alt(data.get("programme_build_leads") or ["\x00"]))
    generic_re = re.compile("|".join(data.get("programme_generic") or ["\x00"]))
    then = _alt(data.get("programme_subject_verbs") or ["深入开展"])
    # 依法行政能力提升行动深入开展: the programme opens its clause and the verb follows it
    # only campaigns: a work that opens its clause (陕皖直流输电工程有序推进) is being built, not run
    sends = _alt(data.get("programme_subject_suffixes") or ["行动"])
    subject_re = re.compile(
        rf"(?:^|(?<=[。；;，,\n]))(?P<verb>)(?P<name>[\u4e00-\u9fffA-Za-z0-9+×“”·]{{2,28}}?(?:{sends}))(?=(?:{then}))"
    )
    # 各产业集群行动计划, 一揽子超常规政策措施: no one programme
    generic_lead = re.compile(_alt(data.get("programme_generic_leads") or ["\x00"]))
    out: list[tuple[int, int, str]] = []
    docs = [m for m in doc_re.finditer(text) if not dnot.search(m.group("name"))]
    # laws opening their clause, said to be enacted after (企业所得税法、…条例相继颁布)
    dname = rf"[\u4e00-\u9fffA-Za-z0-9“”·]{{2,24}}?(?:{dends})”?"
    after_verbs = _alt(data.get("document_after_verbs") or ["颁布"])
    subj = re.compile(
        rf"(?:^|(?<=[。；;，,\n]))(?P<list>(?:{dname}[、和])*{dname})(?:等[\u4e00-\u9fff]{{0,8}})?"
        rf"(?:在[\u4e00-\u9fff]{{1,6}}?)?(?:相继|先后|陆续|已经|已|正式|开始)?(?:{after_verbs})"
    )  # …管理办法在珠海正式实施: the place where it takes effect may stand before the verb
    # laws given as examples (制订了许多重要的法律，如工会法、劳动保险条例、土地改革法…等等): a list of two names or more
    eheads = _alt([*(data.get("document_heads") or []), *(data.get("example_heads") or [])])
    ename = rf"[\u4e00-\u9fff“”·]{{2,24}}?(?:{eheads})"
    openers = data.get("example_openers") or ["例如"]
    # a one-character opener only after punctuation (，如工会法、…; not 如果)
    words = _alt([w for w in openers if len(w) > 1] or ["\x00"])
    single = _alt([w for w in openers if len(w) == 1] or ["\x00"])
    examples = re.compile(
        rf"(?:{words}|(?<=[，,：:（(])(?:{single}))(?P<list>(?:{ename}、)+{ename})(?=等|[，,。；;）)]|$)"
    )
    subject_docs: list[tuple[int, int]] = []
    for m in examples.finditer(text):
        pos = m.start("list")
        for part in m.group("list").split("、"):
            if len(part) >= 3 and not dnot.search(part) and not (len(part) == 3 and short_not.match(part)) \
                    and part not in bare_not:  # 新宪法 (新 + 宪法), not 新闻出版条例
                subject_docs.append((pos, pos + len(part)))
            pos += len(part) + 1
    for m in subj.finditer(text):
        pos = m.start("list")
        for part in re.split(r"[、和]", m.group("list")):
            if len(part) >= 4 and not dnot.search(part):
                subject_docs.append((pos, pos + len(part)))
            pos += len(part) + 1
    for m in [*head_re.finditer(text), *subject_re.finditer(text), *docs]:
        spans = [(m.start("name"), m.end("name"))]
        pos = m.end()
        while (n := (doc_next_re if m.re is doc_re else next_re).match(text, pos)) is not None:
            spans.append((n.start("name"), n.end("name")))
            pos = n.end()
        for a, b in spans:
            if m.re is doc_re and (dnot.search(text[a:b]) or dname_not.search(text[a:b])):
                continue  # 颁布…条例和新的办法: a way of doing, no law
            joined = re.search(r"”[^“”]*?[和与及]", text[a:b])
            if joined:  # 深化“双一流”培育和新一轮高峰学科建设行动: the programme is the item after 和
                a += joined.end()
            if two := list(two_docs.finditer(text, a, b)):
                a = two[-1].end()  # 制定文化体制改革总体方案和文化发展纲要: the first is a name of its own
            if m.re is doc_re and (inner_verb := list(dverb_re.finditer(text, a, b))):
                # 提请全国人大常委会审议了社会保险法: the name follows the last verb of the run
                cut = inner_verb[-1].end() + (text[inner_verb[-1].end() : b].startswith("了"))
                if b - cut >= 3:
                    a = cut
            name = re.sub(r"[“”]", "", text[a:b])
            if issuing and (lead_issue := re.match(f"(?:{_alt(sorted(issuing))})", name)) and m.group("verb"):
                # 推动出台X条例: the issuing verb after the opening one is not the name's
                name = after_issuing(name[lead_issue.end() :])
            elif issuing and m.group("verb") and any(m.group("verb").endswith(v) for v in issuing):
                # a document's title may start with a verb: 出台加快发展生物制造产业实施方案
                name = after_issuing(name)
            elif not (text[a] == "“" and text[b - 1] == "”"):  # a whole quoted name keeps its words (“推进…行动”)
                name = verb_strip.sub("", name)
            for pat in lead:
                name = pat.sub("", name)
            if generic_re.fullmatch(name) or build_re.match(name) or (
                m.group("verb") in works_verbs and name.endswith("工程")
            ):  # 推动贵阳环高扩容工程: a work pushed on, not a programme
                continue  # 实施好重大生态工程: a kind of work, not a named programme
            # 实施文明乡风建设工程, 实施马克思主义理论研究和建设工程: after 实施 a 建设/改造工程 of a field is a programme
            # (a work is built: 加快建设…工程, programme_build_leads); after other verbs it is a work
            works_word = not_re.search(name)
            if works_word and m.re is head_re and m.group("verb").endswith("实施") \
                    and works_word.group() in implemented_works and works_word.end() == len(name):
                works_word = None
            if any(x <= a < y for x, y in title_spans) or works_word or len(name) < (3 if m.re is doc_re and not short_not.match(name) else 4) or name in bare_not \
                    or generic_lead.match(name):  # a law may have three characters (森林法, 会计法)
                continue
            if category_re.search(name) and not (doc_head_re.search(name) and not category_re.search(name.replace("的", ""))):
                continue  # 30多条政策措施, 积极的财政政策, 风光水火等多能互补工程: a count, a stance, a category
                # (高等教育…三年行动, 基本公共服务均等化…: 等 inside a word is no list)
            out.append((a, b, name))
    # a shared head (实施强科技、强工业、强基础行动; 开展A整治、B剿灭等专项行动): one programme per item
    shared = re.compile(
        rf"(?:{verbs})(?P<items>(?:[\u4e00-\u9fffA-Za-z0-9]{{2,14}}、)+[\u4e00-\u9fffA-Za-z0-9]{{2,14}}?)"
        rf"(?P<deng>等)?(?P<head>{ends}){stop}"
    )
    end_re = re.compile(f"(?:{ends})$")
    whole_item = int(data.get("shared_head_item_min") or 99)
    action_re = re.compile("(?:" + _alt(data.get("shared_head_actions") or ["\x00"]) + ")$")
    for m in shared.finditer(text):
        items = m.group("items").split("、")
        if any(end_re.search(it) for it in items):
            continue  # 实施A专项行动、B行动: each item is named whole (the list rule)
        alike = max(map(len, items)) - min(map(len, items)) <= 2 or (
            min(map(len, items)) >= whole_item and all(action_re.search(it) for it in items))
        if not m.group("deng") and (len(items) < 3 or not alike):
            continue  # 早孕关爱、孕育…提升计划, 高水平通用、垂类大模型培育工程: one name written whole or qualifiers
            # (three or more items of field + action, 饲草料供给提升、肉牛肉羊增产增效、奶业振兴行动, are alike)
        if m.group("deng") and re.search(r"[和及与]", m.group("items")):
            continue
        pos = m.start("items")
        for it in items:
            it = verb_strip.sub("", it)
            name = it + m.group("head")
            if len(it) >= 2 and not generic_re.fullmatch(name) and not category_re.search(name) \
                    and not not_re.search(name) and not generic_lead.match(name):
                out.append((pos, pos + len(it), name))
            pos += len(it) + 1
    for a, b in subject_docs:
        name = re.sub(r"[“”]", "", text[a:b])
        if not any(x <= a < y for x, y in title_spans) and not category_re.search(name):
            out.append((a, b, name))
    return out


def _not_a_name(name: str, generic: Sequence[re.Pattern[str]], min_len: int) -> bool:
    """True when `name` is shorter than `min_len` or one of the `generic` patterns (kinds, sets, ways) finds it."""
    return any(g.search(name) for g in generic) or len(name) < min_len


def _named_runs(
    matches: Iterable[re.Match[str]],
    strip: re.Pattern[str],
    generic: Sequence[re.Pattern[str]],
    min_len: int,
    title_spans: list[tuple[int, int]],
) -> list[tuple[int, int, str]]:
    """The names the `matches` hold in their group "name", as (start, end, title): the verbs and joining words
    `strip` finds at its start cut off (继续抓好…试点, 制定出台…办法), none starting inside a 《title》, a kind or set
    (`generic`) or shorter than `min_len`; the title without its quotes. The one loop of the named-办法 and pilot readers."""
    out: list[tuple[int, int, str]] = []
    for m in matches:
        a, b, name = m.start("name"), m.end("name"), m.group("name")
        if cut := strip.match(name):
            a, name = a + cut.end(), name[cut.end() :]
        if any(x <= a < y for x, y in title_spans) or _not_a_name(name, generic, min_len):
            continue
        out.append((a, b, re.sub(r"[“”]", "", name)))
    return out


def _named_measures(text: str, data: dict[str, Any], title_spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """办法 named by their field after a verb that issues or carries them out (出台养老保险关系转移接续办法, 制定实施农民工
    养老保险办法): (start, end, title). Ways and kinds (具体办法, 有效办法, 参保办法 of 完善) are no names: a verb
    that only improves (完善) is not one of `measure_verbs`, and runs with 的/和/等 or a kind word are left out."""
    pat, generic, sets, strip = _patterns().measure
    return _named_runs(pat.finditer(text), strip, (generic, sets), 6, title_spans)


def _pilots(text: str, data: dict[str, Any], title_spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Named pilots (…试点) a verb runs (开展营业税改征增值税试点, 扩大城市公立医院综合改革试点, 抓好小城镇户籍管理
    制度改革的试点) or that open their clause and are said to spread (农村税费改革试点扩大到全国): (start, end, title).
    A pilot's town, range or work (试点城市, 试点范围, 试点项目) names no pilot, nor a kind of pilot (改革试点, 国家试点)."""
    verb_re, subject_re, generic, strip = _patterns().pilot
    return _named_runs([*verb_re.finditer(text), *subject_re.finditer(text)], strip, (generic,), 5, title_spans)


def _named_pilots(text: str, data: dict[str, Any], title_spans: list[tuple[int, int]],
                  places: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Every pilot named by what is piloted (session-14 convention 1), wherever it stands: the run before 试点 back to
    a mark, after its last verb (`pilot_any_cut`) and without a place or body opening it (西宁市国家碳达峰试点 ->
    国家碳达峰试点), counts and 首批 (推进4个中小企业数字化转型城市试点); items sharing the 试点 (智慧城市、海绵城市、
    无废城市试点; 自动驾驶和“车路云一体化”试点) each make one when they have one shape. The kind after 试点
    (城市, 建设, 项目) is not the name's; a kind, a set, a field list (…等领域改革试点) or a count after it
    (“先投后股”试点22项) names none: (start, end, title)."""
    if "pilot_any_cut" not in data:
        return []
    cut_re, strips, generic, not_after, item_re = _patterns().any_pilot
    spread = int(data.get("pilot_share_spread") or 2)
    place_at = {s: e for s, e in places}
    end_keep = tuple(data.get("pilot_any_end_keep") or ())

    def trim(a: int, b: int) -> int:
        """Start of the name in text[a:b] after its verbs, places and counts; b when a verb ends right before
        试点 (优势地区开展试点: no name left)."""
        while True:
            name = text[a:b]
            ends = [c for c in cut_re.finditer(name) if c.end() == len(name)]
            if ends and not name.endswith(end_keep or ("\x00",)):
                return b
            cuts = [c for c in cut_re.finditer(name) if c.end() < len(name)]
            if cuts:
                a += cuts[-1].end()
                continue
            if a in place_at and place_at[a] < b:
                a = place_at[a]
                continue
            if (m2 := next((x.match(name) for x in strips if x.match(name)), None)) and m2.end() < len(name):
                a += m2.end()
                continue
            return a

    out: list[tuple[int, int, str]] = []
    for m in re.finditer("试点", text):
        b = m.start()
        if not_after.match(text[m.end() : m.end() + 12]) or any(x <= b < y for x, y in title_spans):
            continue
        run = item_re.search(text, max(0, b - 30), b)
        if not run:
            continue
        head = text[b - 1] if text[b - 1] in "双两" and b - 1 > run.start() else ""  # “A”、“B”双试点
        last_b = b - len(head)
        items = [(trim(run.start(), last_b), last_b)]
        # A和“B”试点: two pilots when the second is quoted
        if (j := text.rfind("和“", items[0][0], last_b)) > items[0][0]:
            items = [(items[0][0], j), (j + 1, last_b)]
        # A、B试点: the items before, back to a mark, each of the last one's shape
        a0, listed = items[0][0], False
        while a0 > 0 and text[a0 - 1] == "、" and a0 == run.start():
            prev = item_re.search(text, max(0, a0 - 31), a0 - 1)
            if not prev or text[: a0 - 1].endswith("试点"):
                break  # A试点、B试点: the earlier item has its own 试点
            pa = trim(prev.start(), a0 - 1)
            if pa in place_at:
                break  # 郑州、洛阳…试点城市: a list of places, not of pilots
            items.insert(0, (pa, a0 - 1))
            a0, listed, run = prev.start(), True, prev
        if listed and max(y - x for x, y in items) - min(y - x for x, y in items) > spread:
            continue  # 耕地、林地、草地权属交叉化解试点: fields sharing one pilot, no list of pilots
        for x, y in items:
            name = re.sub(r"[“”]", "", text[x:y]) + "试点"
            if x >= y or _not_a_name(name, (generic,), 5) or re.fullmatch(r"[“”]*", text[x:y]):
                continue
            out.append((x, m.end() if y == last_b else y, name))
    return out


def _back_reference(
    title: str, before: str, found: list[dict[str, Any]], suffixes: list[str], bare: Sequence[str] = ()
) -> bool:
    """《规划》, 《实施方案》 after (以下简称…) or ending an earlier title refer back; they are not new policies.
    A `bare` title (《建议》, 《纲要草案》 of a report) stands for itself when no earlier title ends with it."""
    key = normalise_title(title)
    if before.endswith(("简称", "简称为")) or (key in suffixes and key not in bare):
        return True
    return any(normalise_title(p["title"]).endswith(key) and normalise_title(p["title"]) != key for p in found)


def normalise_title(title: str) -> str:
    """Comparison key for titles: drop brackets, quotes, spaces and the period in parentheses."""
    t = re.sub(r"[《》“”\"「」'‘’\s]", "", title)
    t = re.sub(r"[（(][^（）()]*[）)]$", "", t)
    return t


def _issuer_spans(entities: list[Mention]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, name) of every span of the entities that can issue a policy, sorted by start."""
    # sorted once per page so each policy reads only the spans of its own sentence (bisect)
    return sorted((s, e, ent.kind, ent.name) for ent in entities
                  if ent.kind in _ISSUER_KINDS or ent.kind == "place" for s, e in ent.spans)


def _issuer(text: str, start: int, end: int, entities: list[Mention], verb_re: re.Pattern[str],
            spans: list[tuple[int, int, str, str]] | None = None) -> str | None:
    """Who issued the policy: the subject organisation of the clause with the policy verb, else a
    government body earlier in the sentence (东莞市工信局表示，将实施…), else a place (深圳出台…), else
    the place the title starts with (《深圳市促进…若干措施》)."""
    if spans is None:
        spans = _issuer_spans(entities)
    # 依据自治区党委《建议》: a body written right before the title is its author
    hi = bisect_left(spans, (start,))
    own = [name for s, e, kind, name in spans[max(0, hi - 8) : hi] if e == start and kind != "place"]
    if own and text[start : start + 1] == "《":
        return own[0]
    # 《中共安徽省委关于制定…的建议》: a title written as "body 关于…" names its author
    if text[start : start + 1] == "《" and (by := re.match(r"《([^《》关]{2,24}?)关于", text[start:end])):
        body = [name for s, e, kind, name in spans[hi : bisect_left(spans, (end,))]
                if s == start + 1 and e == start + 1 + len(by.group(1)) and kind != "place"]
        if body:
            return body[0]
        bodies = load_data("policies.yaml").get("titled_bodies") or []
        if any(re.fullmatch(b, by.group(1)) for b in bodies):
            return by.group(1)  # bodies inside a title are no entity mentions: the written name
    window_start = max(0, start - 40)
    verbs = list(verb_re.finditer(text[window_start:start]))
    if not verbs:
        tail = text[end : end + 36]
        m = re.match(
            r"^(?:[（(][^）)]*[）)])?[，,]?(?:近日|日前|今天|今日|昨日|近期)?由(.{2,20}?)(?:联合)?(?:印发|发布|出台|制定|编制)",
            tail,
        )
        if m:
            return _entity_name_in(m.group(1), entities)
        return _title_place(text[start + 1 : end - 1], entities)
    if verbs[-1].group() in _citing_verbs():
        later = re.search(r"由(.{2,20}?)(?:于近日|近日|日前)?(?:联合)?(?:印发|发布|出台|制定)", text[end : end + 120])
        if later:
            return _entity_name_in(later.group(1), entities)  # 根据《…》…。该措施由X于近日印发
        return _title_place(text[start + 1 : end - 1], entities)
    verb_abs = window_start + verbs[-1].start()
    clause_start = max(text.rfind(c, 0, verb_abs) for c in "。；;\n，,") + 1
    sentence_start = max(text.rfind(c, 0, verb_abs) for c in "。；;\n") + 1
    orgs: list[tuple[int, str]] = []
    places: list[tuple[int, str]] = []
    governments: list[tuple[int, str]] = []
    # only the minimum of each list is used, so reading the spans in start order changes nothing
    lo = bisect_left(spans, (min(clause_start, sentence_start),))
    hi = bisect_right(spans, (verb_abs, float("inf")))
    for s, e, kind, name in spans[lo:hi]:
        if clause_start <= s and e <= verb_abs:
            (places if kind == "place" else orgs).append((s, name))
        elif sentence_start <= s and e <= verb_abs and kind == "government":
            governments.append((s, name))
    if orgs:
        return min(orgs)[1]  # the clause subject comes first: 工信部、财政部联合印发 -> 工信部
    head = _LEAD_TIME.sub("", text[clause_start:verb_abs])
    m = _ISSUER_FALLBACK.match(head)
    if m:
        return m.group(1)
    if governments:
        return min(governments)[1]
    if places:
        return min(places)[1]
    return _title_place(text[start + 1 : end - 1], entities)


def _citing_verbs() -> set[str]:
    """Verbs that cite a policy (根据《…》) instead of issuing it."""
    return set(load_data("policies.yaml")["citing_verbs"])


def _title_place(title: str, entities: list[Mention]) -> str | None:
    """A place the title starts with (《陕西省深入推进…若干措施》 -> 陕西省), as the issuing region."""
    for ent in entities:
        if ent.kind == "place":
            for alias in sorted([ent.name, *ent.aliases], key=len, reverse=True):
                if alias and title.lstrip("“\"").startswith(alias):
                    return ent.name
    return None


def _entity_name_in(fragment: str, entities: list[Mention]) -> str:
    """The canonical name of an entity mentioned in `fragment`, else the fragment itself."""
    for ent in entities:
        for alias in [ent.name, *ent.aliases]:
            if alias and alias in fragment:
                return ent.name
    return fragment


def _period(title: str, after: str) -> str | None:
    """Period from the title or a parenthesis right after it: 2022-2024, 十四五, 2025."""
    paren = re.match(r"^[（(]([^）)]{2,16})[）)]", after)
    for source in (title, paren.group(1) if paren else ""):
        for pat in _PERIOD_PATTERNS:
            m = pat.search(source)
            if not m:
                continue
            if "a" in m.groupdict() and m.group("a"):
                return f"{m.group('a')}-{m.group('b')}"
            if m.groupdict().get("fyp"):
                return m.group("fyp")
            if m.groupdict().get("y"):
                return m.group("y")
    return None
