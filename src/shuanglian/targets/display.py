"""How a figure is shown to people: 9000000 人 -> 900万人, 1.35e12 元 -> 1.35万亿元 in Chinese; in English
1.35e12 元 -> 1.35 trillion yuan, 9000000 人 -> 9 million people (words per unit and qualifier in EN_WORDS)."""

from __future__ import annotations

from functools import partial
from typing import Any

_STEPS = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
_STEPS_EN = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))

# English words for the units and qualifiers that figures carry; a unit not listed is shown as written.
EN_UNITS = {"元": "yuan", "人民币": "yuan", "美元": "US dollars", "人": "people", "人次": "person-times", "户": "households",
            "个": "", "家": "", "项": "", "座": "", "所": "", "名": "", "件": "", "套": "sets", "台": "units", "辆": "vehicles",
            "吨": "tonnes", "公里": "km", "千米": "km", "平方公里": "km²", "平方米": "m²", "亩": "mu", "千瓦": "kW",
            "千瓦时": "kWh", "立方米": "m³", "年": "years", "天": "days", "倍": "times", "%": "%", "个百分点": "percentage points"}
EN_QUALIFIERS = {"左右": ("about ", ""), "约": ("about ", ""), "以上": ("", " or more"), "以内": ("", " or less"),
                 "以下": ("", " or less"), "不低于": ("at least ", ""), "不少于": ("at least ", ""), "不超过": ("at most ", ""),
                 "不高于": ("at most ", ""), "不到": ("under ", ""), "超过": ("over ", ""), "多": ("over ", ""), "余": ("over ", "")}


def _num(v: float) -> str:
    r = round(v, 4)
    return f"{int(r)}" if r == int(r) else f"{r:g}"


def show(value: float | None, unit: str | None, value_max: float | None = None, qualifier: str | None = None,
         lang: str = "zh") -> str:
    """A value (or range) with its unit in the magnitude words of `lang` (zh: 万/亿, en: million/billion), and its qualifier."""
    if value is None:
        return "—"
    unit = unit or ""
    if lang == "en":
        return _show_en(value, unit, value_max, qualifier)
    text, word = _magnitude(value, value_max, unit, _STEPS)
    return f"{text}{word}{unit}{qualifier or ''}"


def _magnitude(value: float, value_max: float | None, unit: str, steps: tuple[tuple[float, str], ...],
               plain: Any = _num) -> tuple[str, str]:
    """The value (or range) divided by the largest step it reaches, and that step's word (none for %);
    `plain` writes a value below every step."""
    scale, word = 1.0, ""
    if unit != "%":
        for s, w in steps:
            if abs(value) >= s:
                scale, word = s, w
                break
    write = _num if scale > 1 else plain
    text = write(value / scale)
    if value_max is not None:
        text += "–" + write(value_max / scale)
    return text, word


def _show_en(value: float, unit: str, value_max: float | None, qualifier: str | None) -> str:
    text, word = _magnitude(value, value_max, unit, _STEPS_EN, plain=lambda v: f"{round(v, 4):,g}")
    if unit == "%":
        body = text + "%"
    else:
        u = EN_UNITS.get(unit, unit)
        body = " ".join(p for p in (text, word, u) if p)
    before, after = EN_QUALIFIERS.get(qualifier or "", ("", f" {qualifier}" if qualifier else ""))
    return f"{before}{body}{after}"


def shower(lang: str) -> Any:
    """`show` bound to a UI language (what templates call)."""
    return partial(show, lang=lang)
