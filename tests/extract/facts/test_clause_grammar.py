"""Rule classes of branch facts2 (issue 9): list items that are whole nouns, verbs made nouns, subjectless
clauses sharing the topic's subject, news sentences telling of a batch's event, and a plan period's end."""

from __future__ import annotations

from shuanglian.extract.facts.figures import extract_figures


def _facts(text: str, published: str = "2026-02-05") -> list[tuple[str, str | None, int | None]]:
    return [(f["text"], f["specific"], f["year"]) for f in extract_figures(text, published)]


def test_whole_nouns_of_a_list_take_no_head_from_the_last() -> None:
    # 全国文明城市 names its own thing; only short modifiers (城镇、农村) share the last item's head
    out = _facts("全国文明城市、国家历史文化名城分别增至37座、14座。")
    assert [s for _, s, _ in out] == ["文明城市数量", "国家历史文化名城数量"]  # 全国 is a scope word, cut
    out = _facts("城镇、农村常住居民人均可支配收入分别增长4.4%、5.9%。")
    assert [s for _, s, _ in out] == ["城镇常住居民人均可支配收入增长率", "农村常住居民人均可支配收入增长率"]


def test_lead_verb_before_a_measure_suffix_is_one_word() -> None:
    # 发行 opens a clause as a verb (发行国债…), but 发行量 is a noun
    assert _facts("中欧班列发行量预计同比增长142%以上。")[0][1] == "中欧班列发行量增长率"


def test_subjectless_clause_says_more_of_the_topic() -> None:
    # 涵盖… has no subject of its own: the bare 总投资 after it is the projects' the sentence opens with, with their
    # status (a sum over projects keeps it: README "Conventions decided 2026-12-05 (session 13)", rule 2)
    out = _facts("一季度重点项目今天开工，涵盖创新驱动平台、现代服务业等，总投资超5600亿元，同比增长26.3%。")
    assert [s for _, s, _ in out] == ["开工重点项目总投资", "开工重点项目总投资增长率"]


def test_news_sentence_of_a_batch_event_is_dated_by_publication() -> None:
    out = _facts("在江苏，150个重点项目集中签约，70个亿元以上项目集中开工。", "2022-02-10")
    assert [y for _, _, y in out] == [2022, 2022]
    # a sum said of a thing (…的项目) is no part of the event
    out = _facts("一期投资81.7亿元的器件项目从落地到开工建设仅用时45天。", "2022-03-30")
    assert out[0][2] is None
    # without such a verb an undated news figure stays undated
    assert _facts("合肥平均每天诞生5家高新技术企业。", "2023-03-01")[0][2] is None


def test_end_of_a_five_year_plan_names_its_last_year() -> None:
    out = _facts("地区生产总值达到13697.5亿元，较“十三五”末的9323.1亿元增加4374.4亿元。", "2026-01-27")
    assert out[1][:1] == ("9323.1亿元",) and out[1][2] == 2020
    assert _facts("“十四五”末，全省高新技术企业达到1200家。", "2026-01-27")[0][2] == 2025


def test_duration_between_a_measure_and_its_verb_is_cut() -> None:
    assert _facts("群众安全感连续7年保持98%以上。")[0][1] == "群众安全感"
    assert _facts("经济增速连续11个季度保持在8%以上。")[0][1] == "经济增速"


def test_short_measures_listed_after_an_owners_measure_are_the_same_owners() -> None:
    out = _facts("生产安全事故起数、死亡人数比2020年分别下降65.3%、58.3%。")
    assert [s for _, s, _ in out] == ["生产安全事故起数下降率", "生产安全事故死亡人数下降率"]


def _projects(text: str) -> list[tuple[str, str]]:
    from shuanglian.extract.facts.projects import extract_projects

    return [(p["name"], p["status"]) for p in extract_projects(text)]


def test_list_closed_by_a_built_kind_and_its_upgrade_names_works() -> None:
    # 等灌区现代化改造 under a carrying-out verb: each item is a 灌区 worked on
    assert _projects("实施赵口、陆浑、渠村等灌区现代化改造。") == [
        ("赵口灌区", "在建"),
        ("陆浑灌区", "在建"),
        ("渠村灌区", "在建"),
    ]
    # a size class of a kind is no name (中型灌区)
    assert _projects("实施中型灌区现代化改造。") == []


def test_work_joined_after_a_wrapped_stage_word_is_under_the_same_verb() -> None:
    names = [n for n, _ in _projects("加快西宁至成都铁路建设、青藏铁路格拉段电气化改造。")]
    assert names == ["西宁至成都铁路", "青藏铁路格拉段电气化改造"]


def test_section_headed_by_the_past_year_and_levels_written_in_the_figure() -> None:
    # 刚刚过去的2025年很不平凡: the year heads the section like 2025年是…
    text = "刚刚过去的2025年很不平凡。一年来，全省上下真抓实干，生产总值增长5.6%。"
    assert [y for _, _, y in _facts(text, "2026-01-26")] == [2025]
    # a review read alone dates its levels reached; 突破 written with the number is such a level
    text = "举办首届青稞产业发展大会，粮食生产再获丰收，蔬菜产量突破百万吨。清洁能源电力装机突破1300万千瓦。民航年旅客吞吐量突破800万人次。"
    assert [y for _, _, y in _facts(text, "2026-01-31")] == [2025, 2025, 2025]


def test_subject_of_a_verb_of_reach_owns_the_count() -> None:
    assert _facts("陇原绿电惠及26个省份。")[0][1] == "陇原绿电惠及省份数量"
    assert _facts("北部湾港通达全球100多个国家及地区。")[0][1] == "北部湾港通达国家及地区数量"


def test_subjectless_pull_clause_takes_what_the_clause_before_did() -> None:
    assert _facts("扩围实施“以旧换新”政策，拉动消费285.6亿元。")[0][1] == "以旧换新拉动消费"
    assert _facts("开展系列促消费活动，拉动消费75亿元。")[0][1] == "促消费活动拉动消费"


def test_year_range_frames_nothing_and_field_heading_before_an_opener() -> None:
    text = (
        "在经济领域，过去一年里取得的最重要的成绩，就是把1984年末至1985年一度出现的经济过热现象初步调整过来。"
        "全国社会总产值达到18774亿元，比上年增长9.1%。"
    )
    assert [y for _, _, y in _facts(text, "1987")] == [1986, 1986]


def test_year_closing_a_comparison_with_xiangbi_is_its_base() -> None:
    out = _facts("1980年同完成经济恢复的1952年相比，工农业总产值增长八点一倍。", "1981")
    assert out == [("八点一倍", "工农业总产值增长倍数", 1980)]


def test_chinese_decimal_before_any_unit() -> None:
    out = _facts("财政收入一千零八十五点二亿元，国民收入增长四点二倍。", "1981")
    assert [t for t, _, _ in out] == ["一千零八十五点二亿元", "四点二倍"]
    assert [f["value"] for f in extract_figures("财政收入一千零八十五点二亿元。", "1981")] == [108520000000]


def test_change_of_an_amount_and_a_flow_word_of_its_own() -> None:
    out = _facts("粮食产量达到39109万吨，比上年增产1199万吨。", "1987")
    assert [s for _, s, _ in out] == ["粮食产量", "粮食产量增加额"]
    # 新入规 is a flow of its own: the list's 新增 is not put before it
    out = _facts("新增1个国家级优势特色产业集群、新入规加工企业20家以上。")
    assert out[1][1] == "新入规加工企业数量"


def test_payer_spending_on_a_purpose_over_a_period() -> None:
    out = _facts("全国财政用于社会保障支出五年累计1.95万亿元，比前五年增长1.41倍。", "2008")
    assert [s for _, s, _ in out] == ["财政社会保障支出", "财政社会保障支出增长倍数"]


def test_purpose_of_a_sum_and_its_examples() -> None:
    text = "中央财政用于洪涝、干旱、地震等救灾救济支出80.3亿元，比上年增长63.9%；用于灾后重建的中央投资27.9亿元。"
    assert [s for _, s, _ in _facts(text, "2004")] == [
        "中央财政救灾救济支出",
        "中央财政救灾救济支出增长率",
        "灾后重建中央投资",
    ]
    assert _facts("开放县增加至45个。")[0][1] == "开放县数量"


def test_review_of_unclear_mood_with_three_result_clauses_dates_its_levels() -> None:
    text = (
        "五是久久为功抓改革增活力。建立宏观政策取向一致性评估机制，开展市场准入壁垒清理整治行动。"
        "政务服务标准化建设加快推进，“高效办成一件事”四批次43个重点事项全部上线运行。"
        "边民互市贸易区增至5个。国家高新技术企业突破200家，科技型中小企业突破1000家。"
    )
    years = {t: y for t, _, y in _facts(text, "2026-01-31")}
    assert years["5个"] == 2025 and years["突破200家"] == 2025


def test_sum_over_several_years_takes_no_framed_year() -> None:
    text = "2007年城镇职工基本医疗保险参保人数达到1.8亿人。中央财政五年累计补助养老保险专项资金3295亿元。"
    assert [y for _, _, y in _facts(text, "2008")] == [2007, None]
    text = "2007年城镇职工基本医疗保险参保人数达到1.8亿人。抗灾救灾工作全面加强，中央财政五年支出551亿元。"
    assert [y for _, _, y in _facts(text, "2008")] == [2007, None]


def test_programme_of_ecological_works_and_numbered_designations_are_no_projects() -> None:
    assert _projects("继续实施天然林保护、风沙源和石漠化治理等生态工程。") == []
    assert _projects("推进海上风电、沿海核电、辽西风光、储能四大千万千瓦级清洁能源基地建设。") == []
    # examples of a counted batch of works still are works
    assert [n for n, _ in _projects("建成乌东德、白鹤滩等14座大中型水电站。")] == ["乌东德水电站", "白鹤滩水电站"]


def test_campaigns_and_counted_levels_are_no_projects() -> None:
    assert _projects("持续推进平安校园、平安医院建设，严防极端事件发生。") == []
    assert _projects("1410个县级和250个省、市（地）级疾病预防控制中心基本建成。") == []
    # a count opening a list with a named work after it leaves the work
    assert _projects("加快2条在建国际海缆、海口国际通信业务出入口局建设。") == [("海口国际通信业务出入口局", "在建")]
