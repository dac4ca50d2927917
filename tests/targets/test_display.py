"""How figures read in each UI language (targets/display.py)."""

from __future__ import annotations

from shuanglian.targets.display import show, shower


def test_chinese_magnitudes() -> None:
    assert show(4.5e9, "元") == "45亿元"
    assert show(1.35e12, "元") == "1.35万亿元"
    assert show(9_000_000, "人") == "900万人"
    assert show(6.5, "%", 7, "左右") == "6.5–7%左右"
    assert show(None, "元") == "—"


def test_english_magnitudes_units_and_qualifiers() -> None:
    en = shower("en")
    assert en(4.5e9, "元") == "4.5 billion yuan"
    assert en(1.35e12, "元") == "1.35 trillion yuan"
    assert en(9_000_000, "人") == "9 million people"
    assert en(6.5, "%", 7, "左右") == "about 6.5–7%"
    assert en(5.5, "%", None, "以内") == "5.5% or less"
    assert en(12000, "个") == "12,000"
    assert en(3, "个百分点") == "3 percentage points"
    assert en(800, "亩", None, "以上") == "800 mu or more"
    assert en(None, "元") == "—"
