"""Link a target to the figure reported later for the same measure, region and period; judge status."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from shuanglian.targets.model import Figure, Link
from shuanglian.targets.rules import Rules, direction_from_words, judge, load_rules, progress

MIN_SCORE = 0.75  # below this no outcome is proposed (a reviewer can still link one by hand)


@dataclass(frozen=True)
class Candidate:
    """An actual figure of a document published after the target's."""

    document: str
    published: str | None
    figure: Figure
    order: int  # position of the document among candidates (earlier published first)


def measure_chars(s: str, rules: Rules) -> frozenset[str]:
    """The characters of a measure's words without the generic ones (中央财政, 安排, 资金…): two figures
    share a measure by what they are about, not by who pays or the verb."""
    return _chars(s, rules.generic_words)


@lru_cache(maxsize=200_000)
def _chars(s: str, generic: re.Pattern[str]) -> frozenset[str]:
    # keyed by the rules' pattern too: relinks and scoring ask for the same few thousand wordings again and again
    return frozenset(generic.sub("", s))


def score(target: Figure, actual: Figure, rules: Rules | None = None) -> tuple[float, list[str]]:
    """How well an actual answers a target: measure (0.6), period (0.25), region (0.1), unit (0.05); reasons
    as `code:value` (measure, words, year, period, interim, region) for the UI to translate."""
    rules = rules or load_rules()
    reasons: list[str] = []
    if target.unit != actual.unit:
        return 0.0, ["unit differs"]
    if rules.max_ratio and target.unit != "%" and target.value > 0 and actual.value > 0 and \
            max(target.value, actual.value) > rules.max_ratio * min(target.value, actual.value):
        return 0.0, ["magnitude differs"]
    s = 0.05
    if target.known_measure and actual.known_measure:
        if target.measure == actual.measure:
            s += 0.6
            reasons.append(f"measure:{target.measure}")
        elif rules.compatible(target.measure, actual.measure):
            s += 0.45  # 物价涨幅 answers 居民消费价格涨幅, below a figure naming the same measure
            reasons.append(f"family:{actual.measure}")
        else:
            return 0.0, ["measure differs"]
    else:
        a, b = measure_chars(target.measure_text or target.measure, rules), measure_chars(actual.measure_text or actual.measure, rules)
        sim = len(a & b) / len(a | b) if a and b else 0.0
        # one side named by a rule, the other not: only near-identical wording counts
        s += (0.4 if target.known_measure or actual.known_measure else 0.6) * sim
        reasons.append(f"words:{sim:.2f}")
    period = target.deadline or target.year
    if actual.year is None and period is not None:
        if actual.deadline != period or not target.deadline:
            return 0.0, ["no year"]  # a multi-year total answers only a target over the same period
        if target.unit == "%" and _is_average(rules, target) != _is_average(rules, actual):
            return 0.0, ["average vs total"]  # 年均增长7% is not answered by 与2000年相比增长57.3%
        s += 0.25
        reasons.append(f"period:{period}")
    elif actual.year is not None and period is not None:
        if actual.year == period:
            s += 0.25
            reasons.append(f"year:{period}")
        elif target.deadline and target.year and actual.year < target.deadline:
            s += 0.1  # an interim figure of a multi-year target
            reasons.append(f"interim:{actual.year}")
        else:
            return 0.0, ["other year"]
    if target.region and actual.region:
        if target.region != actual.region:
            return 0.0, ["other region"]
        s += 0.1
        reasons.append(f"region:{target.region}")
    return round(s, 3), reasons


def _is_average(rules: Rules, fig: Figure) -> bool:
    """Whether a multi-year rate is an annual average (年均增长9.5%), read from its own clause of the quote."""
    if rules.average_words is None:
        return False
    return bool(rules.average_words.search(re.split(r"[，,；;：:。]", fig.quote)[-1]))


def is_final(target: Figure, actual: Figure, period: int | None) -> bool:
    """Whether an actual that scores for the target is its final outcome: the figure of the target's year or
    deadline, or a total over the target's whole period (十一五 年均增长 in the next plan's first report); else
    an interim figure of a multi-year target."""
    if actual.year is not None or period is None:
        return actual.year == period
    return target.deadline is not None and actual.deadline == period


def best_link(target: Figure, candidates: list[Candidate], final_only: bool = True) -> Link | None:
    """The best-scoring actual (final-year ones first; ties go to the earlier document, then the
    earlier mention: the headline figure of a review comes first)."""
    best: tuple[float, int, int, Candidate, list[str]] | None = None
    period = target.deadline or target.year
    for c in candidates:
        sc, reasons = score(target, c.figure)
        if sc < MIN_SCORE:
            continue
        if final_only and not is_final(target, c.figure, period):
            continue
        key = (sc, -c.order, -c.figure.span[0])
        if best is None or key > best[:3]:
            best = (sc, -c.order, -c.figure.span[0], c, reasons)
    if best is None:
        return None
    return Link(actual=best[3].figure, document=best[3].document, score=best[0], reasons=best[4])


def status_of(
    target: Figure, outcome: Figure | None, as_of_year: int | None, rules: Rules | None = None
) -> str:
    """met/missed from the final outcome; in_progress while the period is open; else unknown."""
    rules = rules or load_rules()
    if outcome is not None:
        direction = None if target.known_measure else direction_from_words(rules, target.measure_text or target.measure, target.unit)
        return judge(rules, target.measure, target.qualifier, target.value, target.value_max, target.unit,
                     outcome.value, outcome.unit, direction)
    period = target.deadline or target.year
    if period is not None and as_of_year is not None and period >= as_of_year:
        return "in_progress"
    return "unknown"


def progress_of(target: Figure, interim: Figure | None) -> float | None:
    """Progress of a multi-year target from an interim figure (share of the target value)."""
    if interim is None or interim.unit != target.unit:
        return None
    return progress(target.value, interim.value)
