"""Specific measures, session 14 (issue 9): one test per rule class written on dev half A
(tests/fixtures/real_gold/README.md "Measures"); each sentence fails without its rule."""

from __future__ import annotations

import pytest

from shuanglian.extract.facts.figures import extract_figures


def specifics(text: str, published: str = "2026-02-05") -> list[tuple[str, str | None]]:
    """(figure as written, specific measure) of every figure of `text`."""
    return [(f["text"], f["specific"]) for f in extract_figures(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the thing said to change in the clause before, then 由A年的X增加到B年的Y, then a rate over N年间
        (
            "预算外资金却大幅度增加，由一九七八年的三百七十一亿元增加到一九八二年的六百五十亿元，四年间增长百分之七十五点二。",
            [
                ("三百七十一亿元", "预算外资金"),
                ("六百五十亿元", "预算外资金"),
                ("百分之七十五点二", "预算外资金增长率"),
            ],
        ),
        # a decade as the start of the change (已由五十年代的50%左右，上升到80%以上)
        (
            "国营建筑企业固定职工的比例，已由五十年代的５０％左右，上升到８０％以上。",
            [("５０％左右", "国营建筑企业固定职工比例"), ("８０％以上", "国营建筑企业固定职工比例")],
        ),
        # the end of a change dated by its year names the same thing as its start
        ("钢产量由一九七八年的3178万吨增加到一九八二年的3716万吨。", [("3178万吨", "钢产量"), ("3716万吨", "钢产量")]),
    ],
)
def test_a_change_from_a_to_b_of_the_thing_named_before(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 新 before a verb that selects opens the list for every item
        (
            "新打造省级特色酒庄5个、美酒美食街区5条、五星级白酒体验酒店5家。",
            [
                ("5个", "新打造省级特色酒庄数量"),
                ("5条", "新打造美酒美食街区数量"),
                ("5家", "新打造五星级白酒体验酒店数量"),
            ],
        ),
        # joined verbs that select both open the list
        ("支持建设省级孵化器10家、众创空间20家。", [("10家", "支持建设省级孵化器数量"), ("20家", "支持建设众创空间数量")]),
        # a joined verb before examples holds for the kind they end with
        ("布局实施人工智能、高端航空装备等9个重大科技专项。", [("9个", "布局实施重大科技专项数量")]),
    ],
)
def test_the_verbs_opening_a_list_hold_for_every_item(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deed closing a list of counts holds for every item; the opening 推进 adds nothing
        (
            "推进3个未来产业先导区、6个未来产业加速园建设。",
            [("3个", "建设未来产业先导区数量"), ("6个", "建设未来产业加速园数量")],
        ),
        # the deed goes in front with its manner; 实施 adds nothing then
        ("实施100条客运班线公交化改造。", [("100条", "公交化改造客运班线数量")]),
        # 完成 before a deed of renewing or treating stays (session 13 rule 1)
        ("完成40座成品油储罐深度治理。", [("40座", "完成深度治理成品油储罐数量")]),
        # the building of projects is their status: no deed in front
        ("加快推动600个以上亿元级工业项目建设。", [("600个以上", "亿元级工业项目数量")]),
    ],
)
def test_a_deed_closing_the_clause_of_counted_things(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the counted things won says which ones are counted: the predicate goes in front
        ("6部作品获文华奖。", [("6部", "获文华奖作品数量")]),
        ("12个项目获国家科学技术奖。", [("12个", "获国家科学技术奖项目数量")]),
        ("6家组织获得第五届中国质量奖提名奖。", [("6家", "获得第五届中国质量奖提名奖组织数量")]),
    ],
)
def test_an_award_won_by_the_counted_things(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # bounds of the figure never enter the measure (README "Measures", session 13 rule 2)
        ("城镇登记失业率低于4.6%。", [("4.6%", "城镇登记失业率")]),
        ("农村人口少于2万人。", [("2万人", "农村人口数量")]),
    ],
)
def test_bounds_below_stay_out_of_the_measure(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plan period as the base of a comparison is no part of the measure
        ("国家财政收入比“八五”时期增长1.2倍。", [("1.2倍", "国家财政收入增长倍数")]),
        ("高价值发明专利较“十三五”时期增长148%。", [("148%", "高价值发明专利增长率")]),
        (
            "教育经费计划为九百六十七亿元，比第五个五年计划期间的五百七十七亿元增加百分之六十八。",
            [("九百六十七亿元", "教育经费"), ("五百七十七亿元", "教育经费"), ("百分之六十八", "教育经费增长率")],
        ),
    ],
)
def test_a_plan_period_compared_with(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 平均每年 alone says how the change is counted, not what changed: the sentence's thing does
        (
            "职工工资总额由七百七十三亿元增加到九百八十三亿元，平均每年增长百分之四点九。",
            [("七百七十三亿元", "职工工资总额"), ("九百八十三亿元", "职工工资总额"), ("百分之四点九", "职工工资总额年均增长率")],
        ),
        # N年中 opening a clause is a period, as N年间
        (
            "纯收入将由一百九十一元增加到二百五十五元，平均每年递增百分之六，"
            "这个速度高于一九五五年至一九八○年二十六年中平均每年递增百分之四点三的水平。",
            [
                ("一百九十一元", "纯收入"),
                ("二百五十五元", "纯收入"),
                ("百分之六", "纯收入年均递增率"),
                ("百分之四点三", "纯收入年均递增率"),
            ],
        ),
    ],
)
def test_a_yearly_average_alone_is_said_of_the_sentences_thing(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a word opening with a lead character (可, 再, 共) is one word: nothing is cut from it
        ("可再生能源装机占比达到56.2%。", [("56.2%", "可再生能源装机占比")]),
        ("再生资源回收量达到200万吨。", [("200万吨", "再生资源回收量")]),
        ("共享单车投放量达到10万辆。", [("10万辆", "共享单车投放量")]),
    ],
)
def test_words_opening_with_a_lead_character_stay_whole(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a modal or 为此 between a treasury and what it spends goes; the payer stays (session 12 rule 10)
        ("中央财政将投入60亿元。", [("60亿元", "中央财政投入")]),
        ("今年中央财政为此新增支出140亿元。", [("140亿元", "中央财政新增支出")]),
        # 款 names a sum as 资金 does (救灾款)
        ("中央财政安排384亿元救灾款。", [("384亿元", "中央财政救灾款")]),
    ],
)
def test_what_a_treasury_spends(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a level or a wage named alone in the clause before a change is what changed
        (
            "到一九八五年，城乡居民按人口平均的消费水平，将比一九八○年增长百分之二十二。",
            [("百分之二十二", "城乡居民人均消费水平增长率")],
        ),
        ("职工平均工资，比上年增长百分之十。", [("百分之十", "职工平均工资增长率")]),
    ],
)
def test_a_level_named_alone_before_its_change(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a one-character unit with the other units in a gloss: counted together (省区市, gold-b's wording)
        (
            "28个省（区、市）、2300个县（市）已初步建立社会救助体系的基本框架。",
            [("28个", "省区市数量"), ("2300个", "县市数量")],
        ),
    ],
)
def test_units_glossed_after_a_one_character_head(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one change said of several things with 都/均: a figure for each of them
        (
            "制造业贷款余额、科技贷款余额均增长11.7%。",
            [("11.7%", "制造业贷款余额增长率"), ("11.7%", "科技贷款余额增长率")],
        ),
        (
            "国民收入和国家财政收入都比上年增长１２％。",
            [("１２％", "国民收入增长率"), ("１２％", "国家财政收入增长率")],
        ),
        # the things of the two figures before, when the clause names none
        (
            "原煤产量达到七亿七千多万吨，原油达到一亿一千四百多万吨，都比上年增长８％。",
            [
                ("七亿七千多万吨", "原煤产量"),
                ("一亿一千四百多万吨", "原油产量"),
                ("８％", "原煤产量增长率"),
                ("８％", "原油产量增长率"),
            ],
        ),
        # examples before 等 are each named whole; a staple product's change is its output's
        (
            "烤烟、桑蚕茧、猪牛羊肉等都增长百分之五十以上。",
            [("百分之五十以上", "烤烟增长率"), ("百分之五十以上", "桑蚕茧增长率"), ("百分之五十以上", "猪牛羊肉增长率")],
        ),
        (
            "粮食、棉花都比上年增长百分之十。",
            [("百分之十", "粮食产量增长率"), ("百分之十", "棉花产量增长率")],
        ),
        # 年均, 人均 are no 均 of several things
        ("居民人均可支配收入年均增长5.3%。", [("5.3%", "居民人均可支配收入年均增长率")]),
    ],
)
def test_one_change_said_of_several_things(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the end of a change after a count's unit is no thing counted; 拓展到 ends a change as 扩大到 does
        ("跨部门综合监管事项从39个拓展到91个。", [("39个", "跨部门综合监管事项数量"), ("91个", "跨部门综合监管事项数量")]),
        ("国务院非常设机构由８５个减为２６个。", [("８５个", "国务院非常设机构数量"), ("２６个", "国务院非常设机构数量")]),
        # 年均 before 增速 is one word: 均 is no qualifier cut from the end
        ("地区生产总值年均增速4.5%。", [("4.5%", "地区生产总值年均增速")]),
    ],
)
def test_ends_of_changes_and_yearly_averages(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


def test_a_rate_counted_in_people_takes_no_count_suffix() -> None:
    # 死亡率0.6人 (per 亿元): the rate is the measure, no 人数 after it
    assert specifics("亿元地区生产总值生产安全事故死亡率0.6人。") == [("0.6人", "亿元地区生产总值生产安全事故死亡率")]


def test_a_product_listed_with_outputs_is_measured_by_its_output() -> None:
    # 钢产量…；原煤…；化学纤维…: after an output, each product of the list (across ；) is measured by its output
    text = (
        "这两年中，钢产量由二千零四十六万吨增加到三千一百七十八万吨；"
        "化学纤维由十四万六千吨增加到二十八万五千吨，增长百分之九十五。"
    )
    assert specifics(text) == [
        ("二千零四十六万吨", "钢产量"),
        ("三千一百七十八万吨", "钢产量"),
        ("十四万六千吨", "化学纤维产量"),
        ("二十八万五千吨", "化学纤维产量"),
        ("百分之九十五", "化学纤维产量增长率"),
    ]


def test_a_staple_products_growth_in_multiples_is_its_outputs() -> None:
    # as 粮食增长16% -> 粮食产量增长率: 油料增长1.26倍 -> 油料产量增长倍数
    assert specifics("我国粮食增长百分之十六，油料增长一点二六倍。") == [
        ("百分之十六", "粮食产量增长率"),
        ("一点二六倍", "油料产量增长倍数"),
    ]
