"""Reviewer findings on the session-14 specific-measure code (mend1)."""

from __future__ import annotations

from shuanglian.extract.facts.figures import extract_figures


def _specific(text: str) -> dict[str, str | None]:
    return {f["text"]: f["specific"] for f in extract_figures(text, "2020-01-01")}


def test_a_count_noun_before_wei_without_a_change_verb_stays() -> None:
    """30个乡镇为5A级景区: no change verb before 为, the counted noun is named; 从39个拓展到91个 still drops it."""
    assert _specific("全市30个乡镇为5A级景区。")["30个"] == "乡镇数量"
    assert _specific("监管事项从39个拓展到91个。")["91个"] == "监管事项数量"


def test_a_traded_or_used_tonnage_is_no_output() -> None:
    """钢产量1000万吨，进口铁矿石5000万吨: an import is no output (specific.yaml not_output); a product listed with
    outputs still takes 产量 (化学纤维50万吨 -> 化学纤维产量)."""
    assert _specific("全年钢产量达到1000万吨，进口铁矿石5000万吨。")["5000万吨"] == "进口铁矿石量"
    assert "产量" not in (_specific("粮食产量6500万吨，秸秆综合利用5000万吨。")["5000万吨"] or "")
    assert _specific("原煤产量达到6亿吨，原油产量1亿吨，化学纤维50万吨。")["50万吨"] == "化学纤维产量"


def test_a_per_unit_jun_shares_no_change() -> None:
    """粮食、棉花亩均增长10%: 亩均 is per mu, one figure; A、B均增长6% still gives a figure for each."""
    figs = extract_figures("粮食、棉花亩均增长10%。", "2010-01-01")
    assert len(figs) == 1 and not figs[0].get("shared")
    figs = extract_figures("今年，城镇居民人均可支配收入、农村居民人均纯收入均增长6%。", "2010-01-01")
    assert len(figs) == 2


def test_the_copy_mark_stays_out_of_the_stage_output() -> None:
    """A、B均增长6% gives a figure for each thing; the `shared` mark on the copy is for targets' own reading of
    extract_figures, not part of the extract contract or of the stored statements."""
    from shuanglian.document import Document
    from shuanglian.extract.facts.figures import FigureStage

    doc = Document(source="d", text="今年，城镇居民人均可支配收入、农村居民人均纯收入均增长6%。", published="2010-01-01")
    figs = FigureStage()(doc).figures
    assert len(figs) == 2 and all("shared" not in f for f in figs)
