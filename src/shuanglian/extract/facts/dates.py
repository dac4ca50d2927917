"""Resolve the date of a reported event against the page's publication date (with year rollover)."""

from __future__ import annotations

import re
from datetime import date, timedelta

_FULL = re.compile(r"(?P<y>(?:19|20)\d\d)\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?")
_MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]")
# "13日，…" in a multi-day report: the day of the publication month (or the month before).
_DAY_ONLY = re.compile(r"(?<![\d月号])(?P<d>[12]?\d|3[01])日(?![内前后里])")
_CN_MONTH_DAY = re.compile(r"(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日")
_DATELINE = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日电")
_RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "前日": -2}
_RELATIVE = re.compile("|".join(_RELATIVE_DAYS))
# "次日上午，…" in a multi-day report: the day after the report's date so far
_NEXT_DAY = re.compile(r"次日|翌日|第二天")
# Longer relative expressions go to jionlp's time parser, which knows weekdays and months.
_JIO_RELATIVE = re.compile(r"(?:上周|本周|这周)[一二三四五六日天]|(?:本月|上月)\d{1,2}[日号]")


def _cn(s: str) -> int:
    """Small Chinese numerals used in dates (一 .. 三十一)."""
    from shuanglian.extract.facts.numbers import parse_cn_integer

    return int(parse_cn_integer(s))


def resolve_month_day(month: int, day: int, pub: date | None) -> date | None:
    """Year for a month/day without year: the publication year, or the year before when the
    month/day falls after the publication date (a December event reported in January)."""
    if pub is None:
        return None
    year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_day(day: int, pub: date) -> date | None:
    """A bare day of month: in the publication month, or the month before when it is later than today."""
    year, month = pub.year, pub.month
    if day > pub.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_after(day: int, anchor: date) -> date | None:
    """Day `day` on or after `anchor` (same month, or the next when the day number is smaller)."""
    year, month = anchor.year, anchor.month
    if day < anchor.day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_date(text: str, pub: date | None, anchor: date | None = None) -> tuple[date | None, int] | None:
    """First date expression in `text`: (resolved date or None, offset), or None when there is none.

    `anchor` is the date of the report so far: a bare day ("13日") follows it (same or next month), and
    次日/翌日 is the day after it.
    """
    best: tuple[int, date | None] | None = None
    # A news agency dateline (新华社上海11月17日电) dates the dispatch, not the event.
    text = _DATELINE.sub(lambda m: "＿" * len(m.group()), text)
    for pat in (_FULL, _MONTH_DAY, _CN_MONTH_DAY):
        m = pat.search(text)
        if not m or (best is not None and best[0] <= m.start()):
            continue
        try:
            if pat is _FULL:
                d: date | None = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            elif pat is _MONTH_DAY:
                d = resolve_month_day(int(m.group("m")), int(m.group("d")), pub)
            else:
                d = resolve_month_day(_cn(m.group("m")), _cn(m.group("d")), pub)
        except ValueError:
            d = None
        best = (m.start(), d)
    day = _DAY_ONLY.search(text)
    if day and pub and (best is None or day.start() < best[0]):
        d_ = int(day.group("d"))
        after = _day_after(d_, anchor) if anchor else None
        # an event is not reported before it happens: past the publication date, the day is this month's
        best = (day.start(), after if after and after <= pub else resolve_day(d_, pub))
    rel = _RELATIVE.search(text)
    if rel and (best is None or rel.start() < best[0]):
        best = (rel.start(), pub + timedelta(days=_RELATIVE_DAYS[rel.group()]) if pub else None)
    nxt = _NEXT_DAY.search(text)
    if nxt and anchor and (best is None or nxt.start() < best[0]):
        best = (nxt.start(), anchor + timedelta(days=1))
    jio = _JIO_RELATIVE.search(text)
    if jio and pub and (best is None or jio.start() < best[0]):
        best = (jio.start(), _jio_date(jio.group(), pub))
    return (best[1], best[0]) if best else None


def _jio_date(expr: str, pub: date) -> date | None:
    """Resolve a relative expression with jionlp's parser (imported lazily: it is slow to load)."""
    try:
        from shuanglian.jio import jionlp, quiet

        base = {"year": pub.year, "month": pub.month, "day": pub.day}
        res = quiet(jionlp().parse_time, expr, time_base=base)
        return date.fromisoformat(res["time"][0][:10])
    except Exception:  # noqa: BLE001 - an unparseable expression just leaves the date unknown
        return None
