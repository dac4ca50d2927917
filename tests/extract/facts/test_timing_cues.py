"""Target/actual cue classes of cues.yaml (probe sentences written for each rule class)."""

from __future__ import annotations

from shuanglian.extract.facts.figures import extract_figures


def _targets(text: str, published: str | None) -> dict[str, bool]:
    return {f["text"]: f["target"] for f in extract_figures(text, published)}


def test_a_plan_word_in_the_name_of_a_programme_selected_into_is_no_goal() -> None:
    # orientation_verbs 入选/纳入/列入: 计划 names the programme, the figure is a count of what was selected
    t = _targets("去年新入选国家人才培养计划青年专家120名，新增博士后工作站15个。", "2025-01-20")
    assert t == {"120名": False, "15个": False}
    assert _targets("计划新建博士后工作站15个。", "2025-01-20") == {"15个": True}


def test_funds_obtained_from_above_are_no_goal_by_themselves() -> None:
    # 争取中央/国家…: money obtained from a higher level; the paragraph (a review here) decides
    text = "过去一年，我们稳中求进。\n用好各项政策，争取中央预算内投资增长60%，争取国家专项债券350亿元。"
    assert _targets(text, "2026-01-27") == {"60%": False, "350亿元": False}
    assert _targets("力争明年争取更多项目，争取新增企业300家。", "2026-01-27") == {"300家": True}


def test_a_plan_fulfilment_rate_is_an_actual() -> None:
    # fulfilment_rate: a percentage right after 完成 is the rate a plan was fulfilled at
    t = _targets("今年前四个月，全省基建投资计划完成98.5%，比上年同期增长12%；煤炭完成计划的103%。", "1957")
    assert t == {"98.5%": False, "12%": False, "103%": False}
    assert _targets("力争完成年度计划的100%，比上年提高5%。", "1957") == {"100%": True, "5%": True}


def test_a_period_ahead_makes_a_goal() -> None:
    # 今后N年 / N年内: a plan period ahead; as a clause of its own it frames the next clause (clause_complement 年)
    t = _targets("三年内新建污水处理厂12座。今后五年，新增铁路里程800公里。", "1991")
    assert t == {"12座": True, "800公里": True}


def test_a_starting_level_or_a_base_years_value_is_reached() -> None:
    # the start of 由A增加到B and the value after 比/较 YEAR年的 are levels reached, in a plan as well
    figs = {f["text"]: f for f in extract_figures(
        "计划到1990年，钢产量达到6000万吨，比1985年的4600万吨增加1400万吨；煤炭产量由8亿吨增加到10亿吨。", "1986")}
    assert figs["6000万吨"]["target"] is True and figs["1400万吨"]["target"] is True
    assert (figs["4600万吨"]["target"], figs["4600万吨"]["year"]) == (False, 1985)
    assert figs["8亿吨"]["target"] is False and figs["10亿吨"]["target"] is True


def test_a_projected_effect_is_a_goal() -> None:
    # 可 + a verb of effect: what a measure is expected to bring
    t = _targets("实施新的减税政策，可减轻企业负担约3000亿元，可带动就业20万人。", "2010")
    assert t == {"约3000亿元": True, "20万人": True}


def test_will_before_a_verb_of_work_makes_a_goal() -> None:
    t = _targets("今年，全市将新开工重大项目45个，将继续深化与60多个国家的合作。", "2024-03-01")
    assert t == {"45个": True, "60多个": True}


def test_projects_being_planned_are_goals() -> None:
    # 谋划: a weak goal cue (a review paragraph overrules it)
    assert _targets("今年全省谋划实施重点项目300个。", "2023-02-01") == {"300个": True}


def test_a_weak_goal_word_governs_its_own_clause_only() -> None:
    # 打造 in an earlier clause names what is built, not whether the next clause's figures are goals
    t = _targets("浙江打造数字经济创新高地，120个重点项目集中签约，打造30个未来工厂。", "2023-02-10")
    assert t == {"120个": False, "30个": True}
