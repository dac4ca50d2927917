"""FigureStage: numbers with what they measure, normalised unit, year, and target-vs-actual.

Unit convention (also in data/units.yaml):
- money: `value` in the currency's base unit, `unit` the currency (650亿元 -> 6.5e10 "元"; 3亿美元 -> 3e8 "美元");
- percentages: `value` as written, `unit` "%" (percentage points: "个百分点");
- area: square metres "平方米" (4万平方米 -> 40000; 2平方公里 -> 2e6);
- counts: `unit` as written (家, 个, 名, 项, ...), multipliers applied (超4万名 -> 40000 "名").
- lengths, energy, volumes: `unit` as written, multipliers applied (1000亿千瓦时 -> 1e11 "千瓦时"; 9500公里).
`qualifier` keeps 超/近/约/以上/余/多...; `approx` is true when the value is not exact (any qualifier,
数千万, 千余). `year` is the year the figure refers to (到2025年 -> 2025; 今年 -> publication year) or null.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from shuanglian.document import Document
from shuanglian.extract.facts.common import (
    Sentence,
    alternation,
    load_data,
    overlaps_excluded,
    publication_date,
    sentences,
)
from shuanglian.extract.facts.lexicon import Lexicons, Unit, lexicons
from shuanglian.extract.facts.measures import infer_measure
from shuanglian.extract.facts.numbers import MAGNITUDES, parse_number
from shuanglian.extract.facts.specific import SpecificState, anaphora_heads, refine_specific, specific_measure
from shuanglian.extract.facts.timing import (
    TITLES,
    Context,
    YearBasis,
    figure_year,
    is_target,
    paragraph_moods,
    section_years,
    strip_titles,
    target_cue,
    year_basis,
)

# A number following these is part of a name, date, version or ordinal, not a figure.
_BAD_BEFORE = re.compile(r"(?:第|前|[A-Za-z0-9.\-/+]|[零〇一二两三四五六七八九十百千万亿])$")
# Chinese numerals with a bigger unit before a smaller one and no digit between: 千百个, 亿万人民.
_BAD_CN = re.compile(r"千百|百十|千十|万千|万百|亿万|亿千|亿百")


class FigureStage:
    """Fill `doc.figures` with numbers, their measure, normalised unit, year and target flag."""

    name = "figures"

    def __call__(self, doc: Document) -> Document:
        places = sorted(
            {n for m in doc.entities if m.kind == "place" for n in (m.name, *m.aliases) if len(n) >= 2},
            key=len,
            reverse=True,
        )
        figs = extract_figures(doc.text, doc.published, doc.excluded, doc.title, places)
        # the copy mark is for readers of extract_figures that count a span once (targets); the extract contract
        # and the stored statements carry every figure alike, as they did before the mark
        doc.figures = [{k: v for k, v in f.items() if k != "shared"} if "shared" in f else f for f in figs]
        return doc


def extract_figures(
    text: str,
    published: str | None = None,
    excluded: list[tuple[int, int]] | None = None,
    title: str | None = None,
    places: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """All figures in `text`; `published` resolves 今年/去年, the title's year 全年; `excluded` is skipped;
    `places` (the page's place names, longest first) are cut from the front of a specific measure."""
    lex = lexicons()
    original = text
    text, title = plain_digits(text), plain_digits(title) if title else title
    pub = publication_date(published)
    pub_year = pub.year if pub else None
    # a record dated by its year only (a national report: "1956") has no month; the season stands in for it
    month_known = not re.fullmatch(r"\s*\d{4}\s*", published or "")
    basis = year_basis(text, title, pub_year, pub.month if pub else None, month_known)
    out: list[dict[str, Any]] = []
    ctx = Context()
    spec = SpecificState()
    moods = paragraph_moods(text, pub_year)
    spans: set[int] = set()
    sections = section_years(text, pub_year, pub.month if pub else None, spans, moods)
    present = {i for i, para in enumerate(text.split("\n")) if _PRESENT.search(strip_titles(para))}
    for sent in sentences(text):
        if sent.para != ctx.para:
            ctx = Context(para=sent.para)
        ctx.mood = moods.get(sent.para)
        ctx.section_year = sections.get(sent.para)
        ctx.section_span = sent.para in spans
        # a sentence telling of a batch's event (…个重点项目集中签约) reports the news of its day, like a paragraph of now
        ctx.now_by_event = sent.para not in present and bool(_EVENT.search(sent.text))
        ctx.now_year = pub_year if sent.para in present or ctx.now_by_event else None
        prev_end = 0
        previous: tuple[int, str | None] = (0, None)  # the sentence's last figure: its end and specific measure
        ctx.prev_actual_rate = False
        last_year = None
        titles = [(t.start(), t.end()) for t in TITLES.finditer(sent.text)]
        # a clause after ；goes on with the statement: its bare 总投资 is the earlier subject's (…59个项目；总投资1163亿元)
        # …and a list of outputs goes on after it (钢产量…；原煤…；化学纤维…: each product's output)
        spec = SpecificState(
            carried=(spec.subject or "") if ctx.carry_subject else "", output=spec.output and ctx.carry_subject
        )
        for m in lex.figure_re.finditer(sent.text):
            if any(a < m.start() < b for a, b in titles):
                continue  # a number inside a title: 《关于支持100家企业上市的若干措施》
            fig = _figure(lex, sent, m, basis, ctx, prev_end, spec, places)
            if fig is None:
                continue
            prev_end = m.end()
            money = not m.group("pct") and lex.units[m.group("unit")].kind == "money"
            spec.prev_money = fig["text"] if money else ""  # 百亿元以上项目12个: a size class before a count
            last_year = fig["year"]
            if excluded and overlaps_excluded(fig["span"][0], fig["span"][1], excluded):
                continue
            fig["text"] = original[fig["span"][0] : fig["span"][1]]  # as written (１０．５％)
            # a measure named by reference: 这个比重 (the ratio named before), a pilot's places, an industry's output
            fig["specific"] = refine_specific(
                fig["specific"],
                sent.text,
                fig["span"][0] - sent.start,
                fig["span"][1] - sent.start,
                m.group("unit") or "",
                text[max(0, sent.start - _ANAPHORA_REACH) : sent.start] if fig["specific"] in _ANAPHORA_HEADS else "",
                previous,
            )
            previous = (fig["span"][1] - sent.start, fig["specific"])
            out.append(fig)
            # one change said of several things with 都/均 (A、B均增长10%): a figure for each of them
            # (marked as copies with their own span list: a reader of targets counts the span once)
            out.extend({**fig, "specific": other, "span": list(fig["span"]), "shared": True} for other in spec.shared)
        # "上半年营收805亿元，同比下降12%；研发投入超过50亿元" — a clause after ；continues the statement.
        continued = text[sent.end : sent.end + 1] in ("；", ";")
        ctx.update(lex, sent.text, basis, continued)
        ctx.carry_year = last_year if continued else None
        ctx.carry_subject = continued
    return out


def _figure(
    lex: Lexicons,
    sent: Sentence,
    m: re.Match[str],
    basis: YearBasis,
    ctx: Context,
    prev_end: int,
    spec: SpecificState | None = None,
    places: Sequence[str] = (),
) -> dict[str, Any] | None:
    s = sent.text
    num_start = m.start("pctnum") if m.group("pct") else m.start("num")
    # the pattern is one character before the end, so only the last two characters (one may be a final
    # newline, which $ skips) need searching, not the whole sentence before the number
    if _BAD_BEFORE.search(s[max(0, num_start - 2) : num_start] if not m.group("pre") and not m.group("pct")
                          else s[max(0, m.start() - 2) : m.start()]):
        return None
    raw_num = m.group("pctnum") or m.group("num")
    if re.match(r"0\d", raw_num) or _BAD_CN.search(raw_num):
        return None  # "5 00万元" (a broken number), 千百个 (an idiom, not 1100)
    try:
        value, approx = parse_number(raw_num)
    except ValueError:
        return None
    if m.group("pct"):
        unit = lex.units["%"]
    else:
        unit = lex.units[m.group("unit")]
        if not _plausible_count(raw_num, m.group("more") or m.group("pre"), unit):
            return None
        next4 = s[m.end("unit") : m.end("unit") + 4]
        if next4.startswith(lex.not_after.get(unit.text, ())) and not next4.startswith(lex.qualifier_after):
            return None  # 5个月, 位于
        if unit.text == "个" and _POINTS_NEXT.match(s, m.end("unit")):
            unit = lex.units["个百分点"]  # 分别高于全国12.7个、12个百分点: the unit said once, at the end
    value *= unit.factor * MAGNITUDES[m.group("mag") or ""]  # 1300多万人: 多 before the magnitude
    pre = m.group("pre")
    # 签约8个, 预约: 约 ends a verb here, it is no "about"
    word_end = pre == "约" and s[m.start() - 1 : m.start()] in _YUE_VERBS
    qualifiers = [q for q in (None if word_end else pre, m.group("more"), m.group("post")) if q]
    approx = approx or bool(qualifiers)
    begin = m.start() + (len(pre) if word_end else 0)
    start, end = sent.start + begin, sent.start + m.end()
    measure, measure_text = infer_measure(lex, s, begin, m.end(), unit, prev_end)
    prefix = s[:begin]
    scope = prefix[prev_end:] if prev_end <= len(prefix) else ""
    target = is_target(lex, prefix, scope, basis.pub_year, ctx, after=s[m.end() : m.end() + 10])
    if target and unit.unit == "%" and _fulfilment(prefix):
        target = False  # 计划完成102.6%: the rate the plan was fulfilled at
    elif ctx.prev_actual_rate and _COMPARED.match(scope):
        target = False  # …计划完成102.6%，比上年同期增长33.3%: the change of the same reached figure
    ctx.prev_actual_rate = not target and unit.unit == "%" and _fulfilment(prefix)
    base_of = _DATED_BASE.search(prefix)  # 比一九八○年的7159亿元: the value of the base year, a level reached then
    if _base_value(s, m) or (base_of and basis.pub_year and int(base_of.group(1)) < basis.pub_year):
        target = False  # 由2187亿元增加到2660亿元: a starting level is reached, whatever the plan says of the end
    cue = target_cue(lex, scope, prefix, target, ctx)
    return {
        "value": _tidy(value),
        "unit": unit.unit,
        "measure": measure,
        "measure_text": measure_text,
        "specific": specific_measure(
            scope if prev_end else prefix, unit.kind, measure, s[m.end() :], unit.unit, spec, places, first=not prev_end
        ),
        "written": m.group("num") + (m.group("mag") or "") + m.group("unit") if not m.group("pct") and unit.kind == "money" else None,
        "year": int(base_of.group(1)) if base_of else _base_year(ctx) if _base_value(s, m) else _default_year(
            _year(lex, prefix, prev_end, basis, ctx, target),
            s,
            basis,
            ctx,
            target,
            s[: m.start("num") if not m.group("pct") else m.start("pctnum")],  # with its own 突破, 超过: a level
            scope,
            s[m.end() :],
        ),
        "target": target,
        "target_cue": cue,
        "qualifier": "".join(qualifiers) or None,
        "approx": approx,
        "span": [start, end],
        "text": s[begin : m.end()],
    }


# Full-width digits, letters, point and percent (１０．５％, in older reports) read as ASCII: one character
# for one, so offsets hold. Full-width punctuation (，：；) is Chinese punctuation and stays.
_FULLWIDTH = {c: c - 0xFEE0 for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0E, 0xFF05)}
_CN_DIGIT = "〇一二三四五六七八九"
# A year in Chinese digits (一九八三年, 一九八○年): four digits for four, offsets hold.
_CN_YEAR = re.compile(r"(?<![十百千万亿零〇○一二三四五六七八九两])([一二][〇○零一二三四五六七八九]{3})(?=年)")


def plain_digits(text: str) -> str:
    """Digits as ASCII with every offset kept: full-width forms (１９９２年, ６．４％) and years written in
    Chinese digits (一九八三年 -> 1983年)."""
    text = text.translate(_FULLWIDTH)
    return _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGIT.index(c.replace("○", "〇").replace("零", "〇"))) for c in m.group(1)), text)


_BASE_VALUE_AFTER = re.compile(r"^[^，,。；;]{0,3}?(?:提高到|提高至|增加到|增至|增长到|上升到|上升至|提升到|提升至|下降到|降至|降到|扩大到|扩大至)")


# the next number of a list in percentage points (12.7个、12个百分点): the count word before is that unit too
_POINTS_NEXT = re.compile(r"[、和与及至到—\-～~]\s*\d+(?:\.\d+)?个百分点")

_YUE_VERBS = ("签", "预", "制", "合", "节", "公", "特", "邀", "履")

_NOW = re.compile(r"目前|截至目前|如今|现有|当前|现在")


def _year(lex: Lexicons, prefix: str, prev_end: int, basis: YearBasis, ctx: Context, target: bool) -> int | None:
    """The figure's year. A cumulative total (…2022年研发投入155亿元，累计申请专利超过2万项) does not take
    a year said for an earlier figure: only its own clause's, "now" (目前…累计) as the publication year, or
    the paragraph's framing year."""
    scope = prefix[prev_end:] if 0 < prev_end <= len(prefix) else ""
    own = scope if prev_end else prefix
    if _PERIOD.search(own):
        # …；近一年来，海南引进人才4.2万人: a figure over a period up to now (N年来, 以来) takes no year framed by
        # an earlier sentence (2018年，…), only one of its own stretch
        return figure_year(lex, own, basis, None, reported=not target)
    if "累计" not in scope:
        if _SUMMED_OVER.search(re.split(r"[，,；;：:]", prefix)[-1]):
            # 中央财政五年累计补助…: a sum over several years takes no year framed by an earlier sentence
            return figure_year(lex, prefix, basis, None, reported=not target)
        return figure_year(lex, prefix, basis, ctx, reported=not target)
    said = figure_year(lex, scope, basis, None, reported=False)
    if said is not None:
        return said
    if _NOW.search(prefix):
        return basis.pub_year
    return ctx.year  # the paragraph's framing year (全年…累计有效高新技术企业) or none


def _default_year(
    year: int | None,
    s: str,
    basis: YearBasis,
    ctx: Context,
    target: bool,
    prefix: str = "",
    scope: str = "",
    after: str = "",
) -> int | None:
    """A figure with no year of its own in a section of a report about one year (过去一年…, 2025年是…,
    今年…) is that year's unless its sentence speaks of several years (累计, 年均, 五年). A goal with no
    year in a work-plan paragraph of a January-April page is for the year of publication (a government
    work report plans this year). Other undated figures stay undated."""
    # the figure's clause (a list after one verb counts as one clause: 达到8个、全国重点实验室45家)
    clause = re.split(r"[，,；;：:]", prefix)[-1]
    if year is None and ctx.section_year is not None and not _MULTI_YEAR.search(clause):
        if ctx.section_year > 0:
            return ctx.section_year
        if _LEVEL.search(clause):  # 这五年…高新技术企业增至3.5万家: the level at the period's end
            return -ctx.section_year
    # a figure said of a thing (投资81.7亿元的…项目从落地到开工建设…) is no part of the event the sentence reports
    attribute = ctx.now_by_event and after.startswith("的")
    if (
        year is None
        and ctx.section_year is None
        and ctx.now_year is not None
        and not target
        and not _MULTI_YEAR.search(clause)
        and not attribute
    ):
        return ctx.now_year  # 近日，广州242个重大项目集中开工: what a news paragraph of now reports
    if year is not None or ctx.mood is None or _PER_YEAR_RATE.search(s) or ctx.mood != target:
        return year
    if basis.pub_month is None or basis.pub_month > 4:
        return year  # outside the report season a paragraph's mood does not date its figures
    return basis.pub_year if target else year


_PER_YEAR_RATE = re.compile(r"每年|年均|每年度")
_CUES = load_data("cues.yaml")
_LEVEL = re.compile(alternation(_CUES.get("level_words") or ["达到"]))
_ANAPHORA_HEADS, _ANAPHORA_REACH = anaphora_heads()  # 这个比重: the ratio named in the text before
_PRESENT = re.compile(alternation(_CUES.get("present_paragraph") or ["今天"]))
_MULTI_YEAR = re.compile(alternation(_CUES.get("multi_year") or ["累计"]))
_SUMMED_OVER = re.compile(
    rf"(?<![第一二三四五六七八九十])[两三四五十]年(?!{alternation(_CUES['summed_over_not_before'])})"
)
# the value of a comparison's base year (比2020年的, 较1980年末的): that year's
_DATED_BASE = re.compile(r"(?:比|较|同)((?:19|20)\d\d)年(?:末|底)?的$")
_PERIOD = re.compile("|".join(_CUES.get("period_paragraph") or ["(?!)"]))
_EVENT = re.compile(alternation(_CUES.get("present_sentence") or ["(?!)"]))


# a clause that only compares the figure before with a base (，比上年同期增长…) says the same fact's change
_COMPARED = re.compile(r"^[，,、]?(?:比|较|同比)[^，,。；;]*$")
_FULFIL = re.compile(_CUES.get("fulfilment_rate") or "(?!)")
_FULFIL_GOAL = re.compile(alternation(_CUES.get("fulfilment_goal_verbs") or ["力争"]))


def _fulfilment(prefix: str) -> bool:
    """A percentage right after 完成 (cues.yaml `fulfilment_rate`) with no goal verb in its clause."""
    clause = re.split(r"[，,；;：:。]", prefix)[-1]
    return bool(_FULFIL.search(prefix)) and not _FULFIL_GOAL.search(clause)


def _base_year(ctx: Context) -> int | None:
    """The year of a starting level (从1832户增加到3382户) in a section that states the several years it reviews
    (过去五年…): the year before the period (cues.yaml `review_span_years`), as its level reached is the
    period's last year; elsewhere (a review paragraph read alone may cover one year or five) a start with no
    date of its own has none."""
    if not ctx.section_span or ctx.section_year is None or ctx.section_year >= 0:
        return None
    return -ctx.section_year - _REVIEW_SPAN


_REVIEW_SPAN = int(_CUES.get("review_span_years") or 5)


def _base_value(s: str, m: re.Match[str]) -> bool:
    """由41.2%提高到56.3%: the starting value of a change has no year of its own."""
    return s[max(0, m.start() - 1) : m.start()] in ("由", "从") and bool(_BASE_VALUE_AFTER.match(s[m.end() :]))


def _plausible_count(raw: str, qualified: str | None, unit: Unit) -> bool:
    """Reject 一个/两家-style wording and bare 千/万 (千家万户) unless qualified (近百家, 千余项)."""
    if raw[0].isdigit() or raw[0] in "数几":
        return True
    if raw in {"十", "百", "千", "万", "亿"} and not qualified:
        return False
    try:
        v, _ = parse_number(raw)
    except ValueError:
        return False
    # Small Chinese-numeral counts (一个, 两家, 四个面向, 三位一体) are wording, not reported figures.
    return not (unit.kind == "count" and v < 10)


def _tidy(v: float) -> float | int:
    """Integers as int (40000 not 40000.0), others rounded to remove float noise."""
    r = round(v, 6)
    return int(r) if r == int(r) and abs(r) < 1e18 else r
