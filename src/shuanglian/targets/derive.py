"""Read a document's figures as targets and actuals: measure, qualifier, range, year, section, main list.

The extractor (extract/facts/figures.py) finds the numbers and units; this module decides, with the rules
of data/rules.yaml, what each one is for: the canonical measure from the clause before it, whether it is a
goal (by cue words and the report section it sits in), the year or deadline, the qualifier (左右/以上/
以内/不低于/约, also implied by 控制在/不超过), ranges (6.5%－7%), and membership of the 主要预期目标 list.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from typing import Any

from shuanglian.extract.facts.figures import extract_figures
from shuanglian.extract.facts.numbers import MAGNITUDES
from shuanglian.targets.model import Figure
from shuanglian.targets.rules import MeasureRule, Rules, load_rules

# Full-width ASCII (０-９, ．, ％, Ａ-Ｚ) -> ASCII, one character for one, so spans stay valid.
_FULLWIDTH = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), 0xFF0E, 0xFF05, *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
# "1 0 0 0 万", "8 ％", "39.8 万亿元": digits broken by typesetting spaces, or set apart from their magnitude;
# the spaces are moved before the number.
_SPACED = re.compile(r"\d[\d.%]*(?:(?:[ \u3000]+[\d.%]+)+(?:[ \u3000]+(?=[\u4e00-\u9fff]))?|[ \u3000]+(?=[万亿]))")
_MIDDOT = re.compile(r"(?<=\d)[·•](?=\d)")
# "M\n2\n", "PM\n2.5\n": a subscript set on its own line; the line breaks become spaces.
_SUBSCRIPT_LINE = re.compile(r"(?<=[A-Za-z])\n([\d.]{1,3})\n")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
# 一九九○年 / 二〇一五年: a year in Chinese digits (○ and 〇 both written for zero), read as 1990年 (one for one)
_CN_YEAR = re.compile(r"(?:一九|二[〇○零])[〇○零一二三四五六七八九]{2}(?=\s*年)")
_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_CN_DIGITS = "零〇一二三四五六七八九"
_CN_DIGIT_VALUE = {"零": "0", "〇": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_DECIMAL_AFTER = re.compile(rf"^点([{_CN_DIGITS}]+)")
_CLAUSE_STOP = re.compile(r"[，,；;：:、（(]")
_SENT_STOP = re.compile(r"[。！？!?\n]")
_RANGE_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s*%?\s*[－\-—–~～至到]\s*$")
# Two figures joined as a range: 8%至10% (digits before, handled above) or 百分之八到百分之九.
_RANGE_JOIN = re.compile(r"^\s*%?\s*[－\-—–~～至到]\s*$")
# 百分之八至九: the upper end written as a bare Chinese numeral after the first figure.
_CN_RANGE_AFTER = re.compile(rf"^[至到－\-~～]([一二三四五六七八九十]+(?:点[{_CN_DIGITS}]+)?)(?![\d{_CN_DIGITS}十百千万亿])")
_BASE_BEFORE = re.compile(r"[由从](?:(?P<year>(?:19|20)\d\d)年的?|去年的?|上年的?)?(?:每人每年|每人每月|每人|人均|每年|每月)?$")
_BASE_AFTER = re.compile(r"^[^，,。；;]{0,4}?(?:提高到|提高至|增加到|增至|上升到|下降到|降至|降到|扩大到|减少到|回落到)")
_PERIOD = re.compile(r"今后五年|五年内|五年间|“[一二三四五六七八九十]+五”(?:期间|时期|计划)")
# A rate over several years (年均增长11.2%, 五年累计): not one year's outcome.
_PARA_PERIOD = re.compile(r"[\s/\u3000]*(?:这五年|五年来|过去五年|“[一二三四五六七八九十]+五”时期)")
_MULTI_YEAR = re.compile(r"年均|平均每年|五年|累计|这五年|前三年|前四年")
# 全年累计减税降费2.36万亿元 / 2019年累计…: one year's running total, not several years' (到2019年累计 is)
# 2005年与2000年相比 / 1992年同1987年相比: a comparison over a span; the later year is the figures' year, the
# earlier one only the base, and a rate said so (增长57.3%) is over the whole span, not one year's
_SPAN_COMPARED = re.compile(r"((?:19|20)\d\d)年末?(?:与|同|和)(?:19|20)\d\d年末?相比")
_ONE_YEAR_TOTAL = re.compile(r"(?:全年|当年|年内|(?<![到至止])(?:19|20)\d\d年)累计")
_ACHIEVED = re.compile(r"(?:实现|完成|超过|超额完成|达到|低于|高于|确定的)[^，,。；]{0,8}$")
_RESTATED = re.compile(r"^[^。；;，,]{0,20}?的(?:预期)?目标")
# "This year" said in the figure's own clause (今年要扩大到511户): a plan, whatever the sentence said before.
_CLAUSE_NOW = re.compile(r"今年(?!以来|前|初|1|一|第)|本年度|明年")
_SUBSET = re.compile(r"\s*其中")
# A five-year plan named in the figure's own clause (“十一五”年均增长7.5%), and words saying the figure is the plan's
# progress so far, not its target (“十一五”前两年 / 累计 / 头三年)
_PLAN_IN_CLAUSE = re.compile(r"“([一二三四五六七八九十]{1,3}五)”(?:期间|时期|规划|计划)?")
_PLAN_PROGRESS = re.compile(r"前[一二两三四]年|头[一二两三四]年|累计|以来|实际")
# 已开工的 / 已建成的: 已 inside a modifier of a noun (a verb of up to four characters, then 的)
_ATTRIBUTIVE = re.compile(r"[\u4e00-\u9fff]{1,4}的")
# …and the sentence going on with a plan (要加快建设，今年再开工; not 主要/重要/需要)
_PLAN_GOES_ON = re.compile(r"(?<![主重需只纲])要(?!求)|今年|确保|力争|争取")
# A count with a multiplier and nothing after it but a qualifier and punctuation (脱贫1000万以上，).
# The number may be written in Chinese numerals (近五百万高级专门人才); 近/约 before it makes it approximate, 多/余
# after it a floor (20多万: qualifier 以上, the targets gold convention);
# 人才 right after it (培养近五百万高级专门人才) names what is counted (人口/农民… counts need a measure rule).
_BARE_COUNT = re.compile(r"(?P<near>近|约|将近)?(?<![\d.一二三四五六七八九十百千])(?P<num>\d+(?:\.\d+)?|[一二三四五六七八九十百千]+)(?P<many>多|余)?"
                         r"(?P<mag>万亿|亿|万)(?=(?:以上|左右|上下|以内|多|余)?(?:[，,。；;、）)\s]|$|"
                         r"(?:农村|城镇|城乡|贫困|困难|无电)?(?:人口|农民|群众|居民|孩子|学生|职工)|(?P<people>[\u4e00-\u9fff]{0,4}人才)|"
                         r"(?P<households>[\u4e00-\u9fff]{0,4}(?:用户|农户|家庭))))")
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def _cn_count(s: str) -> float:
    """Digits or a Chinese numeral below ten thousand (五百 -> 500, 二十 -> 20, 一千二百 -> 1200)."""
    if s[0].isdigit():
        return float(s)
    total, digit = 0, 0
    for c in s:
        if c in _CN_UNITS:
            total += (digit or 1) * _CN_UNITS[c]
            digit = 0
        else:
            digit = int(_CN_DIGIT_VALUE[c])
    return float(total + digit)


def _cn_small(s: str) -> float:
    """A small Chinese numeral with an optional decimal (九, 十五, 二十一, 八点五)."""
    whole, _, dec = s.partition("点")
    if "十" in whole:
        tens, _, ones = whole.partition("十")
        n = (int(_CN_DIGIT_VALUE[tens]) if tens else 1) * 10 + (int(_CN_DIGIT_VALUE[ones]) if ones else 0)
    else:
        n = int("".join(_CN_DIGIT_VALUE[c] for c in whole))
    return float(f"{n}.{''.join(_CN_DIGIT_VALUE[c] for c in dec)}") if dec else float(n)


def normalise_text(text: str) -> str:
    """Same-length text with full-width digits/percent as ASCII and typesetting spaces out of numbers."""
    t = text.translate(_FULLWIDTH)
    t = _CN_YEAR.sub(lambda m: m.group().translate(_CN_YEAR_DIGITS), t)
    t = _MIDDOT.sub(".", t)
    t = _SUBSCRIPT_LINE.sub(lambda m: f" {m.group(1)} ", t)
    return _SPACED.sub(lambda m: " " * (len(m.group()) - len(re.sub(r"[ \u3000]", "", m.group())))
                       + re.sub(r"[ \u3000]", "", m.group()), t)


@dataclass(frozen=True)
class DocContext:
    """What a document says about where it stands: publication year/month, sections, main-list ranges."""

    pub_year: int | None
    pub_month: int | None
    section_starts: list[int]
    section_review: list[bool]
    main_ranges: list[tuple[int, int]]
    owner: str | None
    region: str | None
    section_plan_end: tuple[int | None, ...] = ()
    doc_plan_end: int | None = None  # a plan report (作关于…第七个五年计划的报告): that plan's last year

    def plan_end(self, at: int) -> int | None:
        """The last year of the five-year plan the section at `at` is about (None outside one)."""
        i = bisect_right(self.section_starts, at) - 1
        return self.section_plan_end[i] if 0 <= i < len(self.section_plan_end) else None

    def in_review(self, at: int) -> bool | None:
        """True in a review section, False in a plan section, None when the document has no sections."""
        if not self.section_starts:
            return None
        i = bisect_right(self.section_starts, at) - 1
        return True if i < 0 else self.section_review[i]  # the opening before 一、 reviews the past

    def in_main(self, at: int) -> bool:
        """Inside a 主要预期目标 paragraph."""
        return any(a <= at < b for a, b in self.main_ranges)


def _pub(published: str | None) -> tuple[int | None, int | None]:
    if not published:
        return None, None
    try:
        d = date.fromisoformat(published[:10])
        return d.year, d.month
    except ValueError:
        m = _YEAR.search(published) or re.match(r"((?:19|20)\d\d)", published)
        return (int(m.group(1)), None) if m else (None, None)


def undated_report(rules: Rules, title: str) -> tuple[int | None, int | None]:
    """(year, month) an undated work report is read as delivered in, from its title (rules.yaml
    `undated_reports`); (None, None) when the title names no work report of a year."""
    named = rules.undated_title.match(title) if rules.undated_title else None
    if named is None:
        return None, None
    year = int(named.group(1))
    national = bool(rules.undated_national and rules.undated_national.search(title))
    return year, (rules.undated_late.get(year) if national else None) or rules.undated_month


def doc_context(rules: Rules, text: str, published: str | None, title: str | None = None,
                source: str | None = None, owner: str | None = None, region: str | None = None) -> DocContext:
    """Sections (review vs plan), main-list ranges and the owner/region the document's author implies."""
    year, month = _pub(published)
    if year is None and title:
        year, month = undated_report(rules, title)
    starts: list[int] = []
    review: list[bool] = []
    plan_end: list[int | None] = []
    heads = [m.start() for m in rules.heading.finditer(text)]
    if not heads:  # no 一、二、 numbering: short lines of their own that name a review or a plan
        heads = [m.start() for m in rules.plain_heading.finditer(text)
                 if rules.review.search(m.group()) or rules.plan.search(m.group())]
    for at in heads:
        line_end = text.find("\n", at)
        line = text[at: line_end if line_end >= 0 else len(text)]
        starts.append(at)
        hy = _YEAR.search(line)
        if hy and year is not None and int(hy.group(1)) != year:
            review.append(int(hy.group(1)) < year)  # 一、1985年的经济工作 in the 1986 report: a review
        else:
            review.append(bool(rules.review.search(line)))
        # 二、“十二五”时期的主要目标和任务: the plan's last year (not for a review or a year's own work; the
        # headings under it do not inherit it: a plan report's later sections hold the year's own targets)
        named = rules.plan_name.search(line) if rules.plan_name and not review[-1] and not hy else None
        end = rules.plan_ends.get(named.group(1)) if named else None
        plan_end.append(end if end and year and end > year else None)
    mains: list[tuple[int, int]] = []
    for m in rules.main_list.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if len(re.sub(r"[\s/：:。，]", "", text[m.end():end])) < 4:  # the list starts on the next line
            nxt = re.search(r"[^\s/]", text[end:])
            if nxt:
                end2 = text.find("\n", end + nxt.start())
                end = len(text) if end2 < 0 else end2
        mains.append((m.start(), end))
    head = f"{title or ''} {source or ''} {text[:200]}"
    for o in rules.owners:
        if owner and region:
            break
        om = re.search(o["pattern"], head)
        if om:
            groups = om.groups() or ("",)
            owner = owner or o["owner"].format(*groups)
            region = region or o["region"].format(*groups)
    doc_plan = None
    if rules.plan_said is not None and year is not None:
        said = rules.plan_said.search(text[:300])
        end = rules.plan_end_of(said) if said else None
        doc_plan = end if end is not None and year <= end <= year + 4 else None
    return DocContext(year, month, starts, review, mains, owner, region, tuple(plan_end), doc_plan)


def _measure(rules: Rules, clause: str, sentence_prefix: str, unit: str, after_same_unit: int = 0) -> tuple[str, str, bool]:
    """Canonical measure key from the clause (else the sentence before it, after the last figure of the
    same unit: 中央财政赤字7500亿元…同时…2000亿元债券 is not a deficit), or the clause's words."""
    # an action read from just before the figure names the measure first (…基本建成432万套，新开工建设
    # 1043万套: the nearest of 建成/开工 says which count it is)
    window = sentence_prefix[max(sentence_prefix.rfind("；"), sentence_prefix.rfind(";")) + 1:]
    near_hits = [(m.end(), rule) for rule in rules.measures if rule.near and unit in rule.units
                 for m in rule.pattern.finditer(window[-rule.near:])]
    if near_hits and _SUBSET.match(clause) and _clause_rule(rules, clause, unit):
        near_hits = []  # …新开工700万套，其中各类棚户区470万套: the part names its own measure
    if near_hits:
        _, rule = max(near_hits, key=lambda h: h[0])
        return rule.key, rule.key, True
    item = sentence_prefix[after_same_unit:]
    item = item[max(item.rfind("；"), item.rfind(";")) + 1:]
    for scope in (clause, item):
        hits: list[tuple[int, int, MeasureRule, str]] = []
        for order, rule in enumerate(rules.measures):
            if rule.near:
                continue
            if unit not in rule.units:
                continue
            matches = list(rule.pattern.finditer(scope))
            if not matches:
                continue
            m = matches[-1]
            if rule.needs is not None and not rule.needs.search(clause + scope[m.end():]):
                continue
            # in the clause the most specific rule wins (rules are ordered); before it, the nearest
            hits.append((0 if scope is clause else m.end(), -order, rule, m.group()))
        if hits:
            _, _, rule, words = max(hits, key=lambda h: (h[0], h[1]))
            return rule.key, words, True
    words = re.sub(r"[\d.%\s/“”\"（）()]+", "", clause)
    words = rules.target_strong.sub("", rules.target_weak.sub("", words))
    words = re.sub(r"(增长|达到|为|是|在|了|比上年|同比|下降|降低|提高|减少|增加|实现|完成|累计|共|再|将)+$", "", words)
    return (words[-14:] or "?"), words[-20:], False  # the key stays short (ids); the words compare longer


def _mask(rules: Rules, text: str) -> str:
    """The text with what only looks like a relative year (基础上年均) blanked, same length."""
    if rules.not_relative is None:
        return text
    return rules.not_relative.sub(lambda m: "\u3000" * len(m.group()), text)


def _cue(rules: Rules, prefix: str) -> tuple[bool | None, bool | None]:
    """(nearest strong cue, nearest weak cue) before the figure: True for a goal, False for a result."""
    prefix = _mask(rules, prefix)
    found: dict[bool, tuple[int, bool]] = {}
    for pat, is_t, strong in (
        (rules.target_strong, True, True), (rules.actual_strong, False, True),
        (rules.target_weak, True, False), (rules.actual_weak, False, False),
    ):
        for m in pat.finditer(prefix):
            t = is_t
            before = prefix[max(0, m.start() - 1): m.start()]
            if not t and (before in ("比", "较", "同") or (before in ("由", "从") and re.search(r"到|至", prefix[m.end():]))):
                continue  # 比上年增加1500亿元 / 由去年的1076亿元增加到…: the base of a comparison, not a time
            if not t and m.group() in ("已", "已经") and _ATTRIBUTIVE.match(prefix, m.end()) \
                    and _PLAN_GOES_ON.search(prefix, m.end()):
                continue  # 已开工的57个项目要加快建设，今年再开工…: 已 describes a noun the plan goes on about
            if t and "目标" in m.group() and _ACHIEVED.search(prefix[max(0, m.start() - 12): m.start()]):
                t = False  # 实现年初确定的主要目标: a result, not a goal
            if strong not in found or m.end() > found[strong][0]:
                found[strong] = (m.end(), t)
    return (found[True][1] if True in found else None), (found[False][1] if False in found else None)


def _is_base(prefix: str, m: re.Match[str]) -> bool:
    """Whether the year `m` of the prefix is the base of a comparison, not the figure's year: 比2010年 /
    是2010年的2.2倍 / 与2000年相比 / 由2010年的…到."""
    before = prefix[max(0, m.start() - 1): m.start()]
    base_of = prefix[m.end(): m.end() + 1] == "的" and ("比" in prefix[max(0, m.start() - 6): m.start()] or before in ("是", "为"))
    compared = before in ("与", "和") and re.match(r"末?相比", prefix[m.end(): m.end() + 3]) is not None
    return before in ("比", "较", "从", "由", "同") or base_of or compared


def _year(rules: Rules, prefix: str, ctx: DocContext) -> tuple[int | None, bool]:
    """(year, explicit) from the last year expression in the sentence before the figure."""
    prefix = _mask(rules, prefix)
    best: tuple[int, int | None] = (-1, None)
    for m in _YEAR.finditer(prefix):
        if _is_base(prefix, m):
            continue
        best = (m.start(), int(m.group(1)))
    explicit = best[1] is not None
    if ctx.pub_year is not None:
        for m in rules.relative_re.finditer(prefix):
            before = prefix[max(0, m.start() - 1): m.start()]
            if before in ("比", "较") or m.start() <= best[0] or (
                    before in ("由", "从") and re.search(r"到|至", prefix[m.end():])):
                continue  # 由去年的1076亿元增加到1562亿元: 去年 is the start's year, not the end's
            best = (m.start(), ctx.pub_year + rules.relative_years[m.group()])
            explicit = False
    return best[1], explicit


def _period_end(rules: Rules, prefix: str, ctx: DocContext, explicit_year: int | None) -> int | None:
    """The last year of the period a sentence's 今后五年/五年内/“十一五”期间 names: the plan it names (“六五”时期 ->
    1985), else a year said after it (五年内…计划在1985年底以前), else the plan the report presents (the 1982
    report's 五年内 is 1981-1985), else five years from the report's year."""
    # (比“六五”期间增加百分之四十九: the period compared with, not the figure's)
    found = [m for m in _PERIOD.finditer(prefix) if prefix[max(0, m.start() - 1): m.start()] not in ("比", "较", "同", "与")]
    if not found or ctx.pub_year is None:
        return None
    pm = found[-1]
    said = rules.plan_said.search(pm.group()) if rules.plan_said is not None else None
    end = rules.plan_end_of(said) if said else None
    if end is not None:
        return end
    # (a year before the report's own is a base or a review, never the end of the period ahead)
    later = [int(m.group(1)) for m in _YEAR.finditer(prefix, pm.end())
             if not _is_base(prefix, m) and int(m.group(1)) >= ctx.pub_year]
    if later:
        return later[-1]
    if ctx.doc_plan_end is not None:
        return ctx.doc_plan_end
    return (explicit_year or ctx.pub_year) + 4


def _respective(rules: Rules, clause: str, unit: str) -> list[str]:
    """The measures of 'A、B（和C）…分别' in order, when every item names one (else [])."""
    head, sep, _ = clause.partition("分别")
    if not sep:
        return []
    for short, named in rules.respective_short.items():
        if short in head:  # 一二三产增加值分别…, 城乡居民人均可支配收入分别…
            return list(named)
    parts = [p for p in re.split(r"[、和及与]", head) if p.strip()]
    keys: list[str] = []
    for part in parts:
        rule = next((r for r in rules.measures if unit in r.units and r.pattern.search(part)), None)
        if rule is None:
            return []
        keys.append(rule.key)
    return keys if len(keys) >= 2 else []


def _run_length(norm: str, raw: list[dict[str, Any]], i: int) -> int:
    """How many figures of raw[i]'s unit the list it starts holds (7.7%和6.8% -> 2)."""
    n = 1
    while i + n < len(raw) and raw[i + n]["unit"] == raw[i]["unit"] and \
            re.fullmatch(r"\s*[、和及与]\s*", norm[raw[i + n - 1]["span"][1]: raw[i + n]["span"][0]]):
        n += 1
    return n


def _holds_figure(clause: str, unit: str) -> bool:
    """Whether a clause holds a figure of this unit (国内生产总值增长9.5% for %)."""
    if unit == "%":
        return re.search(r"\d\s*[%％]|百分之", clause) is not None
    return re.search(rf"\d\s*(?:万亿|亿|万|千)?\s*{re.escape(unit)}", clause) is not None


def _respective_back(rules: Rules, sent_prefix: str, unit: str, n: int = 3) -> list[str]:
    """The measures of a 分别 list, also when its items stand in the clauses before it: A和B，分别增长58.3%和29.2% /
    A9422元，B2936元，扣除价格因素，分别实际增长7.7%和6.8% (one item a clause, a clause naming none skipped; at
    most `n` items, the figures of the list, and none before a clause that holds a figure of the unit itself:
    国内生产总值增长9.5%，A9422元，B2936元，分别实际增长… names A and B only)."""
    chunks = re.split(r"[，,；;：:]", sent_prefix)
    last = chunks[-1]
    keys = _respective(rules, last, unit)
    if keys or "分别" not in last or last.partition("分别")[0].strip():
        return keys
    if len(chunks) >= 2:
        keys = _respective(rules, chunks[-2] + "分别", unit)
        if keys:
            return keys
    found: list[str] = []
    for c in reversed(chunks[-4:-1]):
        if len(found) >= n or _holds_figure(c, unit):
            break
        rule = _clause_rule(rules, c, unit)
        if rule is not None:
            found.insert(0, rule.key)
        elif found:
            break
    return found if len(found) >= 2 else []


def _clause_rule(rules: Rules, text: str, unit: str) -> MeasureRule | None:
    """The first measure rule of this unit whose words the text holds."""
    return next((r for r in rules.measures if not r.near and unit in r.units and r.pattern.search(text)), None)


def _topic(rules: Rules, norm: str, sent_start: int, start: int, end: int, unit: str) -> tuple[str, str] | None:
    """(measure, words) of the nearest measure the sentence names before or after a figure, else the
    nearest one earlier in its paragraph: the topic of a fund whose clause names only who pays."""
    stop = _SENT_STOP.search(norm, end)
    sent_end = stop.start() if stop else len(norm)
    after = norm[end:sent_end]
    cut = rules.topic_stop.search(after) if rules.topic_stop is not None else None
    if cut:  # …拟新增1.18万亿元，实行结构性减税: a new action, not what the money is for
        after = after[:cut.start()]
    # the paragraph before, at most two sentences back (一是…保障性住房…。重点发展公共租赁住房。中央财政…)
    para_start = norm.rfind("\n", 0, sent_start) + 1
    back = [m.end() for m in _SENT_STOP.finditer(norm, para_start, max(para_start, sent_start - 1))]
    para_start = max([para_start] + back[-2:-1])
    rules_of_unit = [r for r in rules.measures if not r.near and not r.own_clause and unit in r.units]
    for scopes in (((norm[sent_start:start], True), (after, False)), ((norm[para_start:sent_start], True),)):
        hits: list[tuple[int, str, str]] = []
        for text, before in scopes:
            for rule in rules_of_unit:
                found = list(rule.pattern.finditer(text))
                if found:
                    m = found[-1] if before else found[0]
                    hits.append((len(text) - m.end() if before else m.start(), rule.key, m.group()))
        if hits:
            _, key, words = min(hits, key=lambda h: h[0])
            return key, words
    return None


def _names_payer_only(rules: Rules, clause: str) -> bool:
    """Whether a clause says only who pays and 资金/补贴 (中央财政拟安排 / 中央财政为此将增加支出)."""
    rest = rules.generic_words.sub("", re.sub(r"[\s\d.%“”\"]", "", clause))
    return rules.topic_filler is not None and len(rules.topic_filler.sub("", rest)) < 2


def _clause_has_words(clause: str) -> bool:
    """Whether a clause says more than a verb: 再解决 / 增加 / 新建 name nothing."""
    return len(re.sub(r"[\s\d.%“”\"]|今年|再|新|共|要|将|拟|力争|争取|解决|增加|减少|新建|改建|改造|建设|完成|实现|达到|提高|安排|了|使", "", clause)) > 2


def _continues_list(norm: str, clause: str, clause_start: int) -> bool:
    """A figure that only continues a list of figures (4.9%、5.5% / 5.6%和13.1%)."""
    c = clause.strip()
    return c in ("和", "及", "与") or (not c and norm[clause_start - 1: clause_start] == "、")


def _extra_figures(rules: Rules, norm: str, raw: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The extractor's figures plus quantities it does not read: 斤/公斤/公里 (rules.yaml extra_units,
    converted) and bare counts (减少1240万), the latter kept only where a count measure names them."""
    taken = [tuple(f["span"]) for f in raw]
    extra: list[dict[str, Any]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    for table, many in ((rules.extra_units, "?"), (rules.approx_units, "")):
        if not table:
            continue
        units = "|".join(re.escape(u) for u in sorted(table, key=len, reverse=True))
        # 20万公里 / 20多万公里 / 1万多公里 (for approx_units only the 多/余 forms: the extractor reads the rest)
        approx = rf"(?:(?:多|余)\s*(万亿|亿|万|千)?|(万亿|亿|万|千)\s*(?:多|余)){many}"
        not_per = "(?!次)" if not many else ""  # 1300多万人次 counts visits, not people
        for m in re.finditer(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:{approx}|(万亿|亿|万|千)?)\s*({units}){not_per}", norm):
            if free(m.start(), m.end()):
                eu = table[m.group(5)]
                mult = m.group(2) or m.group(3) or m.group(4) or ""
                value = float(m.group(1)) * MAGNITUDES[mult] * eu.factor
                many_ = re.search(r"[多余]", m.group())  # 600多万套 / 1万多公里: the written floor (以上)
                extra.append({"value": value, "unit": eu.unit, "span": [m.start(), m.end()], "text": m.group(),
                              "qualifier": "以上" if many_ else None, "target": False, "year": None, "bare": eu.named_only})
    if rules.bare_count:
        for m in _BARE_COUNT.finditer(norm):
            if free(m.start(), m.end()):
                unit = "户" if m.group("households") else rules.bare_count  # 500万农村沼气用户: households
                qual = "以上" if m.group("many") else ("约" if m.group("near") else None)  # 20多万: a floor
                extra.append({"value": _cn_count(m.group("num")) * MAGNITUDES[m.group("mag")], "unit": unit,
                              "span": [m.start(), m.end()], "text": m.group(), "qualifier": qual,
                              "target": False, "year": None, "bare": not m.group("people")})
    return sorted(raw + extra, key=lambda f: f["span"][0])


def derive_figures(
    text: str,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    owner: str | None = None,
    region: str | None = None,
    rules: Rules | None = None,
) -> list[Figure]:
    """Every figure of a document read as a target or an actual (targets deduplicated: first mention)."""
    rules = rules or load_rules()
    norm = normalise_text(text)
    ctx = doc_context(rules, norm, published, title, source, owner, region)
    # (a 都/均 copy repeats its figure's span for another measure: the span is read once)
    raw = _extra_figures(rules, norm, [f for f in extract_figures(norm, published) if not f.get("shared")])
    out: list[Figure] = []
    seen: dict[tuple[Any, ...], Figure] = {}
    prev_end = 0
    pending_low: tuple[int, float, str] | None = None  # (end, value, unit) of the figure a range may start with
    recent: list[tuple[int, str]] = []  # (end, unit) of the figures read so far
    last_known: tuple[int, str, str] | None = None  # (end, unit, measure) of the last figure a rule named
    respective: list[str] = []  # the measures of an A、B…分别 list and how many figures took one
    run = 0
    run_figs: list[Figure] = []  # the figures of that list read so far
    prev_multi = False  # the last figure was a multi-year rate or total
    prev_words: tuple[int, str] | None = None  # (end, measure words) of the last figure read
    # the starting value of 由X提高到Y: (end of 提高到, value, unit, span, its own year, its measure)
    pending_base: tuple[int, float, str, tuple[int, int], int | None, tuple[str, str, bool]] | None = None
    for fi, f in enumerate(raw):
        start, end = f["span"]
        value = float(f["value"])
        unit = str(f["unit"])
        m = _DECIMAL_AFTER.match(norm[end:])
        if "百分之" in f["text"] and m:  # 百分之十二点三
            value = value + float("0." + "".join(_CN_DIGIT_VALUE[c] for c in m.group(1)))
            end += m.end()
        cn_max = _CN_RANGE_AFTER.match(norm[end:]) if "百分之" in f["text"] else None
        if cn_max:  # 百分之八至九
            end += cn_max.end()
        sent_start = max((x.end() for x in _SENT_STOP.finditer(norm, max(0, start - 400), start)), default=max(0, start - 400))
        sent_prefix = norm[sent_start:start]
        clause_start = max([sent_start, prev_end if prev_end > sent_start else sent_start]
                           + [x.end() for x in _CLAUSE_STOP.finditer(norm, sent_start, start)])
        clause = norm[clause_start:start]
        prev_end = end
        base = _BASE_BEFORE.search(norm[max(0, start - 10):start])
        base_to = _BASE_AFTER.match(norm[end:]) if base else None
        if base and base_to:
            # 由41.2%提高到56.3%: the starting value is not a figure of its own; the end value measures
            # what it does, and in a plan it is the level reached before (由每人每年240元提高到280元)
            cut = max([e - sent_start for e, u in recent if u == unit and e > sent_start], default=0)
            pending_base = (end + base_to.end(), value, unit, (start, end),
                            int(base.group("year")) if base.group("year") else None,
                            _measure(rules, clause, sent_prefix, unit, cut))
            continue
        base_of = pending_base if (pending_base and pending_base[2] == unit and start >= pending_base[0]
                                   and re.fullmatch(r"[^，,。；;]{0,6}", norm[pending_base[0]:start])) else None
        pending_base = None
        if unit != "%" and rules.delta.search(clause.rstrip()):
            continue  # 比去年预算增加4000亿元: a change, not the amount
        if norm[start - 1: start] == "每" and unit != "%":
            continue  # 每50公斤提高5到7元: the quantity a price is per, not a figure of its own
        # ranges: 6.5%－7% / 8%至10% -> one figure with value and value_max
        value_max = None
        rm = _RANGE_BEFORE.search(norm[max(0, start - 12):start])
        low: Figure | None = None
        joined = pending_low is not None and _RANGE_JOIN.match(norm[pending_low[0]:start])
        if cn_max:
            value_max = _cn_small(cn_max.group(1))
        elif (rm or joined) and pending_low is not None and pending_low[0] >= start - 12 and pending_low[2] == unit:
            # (每50公斤提高5到7元: the 公斤 figure before is no lower end of a 元 range; 5 is, read below)
            value, value_max = pending_low[1], value
            if out and out[-1].span[1] >= start - 12 and out[-1].value == value:
                low = out.pop()  # 6.5%－7%: the first number's figure becomes the range's lower end
        elif rm and not f["text"].startswith(rm.group(1)):
            value, value_max = float(rm.group(1)), value
        pending_low = (end, value if value_max is None else value_max, unit)
        same_unit = [e - sent_start for e, u in recent if u == unit and e > sent_start]
        measure, measure_text, known = _measure(rules, clause, sent_prefix, unit, max(same_unit, default=0))
        # (not for a share: 全国40%的县 counts counties, it does not measure them)
        modifier = norm[end:end + 1] == "的" and unit != "%" and not _clause_rule(rules, clause, unit)
        if (not known and not _clause_has_words(clause)) or modifier:
            # 再解决6000万人安全饮水问题: a clause that names nothing before the number names it after;
            # 形成3.28万亿元的投资规模: a figure before 的 measures the noun after it, not the sentence's subject
            after = _CLAUSE_STOP.split(_SENT_STOP.split(norm[end:end + 16])[0])[0]
            rule = _clause_rule(rules, after, unit)
            if rule is not None:
                measure, measure_text, known = rule.key, after, True
            elif modifier:
                measure, measure_text, known = (after.lstrip("的")[:14] or "?"), after.lstrip("的")[:14], False
        if not known and unit != "%":
            # 取消和下放246项行政审批事项: a count names what it counts right after the number
            after = _CLAUSE_STOP.split(_SENT_STOP.split(norm[end:end + 16])[0])[0]
            rule = _clause_rule(rules, after, unit)
            if rule is not None:
                measure, measure_text, known = rule.key, after, True
        if unit in rules.topic_units and norm[clause_start - 1: clause_start] == "、" and "分别" not in clause:
            # 下岗职工基本生活保障专项补助、再就业补助209亿元: one sum over the funds listed, no fund's own
            head = max([sent_start] + [sent_start + x.end() for x in re.finditer(r"[，,；;：:]", norm[sent_start:clause_start])])
            items = norm[head:start]
            if not re.search(r"\d", items) and rules.fund_end is not None and rules.fund_end.search(norm[head:clause_start - 1]):
                words = re.sub(r"[\s“”\"（）()]+", "", items)
                measure, measure_text, known = words[-14:] or "?", words[-20:], False
        if base_of is not None and (base_of[5][2] or not known):
            measure, measure_text, known = base_of[5]
        elif not known and unit in rules.topic_units and _names_payer_only(rules, clause) \
                and not _continues_list(norm, clause, clause_start):
            topic = _topic(rules, norm, sent_start, start, end, unit)
            if topic is not None:
                measure, measure_text = topic
                known = True
        anaphoric = in_run = False
        if low is not None:
            measure, measure_text, known = low.measure, low.measure_text, low.known_measure
            start = low.span[0]
        elif low is None and respective and len(respective) > run and _continues_list(norm, clause, clause_start):
            measure = measure_text = respective[run]  # A、B分别增长5.6%和13.1%: the i-th figure is the i-th measure
            in_run = True
            known = True
            run += 1
        elif not known and last_known and last_known[1] == unit and start - last_known[0] <= 60 \
                and "\n" not in norm[last_known[0]:start] \
                and (rules.anaphora.search(clause.strip()) or _continues_list(norm, clause, clause_start)):
            # 涨幅仍然高达21.7% / 转为下降1.2% / 上升4.9%、5.5%: the measure just named (the first of a
            # 分别 list when one was just read: …分别增长5.6%和13.1%，减为增长1.2%和1.8%)
            measure, measure_text, known = last_known[2], last_known[2], True
            if respective and not _continues_list(norm, clause, clause_start):
                measure = measure_text = respective[0]
                run = 1
                anaphoric = True
        if not known and low is None and prev_words and prev_words[0] >= start - 12 and _continues_list(norm, clause, clause_start):
            # 进出口总额达到834.9亿美元、增长4.4%: the amount's measure, as a rate
            rule = _clause_rule(rules, prev_words[1], unit)
            if rule is not None:
                measure, measure_text, known = rule.key, prev_words[1], True
        if f.get("bare") and not known:
            continue  # a bare 1000万 (or an age in 岁) is a figure only where a measure rule names it
        if low is None and not anaphoric and not _continues_list(norm, clause, clause_start):
            respective, run = _respective_back(rules, sent_prefix, unit, _run_length(norm, raw, fi)), 1
            run_figs = []
            if respective:
                measure = measure_text = respective[0]
                in_run = True
                known = True
        if known:
            last_known = (end, unit, measure)
        prev_words = (end, measure_text)
        recent.append((end, unit))
        # qualifier: written after (左右/以上/以内) wins over implied before (控制在/不低于)
        qual = None
        post = rules.post_qualifier.match(norm[end:end + 8])
        pre = rules.pre_qualifier.search(clause[-6:]) if clause else None
        for q in (post.group(1) if post else None, f.get("qualifier"), pre.group(1) if pre else None):
            if q and q in rules.qualifiers:
                qual = rules.qualifiers[q]
                break
        if post and post.group(1) in rules.qualifiers:
            end += post.end()
        # target or actual: cue nearest the figure, else the section, else a future/past year
        year, explicit = _year(rules, sent_prefix, ctx)
        year_named = year is not None  # 2007年… / 去年…: the sentence says which single year
        section_review = ctx.in_review(start)
        if rules.para_review is not None and rules.para_review.match(norm, norm.rfind("\n", 0, start) + 1):
            section_review = True  # 五年来，人民生活明显改善… inside the plan's section: a review of the period just ended
        strong_cue, weak_cue = _cue(rules, sent_prefix)
        restated = bool(_RESTATED.match(norm[end:end + 24]) or rules.target_after.match(norm[end:end + 40]))
        now = _CLAUSE_NOW.search(clause)
        clause_now = bool(now) and not rules.actual_strong.search(clause[now.end():]) if now else False
        if restated:
            is_target = True  # …降低4%左右…的目标: the goal named again when reporting on it
        elif clause_now:
            is_target = True  # 去年已经…近300户，今年要扩大到511户: the clause's own 今年 decides
        elif strong_cue is not None:
            is_target = strong_cue
        elif explicit and ctx.pub_year and year is not None and year != ctx.pub_year:
            is_target = year > ctx.pub_year
        elif section_review is not None:
            is_target = not section_review
        elif weak_cue is not None:
            is_target = weak_cue
        else:
            is_target = bool(f.get("target"))
        plan_deadline = None
        said = _PLAN_IN_CLAUSE.search(clause)
        if said and ctx.pub_year is not None and not rules.actual_strong.search(clause[said.end():]) \
                and not _PLAN_PROGRESS.search(clause):
            end_ = rules.plan_ends.get(said.group(1))
            if end_ is not None and end_ >= ctx.pub_year:
                # “十一五”年均增长7.5%, said again in a later sentence (after 2005年…实际结果): the figure of a plan
                # still running, in the plan's own clause, is its target for the plan's period, not a result
                is_target, plan_deadline = True, end_
        deadline = plan_deadline or _period_end(rules, sent_prefix, ctx, year if explicit else None)
        if year is None and ctx.pub_year is not None:
            if is_target:
                year = ctx.pub_year
            elif section_review or f.get("year") is None:
                early = ctx.pub_month is not None and ctx.pub_month <= 6  # the 2020 report came in May
                year = ctx.pub_year - 1 if (section_review and early) else (f.get("year") or ctx.pub_year)
            else:
                year = f.get("year")
        plan_end = ctx.plan_end(start)
        if deadline is None and is_target and plan_end is not None and not year_named:
            deadline = plan_end  # 二、“十二五”时期的主要目标: 城镇化率…提高到51.5% is for 2015
        if deadline is not None and is_target:
            year = deadline
        elif is_target and explicit and year is not None and ctx.pub_year is not None and year > ctx.pub_year:
            deadline = year  # 到2027年…达到: a multi-year target, interim figures show progress
        if not known:
            measure = _named_better(rules, measure, f.get("specific"))
        main = is_target and (ctx.in_main(start) or bool(rules.main_sentence.search(sent_prefix)))
        quote_start = max(sent_start, clause_start - 12)
        fig = Figure(
            measure=measure, value=_tidy(value), unit=unit, year=year, is_target=is_target,
            span=(start, end), quote=norm[quote_start:end].strip(" /\n\u3000"), qualifier=qual,
            value_max=None if value_max is None else _tidy(value_max), deadline=deadline, main=main,
            region=ctx.region, owner=ctx.owner, measure_text=measure_text, known_measure=known,
        )
        if in_run:
            if qual is not None:  # 分别增长5%、6.5%左右: the last figure's qualifier is the whole list's
                for prev in run_figs:
                    if prev.qualifier is None and prev.unit == unit:
                        prev.qualifier = qual
            run_figs.append(fig)
        para_start = norm.rfind("\n", 0, start) + 1
        # a multi-year rate or total: said in the clause itself (年均增长9.3%), or around it (a 过去五年
        # paragraph, …五年…) when the sentence names no single year (2007年居民消费价格上涨4.8% is 2007's)
        continues = _continues_list(norm, clause, clause_start)
        multi = not is_target and not _ONE_YEAR_TOTAL.search(sent_prefix[-20:]) and (
            (continues and prev_multi)  # 前三年分别上升4.9%、5.5%: the list's head says which period
            or bool(_MULTI_YEAR.search(clause)) or (unit == "%" and bool(_SPAN_COMPARED.search(sent_prefix)))
            or (not year_named and bool(
                _MULTI_YEAR.search(sent_prefix[-20:]) or _PARA_PERIOD.match(norm, para_start))))
        prev_multi = multi
        if multi:
            fig.deadline = year  # a multi-year rate or total, kept apart from the year's own figure
            fig.year = None
        if base_of is not None and is_target and not multi:
            start0, end0 = base_of[3]
            base_year = base_of[4] or (ctx.pub_year - 1 if ctx.pub_year else (year - 1 if year else None))
            out.append(Figure(
                measure=measure, value=_tidy(base_of[1]), unit=unit, year=base_year, is_target=False,
                span=(start0, end0), quote=norm[max(sent_start, start0 - 20):end0].strip(" /\n\u3000"),
                region=ctx.region, owner=ctx.owner, measure_text=measure_text, known_measure=known,
            ))
        if is_target:
            key = (measure, fig.value, fig.value_max, unit, year, qual)
            first = seen.get(key)
            at = next((i for i, x in enumerate(out) if x is first), None) if first is not None else None
            if at is not None:
                # 提出国内生产总值增长8%左右…: the same target said again; the main-list mention wins
                if main and not out[at].main:
                    out[at] = fig
                    seen[key] = fig
                continue
            seen[key] = fig
        out.append(fig)
    return out


def _named_better(rules: Rules, words: str, specific: str | None) -> str:
    """The name a figure no measure rule names is shown by: the facts stage's specific measure when it says
    more than the clause's last words (增加到 / 再开工 / ? → 出口总额 / 开工项目数量); linking still
    compares the clause's words, so only the name changes."""
    if not specific:
        return words
    half = len(specific) // 2
    if len(specific) % 2 == 0 and specific[:half] == specific[half:]:
        specific = specific[:half]  # 比重比重
    def content(s: str) -> int:
        return len(rules.generic_words.sub("", s))
    return specific[-14:] if content(specific) > content(words if words != "?" else "") else words


def _tidy(v: float) -> float:
    r = round(v, 6)
    return float(int(r)) if r == int(r) else r


def targets_of(figures: list[Figure]) -> list[Figure]:
    """The goals among a document's figures."""
    return [f for f in figures if f.is_target]


def actuals_of(figures: list[Figure]) -> list[Figure]:
    """The reported results among a document's figures."""
    return [f for f in figures if not f.is_target]
