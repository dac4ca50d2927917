"""Linking and status on report wording of other decades than the gold's years.

The texts are written for these tests in the way work reports of the 1980s, the 1990s and the 2010s-2020s
word targets and the next year's review (ranges, 斤 and 吨, bare counts, 调查/登记失业率, 分别 lists,
change-only clauses); they are not quotes and not the gold. Years are picked outside the held-out ones.
"""

from __future__ import annotations

import pytest

from shuanglian.targets.derive import derive_figures
from shuanglian.targets.link import Candidate, best_link, score, status_of
from shuanglian.targets.rules import load_rules

# (target year, plan text, next year's review text, {measure: (outcome value or None, status)})
PAIRS = [
    (2019,
     "二、2019年经济社会发展总体要求和政策取向\n今年发展的主要预期目标是：国内生产总值增长6%－6.5%；城镇新增就业1100万人以上，"
     "城镇调查失业率5.5%左右，城镇登记失业率4.5%以内；居民消费价格涨幅3%左右；单位国内生产总值能耗下降3%左右。"
     "今年赤字率拟按2.8%安排，财政赤字2.76万亿元。农村贫困人口减少1000万以上。",
     "一、2019年工作回顾\n过去一年，国内生产总值增长6.1%，达到99.1万亿元。城镇新增就业1352万人，调查失业率在5.3%以下。"
     "居民消费价格上涨2.9%。单位国内生产总值能耗下降2.6%。农村贫困人口减少1109万。",
     {"国内生产总值增长率": (6.1, "met"), "城镇新增就业": (1.352e7, "met"), "城镇调查失业率": (5.3, "met"),
      "城镇登记失业率": (None, "unknown"), "居民消费价格涨幅": (2.9, "met"),
      "单位国内生产总值能耗降低率": (2.6, "met"), "农村贫困人口减少": (1.109e7, "met")}),
    (2021,
     "二、2021年主要目标任务和重点工作\n今年发展主要预期目标是：国内生产总值增长6%以上；城镇新增就业1100万人以上，"
     "城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；粮食产量保持在1.3万亿斤以上；单位国内生产总值能耗降低3%左右。",
     "一、2021年工作回顾\n过去一年，全年国内生产总值达到114万亿元，增长8.1%。城镇新增就业1269万人，城镇调查失业率平均为5.1%。"
     "居民消费价格上涨0.9%。粮食产量1.37万亿斤。",
     {"国内生产总值增长率": (8.1, "met"), "城镇新增就业": (1.269e7, "met"), "城镇调查失业率": (5.1, "met"),
      "居民消费价格涨幅": (0.9, "met"), "粮食产量": (6.85e8, "met"), "单位国内生产总值能耗降低率": (None, "unknown")}),
    (1985,
     "三、今年的经济工作\n今年工农业总产值计划增长7%，全国零售物价总指数上涨幅度控制在6%以内。粮食产量计划达到8000亿斤。",
     "一、1985年的经济工作\n去年工农业总产值比上年增长16.4%。全国零售物价总指数比上年上涨8.8%。粮食总产量7582亿斤。",
     {"工农业总产值增长率": (16.4, "met"), "零售物价涨幅": (8.8, "missed"), "粮食产量": (3.791e8, "missed")}),
    (2017,
     "二、2017年工作总体部署\n今年发展的主要预期目标是：国内生产总值增长6.5%左右；居民消费价格涨幅3%左右；"
     "城镇新增就业1100万人以上，城镇登记失业率4.5%以内；进出口回稳向好。物价涨幅控制在3%左右。",
     "一、2017年工作回顾\n国内生产总值增长6.9%。居民消费价格上涨1.6%。城镇新增就业1351万人，年末城镇登记失业率3.9%。"
     "进出口扭转了连续两年下降的局面。",
     {"国内生产总值增长率": (6.9, "met"), "居民消费价格涨幅": (1.6, "met"), "城镇新增就业": (1.351e7, "met"),
      "城镇登记失业率": (3.9, "met"), "物价涨幅": (1.6, "met")}),
    (2020,
     "二、2020年发展主要目标和下一阶段工作安排\n全年减税降费2.5万亿元左右。今年再解决农村贫困人口500万人以上。"
     "城乡居民医保人均财政补助标准提高到550元。",
     "一、2020年工作回顾\n全年累计为市场主体减负超过2.6万亿元。农村贫困人口减少551万，贫困发生率由0.6%下降到0。"
     "又有2000多万农村人口喝上了干净的水。\n二、2021年主要目标任务\n城乡居民医保人均财政补助标准由550元提高到580元。",
     {"减税降费": (2.6e12, "met"), "农村贫困人口减少": (5.51e6, "met"), "城乡居民医保财政补助标准": (550, "met")}),
]


@pytest.mark.parametrize(("year", "plan", "review", "expected"), PAIRS, ids=[str(p[0]) for p in PAIRS])
def test_links_and_status_in_other_decades(year: int, plan: str, review: str, expected: dict) -> None:
    targets = [f for f in derive_figures(plan, f"{year}-03-05", "国务院政府工作报告") if f.is_target]
    actuals = [f for f in derive_figures(review, f"{year + 1}-03-05", "国务院政府工作报告") if not f.is_target]
    cands = [Candidate("next", f"{year + 1}-03-05", f, 0) for f in actuals]
    got = {}
    for t in targets:
        link = best_link(t, cands)
        got.setdefault(t.measure, (link.actual.value if link else None, status_of(t, link.actual if link else None, year + 2)))
    for measure, (value, status) in expected.items():
        assert measure in got, f"{year} target {measure} not read: {sorted(got)}"
        v, s = got[measure]
        assert (v is None) == (value is None) and (v is None or abs(v - value) <= 1e-6 * max(1.0, value)), (measure, v, value)
        assert s == status, (measure, s, status)


def _fig(text: str, published: str, target: bool) -> list:
    return [f for f in derive_figures(text, published, "国务院政府工作报告") if f.is_target == target]


def test_survey_and_registered_unemployment_never_answer_each_other() -> None:
    t = _fig("二、今年工作\n今年城镇调查失业率5.5%左右。", "2018-03-05", True)[0]
    a = _fig("一、2018年工作回顾\n年末城镇登记失业率3.8%。", "2019-03-05", False)[0]
    assert (t.measure, a.measure) == ("城镇调查失业率", "城镇登记失业率")
    assert score(t, a)[0] == 0.0


def test_broad_measure_answers_a_specific_one_below_an_exact_match() -> None:
    rules = load_rules()
    assert rules.compatible("物价涨幅", "居民消费价格涨幅") and rules.compatible("失业率", "城镇调查失业率")
    assert not rules.compatible("居民消费价格涨幅", "零售物价涨幅")
    t = _fig("二、今年工作\n今年居民消费价格涨幅控制在3%左右。", "2016-03-05", True)[0]
    broad, exact = _fig("一、2016年工作回顾\n物价涨幅为2.1%，居民消费价格上涨2%。", "2017-03-05", False)
    assert (broad.measure, exact.measure) == ("物价涨幅", "居民消费价格涨幅")
    link = best_link(t, [Candidate("n", None, broad, 0), Candidate("n", None, exact, 0)])
    assert link is not None and link.actual.value == 2.0


def test_respective_list_and_change_only_clause() -> None:
    text = ("一、2006年工作回顾\n单位国内生产总值能耗由前三年分别上升4.9%、5.5%、0.2%，转为下降1.2%；"
            "化学需氧量、二氧化硫排放量由上年分别增长5.6%和13.1%，减为增长1.2%和1.8%。")
    figs = [(f.measure, f.value, f.year) for f in derive_figures(text, "2007-03-05")]
    assert ("单位国内生产总值能耗降低率", 1.2, 2006) in figs
    assert [m for m, v, _ in figs if v in (5.6, 13.1, 1.8)] == ["化学需氧量减少", "二氧化硫减少", "二氧化硫减少"]
    assert ("化学需氧量减少", 1.2, 2006) in figs


def test_jin_and_bare_counts_are_read_but_not_any_bare_number() -> None:
    figs = {f.measure: f for f in derive_figures("二、今年工作\n粮食产量稳定在1.3万亿斤以上，再减少农村贫困人口1000万以上，"
                                                   "各项贷款增加8万亿。", "2016-03-05")}
    assert figs["粮食产量"].unit == "吨" and figs["粮食产量"].value == pytest.approx(6.5e8)
    assert figs["农村贫困人口减少"].value == 1e7 and figs["农村贫困人口减少"].qualifier == "以上"
    assert all(f.unit != "人" or f.measure == "农村贫困人口减少" for f in figs.values())


def test_nineties_ranges_in_chinese_numerals_and_kilograms() -> None:
    plan = ("二、今年的任务\n今年经济增长速度的宏观调控目标，定为百分之八至九。今年国民生产总值计划增长百分之八到百分之九。"
            "全国商品零售价格涨幅要控制在百分之十五左右。力争粮食产量达到4550亿公斤以上。")
    review = ("一、过去一年的工作\n去年国民生产总值达到57600亿元，比上年增长百分之十点二。全国商品零售价格上涨百分之十四点八。"
              "粮食总产量达到4650亿公斤，创历史最高水平。")
    targets = _fig(plan, "1995-03-05", True)
    assert [(t.measure, t.value, t.value_max) for t in targets if t.unit == "%"] == [
        ("国内生产总值增长率", 8.0, 9.0), ("零售物价涨幅", 15.0, None)]  # the second 8–9 range is the same target
    cands = [Candidate("n", None, f, 0) for f in _fig(review, "1996-03-05", False)]
    got = {t.measure: best_link(t, cands) for t in targets}
    assert {m: (ln.actual.value if ln else None) for m, ln in got.items()} == {
        "国内生产总值增长率": 10.2, "零售物价涨幅": 14.8, "粮食产量": pytest.approx(4.65e8)}
    assert [status_of(t, got[t.measure].actual, 1997) for t in targets] == ["met", "met", "met"]


def test_unnamed_money_figures_do_not_link_by_who_pays() -> None:
    t = _fig("二、今年工作\n今年中央财政拟投入423亿元，用于扶助和促进就业。", "2011-03-05", True)[0]
    a = _fig("一、2011年工作回顾\n中央财政安排资金1713亿元。", "2012-03-05", False)[0]
    assert t.measure == "就业资金" and not a.known_measure  # the topic stands after the figure
    assert score(t, a)[0] < 0.75  # they share only 中央财政/安排/资金


def test_measure_named_after_the_figure() -> None:
    figs = derive_figures("二、今年工作\n今年再解决6000万人安全饮水问题。", "2009-03-05")
    assert [(f.measure, f.value) for f in figs] == [("农村安全饮水", 6e7)]
    review = ("一、过去五年回顾\n特别是发行6600亿元长期建设国债，带动银行贷款和其他社会资金形成3.28万亿元的投资规模。")
    big = [f for f in derive_figures(review, "2003-03-05") if f.value == 3.28e12][0]
    assert big.measure != "长期建设国债"  # 3.28万亿元的投资规模 measures the investment, not the bonds


def test_housing_counts_by_action_and_comparison_base_year() -> None:
    review = "一、2011年工作回顾\n中央财政安排资金1713亿元，是2010年的2.2倍，全年城镇保障性住房基本建成432万套，新开工建设1043万套。"
    figs = {f.value: f for f in derive_figures(review, "2012-03-05") if f.unit == "套"}
    assert (figs[4.32e6].measure, figs[1.043e7].measure) == ("住房基本建成", "住房新开工")
    assert figs[1.043e7].year == 2011  # 是2010年的2.2倍 is the base of a comparison
    plan = "二、今年工作\n今年要再开工建设保障性住房、棚户区改造住房共1000万套，改造农村危房150万户。"
    tf = {f.unit: f for f in derive_figures(plan, "2011-03-05") if f.is_target}
    assert (tf["套"].measure, tf["户"].measure) == ("住房新开工", "农村危房改造")
    link = best_link(tf["套"], [Candidate("n", None, f, 0) for f in figs.values()])
    assert link is not None and link.actual.value == 1.043e7


def test_plan_comparisons_subscripts_and_direction_from_words() -> None:
    plan = ("二、今年工作\n今年拟安排财政赤字13500亿元，比上年增加1500亿元，其中中央财政赤字9500亿元。今年广义货币M\n2\n预期增长13%左右。"
            "县级公立医院综合改革试点扩大到1000个县。今年再解决6000万农村人口的饮水安全问题。")
    figs = {f.value: f for f in derive_figures(plan, "2014-03-05")}
    assert figs[9.5e11].is_target and figs[9.5e11].measure == "中央财政赤字"  # 比上年 is a comparison here
    assert figs[13.0].measure == "广义货币增长率"
    assert figs[6e7].measure == "农村安全饮水"
    review = "一、2014年工作回顾\n公立医院改革试点县市达到1300多个。6600多万农村人口饮水安全问题得到解决。"
    cands = [Candidate("n", None, f, 0) for f in derive_figures(review, "2015-03-05")]
    pilot = best_link(figs[1000.0], cands)
    assert pilot is not None and pilot.actual.value == 1300
    assert status_of(figs[1000.0], pilot.actual, 2016) == "met"  # 扩大到: more is better
    water = best_link(figs[6e7], cands)
    assert water is not None and water.actual.value == 6.6e7


def test_amount_then_rate_and_plain_headings() -> None:
    text = ("各位代表：\n“十四五”时期工作回顾\n全年货物进出口总额达到834.9亿美元、增长4.4%。\n"
            "2026年重点工作\n外贸进出口总值增长10%以上。")
    figs = derive_figures(text, "2026-02-10")
    got = [(f.measure, f.value, f.year, f.is_target) for f in figs if f.unit == "%"]
    assert got == [("进出口总额增长率", 4.4, 2025, False), ("进出口总额增长率", 10.0, 2026, True)]


def test_from_last_year_to_this_year_and_household_counts() -> None:
    plan = ("二、今年工作\n今年中央财政用于教育的投入，将由去年的1076亿元增加到1562亿元。增加500万农村沼气用户。"
            "今年把试点的范围扩大到全国40%的县。赤字率从去年的2.1%提高到2.3%。")
    figs = {f.value: f for f in derive_figures(plan, "2008-03-05")}
    assert (figs[1.076e11].is_target, figs[1.076e11].year) == (False, 2007)  # the start is last year's
    assert (figs[1.562e11].is_target, figs[1.562e11].year) == (True, 2008)
    assert (figs[5e6].unit, figs[5e6].measure) == ("户", "沼气用户")
    assert figs[40.0].measure != "县"  # 40%的县 is a share of counties
    assert (figs[2.1].is_target, figs[2.1].year, figs[2.3].is_target) == (False, 2007, True)


def test_share_clause_keeps_the_sentence_measure() -> None:
    text = "一、过去五年回顾\n国家财政性教育经费支出五年累计7.79万亿元，年均增长21.58%，2012年占国内生产总值比例达到4%。"
    figs = {f.value: f for f in derive_figures(text, "2013-03-05") if f.unit == "%"}
    assert figs[21.58].year is None  # a five-year average
    assert (figs[4.0].measure, figs[4.0].year) == ("财政性教育经费占比", 2012)


def test_a_measure_no_rule_names_is_shown_by_what_it_counts_not_by_the_verb() -> None:
    from shuanglian.targets.derive import _named_better

    rules = load_rules()
    assert _named_better(rules, "增加到", "出口总额") == "出口总额"
    assert _named_better(rules, "?", "开工项目数量") == "开工项目数量"
    assert _named_better(rules, "占国内生产总值比重", "比重比重") == "占国内生产总值比重"
    assert _named_better(rules, "央用于廉租住房制度建设的资金", "资金") == "央用于廉租住房制度建设的资金"
    assert _named_better(rules, "再开工", None) == "再开工"
    figs = derive_figures("二、2014年工作总体部署\n今年要淘汰燃煤小锅炉5万台，水泥4200万吨。", "2014-03-05", "国务院政府工作报告")
    names = {f.measure for f in figs if f.is_target}
    assert not names & {"?", "增加到", "提高到", "再开工"}, names


def test_from_x_to_y_in_the_next_plan_is_last_years_level_2016_wording() -> None:
    plan = ("二、2016年重点工作\n城乡居民基本医保财政补助由每人每年380元提高到420元。"
            "人均基本公共卫生服务经费财政补助从40元提高到45元。今年中央财政拟安排就业补助资金，"
            "再取消和下放行政审批事项50项以上。")
    nxt = ("一、2016年工作回顾\n国务院部门全年取消和下放165项行政审批事项。\n"
           "二、2017年重点工作\n完善城乡居民医保，财政补助标准由每人每年420元提高到450元。"
           "人均基本公共卫生服务经费财政补助从45元提高到50元。")
    targets = {f.measure: f for f in derive_figures(plan, "2016-03-05", "国务院政府工作报告") if f.is_target}
    assert targets["城乡居民医保财政补助标准"].value == 420  # the start (380元) is no target
    assert targets["人均基本公共卫生服务经费"].value == 45
    figs = derive_figures(nxt, "2017-03-05", "国务院政府工作报告")
    levels = {(f.measure, f.value, f.year) for f in figs if not f.is_target}
    assert ("城乡居民医保财政补助标准", 420, 2016) in levels  # 由420元提高到450元 in a plan: 2016's level
    assert ("人均基本公共卫生服务经费", 45, 2016) in levels
    cands = [Candidate("n", None, f, 0) for f in figs if not f.is_target]
    for measure, value in (("城乡居民医保财政补助标准", 420), ("人均基本公共卫生服务经费", 45),
                           ("取消和下放行政审批事项", 165)):
        link = best_link(targets[measure], cands)
        assert link is not None and link.actual.value == value, measure
        assert status_of(targets[measure], link.actual, 2018) == "met"


def test_the_end_of_a_review_rise_measures_what_its_start_does() -> None:
    review = "一、2011年工作回顾\n各级财政对城镇居民医保和新农合的补助标准由每人每年120元提高到200元。"
    figs = [(f.measure, f.value, f.year) for f in derive_figures(review, "2012-03-05") if not f.is_target]
    assert figs == [("城乡居民医保财政补助标准", 200, 2011)]  # 120元 (2010's) is no figure of its own


def test_fund_topic_from_the_sentence_and_paragraph_but_not_from_a_standard() -> None:
    text = ("一、2006年工作回顾\n新型农村合作医疗试点范围扩大到1451个县，有4.1亿农民参加；中央财政支出42.7亿元，"
            "较大幅度提高参加合作医疗农民的补助标准。\n"
            "二、2007年工作\n一是扩大保障性住房建设规模。重点发展公共租赁住房。中央财政预算拟安排补助资金1030亿元。"
            "中央财政拟安排200亿元专项资金，主要用贴息方式支持企业技术改造。")
    figs = {f.value: f.measure for f in derive_figures(text, "2007-03-05") if f.unit == "元"}
    assert figs[4.27e9] == "新农合资金"  # not the per-head 补助标准 named after it
    assert figs[1.03e11] == "保障性安居工程资金"
    assert figs[2e10] == "技术改造资金"


def test_a_standard_a_head_never_answers_a_fund() -> None:
    t = _fig("二、今年工作\n合作医疗农民的补助标准由20元提高到40元。", "2006-03-05", True)[0]
    a = _fig("一、2006年工作回顾\n城镇居民医保和新农合的补助标准达到42.7亿元。", "2007-03-05", False)[0]
    assert t.measure == a.measure == "城乡居民医保财政补助标准"
    assert score(t, a) == (0.0, ["magnitude differs"])


def test_part_named_after_qizhong_and_a_sum_of_listed_funds() -> None:
    plan = "二、今年工作\n今年新开工700万套以上，其中各类棚户区470万套以上。"
    got = {f.value: f.measure for f in derive_figures(plan, "2014-03-05") if f.unit == "套"}
    assert got == {7e6: "住房新开工", 4.7e6: "棚户区改造"}  # 其中…: the part names its own measure
    review = "一、2005年工作回顾\n去年中央财政安排国有企业下岗职工基本生活保障专项补助、再就业补助209亿元。"
    fig = [f for f in derive_figures(review, "2006-03-05") if f.unit == "元"][0]
    assert not fig.known_measure  # the sum of two funds is neither 就业资金 nor the other
    places = "一、2025年工作回顾\n眉山、遂宁经济总量超过2000亿元。"
    assert [f.measure for f in derive_figures(places, "2026-02-01") if f.unit == "元"] == ["国内生产总值"]


def test_review_counts_written_with_duo_2017_wording() -> None:
    plan = "二、2016年重点工作\n棚户区住房改造600万套。退耕还林还草1500万亩以上。今年再解决6000万农村人口的饮水安全问题。"
    review = ("一、2016年工作回顾\n棚户区住房改造600多万套，退耕还林还草1500多万亩，6100多万农村人口饮水安全问题得到解决，"
              "公共文化机构服务群众1300多万人次。")
    targets = [f for f in derive_figures(plan, "2016-03-05") if f.is_target]
    acts = [f for f in derive_figures(review, "2017-03-05") if not f.is_target]
    assert all(a.unit != "人" or a.value != 1.3e7 for a in acts)  # 人次 counts visits
    cands = [Candidate("n", None, a, 0) for a in acts]
    got = {t.measure: best_link(t, cands) for t in targets}
    assert {m: (ln.actual.value if ln else None) for m, ln in got.items()} == {
        "棚户区改造": 6e6, "退耕还林还草面积": pytest.approx(1e10, rel=1e-6), "农村安全饮水": 6.1e7}
    assert all(status_of(t, got[t.measure].actual, 2018) == "met" for t in targets)


def test_fund_topic_stops_at_a_new_action_and_skips_lists_and_balances() -> None:
    plan = "二、今年工作\n实施两年投资计划，其中中央政府拟新增1.18万亿元，实行结构性减税，扩大国内需求。"
    fig = [f for f in derive_figures(plan, "2009-03-05") if f.unit == "元" and f.value == 1.18e12][0]
    assert fig.measure != "减税降费"  # …，实行结构性减税 is a new action, not what the money is for
    review = ("一、2025年工作回顾\n医保集中带量采购为群众减负237亿元。城乡低保标准提高到每月815元和615元。"
              "全国社会保障基金积累4140亿元。")
    got = {f.value: f.measure for f in derive_figures(review, "2026-02-01") if f.unit == "元"}
    assert got[2.37e10] != "减税降费" and got[615.0] != "减税降费"
    assert got[4.14e11] != "社会保障投入"  # a fund's balance is no year's spending


def test_an_undated_work_report_takes_its_year_from_its_title() -> None:
    # a feed record may carry only a title (the national reports file has no date): the title's year dates the
    # plan, and the review section is last year's, as for a report dated in March
    text = "一、2018年工作回顾\n过去一年，国内生产总值增长6.6%。\n二、2019年经济社会发展总体要求和政策取向\n今年发展的主要预期目标是：国内生产总值增长6%－6.5%。"
    figs = derive_figures(text, None, "2019年国务院政府工作报告")
    got = sorted((f.value, f.year, f.is_target) for f in figs if f.measure == "国内生产总值增长率")
    assert got == [(6.0, 2019, True), (6.6, 2018, False)]
    # without a report title nothing dates it
    undated = derive_figures(text.replace("2018年", "").replace("2019年", ""), None, "一篇报道")
    assert undated and all(f.year is None for f in undated)


def test_a_national_report_delivered_late_in_its_year_reviews_that_year() -> None:
    # the 1981 report was delivered in November (rules.yaml undated_reports.national_late): a 1981 report's review
    # of its first months is 1981's, and 预计 figures are that year's too; a report of a listed year by another
    # author is read as delivered in March
    from shuanglian.targets.derive import undated_report
    from shuanglian.targets.rules import load_rules

    rules = load_rules()
    assert undated_report(rules, "1981年中华人民共和国国务院政府工作报告") == (1981, 11)
    assert undated_report(rules, "1981年中华人民共和国国务院政府工作报告（摘要）") == (1981, 11)
    assert undated_report(rules, "2006年中华人民共和国国务院政府工作报告") == (2006, 3)
    assert undated_report(rules, "1981年某省人民政府工作报告") == (1981, 3)
    assert undated_report(rules, "关于政府工作报告的解读") == (None, None)
    text = "一、工作回顾\n工业总产值增长3.6%。"
    late = [f.year for f in derive_figures(text, None, "1981年中华人民共和国国务院政府工作报告") if f.unit == "%"]
    early = [f.year for f in derive_figures(text, None, "2006年中华人民共和国国务院政府工作报告") if f.unit == "%"]
    assert late == [1981] and early == [2005]
