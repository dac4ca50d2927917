"""Parse numbers as written in Chinese text: 1,100 / 3.4万 / 四万 / 一千一百 / 数千万 / 千余."""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
# a magnitude written after a number (1300多万人, 2.36万亿元): what it multiplies by
MAGNITUDES = {"": 1, "千": 1_000, "万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}
# Vague quantifiers: 数千 = "several thousand". By convention the value is the lower bound (1 x unit),
# and the figure is flagged approximate.
VAGUE = {"数", "几"}

_ARABIC = re.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")


def parse_cn_integer(s: str) -> float:
    """Value of a pure Chinese numeral such as 二十四, 一千一百, 四万, 三亿五千万, 十."""
    total = 0.0  # completed 亿 sections
    section = 0.0  # completed 万 sections within the current 亿 section
    current = 0.0  # below 万
    digit: float | None = None
    for ch in s:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            current += (digit if digit is not None else 1) * SMALL_UNITS[ch]
            digit = None
        elif ch == "万":
            section = (section + current + (digit or 0)) * 10_000
            current, digit = 0.0, None
        elif ch == "亿":
            total = (total + section + current + (digit or 0)) * 100_000_000
            section, current, digit = 0.0, 0.0, None
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return total + section + current + (digit or 0)


def parse_number(s: str) -> tuple[float, bool]:
    """Parse a number with optional multipliers; returns (value, approximate).

    Handles Arabic digits with separators and decimals (1,100; 3.4), trailing multipliers (3.4万, 2千亿),
    pure Chinese numerals (四万, 二十四) and decimals (八点五), vague quantities (数千万 -> 1e7, approximate) and bare
    multipliers (千 in 千余).
    """
    s = s.strip()
    if not s:
        raise ValueError("empty number")
    approx = False
    if s[0] in VAGUE:
        approx = True
        s = "一" + s[1:]
    m = _ARABIC.match(s)
    if m:
        base = float(m.group().replace(",", "").replace("，", ""))
        rest = s[m.end() :]
        return base * multiplier(rest), approx
    whole, dot, frac = s.partition("点")
    if dot and frac and all(c in DIGITS for c in frac):
        # 八点五 -> 8.5: the digits after 点 are read one by one
        return parse_cn_integer(whole) + float("0." + "".join(str(DIGITS[c]) for c in frac)), approx
    return parse_cn_integer(s), approx


def multiplier(s: str) -> float:
    """Product of trailing multiplier characters, e.g. 万 -> 1e4, 千万 -> 1e7, 亿 -> 1e8."""
    out = 1.0
    for ch in s:
        if ch in SMALL_UNITS:
            out *= SMALL_UNITS[ch]
        elif ch in BIG_UNITS:
            out *= BIG_UNITS[ch]
        else:
            raise ValueError(f"not a multiplier: {ch!r}")
    return out
