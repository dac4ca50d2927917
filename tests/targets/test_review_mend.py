"""Reviewer findings on the session-14 targets code (mend1)."""

from __future__ import annotations

from shuanglian.targets.derive import derive_figures


def test_a_shared_change_is_one_figure_of_its_span() -> None:
    """A、B均增长6%: the extractor's copy for B repeats A's span; derive reads the span once."""
    text = "二、今年的工作\n今年，城镇居民人均可支配收入、农村居民人均纯收入均增长6%。"
    figs = [f for f in derive_figures(text, "2010-03-05") if f.value == 6.0]
    assert len(figs) == 1


def test_shared_copies_are_marked_and_own_their_span() -> None:
    from shuanglian.extract.facts.figures import extract_figures

    figs = extract_figures("今年，城镇居民人均可支配收入、农村居民人均纯收入均增长6%。", "2010-03-05")
    copies = [f for f in figs if f.get("shared")]
    assert copies and all(c["span"] is not f["span"] for c in copies for f in figs if not f.get("shared"))


def test_bi_shang_nian_jun_keeps_its_last_year() -> None:
    """比上年均增长: 上年 is last year (the 比上年 cue); only 基础上年均 is masked."""
    from shuanglian.targets.derive import _mask
    from shuanglian.targets.rules import load_rules

    rules = load_rules()
    assert _mask(rules, "收入比上年均增长") == "收入比上年均增长"
    assert _mask(rules, "的基础上年均增长") == "的基础\u3000年均增长"


def test_period_end_skips_the_base_year_of_yu_xiang_bi() -> None:
    """今后五年，A与2010年相比降低16% (2011 report): 2010 is the base, the period ends in 2015 (as with 比2010年)."""
    for text in ("二、今后五年的目标\n今后五年，单位国内生产总值能耗与2010年相比降低16%。",
                 "二、今后五年的目标\n今后五年，单位国内生产总值能耗比2010年降低16%。"):
        figs = [f for f in derive_figures(text, "2011-03-05") if f.value == 16.0]
        assert figs and figs[0].is_target and figs[0].deadline == 2015 and figs[0].year == 2015


def test_respective_back_takes_as_many_items_as_figures() -> None:
    """A增长9.5%，B9422元，C2936元，分别实际增长7.7%和6.8%: two figures name B and C, not A (which holds its own %)."""
    text = ("一、过去一年的回顾\n国内生产总值增长9.5%，城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，"
            "分别实际增长7.7%和6.8%。")
    figs = {f.value: f.measure for f in derive_figures(text, "2005-03-05")}
    assert figs[7.7].startswith("城镇居民人均可支配收入") and figs[6.8].startswith("农村居民")


def test_review_openings_are_rule_data() -> None:
    """五年来/过去五年 opening a paragraph (a review) are words of rules.yaml `review_openings`."""
    from shuanglian.targets.rules import load_rules

    rules = load_rules()
    assert rules.para_review is not None and rules.para_review.match("过去一年") is None
    assert rules.para_review.match("　过去五年，") and rules.para_review.match("这五年")
