"""Specific measures under the session-13 gold conventions (tests/fixtures/real_gold/README.md, "Conventions decided
2026-12-05 (session 13)", and the session-12 rules they build on): one test per rule class."""

from __future__ import annotations

import pytest

from shuanglian.extract.facts.figures import extract_figures


def specifics(text: str, published: str = "2026-02-05") -> list[tuple[str, str | None]]:
    """(figure as written, specific measure) of every figure of `text`."""
    return [(f["text"], f["specific"]) for f in extract_figures(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # building, renewing, carrying out, holding, giving: the verb says which things (this year's new ones)
        ("建设10个县级综合养老服务中心。", [("10个", "建设县级综合养老服务中心数量")]),
        ("实施亿元以上技改项目1200项以上。", [("1200项以上", "实施亿元以上技改项目数量")]),
        ("举办大型营业性演出100场、重大体育赛事200场。", [("100场", "举办大型营业性演出场次"), ("200场", "举办重大体育赛事场次")]),
        ("布局建设省级概念验证中心67家。", [("67家", "布局建设省级概念验证中心数量")]),
        ("5.完善提升20个县乡村三级养老服务网络。", [("20个", "完善提升县乡村三级养老服务网络数量")]),
        # a verb opening a list holds for every item; stopping verbs select too, joined ones both stay
        (
            "办理全国人大代表建议9件、全国政协提案5件。",
            [("9件", "办理全国人大代表建议数量"), ("5件", "办理全国政协提案数量")],
        ),
        ("1979年停建、缓建了大中型项目295个。", [("295个", "停建缓建大中型项目数量")]),
        # 完成 + a verb of doing said after the things stays with it
        ("8个重点河湖入河排污口完成整治。", [("8个", "完成整治重点河湖入河排污口数量")]),
    ],
)
def test_verbs_of_doing_stay(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an activity counted by its own units names itself: 实施/开展 go
        ("实施农村适龄妇女两癌筛查120万人次。", [("120万人次", "农村适龄妇女两癌筛查人次")]),
        ("开展补贴性职业技能培训28.69万人次。", [("28.69万人次", "补贴性职业技能培训人次")]),
        # what the things did says which, not what moved them (带动…落地)
        ("京东方已带动一百多家配套企业落地。", [("一百多家", "落地配套企业数量")]),
        # a sum is not selected by a verb of doing: the plan's sum, the projects' investment
        ("实施总额4万亿元的两年投资计划。", [("4万亿元", "两年投资计划总额")]),
        # measures exist only as issued: 推出/出台 add nothing
        ("黑龙江推出20条政策措施。", [("20条", "政策措施数量")]),
    ],
)
def test_verbs_of_doing_that_add_nothing(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a total is a count (总数 -> 数量), but not a title (副总) nor the whole a share is of
        ("截至五月底，装备制造业企业总数达246万家。", [("246万家", "装备制造业企业数量")]),
        ("“五上”企业总数增长9％。", [("9％", "五上企业数量增长率")]),
        ("省市县选派科技副总1787名。", [("1787名", "选派科技副总数量")]),
        # a sum over projects is written 总投资 (other sums keep their word)
        ("今天，广州签约动工87个重点项目，投资总额超1000亿元。", [("87个", "签约动工重点项目数量"), ("超1000亿元", "签约动工重点项目总投资")]),
        ("签约项目协议总投资额超过519亿元。", [("超过519亿元", "签约项目协议总投资")]),
        ("1979年基本建设投资总额完成500亿元。", [("500亿元", "基本建设投资总额")]),
    ],
)
def test_wording_of_totals_and_project_sums(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 完成 of an activity's area or an amount goes; 完成投资 of projects follows the projects
        ("累计完成生态建设1.23亿亩。", [("1.23亿亩", "生态建设面积")]),
        ("累计完成重大项目投资3.8万亿元。", [("3.8万亿元", "重大项目完成投资")]),
        ("完成交通投资800亿元。", [("800亿元", "交通投资")]),
        # a sum after a count of projects a verb of doing selected is the projects' (实施 is no status)
        ("实施重大项目1900多个，完成投资2500亿元以上。", [("1900多个", "实施重大项目数量"), ("2500亿元以上", "重大项目完成投资")]),
    ],
)
def test_completed_amounts(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每年实施20项重点民生实事。", [("20项", "每年实施重点民生实事数量")]),
        ("每年高质量办成10件为民实事。", [("10件", "每年为民实事数量")]),
        ("如今，合肥平均每天就要诞生5家高新技术企业。", [("5家", "每天诞生高新技术企业数量")]),
    ],
)
def test_rates_per_time_stay_in_counts(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


def test_treasury_payers_stay() -> None:
    assert specifics("中央财政拟安排“三农”投入8183亿元，比上年增加930亿元。") == [
        ("8183亿元", "中央财政三农投入"),
        ("930亿元", "中央财政三农投入增加额"),
    ]
    assert specifics("省级财政安排4亿元专项资金支持项目前期工作。") == [("4亿元", "省级财政项目前期工作专项资金")]
    # who decides is no treasury
    assert specifics("国务院决定今年安排30亿元建设资金。") == [("30亿元", "建设资金")]


def test_staple_products_change_their_output() -> None:
    assert specifics("粮食两年增长百分之四十六，棉花两年增长百分之四十七。") == [
        ("百分之四十六", "粮食产量增长率"),
        ("百分之四十七", "棉花产量增长率"),
    ]


def test_a_class_alone_takes_the_next_class_head() -> None:
    assert specifics("培育形成3个万亿级和7个千亿级产业集群。") == [
        ("3个", "培育万亿级产业集群数量"),
        ("7个", "培育千亿级产业集群数量"),
    ]


def test_hands_at_a_worksite() -> None:
    assert specifics("在国家重点项目大广高速南康至龙南段扩容工地，1200多人、500多台机械抓紧建设。") == [
        ("1200多人", "施工人数"),
        ("500多台", "施工机械数量"),
    ]
    # people counted elsewhere are not hands at work
    assert specifics("园区已入驻企业86家，从业人员1200人。")[1][1] == "从业人员数量"  # no worksite: no 施工


def test_each_is_no_part_of_what_is_measured() -> None:
    # 各 'each' goes like 各类 (各项 is one word)
    assert specifics("本年１——５月份各工业部工业生产总值计划完成１０２．６％。")[0][1] == "工业部工业生产总值计划完成率"


def test_a_total_written_with_its_count_suffix_is_a_count_once() -> None:
    # 总数 is written 数量; 总数量 is that too, not 数量量 (review of session 13)
    assert specifics("全市设备总数量达到3000台。")[0][1] == "设备数量"
