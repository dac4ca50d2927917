"""Plan-period targets (五年计划 sections) and the words that only look like a year (session 14 classes)."""

from __future__ import annotations

from shuanglian.targets.derive import derive_figures, normalise_text


def _targets(text: str, published: str) -> dict[float, tuple[int | None, str | None]]:
    return {f.value: (f.year, f.qualifier) for f in derive_figures(text, published) if f.is_target}


def test_chinese_numeral_years_are_read_one_for_one() -> None:
    assert normalise_text("一九九○年比一九八五年，二〇一五年") == "1990年比1985年，2015年"
    text = ("二、今年的工作\n按一九八○年不变价格计算，一九九○年工农业总产值达到一万六千七百七十亿元，"
            "进出口贸易总额一九九○年比一九八五年增长百分之四十。")
    figs = _targets(text, "1986-03-25")
    assert figs[1.677e12][0] == 1990 and figs[40.0][0] == 1990


def test_locative_shang_before_nianjun_is_no_last_year() -> None:
    """在…的基础上年均增长7%: 上 closes 基础上; 上年 (last year) would make the goal a result of last year."""
    text = "二、今后五年的目标\n今后五年，经济增长预期目标是在提高质量和效益的基础上年均增长7%。"
    figs = [f for f in derive_figures(text, "2011-03-05") if f.value == 7.0]
    assert figs and figs[0].is_target and figs[0].year == 2015


def test_a_five_year_plan_section_states_targets_for_the_plan_end() -> None:
    """A section headed by a plan (二、“十二五”时期的主要目标) states targets for the plan's last year; a
    heading after it that names no plan (一、…) and a year's own section (三、2011年的工作) are annual."""
    text = ("一、“十一五”时期的回顾\n五年来，国内生产总值年均增长11.2%。\n"
            "二、“十二五”时期的主要目标和任务\n城镇化率从47.5%提高到51.5%，森林覆盖率达到21.66%。\n"
            "一、确定适度的增长率\n非化石能源占一次能源消费比重提高到11.4%。\n"
            "三、2011年的工作\n国内生产总值增长8%左右，城镇新增就业900万人以上。")
    figs = _targets(text, "2011-03-05")
    assert figs[51.5][0] == 2015 and figs[21.66][0] == 2015 and figs[11.4][0] == 2011
    assert figs[8.0] == (2011, "左右") and figs[9e6] == (2011, "以上")
    assert 11.2 not in figs


def test_main_pollutants_are_answered_by_their_members() -> None:
    """主要污染物排放总量减少10% (a plan target) is answered by the review that names the pollutants one by one
    (the first listed taken); a member's own target is never answered by another member."""
    from shuanglian.targets.link import Candidate, best_link, status_of

    plan = derive_figures("二、“十一五”时期的主要任务\n今后五年，主要污染物排放总量减少10%，化学需氧量减少8%。", "2006-03-05")
    review = derive_figures("一、“十一五”时期的回顾\n五年累计，化学需氧量、二氧化硫排放量分别下降12.45%、14.29%。",
                            "2011-03-05")
    cands = [Candidate("r2011", "2011-03-05", f, 0) for f in review if not f.is_target]
    broad = next(f for f in plan if f.is_target and f.value == 10.0)
    link = best_link(broad, cands)
    assert link is not None and link.actual.value == 12.45
    assert status_of(broad, link.actual, 2012) == "met"
    cod = next(f for f in plan if f.is_target and f.value == 8.0)
    assert all(c.figure.measure == "化学需氧量减少" for c in cands if best_link(cod, [c]))


def test_bizhong_is_a_noun_not_a_comparison() -> None:
    """服务业增加值在国内生产总值中的比重提高4个百分点: 比重 is a share; 比上年增加 is a change (dropped)."""
    text = "二、“十二五”时期的主要目标\n服务业增加值在国内生产总值中的比重提高4个百分点，财政支出比上年增加2000亿元。"
    figs = {f.value: (f.unit, f.year) for f in derive_figures(text, "2011-03-05") if f.is_target}
    assert figs == {4.0: ("个百分点", 2015)}


def test_areas_in_hectares() -> None:
    text = "二、2015年工作总体部署\n今年新增退耕还林还草66.7万公顷，造林600万公顷。"
    figs = {f.value: f.unit for f in derive_figures(text, "2015-03-05") if f.is_target}
    assert figs == {6.67e9: "平方米", 6e10: "平方米"}


def test_number_set_apart_from_its_magnitude() -> None:
    """国内生产总值达到39.8 万亿元 (a typesetting space before 万亿): one figure of 39.8万亿元, not 0元."""
    figs = derive_figures("一、回顾\n五年来，国内生产总值达到39.8 万亿元，年均增长11.2%。", "2011-03-05")
    assert [(f.value, f.unit) for f in figs] == [(3.98e13, "元"), (11.2, "%")]


def test_five_years_in_a_plan_report_is_the_plan_presented() -> None:
    """The 1982 report presents the 六五 plan (1981-1985): its 五年内 ends in 1985, not 1982+4; a year said after
    the period (五年内…计划在1985年底以前) is the deadline; 比“六五”期间 is the base compared with, not the period."""
    text = ("各位代表：现在，我代表国务院，作关于我国国民经济和社会发展第六个五年计划的报告。\n"
            "第六个五年计划的基本任务\n五年内全国新建铁路铺轨二千公里。"
            "五年内施工的大中型项目，计划在1985年底以前全部建成的四百个。\n")
    figs = {f.value: f.year for f in derive_figures(text, "1982-11-30") if f.is_target}
    assert figs[2000.0] == 1985 and figs[400.0] == 1985
    text = ("各位代表：我代表国务院，作关于第七个五年计划的报告。\n二、“七五”时期的基本任务\n"
            "五年内基本建设投资总规模为五千亿元，比“六五”期间增加百分之四十九；更新改造投资二千七百六十亿元。")
    figs = {f.value: f.year for f in derive_figures(text, "1986-03-25") if f.is_target}
    assert figs[5e11] == 1990 and figs[2.76e11] == 1990


def test_a_comparison_base_names_no_measure_to_link_by() -> None:
    """招收研究生二万人，比1980年增长四点五倍 (words left: 比年) is not answered by 储蓄…比1980年末增长三倍."""
    from shuanglian.targets.link import Candidate, best_link

    plan = derive_figures("二、今后五年的任务\n到1985年招收研究生二万人，比1980年增长四点五倍。", "1982-11-30", region="全国")
    review = derive_figures("一、过去五年的回顾\n1985年末城乡储蓄达到一千六百二十三亿元，比1980年末增长三倍。", "1986-03-25",
                            region="全国")
    target = next(f for f in plan if f.is_target and f.unit == "倍")
    assert best_link(target, [Candidate("r", "1986-03-25", f, 0) for f in review if not f.is_target]) is None


def test_an_unnamed_amount_is_met_by_more() -> None:
    """发电量三千六百二十亿度 (no rule names it, no verb): reaching 4073亿度 meets it; an unnamed % stays exact."""
    from shuanglian.targets.link import status_of
    from shuanglian.targets.model import Figure

    plan = next(f for f in derive_figures("二、今后的任务\n到1985年，发电量三千六百二十亿度。", "1982-11-30") if f.is_target)
    assert not plan.known_measure and plan.unit == "度"
    done = Figure(measure="发电量", value=4.073e11, unit="度", year=1985, is_target=False, span=(0, 1), quote="")
    assert status_of(plan, done, 1987) == "met"
    share = Figure(measure="某某占比", value=30.0, unit="%", year=1985, is_target=True, span=(0, 1), quote="")
    assert status_of(share, Figure(measure="某某占比", value=31.0, unit="%", year=1985, is_target=False,
                                   span=(0, 1), quote=""), 1987) == "missed"


def test_life_expectancy_in_years_of_age() -> None:
    """人均预期寿命提高到78.8岁 is a target in 岁; 60岁以上老人 (an age no measure names) is no figure."""
    figs = derive_figures("二、今年工作\n人均预期寿命提高到78.8岁，60岁以上老人免费体检。", "2026-01-20")
    assert [(f.measure, f.value, f.unit, f.is_target) for f in figs] == [("人均预期寿命", 78.8, "岁", True)]


def test_a_plan_average_is_answered_by_the_average_a_total_by_the_total() -> None:
    """十五 targets (2001) against the 2006 review: 2005年与2000年相比 makes 2005 the figures' year and 2000 the
    base; 年均增长7%左右 takes 年均增长9.5%, a five-year total (五年内…增长百分之四十) takes 增长57.3%."""
    from shuanglian.targets.link import Candidate, best_link

    plan = derive_figures("各位代表：我代表国务院，作关于第十个五年计划纲要的报告。\n二、“十五”时期的主要目标\n"
                          "今后五年，国内生产总值年均增长7%左右。五年内国内生产总值增长百分之四十。", "2001-03-05",
                          region="全国")
    review = derive_figures("一、过去五年的回顾\n五年来，我国经济实力显著增强。2005年与2000年相比，国内生产总值增长"
                            "57.3%，年均增长9.5%。", "2006-03-05", region="全国")
    actual = {f.value: (f.year, f.deadline) for f in review}
    assert actual[57.3] == (None, 2005) and actual[9.5] == (None, 2005)
    cands = [Candidate("r2006", "2006-03-05", f, 0) for f in review if not f.is_target]
    avg = next(f for f in plan if f.is_target and f.value == 7.0)
    total = next(f for f in plan if f.is_target and f.value == 40.0)
    assert avg.year == 2005 and total.year == 2005
    link_avg, link_total = best_link(avg, cands), best_link(total, cands)
    assert link_avg is not None and link_avg.actual.value == 9.5
    assert link_total is not None and link_total.actual.value == 57.3


def test_a_range_starts_with_a_figure_of_its_unit_and_per_quantities_are_no_figures() -> None:
    """小麦最低收购价每50公斤提高5到7元: a 5–7元 range (not 0.05吨–7元), and 每50公斤 is what the price is per."""
    text = "二、今年工作\n今年小麦最低收购价每50公斤提高5到7元，水稻最低收购价每50公斤提高9到23元。"
    figs = [(f.value, f.value_max, f.unit) for f in derive_figures(text, "2011-03-05")]
    assert figs == [(5.0, 7.0, "元"), (9.0, 23.0, "元")]


def test_a_five_years_review_paragraph_inside_the_plan_section() -> None:
    """The 2006 report reviews 十五 in its 十一五 section: a paragraph opening with 五年来 reports the period just
    ended (totals over 2001-2005), not targets; the items of a 分别 list may stand in the clause before it."""
    text = ("各位代表：现在，我代表国务院作政府工作报告。\n一、去年工作回顾\n去年国内生产总值增长9.9%。\n"
            "三、关于“十一五”规划纲要\n五年来，人民生活明显改善。城镇居民人均可支配收入和农村居民人均纯收入，分别实际增长"
            "58.3%和29.2%。城镇新增就业4200万人。\n今后五年国内生产总值年均增长7.5%。")
    figs = {f.value: (f.measure, f.is_target, f.year, f.deadline) for f in derive_figures(text, "2006-03-05")}
    assert figs[58.3] == ("城镇居民人均可支配收入增长率", False, None, 2005)
    assert figs[29.2] == ("农村居民人均收入增长率", False, None, 2005)
    assert figs[4.2e7] == ("城镇新增就业", False, None, 2005)
    assert figs[7.5][1:] == (True, 2010, 2010)


def test_respective_items_in_the_clauses_before() -> None:
    text = ("一、去年工作回顾\n城镇居民人均可支配收入10493元，农村居民人均纯收入3255元，扣除价格因素，"
            "分别增长9.6%和6.2%。")
    figs = {f.value: f.measure for f in derive_figures(text, "2006-03-05") if f.unit == "%"}
    assert figs == {9.6: "城镇居民人均可支配收入增长率", 6.2: "农村居民人均收入增长率"}
