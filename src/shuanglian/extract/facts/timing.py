"""Which year a figure refers to and whether it is a goal or a reported actual (cues, paragraph context)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from shuanglian.extract.facts.common import alternation, load_data
from shuanglian.extract.facts.lexicon import Lexicons

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")
# The end of a five-year plan's period (“十三五”末, 十四五期末) names its last year: the N-th plan from the third
# on ends in 1955 + 5N (十一五 2010, 十三五 2020, 十四五 2025).
_PLAN_END = re.compile(r"十([一二三四五六七八九])五[”\"]?(?:时期|期)?末")
_PLAN_NUMBER = "一二三四五六七八九"
# A year that frames what follows: 到2025年 / 至2030年 or a sentence opening "2023年，".
# (a list of years, 2027年、2028年分别建成…, says when each thing happens and frames nothing after it)
# A year frames the sentences after it when it opens a clause (after indentation: 　　1979年…), follows 到/至,
# or is named as the year just past (在刚刚过去的1987年，…)
_FRAME_YEAR = re.compile(r"(?:^[\s\u3000]*|[，,：:到至]|过去的)((?:19|20)\d\d)年(?![、和及至到—\-－~～]\d)")
_RANGE_BEFORE = re.compile(r"(?:19|20)\d\d年(?:末|底|初|中)?[至到]$")
# Rates per year have no single year: 每年为3000个课题提供机时.
_PER_YEAR = re.compile(r"每年|每年度")
_PROVISION_AFTER = re.compile(r"^[^，,。；;]{0,6}?(?:给予|予以|补贴|奖励|资助)")
# A relative year opening a clause frames the paragraph too: "初步核算，全年实现…。其中，…"
_FRAME_RELATIVE = re.compile(r"(?:^[\s\u3000]*|[，,：:]|^从|^自)(全年|今年|本年度|本年|去年|上半年|前三季度)")
_FRAME_CUE = re.compile(r"[到至](?:19|20)\d\d年|提出|明确|目标(?!任务(?:顺利|圆满|全面|胜利)?完成)|要求|力争|计划")
# A goal list (主要预期目标是：…) frames every sentence after it in its paragraph.
_GOAL_LIST = re.compile(r"(?:预期目标|主要目标|发展目标)(?:是|为)|目标任务(?:是|为)")
TITLES = re.compile(r"《[^《》]*》")


_COMPARISON_PREPS = tuple(load_data("cues.yaml").get("comparison_preps") or ("较", "比", "同"))
_JOINED_PREPS = tuple(load_data("cues.yaml").get("comparison_joined_preps") or ())
_JOINED_ENDS = re.compile(alternation(list(load_data("cues.yaml").get("comparison_joined_ends") or ["(?!)"])))


def _comparison_base(text: str, at: int) -> bool:
    """A year after 较/比/相比 is the base of a comparison (较2020年增长50%, 比上年), not the figure's year; so is
    one closing 同/与…相比 (1980年同完成经济恢复的1952年相比)."""
    before = text[max(0, at - 2) : at]
    if before.endswith(_COMPARISON_PREPS):
        return True
    if _JOINED_PREPS and before.endswith(_JOINED_PREPS):
        # 与去年大体持平 is a base; 2024年与2025年，分别… joins two years (cues.yaml comparison_joined_*)
        ends = [i for i in (text.find(c, at) for c in "，,。；;") if i >= 0]
        return bool(_JOINED_ENDS.search(text, at, min(ends) if ends else len(text)))
    after = re.match(r"(?:19|20)\d\d年(?:末|底)?(?:相比|比较)", text[at:])
    clause = text[max(text.rfind(c, 0, at) for c in "，,。；;") + 1 : at]
    return bool(after) and bool(re.search("[同与和跟]", clause))


def _multiple_of(text: str, m: re.Match[str]) -> bool:
    """是2018年的2.1倍: the year of the base, not of the figure."""
    return text[max(0, m.start() - 1) : m.start()] == "是" and text[m.end() : m.end() + 1] == "的"


def strip_titles(s: str) -> str:
    """Blank out 《titles》 so a plan's name (《…规划》) is not read as a cue."""
    return TITLES.sub(lambda m: "＿" * len(m.group()), s)


@dataclass(frozen=True)
class YearBasis:
    """What relative years resolve against: the publication date and the document's reference years."""

    pub_year: int | None = None
    pub_month: int | None = None
    ref_year: int | None = None  # 全年: the title's year, or the year before for January-April pages
    report_year: int | None = None  # 报告期: the year of the report the page discusses (2023年年度报告)
    month_known: bool = True  # False when only the year is known (a national report's record): 1-5月 is then that year's


_REPORT = re.compile(r"((?:19|20)\d\d)\s*年(?:年度报告|年报|半年度报告|半年报|第[一二三四]季度报告|度报告)")
_MONTH_PERIOD = re.compile(r"(?<![\d年.])(\d{1,2})(?:\s*[-—–至~]\s*\d{1,2})?\s*月")
_REPORT_WORDS = ("报告期内", "报告期末", "报告期")


def year_basis(
    text: str, title: str | None, pub_year: int | None, pub_month: int | None, month_known: bool = True
) -> YearBasis:
    """The reference years of a document (from its title and the report it names) and its publication
    (`month_known` False when only its year is known: the month stands in for the report season)."""
    m = _YEAR.search(title or "")
    if m:
        ref = int(m.group(1))
    elif pub_year is None:
        ref = None
    else:
        ref = pub_year - 1 if pub_month is not None and pub_month <= 4 else pub_year
    rep = _REPORT.search(f"{title or ''} {text}")
    return YearBasis(pub_year, pub_month, ref, int(rep.group(1)) if rep else None, month_known)


def relative_year(lex: Lexicons, word: str, basis: YearBasis) -> int | None:
    """Resolve a relative year word (今年, 去年, 全年, 报告期…) against the basis."""
    if word == "全年":
        return basis.ref_year
    if word in _REPORT_WORDS:
        return basis.report_year
    return None if basis.pub_year is None else basis.pub_year + lex.relative_years[word]


def figure_year(
    lex: Lexicons, prefix: str, basis: YearBasis, ctx: Context | None = None, reported: bool = True
) -> int | None:
    """The year the figure refers to: nearest year, relative year word or month period (1-10月) before it
    in the sentence, else the paragraph's framing year; none for per-year rates (每年)."""
    best: tuple[int, int | None] = (-1, None)  # (position, year)
    for m in _YEAR.finditer(prefix):
        if not _comparison_base(prefix, m.start()) and not _multiple_of(prefix, m):
            best = (m.start(), int(m.group(1)))
    for m in _PLAN_END.finditer(prefix):
        # 较“十三五”末的9323.1亿元: the base itself is that year's; 比十三五末增长: a base of another figure
        own = re.fullmatch(r"的?", prefix[m.end() :]) is not None
        base = _comparison_base(prefix, m.start()) or prefix[max(0, m.start() - 3) : m.start()].endswith(("较“", "比“"))
        if m.start() > best[0] and (own or not base):
            best = (m.start(), 1955 + 5 * (10 + _PLAN_NUMBER.index(m.group(1)) + 1))
    for m in lex.rel_year_re.finditer(prefix):
        if not _comparison_base(prefix, m.start()) and m.start() > best[0]:
            year = relative_year(lex, m.group(), basis)
            if m.group() == "全年" and ctx is not None and ctx.section_year is not None and ctx.section_year > 0:
                year = ctx.section_year  # 力争全年完成交通投资 in this year's plan
            elif m.group() == "全年" and not reported and ctx is not None and ctx.mood is True and basis.pub_year:
                year = basis.pub_year  # a goal for 全年 in a work plan's paragraph: the year being planned
            elif m.group() in _YEAR_BEFORE_NAMED and best[1] is not None and best[1] != basis.pub_year:
                # 1979年人口自然增长率由上年的1.2%下降到1.17%: the value of 上年 is the year's before the one the
                # sentence names; a figure after it (1.17%) keeps the named year
                if prefix[m.end() :] not in ("", "的"):
                    continue
                year = best[1] - 1
            if year is None:
                return None  # 目前/今年 on an undated page: the year is unknown, not the paragraph's
            best = (m.start(), year)
    if basis.pub_year is not None and basis.pub_month is not None:
        for m in _MONTH_PERIOD.finditer(prefix):
            month = int(m.group(1))
            if m.start() > best[0] and 1 <= month <= 12:
                # 1-10月 of this year; the year before only when the publication month is known to be earlier
                best = (m.start(), basis.pub_year - (basis.month_known and month > basis.pub_month))
    per_year = [m.start() for m in _PER_YEAR.finditer(prefix)]
    if per_year and per_year[-1] > best[0]:
        return None
    if best[1] is not None:
        return best[1]
    if ctx is not None and (ctx.carry_year is not None or ctx.year is not None):
        return ctx.carry_year if ctx.carry_year is not None else ctx.year
    # a page about one annual report: its unlabeled reported figures are that year's (not its plans)
    return basis.report_year if reported else None


def _object_of_orientation(text: str, m: re.Match[str]) -> bool:
    """A cue word in the object of a verb of orientation in its clause (聚焦“1+2+4+N”目标任务体系; 落实一次性
    扩岗补助; 按照计划: cues.yaml `orientation_verbs`) names what the work is aimed at, not the figure's mood."""
    start = max(text.rfind(c, 0, m.start()) for c in _CLAUSE_END) + 1
    return any(v in text[start : m.start()] for v in _ORIENTATION) and not any(c.isdigit() for c in m.group())


def _closes_clause(text: str, m: re.Match[str]) -> bool:
    """A cue word that closes its clause (稳预期，…; 围绕…重要指示要求，…) is a noun there: it governs
    nothing after it. Not a year (到2025年，… frames what follows) nor a verb that takes the next clause
    as its object (预计，全年… : cues.yaml `clause_complement`)."""
    return (
        text[m.end() : m.end() + 1] in _CLAUSE_END
        and not any(c.isdigit() for c in m.group())
        and not m.group().endswith(_CLAUSE_COMPLEMENT)
    )


def _weak_in_earlier_clause(text: str, m: re.Match[str]) -> bool:
    """A weak goal word (打造, 培育, 安排, 谋划: _WEAK_TARGET) in an earlier clause than the figure's (江苏打造…创新集群，
    150个重点项目集中签约) governs its own object, not the next clause's figure."""
    return (
        bool(_WEAK_TARGET.fullmatch(m.group()))
        and not _FRAME_CUE.fullmatch(m.group())  # 规划提出，到2025年…: a verb of saying frames the next clause
        and m.group() not in _WEAK_GOES_ON  # 规划, 给予 (a provision goes on: 给予补贴，单个项目最高不超过3000万元)
        and any(c in text[m.end() :] for c in "，,；;。")
    )


def _comparison_cue(text: str, m: re.Match[str]) -> bool:
    """An actual cue that is the base of a comparison (比上年, 较去年, 同比): it says what the figure is
    compared with, not whether the figure is reached or planned (拟安排赤字2950亿元，比上年减少50亿元)."""
    return m.group() in _COMPARISON_WORDS or (m.group() in _BASE_WORDS and _comparison_base(text, m.start()))


def _past_deadline(text: str, ts: int, te: int, pub_year: int, cues: list[tuple[int, int]]) -> bool:
    """A year cue (到2025年, 至2023年, 2025年前) naming a year before publication, with no other target cue
    before it in `text`."""
    y = _YEAR.search(text, ts, te)
    if y is None or int(y.group(1)) >= pub_year:
        return False
    return not any(s < ts and not _YEAR.search(text, s, e) for s, e in cues)


def _decide(lex: Lexicons, text: str, pub_year: int | None = None, part: bool = False) -> bool | None:
    """True/False when the nearest cue (the last in `text`) is a target/actual cue, None without cues.

    An actual cue right after a target cue belongs to it: 力争实现, 计划完成, 预计实现. A past year
    (2020年 on a 2021 page) counts as an actual cue. A cue word closing its clause is none (_closes_clause);
    a comparison base (比上年, 同比) after a target cue does not overrule it."""
    actual = list(lex.actual_re.finditer(text))
    a_ends = [m.end() for m in actual]
    # …and a target cue right after an actual cue belongs to that: 已安排, 已计划
    t = [
        (m.start(), m.end())
        for m in lex.target_re.finditer(text)
        if not any(0 <= m.start() - e <= 1 for e in a_ends)
        and not _closes_clause(text, m)
        and not _object_of_orientation(text, m)
        and not _weak_in_earlier_clause(text, m)
    ]
    if pub_year is not None:
        # 从2020年的…增长到2025年的4.93万亿元 on a 2026 page: a deadline already past is a reached level,
        # unless a goal word before it says the goal was set then (规划提出，到2025年…)
        t = [(ts, te) for ts, te in t if not _past_deadline(text, ts, te, pub_year, t)]
    first_t = t[0][0] if t else len(text)
    # (in `part`, the stretch since the previous figure, a comparison alone decides nothing: the sentence does)
    a = [m.start() for m in actual if not (_comparison_cue(text, m) and (part or m.start() > first_t))]
    if pub_year is not None:
        # ... but not a comparison base: 较2020年增长50%
        a += [
            m.start()
            for m in _YEAR.finditer(text)
            if int(m.group(1)) < pub_year and not _comparison_base(text, m.start())
        ]
        a.sort()
    a = [x for x in a if not any(0 <= x - te <= 1 for _ts, te in t)]
    if not t and not a:
        return None
    return (t[-1][1] if t else -1) > (a[-1] if a else -1)


_CUES = load_data("cues.yaml")
_YEAR_BEFORE_NAMED = tuple(_CUES.get("year_before_named") or ["上年"])
_CLAUSE_END = tuple("，,；;。：:、")
_CLAUSE_COMPLEMENT = tuple(_CUES.get("clause_complement") or ["预计"])
_ORIENTATION = tuple(_CUES.get("orientation_verbs") or ["聚焦"])
_WEAK_GOES_ON = frozenset(_CUES.get("weak_goal_goes_on") or ["规划", "给予"])
_COMPARISON_WORDS = tuple(_CUES.get("comparison_words") or ["同比"])  # a comparison by itself
_BASE_WORDS = tuple(_CUES.get("comparison_bases") or ["上年", "去年"])  # a base after 比/较

# Target cues that also describe done work (新培育, 打造了); a review paragraph overrules them.
_WEAK_TARGET = re.compile(r"培育|打造|安排|明确|给予|规划|提出|要求|谋划")
# Actual cues that also word a plan (完成投资, 实现增长); a work-plan paragraph overrules them.
_WEAK_ACTUAL = re.compile(r"完成|实现")
_STRONG_ACTUAL = re.compile(r"已|目前|累计|截至|去年|上年|同比|了|现有|共有")
_STRONG = re.compile(r"力争|预计|目标|争取|确保|计划|将|到(?:19|20)\d\d年|有望|预期")


def is_target(
    lex: Lexicons, prefix: str, scope: str, pub_year: int | None, ctx: Context | None = None, after: str = ""
) -> bool:
    """Goal/plan or actual: cues since the previous figure, else in the sentence, else the previous
    sentence of the paragraph, else a future year."""
    for text in (scope, prefix):
        d = _decide(lex, strip_titles(text), pub_year, part=text is scope and scope != prefix)
        if d is not None:
            if d and ctx is not None and ctx.mood is False and _WEAK_TARGET.search(text) and not _STRONG.search(text):
                return False  # 新培育…13个 in a review: 培育 reports what was done
            if not d and ctx is not None and ctx.mood is True and _WEAK_ACTUAL.search(text) and not _STRONG_ACTUAL.search(prefix):
                return True  # 完成投资2500亿元 in a work plan: 完成 is what is to be done
            return d
    if _PROVISION_AFTER.match(after):
        return True  # 按照投资额的30%给予补贴: a policy provision
    year = None
    for m in _YEAR.finditer(prefix):
        year = int(m.group(1))
    if ctx and ctx.target is not None and not (ctx.target and ctx.mood is False and not ctx.goal_list):
        return ctx.target  # (a review paragraph that mentions a 目标 does not turn its figures into goals)
    if year and pub_year and year > pub_year:
        return True
    if ctx and ctx.mood is not None and not (year and pub_year and year < pub_year):
        return ctx.mood  # a work plan's paragraph states goals; a review's reports actuals
    return False


def target_cue(lex: Lexicons, scope: str, prefix: str, target: bool, ctx: Context | None = None) -> str:
    """What made a figure a goal or an actual: the nearest cue of that kind in its clause or sentence
    (力争, 预计, 已, 累计…), else "sentence before" (a framing sentence), "paragraph" (a work plan or a
    review), or "none" (no cue: an actual by default)."""
    rx = lex.target_re if target else lex.actual_re
    for text in (scope, prefix):
        hits = list(rx.finditer(strip_titles(text)))
        if hits:
            return hits[-1].group()
    if ctx is not None and ctx.target is not None and ctx.target == target:
        return "sentence before"
    if ctx is not None and ctx.mood is not None and ctx.mood == target:
        return "paragraph"
    return "none"


def _para_opener(patterns: list[str]) -> re.Pattern[str]:
    """A paragraph opening with one of `patterns` (regexes from cues.yaml), after leading spaces or the
    dash of a bulleted paragraph (——这五年，…) or a field heading (在经济领域，过去一年里…)."""
    return re.compile(r"^[\s—－]*(?:在?[\u4e00-\u9fff]{1,8}(?:领域|方面)[，,])?(?:" + "|".join(patterns) + ")")


_SENTENCE_CUT = re.compile(r"[。；;！!？?\n]")
_CLAUSE_CUT = re.compile(r"[，,：:]")


def _result_clauses(para: str, cues: dict[str, Any], pub_year: int | None = None, count_marked: bool = False) -> int:
    """Clauses that report a result (cues.yaml `result_clauses`): the thing done comes first and the verb
    after it, as a review words it (城镇建设扎实推进; 基层治理效能明显提升; 13.2万脱贫人口实现稳岗就业;
    收集率提升至88%), where a plan opens its clauses with the verb (推进…, 实现…). Clauses opening with a
    plan verb, holding a target cue or a goal's qualifier (以上, 左右), or naming a year after publication
    (1985年工农业总产值达到… on a 1982 page), are none; so is a verb inside a list (人才培养和实现…).
    Unless `count_marked`, a clause that holds a review marker (了, 已…) is left to that marker."""
    rc = cues.get("result_clauses") or {}
    key = tuple(sorted((k, tuple(v)) for k, v in rc.items()))
    if key not in _RESULT_RX:
        adv, end, verbs = (alternation(rc.get(k) or ["(?!)"]) for k in ("adverbs", "end_verbs", "verbs"))
        _RESULT_RX[key] = (
            re.compile(f"(?:{adv})(?:{end})$"),
            re.compile(f"^.{{1,}}?[^和与及、的](?:{verbs})"),
            re.compile("^(?:" + alternation(cues["plan_clause_openers"]) + "|" + alternation(rc.get("not_after") or ["(?!)"]) + ")"),
            re.compile(alternation(rc.get("goal_words") or ["(?!)"])),
            re.compile(alternation(rc.get("goal_word_inside") or ["(?!)"])),
            re.compile(alternation(cues["review_markers"])),
        )
    final, mid, plan_start, goal, inside, marked = _RESULT_RX[key]
    n = 0
    for sentence in _SENTENCE_CUT.split(strip_titles(para)):
        governed = False  # a plan verb or goal word governs the rest of its sentence (力争A达到…，B突破65%)
        for clause in _CLAUSE_CUT.split(sentence):
            c = clause.strip().lstrip("（(一二三四五六七八九十)）、 ")
            if not c:
                continue
            if (goal.search(c) and goal.search(inside.sub("", c))) or (
                pub_year is not None and any(int(y) > pub_year for y in _YEAR.findall(c))
            ):
                governed = True
            if governed or plan_start.match(c) or (not count_marked and marked.search(c)):
                continue  # (for the mood, a clause holding a review marker counts once, as that marker)
            n += bool(final.search(c) or mid.search(c))
    return n


_RESULT_RX: dict[tuple[Any, ...], tuple[re.Pattern[str], ...]] = {}


_PRECISE_RX: dict[tuple[Any, ...], re.Pattern[str]] = {}


def _precise_counts(para: str, cues: dict[str, Any]) -> int:
    """Exact counts in a paragraph (cues.yaml `precise_count_units`): 11 or more, not ending in 0 or 5, with no
    goal's bound after them (办理省政协提案553件, 新设台企2612家; not 新建100所, 引进36个以上)."""
    key = (tuple(cues.get("precise_count_units") or ()), tuple(cues.get("precise_not_before") or ()))
    if key not in _PRECISE_RX:
        units, bounds = (alternation(list(k) or ["(?!)"]) for k in key)
        _PRECISE_RX[key] = re.compile(f"(?<![\\d.])[1-9]\\d*[1-46-9](?:{units})(?!{bounds})")
    return len(_PRECISE_RX[key].findall(para))


def _review_signals(para: str, cues: dict[str, Any], pub_year: int | None) -> int:
    """Result clauses of a paragraph, and its exact counts when at least one result clause says it reports."""
    results = _result_clauses(para, cues, pub_year, count_marked=True)
    return results + _precise_counts(para, cues) if results else 0


def paragraph_moods(text: str, pub_year: int | None = None) -> dict[int, bool]:
    """Paragraph number -> True for a work plan (clauses opening with 加快/推进…), False for a review
    (了, 同比, 一年来…); paragraphs with too few signals are left out. A paragraph opening a review
    section (过去一年, 一年来, 2025年是… on a 2026 page) makes it and the following paragraphs reviews
    until a paragraph opens a plan section (今年, 2026年…, 主要预期目标)."""
    from shuanglian.extract.facts.common import load_data

    cues = load_data("cues.yaml")
    opener = re.compile(r"(?:^|[，,。；;：:\n])(?:" + "|".join(map(re.escape, cues["plan_clause_openers"])) + ")")
    review = re.compile("|".join(map(re.escape, sorted(cues["review_markers"], key=len, reverse=True))))
    review_open = _para_opener(cues.get("review_section_openers") or ["过去一年"])
    plan_open = _para_opener(cues.get("plan_section_openers") or ["今年"])
    out: dict[int, bool] = {}
    section: bool | None = None
    for i, para in enumerate(text.split("\n")):
        y = _YEAR.match(para.strip())
        year_open = bool(y and pub_year and re.match(r"\s*20\d\d年(?:是|，|,|以来|我们)", para))
        if review_open.search(para) or (year_open and y and pub_year and int(y.group(1)) < pub_year):
            section = False
        elif plan_open.search(para) or (year_open and y and pub_year and int(y.group(1)) >= pub_year):
            section = True
        plan, past = len(opener.findall(para)), len(review.findall(para)) + _result_clauses(para, cues, pub_year)
        if past:  # exact counts (办理提案553件) report what was done, beside another sign of a review only: a plan
            past += _precise_counts(para, cues)  # may set exact numbers too (建设园区13个)
        if section is False:
            out[i] = False
        elif plan >= 3 and plan > 2 * past:
            out[i] = True
        elif past >= 2 and past > plan:
            out[i] = False
        elif section is True:
            out[i] = True
    return out


def section_years(
    text: str, pub_year: int | None, pub_month: int | None, spans: set[int] | None = None,
    moods: dict[int, bool] | None = None,
) -> dict[int, int | None]:
    """Paragraph number -> the year its section is about (cues.yaml `section_years`): a review of last
    year (过去一年…, on a January-April page), a year named at the head (2025年是…), this year's plan
    (今年…, 主要预期目标); in a review of several years (过去五年…) minus the year the period ends (the
    year before a January-April page), whose levels reached (达到…) are that year's. Before any opener, a
    paragraph of a page of the report season (January-March) that reads as a review by its own clauses (two
    result clauses or more, _result_clauses) and speaks neither of now (cues.yaml `present_paragraph`) nor of a
    period (`period_paragraph`: 十年来, 以来) is a review of the year before, all its figures dated so, unless it
    speaks of a span (`several_years_marks`: 年均, 倍, 从A增加到B, 十四五, 连续…): then it may review one year or
    five, which cannot be told apart, and only its levels reached are the year before's (as in a review of several
    years), its flows keep no year; other paragraphs before any opener are left out. `spans`, when given, receives the paragraphs of a
    section that states its period (过去五年…), where a starting level has the year before the period."""
    from shuanglian.extract.facts.common import load_data

    all_cues = load_data("cues.yaml")
    cues = all_cues.get("section_years") or {}
    if moods is None:  # `paragraph_moods(text, pub_year)`, when the caller has not read them already
        moods = paragraph_moods(text, pub_year)
    present = re.compile(alternation(all_cues.get("present_paragraph") or ["(?!)"]))
    period = re.compile("|".join(all_cues.get("period_paragraph") or ["(?!)"]))
    span_marks = re.compile("|".join(all_cues.get("several_years_marks") or [".?"]))
    season = pub_year is not None and (pub_month is None or pub_month <= 3)  # when reports are delivered

    last, several, this = (_para_opener(cues.get(key) or ["(?!)"]) for key in ("last_year", "years", "this_year"))
    recent = pub_year is not None and (pub_month is None or pub_month <= 4)
    out: dict[int, int | None] = {}
    have = False
    span = False
    year: int | None = None
    for i, para in enumerate(text.split("\n")):
        # 2025年是…, 刚刚过去的2025年很不平凡: the year the section reviews heads it
        y = re.match(r"\s*(?:刚刚|刚)?(?:过去的)?((?:19|20)\d\d)年(?:是|，|,|极|很|以来|我们|工作)", para)
        if several.search(para):
            have, year, span = True, -(pub_year - 1) if recent and pub_year else None, True
        elif last.search(para) and recent and pub_year:
            have, year, span = True, pub_year - 1, False
        elif y:
            have, year, span = True, int(y.group(1)), False
        elif this.search(para) and pub_year is not None:
            have, year, span = True, pub_year, False
        if have:
            out[i] = year
            if span and spans is not None:
                spans.add(i)
        elif (
            season
            and pub_year
            # a review by its mood with two result clauses, or of unclear mood with three (五是…: 建立…, 开展…;
            # 43个重点事项全部上线运行, 边民互市贸易区增至5个, 国家高新技术企业突破200家)
            and (moods.get(i) is False or (moods.get(i) is None and bool(para.strip())))
            and _review_signals(para, all_cues, pub_year) >= (2 if moods.get(i) is False else 3)
            and not present.search(para)
            and not period.search(para)
        ):
            # a review read alone: of one year unless it speaks of a span (年均, 增长2.4倍, 从A增加到B, 连续5年…:
            # cues.yaml `several_years_marks`), which may be one of five years: its levels reached only
            out[i] = -(pub_year - 1) if span_marks.search(para) else pub_year - 1
    return out


@dataclass
class Context:
    """What the previous sentence of the paragraph said: its target/actual cue and framing year.

    "到2025年，…实现翻番。突破100种以上…" — the second sentence inherits the goal and the year.
    """

    para: int = -1
    target: bool | None = None
    mood: bool | None = None  # the paragraph reads as a plan (True) or a review (False), None unclear
    year: int | None = None
    carry_year: int | None = None
    goal_list: bool = False  # the paragraph opened a goal list (主要预期目标是：)
    section_year: int | None = None  # the year the paragraph's section of a report is about
    section_span: bool = False  # the section states the several years it reviews (过去五年…)
    now_year: int | None = None  # the publication year when the paragraph tells of now (今天, 近日…)
    now_by_event: bool = False  # now_year comes from the sentence's event verb (项目集中签约), not the paragraph
    carry_subject: bool = False  # the sentence before ended with ；: its figures' subject goes on
    prev_actual_rate: bool = False  # the figure before in the sentence is a plan's fulfilment rate (计划完成102.6%)

    def update(self, lex: Lexicons, s: str, basis: YearBasis, continued: bool = False) -> None:
        """Take the sentence's decisive cue and framing year (到2025年, a leading 2023年 or 全年) if any.

        `continued`: the sentence ended with ；, so the next clause goes on with the same statement."""
        # Only a framing sentence (提出，到2025年…) passes its goal on to the next one.
        framing = True if _FRAME_CUE.search(strip_titles(s)) else None
        if _GOAL_LIST.search(s):
            self.goal_list = True
        if framing or not continued:
            self.target = framing or (True if self.goal_list else None)
        # 把1984年末至1985年一度出现的过热: a year closing a range of years is a period, it frames nothing
        m = next((f for f in _FRAME_YEAR.finditer(s) if not _RANGE_BEFORE.search(s, 0, f.start(1))), None)
        rel = _FRAME_RELATIVE.search(s)
        if m:
            self.year = int(m.group(1))
        elif rel and rel.group(1) in lex.relative_years:
            self.year = relative_year(lex, rel.group(1), basis)
        elif _PER_YEAR.search(s) or framing is not None:
            self.year = None
