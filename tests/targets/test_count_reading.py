"""Counts with no measure word: Chinese numerals and 近 (number reading), X多/X余 (a floor: 以上)."""

from __future__ import annotations

from shuanglian.targets.derive import derive_figures


def _counts(text: str, published: str) -> list[tuple[float, str | None, bool]]:
    return [(f.value, f.qualifier, f.is_target) for f in derive_figures(text, published) if f.unit == "人"]


def test_chinese_numeral_count_with_jin_is_approximate() -> None:
    text = "二、今后五年的主要任务\n今后五年要通过普通高等学校和成人高等教育共培养近五百万高级专门人才。"
    assert (5_000_000.0, "约", True) in _counts(text, "1986-03-25")
