"""Which year a figure refers to and whether it is a goal or a reported actual (cues, paragraph context)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from shuanglian.extract.facts.lexicon import Lexicons

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年")
# A year that frames what follows: 到2025年 / 至2030年 or a sentence opening "2023年，".
_FRAME_YEAR = re.compile(r"(?:^|[，,：:到至])((?:19|20)\d\d)年")
# Rates per year have no single year: 每年为3000个课题提供机时.
_PER_YEAR = re.compile(r"每年|每年度")
# A relative year opening a clause frames the paragraph too: "初步核算，全年实现…。其中，…"
_FRAME_RELATIVE = re.compile(r"(?:^|[，,：:])(全年|今年|去年|上半年|前三季度)")
_FRAME_CUE = re.compile(r"[到至]20\d\d年|提出|明确|目标|要求|力争|计划")
TITLES = re.compile(r"《[^《》]*》")


def _comparison_base(text: str, at: int) -> bool:
    """A year after 较/比/相比 is the base of a comparison (较2020年增长50%, 比上年), not the figure's year."""
    return text[max(0, at - 2) : at].endswith(("较", "比", "同"))


def strip_titles(s: str) -> str:
    """Blank out 《titles》 so a plan's name (《…规划》) is not read as a cue."""
    return TITLES.sub(lambda m: "＿" * len(m.group()), s)


def reference_year(title: str | None, pub_year: int | None, pub_month: int | None) -> int | None:
    """The year "全年" (the whole year) refers to: the year in the title (《2023年…统计公报》), else the
    year before publication for pages from January to April (annual results come out then), else the
    publication year."""
    m = _YEAR.search(title or "")
    if m:
        return int(m.group(1))
    if pub_year is None:
        return None
    return pub_year - 1 if pub_month is not None and pub_month <= 4 else pub_year


def relative_year(lex: Lexicons, word: str, pub_year: int | None, ref_year: int | None) -> int | None:
    """Resolve a relative year word (今年, 去年, 全年…) against the publication / reference year."""
    if word == "全年":
        return ref_year
    return None if pub_year is None else pub_year + lex.relative_years[word]


def figure_year(
    lex: Lexicons, prefix: str, pub_year: int | None, ctx: Context | None = None, ref_year: int | None = None
) -> int | None:
    """The year the figure refers to: nearest year or relative year word before it in the sentence,
    else the paragraph's framing year; none for per-year rates (每年)."""
    best: tuple[int, int] | None = None  # (position, year)
    for m in _YEAR.finditer(prefix):
        if not _comparison_base(prefix, m.start()):
            best = (m.start(), int(m.group(1)))
    for m in lex.rel_year_re.finditer(prefix):
        if _comparison_base(prefix, m.start()):
            continue  # 比上年增长: the base of the comparison
        if best is None or m.start() > best[0]:
            year = relative_year(lex, m.group(), pub_year, ref_year)
            if year is None:
                return None  # 目前/今年 on an undated page: the year is unknown, not the paragraph's
            best = (m.start(), year)
    per_year = [m.start() for m in _PER_YEAR.finditer(prefix)]
    if per_year and (best is None or per_year[-1] > best[0]):
        return None
    if best:
        return best[1]
    if ctx is None:
        return None
    return ctx.carry_year if ctx.carry_year is not None else ctx.year


def _decide(lex: Lexicons, text: str, pub_year: int | None = None) -> bool | None:
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


def is_target(lex: Lexicons, prefix: str, scope: str, pub_year: int | None, ctx: Context | None = None) -> bool:
    """Goal/plan or actual: cues since the previous figure, else in the sentence, else the previous
    sentence of the paragraph, else a future year."""
    for text in (scope, prefix):
        d = _decide(lex, strip_titles(text), pub_year)
        if d is not None:
            return d
    year = None
    for m in _YEAR.finditer(prefix):
        year = int(m.group(1))
    if ctx and ctx.target is not None:
        return ctx.target
    return bool(year and pub_year and year > pub_year)


@dataclass
class Context:
    """What the previous sentence of the paragraph said: its target/actual cue and framing year.

    "到2025年，…实现翻番。突破100种以上…" — the second sentence inherits the goal and the year.
    """

    para: int = -1
    target: bool | None = None
    year: int | None = None
    carry_year: int | None = None

    def update(self, lex: Lexicons, s: str, pub_year: int | None = None, ref_year: int | None = None) -> None:
        """Take the sentence's decisive cue and framing year (到2025年, a leading 2023年 or 全年) if any."""
        # Only a framing sentence (提出，到2025年…) passes its goal on to the next one.
        self.target = True if _FRAME_CUE.search(strip_titles(s)) else None
        m = _FRAME_YEAR.search(s)
        rel = _FRAME_RELATIVE.search(s)
        if m:
            self.year = int(m.group(1))
        elif rel and rel.group(1) in lex.relative_years:
            self.year = relative_year(lex, rel.group(1), pub_year, ref_year)
        elif _PER_YEAR.search(s) or self.target is not None:
            self.year = None
