"""Reviewer findings on the session-14 specific-measure code (mend1)."""

from __future__ import annotations

from shuanglian.extract.facts.figures import extract_figures


def _specific(text: str) -> dict[str, str | None]:
    return {f["text"]: f["specific"] for f in extract_figures(text, "2020-01-01")}


def test_a_count_noun_before_wei_without_a_change_verb_stays() -> None:
    """30个乡镇为5A级景区: no change verb before 为, the counted noun is named; 从39个拓展到91个 still drops it."""
    assert _specific("全市30个乡镇为5A级景区。")["30个"] == "乡镇数量"
    assert _specific("监管事项从39个拓展到91个。")["91个"] == "监管事项数量"
