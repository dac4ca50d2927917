"""Compiled lexicons of the figure stage: units, measure terms and target/actual cues (from data files)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from shuanglian.extract.facts.common import alternation, load_data

_PRE_QUALIFIERS = ["超过", "超", "逾", "近", "将近", "接近", "约", "大约", "不少于", "不低于", "不超过", "突破", "高达", "多达"]
_POST_QUALIFIERS = ["以上", "以下", "左右", "上下", "之多"]


@dataclass(frozen=True)
class Unit:
    """A unit as written (亿元) with its multiplier, normalised unit (元) and kind (money)."""

    text: str
    factor: float
    unit: str
    kind: str


@dataclass(frozen=True)
class Measure:
    """The canonical measure a lexicon term names, and the unit kinds it applies to."""

    measure: str
    units: frozenset[str]


class Lexicons:
    """Compiled units, measures and cues (built once per process from the data files)."""

    def __init__(self) -> None:
        units = [Unit(u["text"], float(u["factor"]), u["unit"], u["kind"]) for u in load_data("units.yaml")["units"]]
        self.units = {u.text: u for u in units}
        self.not_after: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in (load_data("units.yaml").get("not_after") or {}).items()
        }
        self.qualifier_after: tuple[str, ...] = tuple(load_data("units.yaml").get("qualifier_after") or ())
        num = (
            r"(?:\d+(?:[,，]\d{3})*(?:\.\d+)?[十百千万亿]*"
            r"|[数几][十百千万亿]+"
            r"|[零〇一二两三四五六七八九十百千万亿]+)"
        )
        self.figure_re = re.compile(
            # 上 counts as "over" only before 百/千/万 (上百家, 上千名), not after 线上/网上
            rf"(?P<pre>{alternation(_PRE_QUALIFIERS)}|上(?=[百千万]))?"
            # 百分之八点五, 八点一倍, 一千零八十五点二亿元: a Chinese decimal after 点 (older reports)
            # 1300多万人, 600余万套: 多/余 before the magnitude (8000多亿元 reads the same way)
            rf"(?:(?P<pct>百分之)(?P<pctnum>{num}(?:点[零〇一二三四五六七八九]+)?)|(?P<num>{num}(?:(?<=[零〇一二两三四五六七八九十])点[零〇一二三四五六七八九]+)?)(?:(?P<more>余|多|几)(?P<mag>万亿|亿|万|千)?)?(?P<unit>{alternation(list(self.units))}))"
            rf"(?P<post>{alternation(_POST_QUALIFIERS)})?"
        )
        self.terms: dict[str, Measure] = {}
        for entry in load_data("measures.yaml")["measures"]:
            m = Measure(entry["measure"], frozenset(entry.get("units") or []))
            for t in entry["terms"]:
                self.terms.setdefault(t, m)
        self.term_re = re.compile(alternation(list(self.terms)))
        cues = load_data("cues.yaml")
        self.target_re = re.compile("|".join(cues["target"]))
        self.actual_re = re.compile("|".join(cues["actual"]))
        self.relative_years: dict[str, int] = dict(cues["relative_years"])
        self.rel_year_re = re.compile(alternation(list(self.relative_years)))


_LEX: Lexicons | None = None


def lexicons() -> Lexicons:
    """The process-wide compiled lexicons."""
    global _LEX
    if _LEX is None:
        _LEX = Lexicons()
    return _LEX
