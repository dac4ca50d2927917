"""The rules of data/rules.yaml: qualifiers, canonical measures, cues, tolerance and the status rule."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_PATH = Path(__file__).parent / "data" / "rules.yaml"
STATUSES = ("met", "missed", "in_progress", "unknown")


@dataclass(frozen=True)
class MeasureRule:
    """One canonical measure: the words naming it, the units it takes and which direction is better."""

    key: str
    pattern: re.Pattern[str]
    units: tuple[str, ...]
    direction: str  # up | down | none
    needs: re.Pattern[str] | None = None
    family: str | None = None  # a broader measure this one answers (物价涨幅 for 居民消费价格涨幅)
    near: int = 0  # >0: matched on the last `near` characters before the figure, the nearest match wins
    own_clause: bool = False  # names only a figure it stands just before, never a fund's topic


@dataclass(frozen=True)
class ExtraUnit:
    """A unit the figure extractor does not read: the unit kept and the factor into it (斤 -> 吨)."""

    unit: str
    factor: float
    named_only: bool = False  # kept only where a measure rule names it (60岁以上老人 is no figure; 预期寿命80岁 is)


@dataclass(frozen=True)
class Rules:
    """Everything rules.yaml declares, compiled."""

    qualifiers: dict[str, str]
    pre_qualifier: re.Pattern[str]  # written before the number (不低于, 控制在), at the clause's end
    post_qualifier: re.Pattern[str]  # written after it (左右, 以上)
    comparisons: dict[str | None, str]
    tolerance: dict[str, dict[str, float]]
    measures: tuple[MeasureRule, ...]
    target_strong: re.Pattern[str]
    target_weak: re.Pattern[str]
    actual_strong: re.Pattern[str]
    actual_weak: re.Pattern[str]
    heading: re.Pattern[str]
    review: re.Pattern[str]
    plain_heading: re.Pattern[str]
    plan: re.Pattern[str]
    main_list: re.Pattern[str]
    main_sentence: re.Pattern[str]
    relative_years: dict[str, int]
    relative_re: re.Pattern[str]
    delta: re.Pattern[str]
    owners: tuple[dict[str, str], ...]
    extra_units: dict[str, ExtraUnit]
    approx_units: dict[str, ExtraUnit]  # units the extractor reads only without 多/余 (6000多万人)
    bare_count: str | None
    anaphora: re.Pattern[str]
    respective_short: dict[str, tuple[str, ...]]
    target_after: re.Pattern[str]
    generic_words: re.Pattern[str]
    direction_words: dict[str, re.Pattern[str]]
    max_ratio: float = 0.0  # >0: an actual this many times larger or smaller than the target is another thing
    topic_units: tuple[str, ...] = ()  # money whose clause names only the payer takes the sentence's topic
    topic_filler: re.Pattern[str] | None = None  # 资金/补贴…: words that name no topic
    topic_stop: re.Pattern[str] | None = None  # a later clause starting so is a new action: no topic after it
    fund_end: re.Pattern[str] | None = None  # a list item ending so is a fund (…专项补助、再就业补助209亿元: a sum)
    undated_title: re.Pattern[str] | None = None  # an undated work report's title naming its year
    undated_month: int | None = None  # the month such a report is read as delivered in
    undated_national: re.Pattern[str] | None = None  # a title of the State Council's reports
    undated_late: dict[int, int] = field(default_factory=dict)  # their years delivered after June, with the month
    not_relative: re.Pattern[str] | None = None  # 基础上年均: a 上/去 that only looks like a relative year's start
    plan_name: re.Pattern[str] | None = None  # “十二五”时期 in a heading: the five-year plan a section is about
    plan_ends: dict[str, int] = field(default_factory=dict)  # 十二五 -> 2015: each plan's last year
    plan_said: re.Pattern[str] | None = None  # “十一五”期间 / 第六个五年计划: a plan named in running text
    unnamed_direction: dict[str, str] = field(default_factory=dict)  # unit -> direction of an unnamed, verbless target
    average_words: re.Pattern[str] | None = None  # 年均/平均每年: a multi-year rate that is an annual average
    para_review: re.Pattern[str] | None = None  # a paragraph opening 五年来/过去五年: a review of the years just ended

    def plan_end_of(self, m: re.Match[str]) -> int | None:
        """The last year of the plan a `plan_said` match names (“六五”时期 or 第六个五年计划 -> 1985)."""
        name = m.group(1) or f"{m.group(2)}五"
        return self.plan_ends.get(name)

    @cached_property
    def _by_key(self) -> dict[str, MeasureRule]:
        """The first rule of each key (what a scan of `measures` finds first)."""
        out: dict[str, MeasureRule] = {}
        for m in self.measures:
            out.setdefault(m.key, m)
        return out

    @cached_property
    def _compatible(self) -> dict[str, list[str]]:
        """compatible_keys answers so far (relinking asks the same few measures for every target)."""
        return {}

    def direction(self, measure: str) -> str:
        """up/down/none for a canonical measure (none when unknown)."""
        m = self._by_key.get(measure)
        return m.direction if m is not None else "none"

    def family(self, measure: str) -> str | None:
        """The family of a canonical measure (None when it has none or is unknown)."""
        m = self._by_key.get(measure)
        return m.family if m is not None else None

    def compatible(self, a: str, b: str) -> bool:
        """Whether two canonical measures answer one another: the same key, or one is the broad measure
        of the other's family (物价涨幅 ~ 居民消费价格涨幅; never 调查 ~ 登记失业率)."""
        if a == b:
            return True
        fa, fb = self.family(a), self.family(b)
        return fa is not None and fa == fb and fa in (a, b)

    def compatible_keys(self, measure: str) -> list[str]:
        """Every canonical measure compatible with this one (itself first)."""
        if measure not in self._by_key:
            return [measure]  # an unknown measure has no family: only itself (and the cache stays bounded)
        keys = self._compatible.get(measure)
        if keys is None:
            keys = [measure] + [m.key for m in self.measures if m.key != measure and self.compatible(measure, m.key)]
            self._compatible[measure] = keys
        return list(keys)


def _alt(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> Rules:
    """Compile rules.yaml (cached)."""
    raw: dict[str, Any] = yaml.safe_load(Path(path or RULES_PATH).read_text(encoding="utf-8"))
    measures = tuple(
        MeasureRule(
            m["key"], re.compile(m["pattern"]), tuple(m["units"]), m.get("direction", "none"),
            re.compile(m["needs"]) if m.get("needs") else None, m.get("family"), int(m.get("near", 0)),
            bool(m.get("own_clause", False)),
        )
        for m in raw["measures"]
    )
    cues = raw["cues"]
    comps = {(None if k in (None, "null") else str(k)): str(v) for k, v in raw["comparisons"].items()}
    rel = {str(k): int(v) for k, v in raw["relative_years"].items()}
    undated = raw.get("undated_reports") or {}
    return Rules(
        qualifiers={str(k): str(v) for k, v in raw["qualifiers"].items()},
        pre_qualifier=re.compile(f"({_alt(raw['pre_qualifiers']).pattern})\\s*$"),
        # (a unit in brackets may come between: 1万台（套）以上)
        post_qualifier=re.compile(f"^\\s*(?:（[^）]{{1,3}}）|\\([^)]{{1,3}}\\))?({_alt(raw['post_qualifiers']).pattern})"),
        comparisons=comps,
        tolerance=raw["tolerance"],
        measures=measures,
        target_strong=_alt(cues["target_strong"]),
        target_weak=_alt(cues["target_weak"]),
        actual_strong=_alt(cues["actual_strong"]),
        actual_weak=_alt(cues["actual_weak"]),
        heading=re.compile(raw["sections"]["heading"], re.M),
        review=re.compile(raw["sections"]["review"]),
        plain_heading=re.compile(raw["sections"]["plain_heading"], re.M),
        plan=re.compile(raw["sections"]["plan"]),
        main_list=re.compile(raw["main_list"]),
        main_sentence=re.compile(raw["main_sentence"]),
        relative_years=rel,
        relative_re=_alt(list(rel)),
        delta=re.compile(raw["delta"]),
        owners=tuple(raw.get("owners") or ()),
        extra_units={str(k): ExtraUnit(str(v["unit"]), float(v["factor"]), bool(v.get("named_only", False)))
                     for k, v in (raw.get("extra_units") or {}).items()},
        approx_units={str(k): ExtraUnit(str(v["unit"]), float(v["factor"])) for k, v in (raw.get("approx_units") or {}).items()},
        bare_count=raw.get("bare_count"),
        anaphora=re.compile(raw["anaphora"]),
        target_after=re.compile(raw["target_after"]),
        direction_words={str(k): _alt(list(v)) for k, v in (raw.get("direction_words") or {}).items()},
        generic_words=_alt(list(raw.get("generic_words") or ["\x00"])),
        respective_short={str(k): tuple(v) for k, v in (raw.get("respective_short") or {}).items()},
        max_ratio=float((raw.get("link") or {}).get("max_ratio") or 0.0),
        topic_units=tuple((raw.get("topic") or {}).get("units") or ()),
        topic_filler=_alt(list((raw.get("topic") or {}).get("filler") or ["\x00"])),
        topic_stop=re.compile("[，,；;](?:" + _alt(list((raw.get("topic") or {}).get("stop_verbs") or ["\x00"])).pattern + ")"),
        fund_end=re.compile("(?:" + _alt(list((raw.get("topic") or {}).get("fund_ends") or ["\x00"])).pattern + ")$"),
        undated_title=re.compile(undated["title"]) if undated.get("title") else None,
        undated_month=int(undated["month"]) if undated.get("month") else None,
        undated_national=re.compile(undated["national"]) if undated.get("national") else None,
        undated_late={int(k): int(v) for k, v in (undated.get("national_late") or {}).items()},
        not_relative=re.compile(raw["not_relative"]) if raw.get("not_relative") else None,
        plan_name=re.compile((raw.get("plans") or {})["name"]) if (raw.get("plans") or {}).get("name") else None,
        plan_ends={str(k): int(v) for k, v in ((raw.get("plans") or {}).get("ends") or {}).items()},
        average_words=re.compile(raw["average_words"]) if raw.get("average_words") else None,
        unnamed_direction={str(k): str(v) for k, v in (raw.get("unnamed_direction") or {}).items()},
        plan_said=re.compile((raw.get("plans") or {})["said"]) if (raw.get("plans") or {}).get("said") else None,
        para_review=re.compile(r"[\s/\u3000]*(?:" + _alt(list(raw["review_openings"])).pattern + ")")
        if raw.get("review_openings") else None,
    )


def tolerance(rules: Rules, unit: str, value: float) -> float:
    """How far an actual may be from a 左右/约 value and still count as on target."""
    t = rules.tolerance.get(unit) or rules.tolerance["default"]
    if "absolute" in t:
        return float(t["absolute"])
    return abs(value) * float(t.get("relative", 0.0))


def direction_from_words(rules: Rules, words: str, unit: str | None = None) -> str:
    """up/down/none read from the verb of a target no rule names (扩大到1000个县: up; 压减到: down); without a
    verb, the unit's default (rules.yaml unnamed_direction: an amount to reach is up, a % none)."""
    hits = [(m.end(), d) for d, pat in rules.direction_words.items() for m in pat.finditer(words)]
    if hits:
        return max(hits)[1]
    if unit is None:
        return "none"
    return rules.unnamed_direction.get(unit, rules.unnamed_direction.get("default", "none"))


def judge(
    rules: Rules,
    measure: str,
    qualifier: str | None,
    value: float,
    value_max: float | None,
    unit: str,
    actual: float | None,
    actual_unit: str | None,
    direction: str | None = None,
) -> str:
    """met / missed / unknown for a final actual (in_progress is decided by the caller from dates);
    `direction` overrides the measure's (for a measure no rule names, read from its words)."""
    if actual is None or (actual_unit and actual_unit != unit):
        return "unknown"
    direction = direction or rules.direction(measure)
    if value_max is not None:
        lo, hi = min(value, value_max), max(value, value_max)
        if direction == "up":
            return "met" if actual >= lo else "missed"
        if direction == "down":
            return "met" if actual <= hi else "missed"
        return "met" if lo <= actual <= hi else "missed"
    comp = rules.comparisons.get(qualifier, rules.comparisons.get(None, "exact"))
    if comp == "ge":
        return "met" if actual >= value else "missed"
    if comp == "le":
        return "met" if actual <= value else "missed"
    tol = tolerance(rules, unit, value) if comp == "near" else 0.0
    if direction == "up":
        return "met" if actual >= value - tol else "missed"
    if direction == "down":
        return "met" if actual <= value + tol else "missed"
    return "met" if abs(actual - value) <= max(tol, 1e-9) else "missed"


def progress(value: float, actual: float | None, baseline: float | None = None) -> float | None:
    """Share of the way from the baseline (0 when unknown) to the target value, capped to [0, 1.5]."""
    if actual is None or value == (baseline or 0.0):
        return None
    base = baseline or 0.0
    return round(max(0.0, min(1.5, (actual - base) / (value - base))), 3)
