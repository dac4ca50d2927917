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
from dataclasses import dataclass
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
from shuanglian.extract.facts.numbers import parse_number

_PRE_QUALIFIERS = ["超过", "超", "逾", "近", "将近", "接近", "约", "大约", "不少于", "不低于", "不超过", "突破", "高达", "多达"]
_POST_QUALIFIERS = ["以上", "以下", "左右", "上下", "之多"]
_CLAUSE_END = re.compile(r"[，,、：:（）()“”\"]")
# A number following these is part of a name, date, version or ordinal, not a figure.
_BAD_BEFORE = re.compile(r"(?:第|前|[A-Za-z0-9.\-/+]|[零〇一二两三四五六七八九十百千万亿])$")
# Chinese numerals with a bigger unit before a smaller one and no digit between: 千百个, 亿万人民.
_BAD_CN = re.compile(r"千百|百十|千十|万千|万百|亿万|亿千|亿百")
# Stop words that end a noun phrase after a count unit ("95个课题小组不但拥有...").
_NP_STOP = re.compile(r"[，,。；;、：:（）()“”\"\s的和与及等在是已将为都均也还从被]|共有|具有|拥有|不|正|并|分别|主要|以上|左右")


@dataclass(frozen=True)
class _Unit:
    text: str
    factor: float
    unit: str
    kind: str


@dataclass(frozen=True)
class _Measure:
    measure: str
    units: frozenset[str]


class _Lexicons:
    """Compiled units, measures and cues (built once per process from the data files)."""

    def __init__(self) -> None:
        units = [_Unit(u["text"], float(u["factor"]), u["unit"], u["kind"]) for u in load_data("units.yaml")["units"]]
        self.units = {u.text: u for u in units}
        self.not_after: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in (load_data("units.yaml").get("not_after") or {}).items()
        }
        num = (
            r"(?:\d+(?:[,，]\d{3})*(?:\.\d+)?[十百千万亿]*"
            r"|[数几][十百千万亿]+"
            r"|[零〇一二两三四五六七八九十百千万亿]+)"
        )
        self.figure_re = re.compile(
            # 上 counts as "over" only before 百/千/万 (上百家, 上千名), not after 线上/网上
            rf"(?P<pre>{alternation(_PRE_QUALIFIERS)}|上(?=[百千万]))?"
            rf"(?:(?P<pct>百分之)(?P<pctnum>{num})|(?P<num>{num})(?P<more>余|多|几)?(?P<unit>{alternation(list(self.units))}))"
            rf"(?P<post>{alternation(_POST_QUALIFIERS)})?"
        )
        self.terms: dict[str, _Measure] = {}
        for entry in load_data("measures.yaml")["measures"]:
            m = _Measure(entry["measure"], frozenset(entry.get("units") or []))
            for t in entry["terms"]:
                self.terms.setdefault(t, m)
        self.term_re = re.compile(alternation(list(self.terms)))
        cues = load_data("cues.yaml")
        self.target_re = re.compile("|".join(cues["target"]))
        self.actual_re = re.compile("|".join(cues["actual"]))
        self.relative_years: dict[str, int] = dict(cues["relative_years"])
        self.rel_year_re = re.compile(alternation(list(self.relative_years)))


_LEX: _Lexicons | None = None


def lexicons() -> _Lexicons:
    """The process-wide compiled lexicons."""
    global _LEX
    if _LEX is None:
        _LEX = _Lexicons()
    return _LEX


class FigureStage:
    """Fill `doc.figures` with numbers, their measure, normalised unit, year and target flag."""

    name = "figures"

    def __call__(self, doc: Document) -> Document:
        doc.figures = extract_figures(doc.text, doc.published, doc.excluded)
        return doc


def extract_figures(
    text: str, published: str | None = None, excluded: list[tuple[int, int]] | None = None
) -> list[dict[str, Any]]:
    """All figures in `text`; `published` resolves 今年/去年, `excluded` ranges are skipped."""
    lex = lexicons()
    pub = publication_date(published)
    pub_year = pub.year if pub else None
    out: list[dict[str, Any]] = []
    ctx = _Context()
    for sent in sentences(text):
        if sent.para != ctx.para:
            ctx = _Context(para=sent.para)
        prev_end = 0
        last_year = None
        titles = [(t.start(), t.end()) for t in _TITLES.finditer(sent.text)]
        for m in lex.figure_re.finditer(sent.text):
            if any(a < m.start() < b for a, b in titles):
                continue  # a number inside a title: 《关于支持100家企业上市的若干措施》
            fig = _figure(lex, sent, m, pub_year, ctx, prev_end)
            if fig is None:
                continue
            prev_end = m.end()
            last_year = fig["year"]
            if excluded and overlaps_excluded(fig["span"][0], fig["span"][1], excluded):
                continue
            out.append(fig)
        ctx.update(lex, sent.text)
        # "上半年营收805亿元，同比下降12%；研发投入超过50亿元" — a clause after ；continues the statement.
        ctx.carry_year = last_year if text[sent.end : sent.end + 1] in ("；", ";") else None
    return out


@dataclass
class _Context:
    """What the previous sentence of the paragraph said: its target/actual cue and framing year.

    "到2025年，…实现翻番。突破100种以上…" — the second sentence inherits the goal and the year.
    """

    para: int = -1
    target: bool | None = None
    year: int | None = None
    carry_year: int | None = None

    def update(self, lex: _Lexicons, s: str) -> None:
        """Take the sentence's decisive cue and framing year (到2025年, a leading 2023年) if it has them."""
        # Only a framing sentence (提出，到2025年…) passes its goal on to the next one.
        self.target = True if _FRAME_CUE.search(_strip_titles(s)) else None
        m = _FRAME_YEAR.search(s)
        if m:
            self.year = int(m.group(1))
        elif _PER_YEAR.search(s) or self.target is not None:
            self.year = None


def _figure(
    lex: _Lexicons, sent: Sentence, m: re.Match[str], pub_year: int | None, ctx: _Context, prev_end: int
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
    measure, measure_text = _measure(lex, s, m.start(), m.end(), unit, prev_end)
    prefix = s[: m.start()]
    return {
        "value": _tidy(value),
        "unit": unit.unit,
        "measure": measure,
        "measure_text": measure_text,
        "year": _year(lex, prefix, pub_year, ctx),
        "target": _is_target(lex, prefix, prefix[prev_end:] if prev_end <= len(prefix) else "", pub_year, ctx),
        "qualifier": "".join(qualifiers) or None,
        "approx": approx,
        "span": [start, end],
        "text": m.group(),
    }


def _plausible_count(raw: str, qualified: str | None, unit: _Unit) -> bool:
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


def _measure(
    lex: _Lexicons, s: str, start: int, end: int, unit: _Unit, prev_end: int = 0
) -> tuple[str | None, str | None]:
    """Nearest measure term: after a count unit first (超4万名研发工程师), else before the number.

    Terms before an earlier figure of the sentence belong to that figure (…成交额超过1亿元的机构给予
    最高500万元奖励: 奖励, not 成交额)."""
    after = _after_phrase(s, end)
    before_clause = _clause_before(s, start)
    if prev_end and start - len(before_clause) < prev_end:
        before_clause = s[prev_end:start]

    def fits(t: str) -> bool:
        allowed = lex.terms[t].units
        return not allowed or unit.kind in allowed

    follow = [t for t in lex.term_re.findall(after) if fits(t)] if after else []
    pre_hits = [(mm.end(), mm.group()) for mm in lex.term_re.finditer(before_clause) if fits(mm.group())]
    if unit.kind == "count":
        if follow:
            # measure_text ends with the last lexicon term: 重大科技基础设施(兼具…) -> 重大科技基础设施
            cut = max(after.rfind(t) + len(t) for t in follow)
            return lex.terms[follow[-1]].measure, after[:cut]
        if pre_hits:
            t = pre_hits[-1][1]
            return lex.terms[t].measure, t
        if after and len(after) <= 4:
            # an unknown but compact noun right after the unit: 95个课题小组, 72个量子比特
            return after + "数量", after
        return None, None
    if pre_hits:
        t = pre_hits[-1][1]
        return lex.terms[t].measure, t
    # money/percent named after the number: 完成数千万元的“天使+”轮融资, 给予200万元一次性奖励
    tail = s[end : end + 14]
    if tail.startswith("的"):
        hits = [t for t in lex.term_re.findall(tail) if fits(t)]
        if hits:
            return lex.terms[hits[0]].measure, hits[0]
    near = lex.term_re.search(_after_phrase(s, end)[:8])
    if near and fits(near.group()):
        return lex.terms[near.group()].measure, near.group()
    wider = s[max(0, start - 30) : start]
    hits2 = [t for t in lex.term_re.findall(wider) if fits(t)]
    if hits2:
        return lex.terms[hits2[-1]].measure, hits2[-1]
    np = _noun_before(before_clause)
    return (np, np) if np else (None, None)


_VERB_TAIL = re.compile(
    r"(?:达到了|达到|提高到|提升至|提升到|提高至|增至|保持在|突破|超过|约为|大约|约|为|达|是|占|实现|完成|增长|下降|"
    r"共计|合计|累计|超|近|逾|高达|不低于|不少于|以上|左右|上升|上涨|减少|回落|下滑)$"
)
# A measure names a quantity: the phrase must end like one (…率, …额, …值, …量, …数, …收入, …规模).
_MEASURE_HEAD = re.compile(r"[率额值量数比度入出本价费资金润重模积能耗效益利税]$")
_NP_CUT = re.compile(r"[的在和与、及对从向将已把被，,：:“”\"（）()\s]")


def _noun_before(clause: str) -> str | None:
    """The noun phrase a number is stated of when no lexicon term names it: "关键工序数控化率达到75%"
    -> 关键工序数控化率 (verbs and qualifiers before the number are stripped; 2-8 Chinese characters)."""
    c = clause
    for _ in range(3):
        c2 = _VERB_TAIL.sub("", c)
        if c2 == c:
            break
        c = c2
    cut = max((m.end() for m in _NP_CUT.finditer(c)), default=0)
    np = c[cut:][-8:]
    ok = len(np) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", np) and _MEASURE_HEAD.search(np)
    return np if ok else None


def _after_phrase(s: str, end: int) -> str:
    """The noun phrase right after a figure, cut at punctuation and function words (max 12 chars)."""
    tail = s[end : end + 12]
    stop = _NP_STOP.search(tail)
    return tail[: stop.start()] if stop else tail


def _clause_before(s: str, start: int) -> str:
    """Text of the clause before the number; extends one clause back when the clause has no noun."""
    head = s[:start]
    cuts = [m.end() for m in _CLAUSE_END.finditer(head)]
    if not cuts:
        return head
    last = cuts[-1]
    if len(head) - last <= 4 and len(cuts) >= 2:
        # "…增加值，达到650亿元": the clause is only a verb, look one clause further back.
        return head[cuts[-2] :]
    return head[last:]


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")
# A year that frames what follows: 到2025年 / 至2030年 or a sentence opening "2023年，".
_FRAME_YEAR = re.compile(r"(?:^|[，,：:到至])((?:19|20)\d\d)年")
# Rates per year have no single year: 每年为3000个课题提供机时.
_PER_YEAR = re.compile(r"每年|每年度")
_FRAME_CUE = re.compile(r"[到至]20\d\d年|提出|明确|目标|要求|力争|计划")
_TITLES = re.compile(r"《[^《》]*》")


def _comparison_base(text: str, at: int) -> bool:
    """A year after 较/比/相比 is the base of a comparison (较2020年增长50%), not the figure's year."""
    return text[max(0, at - 2) : at].endswith(("较", "比"))


def _strip_titles(s: str) -> str:
    """Blank out 《titles》 so a plan's name (《…规划》) is not read as a cue."""
    return _TITLES.sub(lambda m: "＿" * len(m.group()), s)


def _year(lex: _Lexicons, prefix: str, pub_year: int | None, ctx: _Context | None = None) -> int | None:
    """The year the figure refers to: nearest year or relative year word before it in the sentence,
    else the paragraph's framing year; none for per-year rates (每年)."""
    best: tuple[int, int] | None = None  # (position, year)
    for m in _YEAR.finditer(prefix):
        if not _comparison_base(prefix, m.start()):
            best = (m.start(), int(m.group(1)))
    for m in lex.rel_year_re.finditer(prefix):
        if best is None or m.start() > best[0]:
            if pub_year is None:
                return None  # 目前/今年 on an undated page: the year is unknown, not the paragraph's
            best = (m.start(), pub_year + lex.relative_years[m.group()])
    per_year = [m.start() for m in _PER_YEAR.finditer(prefix)]
    if per_year and (best is None or per_year[-1] > best[0]):
        return None
    if best:
        return best[1]
    if ctx is None:
        return None
    return ctx.carry_year if ctx.carry_year is not None else ctx.year


def _decide(lex: _Lexicons, text: str, pub_year: int | None = None) -> bool | None:
    """True/False when the nearest cue (the last in `text`) is a target/actual cue, None without cues.

    An actual cue right after a target cue belongs to it: 力争实现, 计划完成, 预计实现. A past year
    (2020年 on a 2021 page) counts as an actual cue."""
    t = [(m.start(), m.end()) for m in lex.target_re.finditer(text)]
    a = [m.start() for m in lex.actual_re.finditer(text)]
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


def _is_target(lex: _Lexicons, prefix: str, scope: str, pub_year: int | None, ctx: _Context | None = None) -> bool:
    """Goal/plan or actual: cues since the previous figure, else in the sentence, else the previous
    sentence of the paragraph, else a future year."""
    for text in (scope, prefix):
        d = _decide(lex, _strip_titles(text), pub_year)
        if d is not None:
            return d
    year = None
    for m in _YEAR.finditer(prefix):
        year = int(m.group(1))
    if ctx and ctx.target is not None:
        return ctx.target
    return bool(year and pub_year and year > pub_year)
