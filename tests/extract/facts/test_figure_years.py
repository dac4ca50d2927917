"""Figure years from a report's sections, years in Chinese and full-width digits; the specific-measure
comparison form of the real-gold scorer; lead words that are part of a word (在建)."""

from __future__ import annotations

from shuanglian.evaluation.eval_match import specific_form
from shuanglian.extract.facts.figures import extract_figures, plain_digits


def _years(text: str, published: str | None) -> dict[str, int | None]:
    return {f["text"]: f["year"] for f in extract_figures(text, published)}


def test_plain_digits_keeps_offsets() -> None:
    s = "一九八三年，比一九八○年增长６．４％，二〇二五年"
    out = plain_digits(s)
    assert out == "1983年，比1980年增长6.4%，2025年"
    assert len(out) == len(s)


def test_full_width_decimal_is_one_number() -> None:
    figs = extract_figures("一九八三年，职工家庭生活费收入达到５２６元，比上年增长６．４％。", None)
    assert [(f["value"], f["year"], f["text"]) for f in figs] == [
        (526, 1983, "５２６元"),
        (6.4, 1983, "６．４％"),
    ]


def test_review_section_dates_its_figures_with_the_reviewed_year() -> None:
    text = "过去一年，我们坚持稳中求进。\n地区生产总值增长5.1%，新增高新技术企业600家。\n今年经济社会发展主要预期目标是：地区生产总值增长5%左右。"
    assert _years(text, "2026-01-27") == {"5.1%": 2025, "600家": 2025, "5%左右": 2026}


def test_year_opening_a_section_and_several_years() -> None:
    text = "2025年是极不平凡的一年。\n粮食产量1347万吨。\n过去五年，我们砥砺前行。\n高新技术企业增至3.5万家，累计实施技改项目2.15万个。"
    years = _years(text, "2026-01-27")
    assert years["1347万吨"] == 2025
    assert years["3.5万家"] == 2025  # a level reached at the end of the period
    assert years["2.15万个"] is None  # 累计: over the period


def test_review_words_outside_report_season_leave_figures_undated() -> None:
    assert _years("过去一年，公司发展很快。\n研发人员500人。", "2025-09-01") == {"500人": None}


def test_specific_form_equivalences() -> None:
    assert specific_form("全省生产总值") == specific_form("生产总值")
    assert specific_form("新晋院士人数") == specific_form("新晋院士数量")
    assert specific_form("国家重点实验室数") == specific_form("国家重点实验室数量")
    assert specific_form("省实验室数量") != specific_form("实验室数量")
    # the particle 的 inside a measure names nothing (a leading or trailing 的 is no particle)
    assert specific_form("工业对经济增长的贡献率") == specific_form("工业对经济增长贡献率")
    assert specific_form("新增高新技术企业数量") != specific_form("高新技术企业数量")


def test_lead_word_inside_a_word_stays() -> None:
    figs = extract_figures("已累计开工建设142项，在建投资规模超过1万亿元。", None)
    assert figs[-1]["specific"] == "在建投资规模"


def _specific(text: str) -> list[str | None]:
    return [f["specific"] for f in extract_figures(text, "2025-03-01")]


def test_count_written_with_a_clause_or_pronoun_before_its_noun() -> None:
    # (建成 stays a status of projects only: what now exists is counted, as the real gold reads it)
    assert _specific("我国已建成80个这样的国家级先进制造业集群。") == ["国家级先进制造业集群数量"]
    assert _specific("在徐汇区，17个新签约的重大项目开工。") == ["新签约重大项目数量"]
    assert _specific("黑龙江推出20条促进全省经济全面恢复增长的政策措施。") == ["政策措施数量"]
    assert _specific("建成10个国家级的创新平台。") == ["国家级创新平台数量"]
    assert _specific("长三角41个城市的当家人拍了一张合影。") == ["城市数量"]  # a noun before 的 stays


def test_verbs_and_adverbs_after_a_counted_thing_end_it() -> None:
    assert _specific("成都66个产业功能区聚焦主导产业集聚成链发展。") == ["产业功能区数量"]
    assert _specific("高新技术企业数量从1700多家，快速增长到超11000家。") == [
        "高新技术企业数量",
        "高新技术企业数量",
    ]


def test_clause_of_only_a_verb_takes_the_quantity_named_before() -> None:
    assert _specific("原油产量继续增长，达到1.42亿吨。") == ["原油产量"]


def test_time_word_alone_and_verb_with_aspect_mark_name_nothing() -> None:
    assert "全年" not in (_specific("外贸出口从7月份开始大幅度回升，全年达到1949亿美元。")[0] or "")
    assert _specific("太原延伸出了产值过千亿元的高端金属材料产业链。") == ["高端金属材料产业链产值"]


def test_news_paragraph_of_now_dates_what_it_reports() -> None:
    text = (
        "近日，广州242个重大项目集中开工，总投资超过3000亿元。\n园区累计引进企业500家。\n公司研发人员300人。"
    )
    years = _years(text, "2022-03-13")
    assert years["242个"] == 2022 and years["超过3000亿元"] == 2022
    assert years["500家"] is None  # another paragraph, and 累计
    assert years["300人"] is None  # no cue of now: undated (GUIDELINES)


def test_provision_in_a_paragraph_of_now_stays_undated() -> None:
    text = "近日印发的措施明确，对新建的算力平台按照设备投资额的30%给予补贴。"
    assert _years(text, "2024-05-01") == {"30%": None}


def test_goal_list_opener_and_full_year_in_a_plan() -> None:
    text = "经济主要预期目标是：地区生产总值增长5%左右。\n加强基础设施建设，力争全年完成交通投资2300亿元。"
    assert _years(text, "2026-02-03") == {"5%左右": 2026, "2300亿元": 2026}


def test_levels_listed_after_one_verb_in_a_review_of_several_years() -> None:
    text = "过去五年，我们砥砺前行。\n累计实施技改项目2.15万个，重大科技基础设施达到8个、全国重点实验室45家。"
    assert _years(text, "2026-01-27") == {"2.15万个": None, "8个": 2025, "45家": 2025}


def test_per_head_wordings_of_older_reports() -> None:
    assert _specific("一九八三年，职工家庭按人口平均的生活费收入达到５２６元，比上年增长６．４％。") == [
        "职工家庭人均生活费收入",
        "职工家庭人均生活费收入增长率",
    ]


def test_bare_total_after_a_semicolon_is_the_earlier_subjects() -> None:
    text = "今年，河北全省重点建设59个新能源领域项目，较去年增长96.67%；总投资1163.1亿元，较去年增长80.5%。"
    assert _specific(text)[2:] == ["新能源领域项目总投资", "新能源领域项目总投资增长率"]


def test_a_list_of_years_frames_no_later_sentence() -> None:
    text = "今年，加快建设交通强省。2027年、2028年分别建成津潍、潍宿高铁。公路方面，新开工晏城至表白寺等2个项目。"
    assert _years(text, "2026-01-27")["2个"] == 2026  # this year's plan, not 2027


def test_indented_year_and_year_just_past_frame_the_paragraph() -> None:
    text = "　　1979年大专学校在校学生102万人。中等专业学校在校学生120万人。"
    assert _years(text, "1980") == {"102万人": 1979, "120万人": 1979}
    text = "在刚刚过去的1987年，我国国民经济继续保持了良好势头。全国工业总产值增长14.6%。"
    assert _years(text, "1988") == {"14.6%": 1987}
    assert _years("从去年7月1日起，国家增加了收入。国家财政共增加支出540多亿元。", "2000") == {
        "540多亿元": 1999
    }


def test_present_cues_date_news_figures_and_make_them_actual() -> None:
    figs = extract_figures(
        "瞄准科技前沿。眼下，安徽正在建设的大科学装置有6个。今年将实施一批重大项目。", "2023-05-07"
    )
    assert [(f["text"], f["year"], f["target"]) for f in figs] == [("6个", 2023, False)]
    assert (
        _years("截至目前，我国172项节水供水重大水利工程已累计开工建设142项。", "2019-12-28")["142项"] == 2019
    )


def test_a_quarter_or_the_first_months_without_a_year_are_the_publication_year() -> None:
    assert _years("江西一季度开工重点项目1534个。", "2025-02-07") == {"1534个": 2025}
    assert _years("前两个月，出口增长16%。", "2020-03-10") == {"16%": 2020}


def test_review_paragraph_read_alone_reports_last_year() -> None:
    # no section opener: the clauses put the thing first and the result verb after it (a review)
    text = (
        "就业促进更有力。推动出台高质量充分就业促进条例，城镇新增就业54.58万人，高校毕业生就业保持稳定，"
        "13.2万脱贫人口实现稳岗就业。新建70个产业链头部企业实训基地，开展补贴性职业技能培训28.69万人次。"
        "月最低工资标准平均数提高至2100元。"
    )
    figs = {f["text"]: (f["target"], f["year"]) for f in extract_figures(text, "2026-01-27")}
    assert {t for t, _y in figs.values()} == {False}
    # no span is spoken of (several_years_marks): a review of the last year, flows and levels dated alike
    assert figs["2100元"] == (False, 2025)
    assert figs["54.58万人"] == (False, 2025)
    # a paragraph speaking of a span (年均, 从A到B) may be of one year or of five: the level reached only
    spans = {f["text"]: f["year"] for f in extract_figures(text + "居民收入年均增长6%。", "2026-01-27")}
    assert spans["2100元"] == 2025 and spans["54.58万人"] is None
    # the same paragraph outside the report season, or on a page about a period, names no year
    assert {f["year"] for f in extract_figures(text, "2026-06-27")} == {None}
    assert {f["year"] for f in extract_figures("十年来，" + text, "2026-01-27")} == {None}


def test_plan_paragraph_keeps_its_goals() -> None:
    # 力争 governs the rest of its sentence: 占比突破65% is no result clause
    text = (
        "深入实施多能互补工程，力争电力总装机达到1.1亿千瓦，新能源装机规模占比突破65%，构建多能并举体系。"
        "推进煤矿建设，新建电网工程16个，抓好新建煤矿投产，新增千万吨产能。加快建设新型能源体系。"
    )
    figs = extract_figures(text, "2026-02-03")
    assert all(f["target"] for f in figs)
    assert {f["year"] for f in figs} == {2026}


def test_bulleted_five_year_review() -> None:
    # ——这五年，… opens a review of several years: a level reached is the last year's, a flow has none
    text = "——这五年，改革开放活力迸发。新增境内上市公司62家，高新技术企业增至3.5万家。"
    assert _years(text, "2026-02-05") == {"62家": None, "3.5万家": 2025}


def test_goal_for_the_whole_year_in_a_work_plan_is_this_years() -> None:
    text = (
        "加强民生建设。推进义务教育优质均衡发展，实施县中振兴行动，健全现代职业教育体系，"
        "优化保障性住房供给，全年交付保障性租赁住房15万套。"
    )
    assert _years(text, "2026-01-14") == {"15万套": 2026}
    # a reported 全年 figure of a January page is last year's
    assert _years("全年地区生产总值增长5.1%。", "2026-01-14") == {"5.1%": 2025}


def test_starting_level_of_a_stated_period_takes_the_year_before_it() -> None:
    # convention 8 of real_gold/README.md: 从A增长到B in a review of 过去五年 -> A the year before the period
    text = "过去五年，我们攻坚克难。\n全市规上企业从1200家增加到2100家，财政收入由300亿元提高到450亿元。"
    years = _years(text, "2026-02-01")
    assert years["1200家"] == 2020 and years["2100家"] == 2025
    assert years["300亿元"] == 2020 and years["450亿元"] == 2025
    # a review paragraph read alone may be of one year or of five: its start stays undated
    assert _years("全市规上企业从1200家增加到2100家，跃居全省第2位。", "2026-02-01")["1200家"] is None


def test_a_deadline_of_the_last_century_makes_a_goal() -> None:
    figs = {f["text"]: f for f in extract_figures("今后五年，要使钢产量由一九八二年的三千万吨增加到一九八七年的四千万吨。", "1983")}
    assert figs["四千万吨"]["target"] is True and figs["四千万吨"]["year"] == 1987
    # a deadline already past on the page is a level reached, as for 20XX years
    figs = {f["text"]: f for f in extract_figures("钢产量由1978年的三千万吨增加到1982年的四千万吨。", "1983")}
    assert figs["四千万吨"]["target"] is False


def test_month_period_of_a_record_dated_by_its_year_only_is_that_year() -> None:
    # a national report's record carries its year only ("1956"): 1-5月 there is that year's, not the year before
    assert _years("今年1——5月份，钢产量达到三百万吨。", "1956") == {"三百万吨": 1956}
    assert _years("9-11月，钢产量达到三百万吨。", "2026-02-01") == {"三百万吨": 2025}


def test_levels_held_or_reached_in_a_several_years_review() -> None:
    # level_words: 达, 稳定在, 保持(在), 降至, 覆盖 state the level at the period's end, like 达到
    text = "过去五年，我们砥砺奋进。\n公路通车里程达5400公里，森林覆盖率稳定在45%以上，空气优良天数比例保持在90%以上，万元产值能耗降至0.5吨标准煤，累计新建学校120所。"
    years = _years(text, "2026-01-27")
    assert years["5400公里"] == years["45%以上"] == years["90%以上"] == years["0.5吨"] == 2025
    assert years["120所"] is None


def test_this_year_in_older_wording_frames_the_paragraph() -> None:
    # 本年 (the older reports' 今年) opening a clause frames the sentences after it, as 今年 does
    text = "在农业方面，本年夏粮产量达到4000万吨。其中，小麦产量3000万吨。"
    assert _years(text, "1957") == {"4000万吨": 1957, "3000万吨": 1957}


def test_the_year_before_a_named_year() -> None:
    # year_before_named: 上年的 after a named year is the year before that one, not before publication
    years = _years("1985年全国粮食产量由上年的4亿吨下降到3.8亿吨。", "1986")
    assert years == {"4亿吨": 1984, "3.8亿吨": 1985}


def test_a_figure_over_a_period_up_to_now_takes_no_framed_year() -> None:
    # period_paragraph (N年来, 以来) in the figure's own stretch: no year framed by an earlier sentence
    years = _years("开放带来新变化。2018年，全省实际利用外资同比增长113%。近一年来，全省引进优秀人才4.2万人。", "2019-06-25")
    assert years == {"113%": 2018, "4.2万人": None}
