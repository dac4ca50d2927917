"""How a figure is shown to people: 9000000 人 -> 900万人, 1.35e12 元 -> 1.35万亿元 (Chinese units)."""

from __future__ import annotations

_STEPS = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))


def _num(v: float) -> str:
    r = round(v, 4)
    return f"{int(r)}" if r == int(r) else f"{r:g}"


def show(value: float | None, unit: str | None, value_max: float | None = None, qualifier: str | None = None) -> str:
    """A value (or range) with its unit in Chinese magnitude words, then its qualifier."""
    if value is None:
        return "—"
    unit = unit or ""
    scale, word = 1.0, ""
    if unit != "%":
        for s, w in _STEPS:
            if abs(value) >= s:
                scale, word = s, w
                break
    text = _num(value / scale)
    if value_max is not None:
        text += "–" + _num(value_max / scale)
    return f"{text}{word}{unit}{qualifier or ''}"
