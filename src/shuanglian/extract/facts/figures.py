"""FigureStage: numbers with what they measure, normalised unit, year, and target-vs-actual.

Unit convention (also in data/units.yaml):
- money: `value` in the currency's base unit, `unit` the currency (650亿元 -> 6.5e10 "元"; 3亿美元 -> 3e8 "美元");
- percentages: `value` as written, `unit` "%" (percentage points: "个百分点");
- area: square metres "平方米" (4万平方米 -> 40000; 2平方公里 -> 2e6);
- counts: `unit` as written (家, 个, 名, 项, ...), multipliers applied (超4万名 -> 40000 "名").
`qualifier` keeps 超/近/约/以上/余/多...; `approx` is true when the value is not exact (any qualifier,
数千万, 千余). `year` is the year the figure refers to (到2025年 -> 2025; 今年 -> publication year) or null.
"""

from __future__ import annotations

import re
from typing import Any

from shuanglian.document import Document
from shuanglian.extract.facts.common import (
    Sentence,
    overlaps_excluded,
    publication_date,
    sentences,
)
from shuanglian.extract.facts.lexicon import Lexicons, Unit, lexicons
from shuanglian.extract.facts.measures import infer_measure
from shuanglian.extract.facts.numbers import parse_number
from shuanglian.extract.facts.timing import (
    TITLES,
    Context,
    YearBasis,
    figure_year,
    is_target,
    paragraph_moods,
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
        doc.figures = extract_figures(doc.text, doc.published, doc.excluded, doc.title)
        return doc


def extract_figures(
    text: str,
    published: str | None = None,
    excluded: list[tuple[int, int]] | None = None,
    title: str | None = None,
) -> list[dict[str, Any]]:
    """All figures in `text`; `published` resolves 今年/去年, the title's year 全年; `excluded` is skipped."""
    lex = lexicons()
    pub = publication_date(published)
    pub_year = pub.year if pub else None
    basis = year_basis(text, title, pub_year, pub.month if pub else None)
    out: list[dict[str, Any]] = []
    ctx = Context()
    moods = paragraph_moods(text)
    for sent in sentences(text):
        if sent.para != ctx.para:
            ctx = Context(para=sent.para)
        ctx.mood = moods.get(sent.para)
        prev_end = 0
        last_year = None
        titles = [(t.start(), t.end()) for t in TITLES.finditer(sent.text)]
        for m in lex.figure_re.finditer(sent.text):
            if any(a < m.start() < b for a, b in titles):
                continue  # a number inside a title: 《关于支持100家企业上市的若干措施》
            fig = _figure(lex, sent, m, basis, ctx, prev_end)
            if fig is None:
                continue
            prev_end = m.end()
            last_year = fig["year"]
            if excluded and overlaps_excluded(fig["span"][0], fig["span"][1], excluded):
                continue
            out.append(fig)
        # "上半年营收805亿元，同比下降12%；研发投入超过50亿元" — a clause after ；continues the statement.
        continued = text[sent.end : sent.end + 1] in ("；", ";")
        ctx.update(lex, sent.text, basis, continued)
        ctx.carry_year = last_year if continued else None
    return out


def _figure(
    lex: Lexicons,
    sent: Sentence,
    m: re.Match[str],
    basis: YearBasis,
    ctx: Context,
    prev_end: int,
) -> dict[str, Any] | None:
    s = sent.text
    num_start = m.start("pctnum") if m.group("pct") else m.start("num")
    if _BAD_BEFORE.search(s[:num_start] if not m.group("pre") and not m.group("pct") else s[: m.start()]):
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
        if s[m.end("unit") : m.end("unit") + 2].startswith(lex.not_after.get(unit.text, ())):
            return None  # 5个月, 位于
    value *= unit.factor
    qualifiers = [q for q in (m.group("pre"), m.group("more"), m.group("post")) if q]
    approx = approx or bool(qualifiers)
    start, end = sent.start + m.start(), sent.start + m.end()
    measure, measure_text = infer_measure(lex, s, m.start(), m.end(), unit, prev_end)
    prefix = s[: m.start()]
    scope = prefix[prev_end:] if prev_end <= len(prefix) else ""
    target = is_target(lex, prefix, scope, basis.pub_year, ctx, after=s[m.end() : m.end() + 10])
    return {
        "value": _tidy(value),
        "unit": unit.unit,
        "measure": measure,
        "measure_text": measure_text,
        "specific": specific_measure(scope if prev_end else prefix, unit.kind, measure, s[m.end() :], unit.unit),
        "written": m.group("num") + m.group("unit") if not m.group("pct") and unit.kind == "money" else None,
        "year": None if _base_value(s, m) else _default_year(_year(lex, prefix, prev_end, basis, ctx, target), s, basis, ctx, target),
        "target": target,
        "qualifier": "".join(qualifiers) or None,
        "approx": approx,
        "span": [start, end],
        "text": m.group(),
    }


_BASE_VALUE_AFTER = re.compile(r"^[^，,。；;]{0,3}?(?:提高到|提高至|增加到|增至|增长到|上升到|上升至|提升到|提升至|下降到|降至|降到|扩大到|扩大至)")


# The specific measure: the noun phrase of the figure's own clause, without the verb that reports it
# (地区生产总值增长5.5% -> 地区生产总值增长率; 培育专精特新中小企业200家 -> 培育专精特新中小企业数量).
_SPEC_LEAD = re.compile(r"^(?:其中|全年|今年|去年|当年|年均|同比|累计|力争|预计|确保|全省|全市|全区|全国|我国|我省|我市|共|并|还|已|将)+")
_SPEC_TAIL = re.compile(
    r"(?:同比|年均|分别|累计|预计|力争|确保|)(?:增长|增加|提高|提升|下降|减少|达到|达|突破|超过|超|为|完成|实现|约|近|保持|稳定在|"
    r"控制在|以上|左右|高于|低于|不低于|至|到|逾|在)+$"
)


_AFTER_NP = re.compile(r"^(?:的)?([\u4e00-\u9fffA-Za-z]{2,16}?)(?=[，,。；;、：:（(）)\s]|和|与|及|等|以上|左右|$)")
_COMPARE = re.compile(r"(?:又|均(?=增长|提高|下降)|(?:比|较)(?:去年|上年|上一年)(?:同期)?|同比)")


def specific_measure(
    clause: str, kind: str, measure: str | None, after: str = "", unit: str = ""
) -> str | None:
    """The specific thing a figure counts or spends, as written in its clause, with the category's
    suffix (增长率, 数量, 人数); None when the clause holds no such phrase. A count names its thing after
    the unit when the words before it are only a verb (推进2000个省级重点项目 -> 省级重点项目数量)."""
    phrase = re.split(r"[，,：:；;（(、]", clause)[-1] if clause else ""
    phrase = _COMPARE.sub("", re.sub(r"^.*?\d{4}年", "", phrase))
    grew = bool(re.search(r"(?:增长|增加|提高|提升|下降|减少)$", re.sub(r"(?:同比|年均|分别|达到|达|为|约|以上|左右|)+$", "", phrase)))
    phrase = _SPEC_TAIL.sub("", _SPEC_LEAD.sub("", phrase.strip()))
    phrase = re.sub(r"将$", "", phrase)
    if kind == "count":
        noun = _AFTER_NP.match(after)
        if noun and (len(phrase) <= 3 or phrase.endswith(("推进", "实施", "实施好", "建设", "培育", "引进", "新建", "有"))):
            phrase = noun.group(1)
    if not 2 <= len(phrase) <= 24 or re.search(r"\d", phrase):
        return None
    if kind == "percent":
        if grew:
            return phrase + "增长率"
        return phrase if re.search(r"(?:率|比重|占比|比例)$", phrase) else phrase + ("占比" if measure == "占比" else "")
    if kind == "count" and not re.search(r"(?:数|数量|人数|量|人次)$", phrase):
        return phrase + ("人数" if unit == "人" else "人次" if unit == "人次" else "数量")
    return phrase


_NOW = re.compile(r"目前|截至目前|如今|现有|当前|现在")


def _year(lex: Lexicons, prefix: str, prev_end: int, basis: YearBasis, ctx: Context, target: bool) -> int | None:
    """The figure's year. A cumulative total (…2022年研发投入155亿元，累计申请专利超过2万项) does not take
    a year said for an earlier figure: only its own clause's, "now" (目前…累计) as the publication year, or
    the paragraph's framing year."""
    scope = prefix[prev_end:] if 0 < prev_end <= len(prefix) else ""
    if "累计" not in scope:
        return figure_year(lex, prefix, basis, ctx, reported=not target)
    own = figure_year(lex, scope, basis, None, reported=False)
    if own is not None:
        return own
    if _NOW.search(prefix):
        return basis.pub_year
    return ctx.year  # the paragraph's framing year (全年…累计有效高新技术企业) or none


def _default_year(year: int | None, s: str, basis: YearBasis, ctx: Context, target: bool) -> int | None:
    """A goal with no year of its own in a work-plan paragraph of a January-April page is for the year of
    publication (a government work report plans this year). Undated actuals stay undated."""
    if year is not None or ctx.mood is None or _PER_YEAR_RATE.search(s) or ctx.mood != target:
        return year
    if basis.pub_month is None or basis.pub_month > 4:
        return year  # outside the report season a paragraph's mood does not date its figures
    return basis.pub_year if target else year


_PER_YEAR_RATE = re.compile(r"每年|年均|每年度")


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
