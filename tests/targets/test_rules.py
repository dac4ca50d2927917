"""Status rules (data/rules.yaml), qualifier reading, ranges, display."""

from __future__ import annotations

import pytest

from shuanglian.targets.derive import derive_figures, normalise_text
from shuanglian.targets.display import show
from shuanglian.targets.rules import judge, load_rules, progress


@pytest.mark.parametrize(("measure", "qual", "value", "actual", "expected"), [
    ("城镇新增就业", "以上", 9e6, 1.1e7, "met"),
    ("城镇新增就业", "以上", 9e6, 8e6, "missed"),
    ("城镇登记失业率", "以内", 4.6, 4.1, "met"),
    ("城镇登记失业率", "以内", 4.6, 4.7, "missed"),
    ("国内生产总值增长率", "左右", 7.5, 7.4, "met"),  # within 0.5 pp
    ("国内生产总值增长率", "左右", 8.0, 7.4, "missed"),
    ("国内生产总值增长率", "左右", 8.0, 10.3, "met"),  # more is better
    ("居民消费价格涨幅", "左右", 3.0, 5.4, "missed"),  # less is better
    ("居民消费价格涨幅", "左右", 3.5, 2.0, "met"),
    ("国内生产总值增长率", None, 8.0, 7.8, "missed"),
    ("某指标", "左右", 100.0, 104.0, "met"),  # 5% relative tolerance for other units
    ("某指标", "左右", 100.0, 110.0, "missed"),
])
def test_status_rules(measure: str, qual: str | None, value: float, actual: float, expected: str) -> None:
    unit = "%" if "率" in measure or "涨幅" in measure else "个"
    assert judge(load_rules(), measure, qual, value, None, unit, actual, unit) == expected


def test_range_and_unknown() -> None:
    rules = load_rules()
    assert judge(rules, "国内生产总值增长率", None, 6.5, 7.0, "%", 6.8, "%") == "met"
    assert judge(rules, "国内生产总值增长率", None, 6.5, 7.0, "%", 6.0, "%") == "missed"
    assert judge(rules, "国内生产总值增长率", None, 6.5, 7.0, "%", None, None) == "unknown"
    assert judge(rules, "国内生产总值增长率", None, 6.5, None, "%", 6.6, "元") == "unknown"
    assert progress(100.0, 40.0) == 0.4


def test_normalise_keeps_length() -> None:
    s = "增长１．４２亿吨，预定增长1 0 ％或者更多，全年增长19·5％"
    n = normalise_text(s)
    assert len(n) == len(s)
    assert "1.42亿吨" in n and "10%" in n and "19.5%" in n


def test_qualifiers_ranges_and_years() -> None:
    text = ("二、今年工作安排\n今年主要预期目标是：地区生产总值增长6.5%－7%；城镇登记失业率控制在5.5%；"
            "城镇新增就业不低于12万人；居民消费价格涨幅3%左右。")
    figs = {f.measure: f for f in derive_figures(text, "2026-01-20") if f.is_target}
    gdp = figs["国内生产总值增长率"]
    assert (gdp.value, gdp.value_max, gdp.year, gdp.main) == (6.5, 7.0, 2026, True)
    assert figs["城镇登记失业率"].qualifier == "以内"  # 控制在 = a ceiling
    assert figs["城镇新增就业"].qualifier == "不低于" and figs["城镇新增就业"].value == 120000
    assert figs["居民消费价格涨幅"].qualifier == "左右"


def test_review_section_reads_actuals_of_last_year() -> None:
    text = "一、2025年工作回顾\n地区生产总值增长5.8%；城镇新增就业11万人。\n二、2026年工作安排\n今年城镇新增就业11万人以上。"
    figs = derive_figures(text, "2026-01-20")
    acts = [f for f in figs if not f.is_target]
    tgts = [f for f in figs if f.is_target]
    assert [(f.measure, f.year) for f in acts] == [("国内生产总值增长率", 2025), ("城镇新增就业", 2025)]
    assert [(f.measure, f.year, f.qualifier) for f in tgts] == [("城镇新增就业", 2026, "以上")]


def test_achieved_target_is_an_actual() -> None:
    text = "2012年，我们全面实现年初确定的主要目标，国内生产总值增长7.8%，城镇新增就业1266万人。"
    figs = derive_figures(text, "2013-03-05")
    assert all(not f.is_target for f in figs)
    assert {f.year for f in figs} == {2012}


def test_show() -> None:
    assert show(9e6, "人", qualifier="以上") == "900万人以上"
    assert show(1.35e12, "元") == "1.35万亿元"
    assert show(6.5, "%", 7.0) == "6.5–7%"
    assert show(None, "%") == "—"


def test_qualifier_words_are_data() -> None:
    text = "二、今年工作\n今年城镇调查失业率不高于5.5%，研发投入强度不小于2.5%，城镇新增就业最少50万人。"
    figs = {f.measure: f.qualifier for f in derive_figures(text, "2020-03-05")}
    assert figs == {"城镇调查失业率": "以内", "研发投入强度": "不低于", "城镇新增就业": "不低于"}


def test_counts_the_extractor_skips_and_bracketed_units() -> None:
    text = "二、今年工作\n举办活动4000场以上，更新住宅老旧电梯5000部，开放共享科研仪器1万台（套）以上，完成投资超4500亿元。"
    figs = {f.value: (f.unit, f.qualifier) for f in derive_figures(text, "2026-02-01") if f.is_target}
    assert figs[4000.0] == ("场", "以上") and figs[5000.0] == ("部", None)
    assert figs[10000.0][1] == "以上" and figs[4.5e11] == ("元", "以上")


def test_compatible_keys_family_and_unknown_measures() -> None:
    """A broad measure answers its family's specific ones, two specific ones never; an unknown measure
    (a page's own wording) is compatible with itself only, and callers get their own list."""
    from shuanglian.targets.rules import load_rules

    rules = load_rules()
    broad = rules.compatible_keys("物价涨幅")
    assert broad[0] == "物价涨幅" and {"零售物价涨幅", "居民消费价格涨幅"} <= set(broad)
    cpi = rules.compatible_keys("居民消费价格涨幅")
    assert "物价涨幅" in cpi and "零售物价涨幅" not in cpi
    assert rules.compatible_keys("某县新建村级活动场所") == ["某县新建村级活动场所"]
    cpi.append("x")
    assert "x" not in rules.compatible_keys("居民消费价格涨幅")
    assert rules.direction("居民消费价格涨幅") == "down" and rules.direction("某县新建村级活动场所") == "none"
