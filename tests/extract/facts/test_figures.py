"""FigureStage: unit normalisation, numerals and qualifiers, measures, years, target vs actual."""

from __future__ import annotations

from typing import Any

import pytest

from shuanglian.document import Document
from shuanglian.extract.facts import FigureStage
from shuanglian.extract.facts.figures import extract_figures


def one(text: str, published: str | None = "2023-06-01") -> dict[str, Any]:
    figs = extract_figures(text, published)
    assert len(figs) == 1, figs
    return figs[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("增加值达到650亿元。", 6.5e10, "元"),
        ("总投资1.2万亿元。", 1.2e12, "元"),
        ("融资3亿美元。", 3e8, "美元"),
        ("占比达到12.5%。", 12.5, "%"),
        ("增长百分之五。", 5, "%"),
        ("办公面积4万平方米。", 40000, "平方米"),
        ("规划面积2平方公里。", 2e6, "平方米"),
        ("装机容量300万千瓦。", 3e6, "千瓦"),
        ("引进人才1,200名。", 1200, "名"),
    ],
)
def test_units_are_normalised(text: str, value: float, unit: str) -> None:
    f = one(text)
    assert f["value"] == pytest.approx(value)
    assert f["unit"] == unit


def test_qualifiers_and_approximate_values() -> None:
    f = one("目前企业有超4万名研发工程师。")
    assert (f["value"], f["unit"], f["qualifier"], f["approx"]) == (40000, "名", "超", True)
    assert f["measure"] == "研发人员数量"
    f = one("国家级孵化器近200家。")
    assert (f["value"], f["qualifier"], f["approx"]) == (200, "近", True)
    f = one("完成数千万元的天使轮融资。")
    assert (f["value"], f["approx"], f["measure"]) == (1e7, True, "融资额")
    f = one("突破千余项技术难题。")
    assert (f["value"], f["unit"], f["approx"]) == (1000, "项", True)
    f = one("集聚企业近百家。")
    assert (f["value"], f["approx"]) == (100, True)
    f = one("新增企业300家以上。")
    assert (f["value"], f["qualifier"]) == (300, "以上")
    f = one("园区集聚企业十几家。")
    assert (f["value"], f["approx"]) == (10, True)
    f = one("吸引上千名工程师。")
    assert (f["value"], f["qualifier"]) == (1000, "上")
    f = one("实验室共有二十四个课题组。")
    assert (f["value"], f["unit"], f["approx"]) == (24, "个", False)


@pytest.mark.parametrize(
    "text",
    [
        "第二十四届高交会开幕。",  # ordinal
        "坚持四个面向。",  # wording count in Chinese numerals
        "一个企业，两家机构。",
        "2025年建成投用。",  # a year is not a figure
        "5月30日上午。",
        "入选TOP50榜单。",
        "千家万户受益。",
        "位列全国前10名。",  # a ranking
        "用时近5个月。",  # a duration
        "获得了5 00万元大奖。",  # a broken number
        "打了千百个败仗。",  # an idiom
        "印发《关于支持100家企业上市的若干措施》。",  # inside a title
    ],
)
def test_non_figures_are_ignored(text: str) -> None:
    assert extract_figures(text, "2023-06-01") == []


def test_measure_before_and_after_the_number() -> None:
    figs = extract_figures("广东共建有科技企业孵化器超1100家，众创空间超1000家，省重点实验室460家。", "2023-01-01")
    assert [f["measure"] for f in figs] == ["孵化器数量", "众创空间数量", "实验室数量"]
    assert figs[0]["measure_text"] == "科技企业孵化器"
    f = one("实验室的95个课题小组不但拥有经费支持。")
    assert (f["measure"], f["measure_text"]) == ("课题组数量", "课题小组")
    f = one("研发投入强度达到5.5%。")
    assert f["measure"] == "研发投入强度"


def test_targets_versus_actuals() -> None:
    text = (
        "深圳出台行动计划，提出到2025年，高端医疗器械产业增加值达到650亿元，营业收入达到2000亿元。"
        "目前，全市已有医疗器械企业1000家。"
    )
    figs = extract_figures(text, "2022-11-20")
    assert [(f["value"], f["year"], f["target"]) for f in figs] == [
        (6.5e10, 2025, True),
        (2e11, 2025, True),
        (1000, 2022, False),
    ]


def test_nearest_cue_wins_and_goal_verbs_absorb_actual_cues() -> None:
    figs = extract_figures("项目计划投资50亿元，目前已完成投资20亿元。", "2023-03-01")
    assert [f["target"] for f in figs] == [True, False]
    f = one("到2025年，力争实现产值达到8000亿元。", "2023-03-01")
    assert f["target"] is True
    f = one("到2025年，每万人口发明专利拥有量达到82件。", "2021-11-25")
    assert (f["target"], f["year"]) == (True, 2025)


def test_goal_and_year_carry_to_the_next_sentence_of_a_paragraph() -> None:
    text = "方案提出，到2025年，机器人密度实现翻番。突破100种以上创新应用技术。\n目前已有企业20家。"
    figs = extract_figures(text, "2023-01-19")
    assert [(f["value"], f["year"], f["target"]) for f in figs] == [(100, 2025, True), (20, 2023, False)]


def test_years_relative_to_publication_and_past_years_are_actuals() -> None:
    figs = extract_figures("公司去年营收495亿元。今年研发投入预计超过38亿元。", "2023-06-09")
    assert [(f["year"], f["target"]) for f in figs] == [(2022, False), (2023, True)]
    f = one("规划执行后，2020年研发投入强度为6.44%。", "2021-11-25")
    assert (f["year"], f["target"]) == (2020, False)
    f = one("到2025年，产值较2020年增长50%。", "2022-01-12")
    assert (f["year"], f["target"]) == (2025, True)
    f = one("目前，每年为超过3000个用户课题提供机时。", "2023-06-09")
    assert f["year"] is None


def test_stage_fills_spans_and_skips_excluded_ranges() -> None:
    text = "营业收入303亿元，同比增长20%。乱码区域营收5亿元。"
    doc = Document(source="t", text=text, published="2023-12-12")
    cut = text.index("乱码")
    doc.excluded = [(cut, len(text))]
    FigureStage()(doc)
    assert [f["text"] for f in doc.figures] == ["303亿元", "20%"]
    for f in doc.figures:
        s, e = f["span"]
        assert text[s:e] == f["text"]


def test_power_units_and_goal_words_after_completion() -> None:
    f = one("单机容量提升到16兆瓦。")
    assert (f["value"], f["unit"]) == (16000, "千瓦")
    figs = extract_figures("项目总投资350亿元，达产后年产值可达140亿元。", "2023-08-29")
    assert [f["target"] for f in figs] == [False, True]


def test_a_clause_after_a_semicolon_keeps_the_year() -> None:
    text = "公司上半年实现营业收入805亿元，同比下降约12%；研发投入超过50亿元。"
    figs = extract_figures(text, "2023-08-29")
    assert [(f["measure"], f["year"]) for f in figs] == [("营业收入", 2023), ("增长率", 2023), ("研发投入", 2023)]


def test_terms_before_an_earlier_figure_belong_to_it() -> None:
    text = "对技术合同成交额超过1亿元的机构给予最高500万元奖励，对孵化器给予200万元一次性奖励。"
    figs = extract_figures(text, "2023-03-15")
    assert [f["measure"] for f in figs] == ["合同金额", "奖励资金", "奖励资金"]


def test_a_year_opening_a_clause_frames_the_next_sentence() -> None:
    text = "年报显示，2023年公司市占率为36.8%。公司研发投入183.6亿元。如今，园区已有企业500家。"
    figs = extract_figures(text, "2024-03-16")
    assert [(f["measure"], f["year"]) for f in figs] == [("占比", 2023), ("研发投入", 2023), ("企业数量", 2024)]


def test_unknown_measures_fall_back_to_the_quantity_named_before_the_verb() -> None:
    assert one("重点企业关键工序数控化率达到75%。")["measure"] == "关键工序数控化率"
    assert one("受伤人数上升380%。")["measure"] == "受伤人数"
    assert one("他只能以300多元卖掉。")["measure"] is None  # not a quantity: no measure rather than junk


def test_whole_year_statistics_take_the_reference_year() -> None:
    text = "初步核算，全年实现地区生产总值24653.4亿元，比上年增长4.6%。其中，第一产业增加值194.1亿元。"
    figs = extract_figures(text, "2024-03-20", title="2023年苏州市国民经济和社会发展统计公报")
    assert [f["year"] for f in figs] == [2023, 2023, 2023]  # 比上年 is the comparison base, not the year
    figs = extract_figures("预计全年产业规模将接近2500亿元。", "2023-11-30")
    assert (figs[0]["year"], figs[0]["target"]) == (2023, True)
    assert extract_figures("全年营收100亿元。", "2024-02-01")[0]["year"] == 2023  # annual results in early spring


def test_report_periods_months_and_base_values() -> None:
    text = "公司披露2023年年度报告。报告期内，公司实现营业收入349.32亿元。\n分区域看，国际业务收入134.76亿元。\n项目计划总投资73亿元。"
    figs = extract_figures(text, "2024-04-26")
    assert [(f["year"], f["target"]) for f in figs] == [(2023, False), (2023, False), (None, True)]
    f = one("1-10月，全省新能源汽车产量达到216.4万辆。", "2023-11-22")
    assert f["year"] == 2023
    assert one("12月当月产量增长4.2%。", "2024-01-15")["year"] == 2023  # a later month is last year's
    figs = extract_figures("2022年，占比由41.2%提高到56.3%。", "2023-01-16")
    assert [f["year"] for f in figs] == [None, 2022]  # the starting value of a change has no year


def test_goal_carries_across_semicolons() -> None:
    text = "今后五年的主要目标是：到2027年突破1.8万亿元；研发投入强度保持在3.8%以上；高新技术企业数量突破1万家。"
    figs = extract_figures(text, "2023-01-16")
    assert [(f["year"], f["target"]) for f in figs] == [(2027, True), (2027, True), (2027, True)]


def test_programme_names_and_cutoff_dates_are_not_goal_cues() -> None:
    figs = extract_figures("截至2023年底，园区高新技术企业数量达到526家，是2018年的2.1倍。", "2024-05-08")
    assert [(f["year"], f["target"]) for f in figs] == [(2023, False), (2023, False)]
    f = one("2022年，研究所新增承担国家重点研发计划项目12项。", "2023-09-05")
    assert (f["year"], f["target"]) == (2022, False)
    f = one("未来三到五年，我们希望看到至少5家企业上市。", "2023-09-05")
    assert f["target"] is True


def test_cumulative_totals_do_not_take_an_earlier_figures_year() -> None:
    text = "公司2022年研发投入达155亿元，累计申请专利超过2万项。目前拥有员工1万人，累计申请专利4.8万项。"
    figs = extract_figures(text, "2023-08-23")
    assert [f["year"] for f in figs] == [2022, None, 2023, 2023]


def test_plans_completion_rates_and_provisions() -> None:
    text = "今年全市安排重点项目1200个；1-7月已完成投资2156亿元，完成年度计划的61.6%。"
    figs = extract_figures(text, "2023-08-15")
    assert [f["target"] for f in figs] == [True, False, False]
    f = one("按照设备投资额的30%给予补贴。", "2024-01-22")
    assert f["target"] is True


def test_the_value_a_measure_changes_to_keeps_the_measure() -> None:
    figs = extract_figures("本地配套率由2020年的不足20%提升到目前的约56%。", "2023-12-18")
    assert [(f["measure"], f["year"]) for f in figs] == [("国产化率", 2020), ("国产化率", 2023)]


def test_will_invest_is_a_goal_and_one_character_phrases_are_no_measure() -> None:
    f = one("宁德时代将在福建新增投资不少于100亿元。", "2024-04-02")
    assert (f["target"], f["measure"]) == (True, "投资额")
    f = one("吸引投资机构120家参与。", "2023-05-22")
    assert f["measure"] == "机构数量"


def test_review_and_plan_sections_decide_the_target_flag() -> None:
    text = (
        "过去一年，全省上下攻坚克难。经济社会发展主要目标任务顺利完成。全省地区生产总值增长5.5%，进出口总额增长17.3%。\n"
        "今年经济社会发展主要预期目标是：地区生产总值增长5%左右。一产增加值增长3.5%左右。"
    )
    figs = extract_figures(text, "2026-02-05")
    assert [(f["text"], f["target"]) for f in figs] == [
        ("5.5%", False),
        ("17.3%", False),
        ("5%左右", True),
        ("3.5%左右", True),  # the goal list frames the rest of its paragraph
    ]


def test_the_cue_that_decided_the_target_flag_is_kept() -> None:
    assert (one("力争地区生产总值增长5%。", "2026-02-05")["target_cue"]) == "力争"
    assert (one("目前已完成投资2156亿元。", "2026-02-05")["target_cue"]) == "完成"
    f = one("过去一年，全省上下攻坚克难，取得成效，实现了增长。全省地区生产总值增长5.5%，增速居前。", "2026-02-05")
    assert (f["target"], f["target_cue"]) == (False, "paragraph")


def test_households_places_lengths_and_energy_are_read() -> None:
    figs = extract_figures("新登记经营主体94.6万户，新探明矿产地35处，高速公路里程突破9500公里，全社会用电量1000亿千瓦时，发电量三千六百二十亿度，天然气产量10亿立方米。")
    assert [(f["value"], f["unit"]) for f in figs] == [
        (946000, "户"), (35, "处"), (9500, "公里"), (1.0e11, "千瓦时"), (3.62e11, "度"), (1.0e9, "立方米"),
    ]


def test_cue_word_closing_its_clause_is_no_cue() -> None:
    # 稳预期，…: 预期 is a noun closing its clause, it governs nothing after it
    figs = extract_figures("多措并举稳就业、稳企业、稳预期，地区生产总值增长5.1%。", "2026-01-27")
    assert [f["target"] for f in figs] == [False]
    # …but a verb taking the next clause as its object still does: 预计，全年…
    figs = extract_figures("初步预计，全年地区生产总值增长5%左右。", "2025-12-20")
    assert [f["target"] for f in figs] == [True]


def test_comparison_base_does_not_overrule_a_target_cue() -> None:
    figs = extract_figures("拟安排中央财政赤字2950亿元，比上年预算减少50亿元。", "2006-03-05")
    assert [f["target"] for f in figs] == [True, True]
    figs = extract_figures("今年高校毕业生预计达1076万人，同比增加167万人。", "2022-06-09")
    assert [f["target"] for f in figs] == [True, True]
    # without a target cue the comparison still reports an actual
    figs = extract_figures("粮食产量1347万吨，比上年增长2.1%。", "2026-01-27")
    assert [f["target"] for f in figs] == [False, False]


def test_deadline_already_past_is_a_reached_level() -> None:
    text = "全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元。"
    figs = extract_figures(text, "2026-01-26")
    assert [f["target"] for f in figs] == [False, False]
    # the same deadline in the future is a goal; a goal word before it says it was set as one
    assert [f["target"] for f in extract_figures("到2027年，生产总值达到5万亿元。", "2026-01-26")] == [True]
    assert [f["target"] for f in extract_figures("规划提出，到2025年生产总值达到5万亿元。", "2026-01-26")] == [True]


def test_cue_in_the_object_of_an_orientation_verb_is_no_cue() -> None:
    text = "一年来，全省聚焦“1+2+4+N”目标任务体系，真抓实干，生产总值增长5.6%。"
    assert [f["target"] for f in extract_figures(text, "2026-01-26")] == [False]
    text = "今天，吉林省围绕打造高效便利的政务环境，出台30多条政策措施。"
    assert [f["target"] for f in extract_figures(text, "2023-01-28")] == [False]
    # the same cue as the clause's own verb still makes a goal
    assert [f["target"] for f in extract_figures("全省目标任务是生产总值增长5%左右。", "2026-01-26")] == [True]


def test_stabilising_expectations_is_no_goal_cue() -> None:
    """稳预期 (a policy aim) is no 预期 of a goal: the review's figures stay actuals; 主要预期目标 still cues goals."""
    review = "刚刚过去的2025年，全省上下着力稳就业、稳企业、稳市场、稳预期，地区生产总值增长5.3%。"
    assert [f["target"] for f in extract_figures(review, "2026-01-20")] == [False]
    plan = "今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。"
    assert [f["target"] for f in extract_figures(plan, "2026-01-20")] == [True]
