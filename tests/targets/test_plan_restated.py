"""A five-year plan's target said again later in a report stays the plan's target (not a result of the year)."""

from __future__ import annotations

from shuanglian.targets.derive import derive_figures

REPORT = ("二、“十一五”时期的主要目标和任务\n一是关于经济增长速度问题。\n\n按照新近公布的经济普查数据和2005年经济增长实际结果，"
          "“十五”期间国内生产总值增长速度比原来预计的高一些，“十一五”年均增长7.5%，将会超过原定的目标。")


def test_plan_rate_restated_after_a_past_year_is_the_plans_target() -> None:
    figs = [f for f in derive_figures(REPORT, "2006-03-05") if f.value == 7.5]
    assert [(f.is_target, f.year) for f in figs] == [(True, 2010)]


def test_plan_progress_so_far_stays_a_result() -> None:
    text = "一、2008年工作回顾\n“十一五”前两年单位国内生产总值能耗累计下降7.9%。"
    figs = [f for f in derive_figures(text, "2009-03-05") if f.value == 7.9]
    assert figs and not any(f.is_target for f in figs)
