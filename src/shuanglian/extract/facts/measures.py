"""What a figure measures: lexicon terms after a count unit or before the number, else the quantity phrase."""

from __future__ import annotations

import re

from shuanglian.extract.facts.lexicon import Lexicons, Unit

_CLAUSE_END = re.compile(r"[，,、：:（）()“”\"]")
# Stop words that end a noun phrase after a count unit ("95个课题小组不但拥有...").
_NP_STOP = re.compile(r"[，,。；;、：:（）()“”\"\s的和与及等在是已将为都均也还从被]|共有|具有|拥有|不|正|并|分别|主要|以上|左右")


def infer_measure(
    lex: Lexicons, s: str, start: int, end: int, unit: Unit, prev_end: int = 0
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
    # 提升到56%, 由20%提高到: a verb of change followed by 到/至 is not what is measured (配套率 is)
    pre_hits = [
        (mm.end(), mm.group())
        for mm in lex.term_re.finditer(before_clause)
        if fits(mm.group()) and not (lex.terms[mm.group()].measure == "增长率" and before_clause[mm.end() : mm.end() + 1] in ("到", "至"))
    ]
    if unit.kind == "count":
        if follow:
            # measure_text ends with the last lexicon term: 重大科技基础设施(兼具…) -> 重大科技基础设施
            cut = max(after.rfind(t) + len(t) for t in follow)
            return lex.terms[follow[-1]].measure, after[:cut]
        if pre_hits:
            t = pre_hits[-1][1]
            return lex.terms[t].measure, t
        if after and 2 <= len(after) <= 4:
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
    np = _noun_before(before_clause)
    if np:
        return np, np  # 研发设计工具普及率超过90%: the quantity named right before, if it looks like one
    wider = s[max(0, start - 30) : start]
    hits2 = [
        mm.group()
        for mm in lex.term_re.finditer(wider)
        if fits(mm.group()) and not (lex.terms[mm.group()].measure == "增长率" and wider[mm.end() : mm.end() + 1] in ("到", "至"))
    ]
    if hits2:
        return lex.terms[hits2[-1]].measure, hits2[-1]
    return None, None


_VERB_TAIL = re.compile(
    r"(?:达到了|达到|提高到|提升至|提升到|提高至|增至|保持在|突破|超过|约为|大约|约|为|达|是|占|实现|完成|增长|下降|"
    r"共计|合计|累计|超|近|逾|高达|不低于|不少于|以上|左右|上升|上涨|减少|回落|下滑)$"
)
# A measure names a quantity: the phrase must end like one (…率, …额, …值, …量, …数, …收入, …规模).
_MEASURE_HEAD = re.compile(r"[率额值量数比度入出本价费资金润重模积能耗效益利税]$")
# Cut at punctuation, 的 and the conjunctions 和/与 only: single characters such as 及 or 在 also occur
# inside measure words (普及率, 在孵企业).
_NP_CUT = re.compile(r"[的和与、，,：:“”\"（）()\s]")


_OWNER_END = set("业具品司院区市省端厂校所")


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
    np = c[cut:]
    # Drop the owner in front (工业企业…工具普及率 -> 普及率): cut after the last character that usually
    # ends an owner noun, when at least three characters remain.
    owner = [i + 1 for i, ch in enumerate(np) if ch in _OWNER_END and len(np) - i - 1 >= 3]
    np = np[owner[-1] :] if owner else np
    np = np[-8:]
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
