"""Rule classes of branch facts6 (issue 9, blind sets gold-i..n): review paragraphs worded subject-first
(闽台融合深入推进, …创历史新高), ratios named through a demonstrative (这个比重), a pilot's places, machines in an
industry's output list."""

from __future__ import annotations

from shuanglian.extract.facts.figures import extract_figures


def _facts(text: str, published: str = "2026-02-05") -> list[tuple[str, str | None, int | None, bool]]:
    return [(f["text"], f["specific"], f["year"], bool(f["target"])) for f in extract_figures(text, published)]


def test_review_worded_subject_first_is_last_years_actuals() -> None:
    # a heading and clauses that put the thing before its verb of result (深入推进, 加快推进, 创历史新高) review;
    # the clauses opening with a plan verb (加快…, 推动…) do not make the paragraph a plan
    text = (
        "闽台融合深入推进。加快两岸融合发展示范区建设，推动出台首部促进两岸标准共通地方性法规，新增两岸共通标准41项。"
        "推动扩大台湾居民律师执业范围。引进24支台湾乡建乡创团队，招收台生数量创历史新高。"
        "厦金大桥建设加快推进。"
    )
    out = {t: (y, tg) for t, _, y, tg in _facts(text, "2026-01-27")}
    assert out["41项"] == (2025, False) and out["24支"] == (2025, False)


def test_ratio_named_through_a_demonstrative_is_the_one_named_before() -> None:
    text = (
        "在基本建设投资总额中，提高了职工住宅、科学文教卫生和城市建设等方面的投资比重。"
        "这个比重，1978年为17.4％，1979年达到27％。"
    )
    specs = {t: s for t, s, _, _ in _facts(text, "1980")}
    assert specs["17.4％"] == specs["27％"] == "职工住宅科学文教卫生和城市建设投资比重"
    # without a ratio named before, the bare head stays
    assert _facts("这个比重达到27％。", "1980")[0][1] == "比重"


def test_places_counted_in_a_pilot_clause_are_the_pilots() -> None:
    assert _facts("88个城市启动城镇居民基本医疗保险试点。", "2008")[0][1] == "城镇居民基本医疗保险试点城市数量"
    out = _facts("做实基本养老保险个人账户试点扩大到11个省份。", "2008")
    assert out[0][1] == "做实基本养老保险个人账户试点省份数量"
    # places counted with no pilot in the sentence keep their own name
    assert _facts("新增11个城市。", "2008")[0][1] != "试点城市数量"


def test_machines_in_an_industrys_output_list_take_output() -> None:
    out = _facts("机械工业，拖拉机9.75万台，汽车16万辆，这是根据需要安排的。", "1980")
    assert [s for _, s, _, _ in out] == ["拖拉机产量", "汽车产量"]
    # a count of machines outside an industry's list keeps 数量
    assert _facts("全市新增拖拉机300台。", "1980")[0][1] != "拖拉机产量"


def test_verb_opening_examples_holds_for_their_kind() -> None:
    # A、B等N条X: the examples sit between the verb of doing and the number; the verb still says which are counted
    assert _facts("维修改造机场大道、友谊路等58条重要道路。")[0][1] == "维修改造重要道路数量"
    assert _facts("累计培育华为、中兴等120家企业。")[0][1] == "培育企业数量"


def test_actual_against_a_planned_count_takes_the_plans_thing() -> None:
    out = _facts("计划建成投产大中型项目118个，实际建成128个，改变了多年来投产项目完不成计划的状况。", "1980")
    assert [(s, tg) for _, s, _, tg in out] == [("计划建成投产大中型项目数量", True), ("建成大中型项目数量", False)]
    assert _facts("计划开工项目50个，实际开工62个。", "1980")[1][1] == "开工项目数量"


def test_counts_of_laws_cases_and_beds() -> None:
    out = _facts("提请省人大常委会会议审议地方性法规草案8部，制定政府规章1部。实施免费手术2000例。", "2026-01-27")
    assert [t for t, *_ in out] == ["8部", "1部", "2000例"]
    assert [t for t, *_ in _facts("每千人口床位数由6.4张增加到7.6张。")] == ["6.4张", "7.6张"]
    # the classifiers inside other words are no units (一部分, 例如, 张力)
    assert _facts("其中3部分内容，例如5例外情况。") == []


def test_threshold_class_alone_takes_the_next_items_head() -> None:
    out = _facts("新增软件和研发设计等4个过五千亿、北斗应用等4个过千亿新兴产业。", "2026-01-27")
    assert [s for _, s, _, _ in out] == ["新增过五千亿新兴产业数量", "新增过千亿新兴产业数量"]


def test_paragraph_opening_with_this_years_plan_is_a_plan() -> None:
    # the sentences after the first carry no cue of their own: the paragraph's opener makes them goals
    text = "今年计划要求，国民生产总值增长百分之六。投资要符合产业政策。社会商品零售总额增长百分之十二点三。"
    assert [tg for *_, tg in _facts(text, "1992")] == [True, True]


def test_goal_word_inside_another_word_governs_nothing() -> None:
    # 重要道路 holds 要 but sets no goal; the clauses after it report results (建成开放, 全面提升, 进一步彰显)
    text = (
        "深化市容环境综合治理，维修改造机场大道、友谊路等58条重要道路，五大道公园和85个口袋公园等建成开放，"
        "交通设施、公共空间等全面提升，城市颜值气质进一步彰显。"
    )
    years = {t: y for t, _, y, _ in _facts(text, "2026-01-26")}
    assert years["58条"] == 2025 and years["85个"] == 2025


def test_exact_counts_report_what_was_done() -> None:
    # a paragraph opening with plan verbs but listing exact counts (292件, 553件, 44件) beside a result clause
    # (政府效能全面提升) reviews the year before
    text = (
        "七是加强政府自身建设。深化府院联动机制，持续完善联席会议机制，坚持为基层赋能，强化规制建设，政府效能全面提升。"
        "办理全国人大代表建议9件、省人大代表建议292件、省政协提案553件。修改废止政府规章10部、规范性文件44件。"
    )
    out = {t: (y, tg) for t, _, y, tg in _facts(text, "2026-01-27")}
    assert out["553件"] == (2025, False) and out["10部"] == (2025, False)
    # round counts and counts with a goal's bound are no such signal
    plan = "深化府院联动机制，持续完善联席会议机制，坚持为基层赋能，强化规制建设，新建学校100所、培育企业36个以上。"
    got = _facts(plan, "2026-01-27")
    assert got and all(tg for *_, tg in got)
    # exact counts alone are no review: a plan may set exact numbers too (review of session 13)
    exact = _facts("新建学校12所、培育企业36个、建设园区13个。", "2026-01-27")
    assert [(t, y) for t, _, y, _ in exact if t == "36个"] == [("36个", None)]


def test_payers_bare_spending_is_on_the_work_said_before() -> None:
    text = "抗灾救灾工作全面加强，中央财政五年支出551亿元，受灾群众生产生活得到妥善安排。"
    assert _facts(text, "2008")[0][1] == "中央财政抗灾救灾支出"
    # with no such clause before, only the span summed over is left out
    assert _facts("中央财政五年支出551亿元。", "2008")[0][1] == "中央财政支出"


def test_restating_ji_and_a_scope_before_de_stay_with_the_measure() -> None:
    # 即 restates the change of the figure before (its measure), and is no part of a measure's name
    out = _facts("招生人数由29万人增加到110万人，即增长2.8倍。", "1983")
    assert out[-1][1] == "招生人数增长倍数"
    assert _facts("即期汇率上涨5%。")[0][1].startswith("即期汇率")
    # a scope inside or outside a budget before 的 says which part; a relative clause before 的 is cut
    out = _facts("1979年国家预算内和预算外的基本建设投资总额完成500亿元。", "1980")
    assert out[0][1] == "国家预算内和预算外基本建设投资总额"
    assert _facts("在珠海横琴新区注册的澳资企业达到500家。")[0][1] == "澳资企业数量"


def test_sum_granted_and_named_by_its_aid_is_that_aids_amount() -> None:
    out = _facts("为白内障患者实施免费手术2000例、“两癌”患病妇女给予每人1万元救助；")
    assert out[1][1] == "两癌患病妇女每人救助金额"
    assert _facts("对新认定的高新技术企业给予10万元奖励。")[0][1] == "新认定高新技术企业奖励金额"
    # no recipients and no per-head amount: left to the other rules
    assert _facts("最高给予100万元奖励。")[0][1] != "奖励金额"


def test_year_after_yu_is_a_comparison_base() -> None:
    text = "今年计划要求，货币发行和新增信贷规模与去年大体持平，零售物价上涨幅度控制在百分之六以内。"
    assert _facts(text, "1992")[0][2:] == (1992, True)


def test_a_year_after_yu_is_a_base_only_when_its_clause_compares() -> None:
    # 与 is mostly "and": 2024年与2025年，… names two years, the later one dating the clause as with 和 (review)
    joined = {t: y for t, _, y, _ in _facts("2024年与2025年，全市分别新建学校30所和40所。", "2026-01-27")}
    anded = {t: y for t, _, y, _ in _facts("2024年和2025年，全市分别新建学校30所和40所。", "2026-01-27")}
    assert joined == anded and joined["30所"] == 2025
