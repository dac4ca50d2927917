"""Specific measures of figures (figures[].specific): the thing counted or spent as the clause names it."""

from __future__ import annotations

import pytest

from shuanglian.extract.facts.figures import extract_figures
from shuanglian.extract.facts.specific import SpecificState, specific_measure


def specifics(text: str, published: str = "2026-02-05") -> list[tuple[str, str | None]]:
    """(figure as written, specific measure) of every figure of `text`."""
    return [(f["text"], f["specific"]) for f in extract_figures(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of the previous figure carries to a bare change (、增长5.5%)
        (
            "全省地区生产总值5.3万亿元、增长5.5%，规上工业增加值增长9.4%。",
            [("5.3万亿元", "地区生产总值"), ("5.5%", "地区生产总值增长率"), ("9.4%", "规上工业增加值增长率")],
        ),
        # 分别: the list items share the last item's head
        (
            "城镇、农村常住居民人均可支配收入分别增长4.4%、5.9%。",
            [("4.4%", "城镇常住居民人均可支配收入增长率"), ("5.9%", "农村常住居民人均可支配收入增长率")],
        ),
        (
            "完成新建、重组11家全国重点实验室，国家级、部级创新平台分别达到22家、182家。",
            [
                ("11家", "新建重组全国重点实验室数量"),
                ("22家", "国家级创新平台数量"),
                ("182家", "部级创新平台数量"),
            ],
        ),
        # a keep-verb opening a list stays in front of every item
        (
            "新增科技型中小企业7227家、高新技术企业3200家、专精特新企业1565家。",
            [
                ("7227家", "新增科技型中小企业数量"),
                ("3200家", "新增高新技术企业数量"),
                ("1565家", "新增专精特新企业数量"),
            ],
        ),
        # the counted thing after the unit; 实施 (a verb of doing, session 13 rule 1) and 新建 kept
        (
            "实施3000个技改项目，新建90家绿色工厂。",
            [("3000个", "实施技改项目数量"), ("90家", "新建绿色工厂数量")],
        ),
        # money: 增加 -> 增加额; a bare 达到 takes the sentence's subject
        (
            "一般公共预算收入增加近1000亿元，稳步达到3000亿元以上。",
            [("近1000亿元", "一般公共预算收入增加额"), ("3000亿元以上", "一般公共预算收入")],
        ),
        # a generic sum names whose it is from the count before it
        (
            "开工项目131个、总投资476亿元；签约项目50个、总投资935亿元。",
            [
                ("131个", "开工项目数量"),
                ("476亿元", "开工项目总投资"),
                ("50个", "签约项目数量"),
                ("935亿元", "签约项目总投资"),
            ],
        ),
        # the upper end of a range has the same measure; 年均 stays
        ("地区生产总值增长4.5%—5%。", [("4.5%", "地区生产总值增长率"), ("5%", "地区生产总值增长率")]),
        ("固定资产投资年均增长12.8%。", [("12.8%", "固定资产投资年均增长率")]),
        # a sum of something named after 的
        ("在黄河三角洲，总投资10.6亿元的湿地修复项目开工。", [("10.6亿元", "湿地修复项目总投资")]),
        # what the counted things did names which are counted; 落户 keeps only the verb
        (
            "13个大模型通过国家备案，8家全国重点实验室落户河北。",
            [("13个", "通过国家备案大模型数量"), ("8家", "落户全国重点实验室数量")],
        ),
        # kinds joined by 、 before one count are one measure; a verb opening a list of names stays
        ("国家领航级、卓越级智能工厂达到24家。", [("24家", "国家领航级卓越级智能工厂数量")]),
        ("新增仙桃、潜江、宜都、大冶4个千亿县。", [("4个", "新增千亿县数量")]),
        # a contracted pair split over 分别
        (
            "城乡居民人均可支配收入分别增长6%和7.4%。",
            [("6%", "城镇居民人均可支配收入增长率"), ("7.4%", "农村居民人均可支配收入增长率")],
        ),
        (
            "一二三产增加值分别增长3.5%、6%、5%。",
            [("3.5%", "一产增加值增长率"), ("6%", "二产增加值增长率"), ("5%", "三产增加值增长率")],
        ),
        # a point gap is said of the subject's growth; tonnage before a product is its capacity
        (
            "规上工业增加值增长7.7%，高于全国1.8个百分点。",
            [("7.7%", "规上工业增加值增长率"), ("1.8个百分点", "规上工业增加值增速高于全国")],
        ),
        ("推进白银集团7万吨锌基合金等项目建设。", [("7万吨", "白银集团锌基合金产能")]),
        ("两院院士增至93位。", [("93位", "两院院士人数")]),
        # values listed after a contracted pair pair up as with 分别; kinds joined after one count count together
        (
            "前11月我国城乡低保标准同比增长7.4%和10.4%。",
            [("7.4%", "城市低保标准增长率"), ("10.4%", "农村低保标准增长率")],
        ),
        ("新建200个智能车间、智能工厂。", [("200个", "新建智能车间智能工厂数量")]),
        (
            "限额以上通讯器材、家用电器零售额分别增长40.9%、27.1%。",
            [("40.9%", "限额以上通讯器材零售额增长率"), ("27.1%", "限额以上家用电器零售额增长率")],
        ),
        # a verb opening a list of counts stays in front of each, also after 和
        (
            "建成投产3个露天煤矿和15个井工煤矿。",
            [("3个", "建成投产露天煤矿数量"), ("15个", "建成投产井工煤矿数量")],
        ),
        (
            "新培育10个概念验证中心、20个中试平台。",
            [("10个", "新培育概念验证中心数量"), ("20个", "新培育中试平台数量")],
        ),
        # a sum written right before what it is; 首期 names a tranche
        ("2024年7000亿元超长期特别国债支持的项目基本全部开工。", [("7000亿元", "超长期特别国债")]),
        ("首期100亿元省级科技创新母基金投运。", [("100亿元", "省级科技创新母基金首期规模")]),
        # a share said of the figure before it; issuing a sum names it by what is issued
        (
            "全国财政赤字合计9500亿元，占国内生产总值比重在3%以内。",
            [("9500亿元", "财政赤字"), ("3%", "财政赤字占国内生产总值比重")],
        ),
        ("今年拟发行1400亿元长期建设国债。", [("1400亿元", "长期建设国债发行规模")]),
        # a short owner before 的 stays; a sector heading the sentence owns a bare sum; people by what they did
        ("职工的年平均工资达到705元。", [("705元", "职工年平均工资")]),
        ("煤炭工业建设，五年投资一百七十九亿元。", [("一百七十九亿元", "煤炭工业投资")]),
        (
            "2人当选中国工程院院士，47人入选科技领域国家重点人才计划。",
            [("2人", "当选中国工程院院士人数"), ("47人", "入选科技领域国家重点人才计划人数")],
        ),
        # who did it is not what is counted, unless the verb says which ones (实施; 累计 is left out by the convention)
        ("省市县选派科技副总1787名。", [("1787名", "选派科技副总数量")]),
        ("累计实施工业技改项目2.15万个。", [("2.15万个", "实施工业技改项目数量")]),
        # capacity by stage of one kind of power; a used-up 分别 list does not swallow the next figure
        (
            "新能源开工1600万千瓦、投产1000万千瓦以上。",
            [("1600万千瓦", "新能源开工装机规模"), ("1000万千瓦以上", "新能源投产装机规模")],
        ),
        (
            "概念验证中心、中试基地分别达到69家、107家，1324人凭转化贡献晋升职称。",
            [("69家", "概念验证中心数量"), ("107家", "中试基地数量"), ("1324人", "凭转化贡献晋升职称人数")],
        ),
    ],
)
def test_specific_measures(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


def test_place_names_are_cut_from_the_front() -> None:
    state = SpecificState()
    assert (
        specific_measure("广东国家级高新技术企业数量已经", "count", None, "", "家", state, ["广东"])
        == "国家级高新技术企业数量"
    )


def test_a_clause_without_a_measure_gives_none() -> None:
    assert specific_measure("并且", "money", None, "", "元") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 完成投资 is a term of its own: it stays after the subject it is said of
        (
            "实施重大项目1900多个，完成投资2500亿元以上。",
            [("1900多个", "实施重大项目数量"), ("2500亿元以上", "重大项目完成投资")],
        ),
        # an adverb is cut before a verb only; before a noun it is part of the name (重点领域)
        ("布局重点领域重大攻关项目120项以上。", [("120项以上", "布局重点领域重大攻关项目数量")]),
        ("重点推进技改项目300个。", [("300个", "技改项目数量")]),
        # X对Y的贡献率: the 对 phrase says of what the rate is
        ("工业对全省经济增长的贡献率达到36.1%。", [("36.1%", "工业对全省经济增长贡献率")]),
        ("新产业、新产品对工业增长贡献超50%。", [("超50%", "新产业新产品对工业增长贡献率")]),
        # verbs of reach stay (what is reached is counted); 涉及 only before a count whose thing follows
        ("陇原绿电通达大江南北，惠及26个省份。", [("26个", "惠及省份数量")]),
        ("目前已覆盖全国35个城市。", [("35个", "覆盖城市数量")]),
        ("项目总投资约12.68亿元，涉及13个街道。", [("约12.68亿元", "项目总投资"), ("13个", "涉及街道数量")]),
        ("涉及重大工程项目共583个。", [("583个", "重大工程项目数量")]),
        # a predicate on an attribute of the counted things says which ones are counted
        ("无人机、光子等8条产业链产值两位数增长。", [("8条", "产值两位数增长产业链数量")]),
        ("重点行业46种产品能耗达到国家先进值。", [("46种", "能耗达到国家先进值产品数量")]),
        (
            "17个重点传统制造业增加值增长5.3%。",
            [("17个", "重点传统制造业数量"), ("5.3%", "重点传统制造业增加值增长率")],
        ),
        # a project's name after 的 ends with its head noun
        (
            "总投资410亿元的巨化硅氟新材料项目刷新我省单体工业项目投资纪录。",
            [("410亿元", "巨化硅氟新材料项目总投资")],
        ),
        # the end of a change said of the same thing (由…精简至…)
        (
            "企业投资项目审批事项由过去的23项精简至8项。",
            [("23项", "企业投资项目审批事项数量"), ("8项", "企业投资项目审批事项数量")],
        ),
        # a field heading names the bare projects of its sentence
        (
            "公路方面，新开工晏城至表白寺等2个项目，提速庆云至章丘等23个续建项目，建成通车济南至宁津等5个项目。",
            [("2个", "新开工公路项目数量"), ("23个", "续建公路项目数量"), ("5个", "建成通车公路项目数量")],
        ),
        # size classes between a count and its projects
        ("推进70个30亿元以上项目建设。", [("70个", "30亿元以上项目数量"), ("30亿元以上", None)]),
        # a total after a flow is the stock: the flow verb goes
        ("新增百亿县区26个，累计达到46个。", [("26个", "新增百亿县区数量"), ("46个", "百亿县区数量")]),
        # a count that changes keeps its change
        ("贫困人口减少800万人。", [("800万人", "贫困人口减少人数")]),
        (
            "新开放了5个沿江城市，增加了34个开放口岸。",
            [("5个", "新开放沿江城市数量"), ("34个", "增加开放口岸数量")],
        ),
        # comparison base with 预算; 扩大 N% is a growth rate
        (
            "拟安排中央财政赤字2950亿元，比上年预算减少50亿元。",
            [("2950亿元", "中央财政赤字"), ("50亿元", "中央财政赤字减少额")],
        ),
        ("普通高等学校招生规模比上年扩大47.4%。", [("47.4%", "普通高等学校招生规模增长率")]),
        # the sum of a plan named after 的, with a verb before the sum word
        ("实施总额4万亿元的两年投资计划。", [("4万亿元", "两年投资计划总额")]),
    ],
)
def test_general_grammar_of_measures(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


def test_place_before_regional_gdp_is_cut() -> None:
    figs = extract_figures("安徽地区生产总值达到4.3万亿元。", "2022-07-22", places=["安徽"])
    assert [f["specific"] for f in figs] == ["地区生产总值"]


def test_working_days_are_no_count() -> None:
    assert specifics("审批时限由过去的147个工作日压缩至40个工作日。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the last item names a kind of an earlier one: only the shared head goes to the others
        (
            "工业、制造业、工业技改投资分别增长9.4%、13.3%、6.1%。",
            [("9.4%", "工业投资增长率"), ("13.3%", "制造业投资增长率"), ("6.1%", "工业技改投资增长率")],
        ),
        (
            "城镇、农村常住居民收入分别增长4.4%、5.9%。",
            [("4.4%", "城镇常住居民收入增长率"), ("5.9%", "农村常住居民收入增长率")],
        ),
        # a bare 总X after the first item is the same owner's
        (
            "国内游客人次、总花费增长5.6%、7.5%。",
            [("5.6%", "国内游客人次增长率"), ("7.5%", "国内游客总花费增长率")],
        ),
        # a gloss inside the clause and a time word inside the name are not the measure
        (
            "1979年全民所有制职工全年工资总额（包括奖金在内）比上年增加60亿元。",
            [("60亿元", "全民所有制职工工资总额增加额")],
        ),
    ],
)
def test_lists_glosses_and_inner_time_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a multiple: the base (是以前的, 是2012年的) is not the measure
        ("生产线24小时运作，产能是以前的10倍以上。", [("10倍以上", "产能倍数")]),
        (
            "2021年财政科技支出超过416亿元，是2012年的4.3倍。",
            [("超过416亿元", "财政科技支出"), ("4.3倍", "财政科技支出倍数")],
        ),
        ("五年间进出口总额增长1倍。", [("1倍", "进出口总额增长倍数")]),
        # a size said of a thing named after 的, whose name ends with its head noun
        ("一个面积近20万平方米的湿地公园也已经初具规模。", [("近20万平方米", "湿地公园面积")]),
        ("总装机容量50万千瓦的马驹沟光伏电站加速推进。", [("50万千瓦", "马驹沟光伏电站总装机容量")]),
    ],
)
def test_multiples_and_sizes_of_named_things(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an item that names its own measure takes no head from the last one
        (
            "社会消费品零售总额、固定资产投资分别增长5.1%和4.3%。",
            [("5.1%", "社会消费品零售总额增长率"), ("4.3%", "固定资产投资增长率")],
        ),
        # earlier figures as the items of 分别, joined by 和
        (
            "全年接待国内外游客8500万人次，实现旅游收入1200亿元，分别增长12%和15%。",
            [
                ("8500万人次", "接待国内外游客人次"),
                ("1200亿元", "旅游收入"),
                ("12%", "接待国内外游客人次增长率"),  # the change of a visits count keeps 人次 (as the gold writes)
                ("15%", "旅游收入增长率"),
            ],
        ),
        # X占Y的比重
        ("外贸进出口总额占全国的比重为3.2%。", [("3.2%", "外贸进出口总额占全国比重")]),
        # a total after a flow; a rank after 其中 takes the kind counted before
        # 总量 keeps its word as written (市场经营主体总量), after 、 too; 总数 is written 数量
        (
            "新认定高新技术企业2100家，总数达到1.2万家。",
            [("2100家", "新认定高新技术企业数量"), ("1.2万家", "高新技术企业数量")],
        ),
        ("新增上市公司45家、总量达1224家。", [("45家", "新增上市公司数量"), ("1224家", "上市公司总量")]),
        (
            "全省已建成省级以上孵化器120家，其中国家级45家。",
            [("120家", "省级以上孵化器数量"), ("45家", "国家级孵化器数量")],
        ),
        # 建成 stays a status of projects only
        (
            "建成自治区级以上绿色工厂510个、绿色园区32个，建成重点项目40个。",
            [("510个", "自治区级以上绿色工厂数量"), ("32个", "绿色园区数量"), ("40个", "建成重点项目数量")],
        ),
        # a sum right before the counted thing is its size class
        ("签约项目中，百亿元以上项目12个。", [("百亿元以上", None), ("12个", "百亿元以上项目数量")]),
        (
            "发放援企稳岗资金6168.67万元，惠及职工10.07万人。",
            [("6168.67万元", "援企稳岗资金"), ("10.07万人", "惠及职工数量")],
        ),
    ],
)
def test_series_ratios_totals_and_classes(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(t, s) for t, s in specifics(text, "2019-06-01")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # X占Y + % is X's share of Y (比重); 占地面积 is no share
        (
            "该公司研发人员超过2000人，占员工总数的35%。",
            [("超过2000人", "公司研发人员数量"), ("35%", "公司研发人员占员工总数比重")],
        ),
        ("一期项目总投资50亿元，占地面积1200亩。", [("50亿元", "一期项目总投资"), ("1200亩", "占地面积")]),
        # a yearly output, also for the later items of a list it opens
        ("这个项目建成后，每年可生产新能源汽车30万辆。", [("30万辆", "新能源汽车年产量")]),
        ("未来可实现年产方形储能电池2600万只、电池组500万个。", [("500万个", "电池组年产量")]),
    ],
)
def test_shares_and_yearly_outputs(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


def test_share_of_the_things_after_a_percentage() -> None:
    assert specifics("到2020年，实现80%高频服务事项掌上办理。") == [("80%", "高频服务事项掌上办理比例")]
    # a one-character thing before what it did: named predicate first, as the gold does (普及小学教育县比例)
    assert specifics("全国已有百分之七十六的县普及了小学教育。") == [("百分之七十六", "普及小学教育县比例")]
    assert specifics("城镇调查失业率5.1%。") == [("5.1%", "城镇调查失业率")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the thing before 已, the verb after it says which ones are counted; a subject before 已 is no measure
        ("全市重点项目已开工120个。", [("120个", "开工重点项目数量")]),
        ("高新技术企业已达到3000家。", [("3000家", "高新技术企业数量")]),
        ("这个产业园已入驻企业86家。", [("86家", "入驻企业数量")]),
        # 可 before 达 is no part of the measure
        ("项目投产后，预计年产值可达50亿元。", [("50亿元", "年产值")]),
    ],
)
def test_aspect_and_modal_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


def test_who_spends_is_not_what_is_spent() -> None:
    assert specifics("省财政安排专项资金20亿元，支持企业技术改造。") == [("20亿元", "省财政专项资金")]
    assert specifics("企业研发投入达到50亿元。") == [("50亿元", "企业研发投入")]  # 投入 is a noun here


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a spend verb before the sum: the sum noun after the number, named by the purpose after 支持/用于
        ("市级财政安排3亿元专项资金支持企业技术改造。", [("3亿元", "市级财政企业技术改造专项资金")]),
        ("中央财政下达100亿元补贴资金用于农机购置。", [("100亿元", "农机购置补贴资金")]),
        # no sum noun: the work the money pays for names it
        ("筹措7亿元实施就业惠民工程。", [("7亿元", "就业惠民工程资金")]),
        # a bare 总投资 after a clause naming a batch of projects: the batch, with its status verb
        (
            "近日签约的一批重大项目涵盖数据经济、集成电路等领域，总投资428亿元。",
            [("428亿元", "签约重大项目总投资")],
        ),
        # a 在…领域 phrase says where the money went, not what it is
        ("国有资本在战略性新兴产业领域累计投入超1600亿元。", [("超1600亿元", "国有资本投入")]),
    ],
)
def test_what_a_sum_is(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # N户M人: the second count is the people of the households, not the name of the first
        (
            "该村原有建档立卡贫困户145户585人。",
            [("145户", "建档立卡贫困户数量"), ("585人", "建档立卡贫困人口数量")],
        ),
        # kinds joined by 、 after one count are one name only without a second count (上百台)
        (
            "近千名工人、上百台大型机械设备同时作业。",
            [("近千名", "工人数量"), ("上百台", "大型机械设备数量")],
        ),
        # an adverb or 实现 between the thing and its status verb
        ("广西推动1159个重大项目陆续实现开工建设。", [("1159个", "开工重大项目数量")]),
        # verbs that say which things are counted stay: 安置, 开工建设, a predicate 调研
        ("该社区安置回迁群众5000多人。", [("5000多人", "安置回迁群众数量")]),
        ("开工建设8个抽水蓄能电站。", [("8个", "开工建设抽水蓄能电站数量")]),
        ("他在10多个省市区调研发现。", [("10多个", "调研省市区数量")]),
        # 从事…行业的 names the kind of the thing counted
        ("其中从事科学研究和技术服务行业的企业超过400家。", [("超过400家", "科学研究和技术服务企业数量")]),
        # N人口: the unit is the word 人口
        ("在一个13亿人口的发展中国家。", [("13亿人", "人口数量")]),
    ],
)
def test_what_a_count_is(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # modal 要, conjunctions, the 把 construction and adverbs before the verb are no part of the measure
        ("今年要淘汰燃煤小锅炉5万台。", [("5万台", "淘汰燃煤小锅炉数量")]),
        ("但赤字率稳定在2.1%。", [("2.1%", "赤字率")]),
        ("把居民消费价格涨幅控制在3.5%左右。", [("3.5%左右", "居民消费价格涨幅")]),
        (
            "贫困地区农村学生上重点高校人数要再增长10%以上。",
            [("10%以上", "贫困地区农村学生上重点高校人数增长率")],
        ),
        # a length: 里程 of a route, 长度 of anything else
        ("改建农村公路20万公里。", [("20万公里", "改建农村公路里程")]),
        ("建设和改造城镇地下管网1.2万公里。", [("1.2万公里", "建设和改造城镇地下管网长度")]),
    ],
)
def test_words_around_the_measure(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare measure word listed after a measure of something is said of the same owner
        (
            "实现粮食播种面积3320万亩、产量1285万吨以上。",
            [("3320万亩", "粮食播种面积"), ("1285万吨以上", "粮食产量")],
        ),
        (
            "猕猴桃综合产值增长8.5％、出口增长53.6％。",
            [("8.5％", "猕猴桃综合产值增长率"), ("53.6％", "猕猴桃出口增长率")],
        ),
        # X与Y的比率 keeps both things; 从每人每月 is the base of a rate, not the measure
        (
            "社会物流总费用与地区生产总值的比率降至13.6%左右。",
            [("13.6%左右", "社会物流总费用与地区生产总值比率")],
        ),
        (
            "孤儿基本生活保障标准从每人每月1500元提高到1600元。",
            [("1500元", "孤儿基本生活保障标准"), ("1600元", "孤儿基本生活保障标准")],
        ),
        ("进出口总额接连突破8万亿元、9万亿元。", [("突破8万亿元", "进出口总额"), ("9万亿元", "进出口总额")]),
        (
            "全区地方财政收入、支出分别突破300亿元和3000亿元。",
            [("突破300亿元", "地方财政收入"), ("3000亿元", "地方财政支出")],
        ),
        ("林草产业总产值在全国率先突破万亿元。", [("突破万亿元", "林草产业总产值")]),
    ],
)
def test_owner_of_a_listed_measure(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year between the thing and its verb; a comparison base ending in 年底
        (
            "国内生产总值2000年达89404亿元，平均每年增长8.3％。",
            [("89404亿元", "国内生产总值"), ("8.3％", "国内生产总值年均增长率")],
        ),
        (
            "国家外汇储备2000年底达1656亿美元，比1995年底增加920亿美元。",
            [("1656亿美元", "国家外汇储备"), ("920亿美元", "国家外汇储备增加额")],
        ),
        # the items of 分别 ending the clause before; a later pair of values goes to the same items
        (
            "农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元，平均每年实际增长4.7％和5.7％。",
            [
                ("2253元", "农村居民人均纯收入"),
                ("6280元", "城镇居民人均可支配收入"),
                ("4.7％", "农村居民人均纯收入年均实际增长率"),
                ("5.7％", "城镇居民人均可支配收入年均实际增长率"),
            ],
        ),
    ],
)
def test_older_report_sentences(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text, "2001-03-05") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a span of years, a five-year plan period and 一定要 open the clause without naming anything
        ("从2003年到2006年年均超收2040亿元。", [("2040亿元", "年均超收")]),
        ("一定要守住全国耕地不少于18亿亩这条红线。", [("不少于18亿亩", "守住全国耕地面积")]),
        # one change said of several years: every value has the same measure
        (
            "单位国内生产总值能耗由前三年分别上升4.9％、5.5％、0.2％。",
            [
                ("4.9％", "单位国内生产总值能耗增长率"),
                ("5.5％", "单位国内生产总值能耗增长率"),
                ("0.2％", "单位国内生产总值能耗增长率"),
            ],
        ),
    ],
)
def test_time_spans_and_repeated_values(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text, "2007-03-05") == expected


def test_short_gloss_inside_a_word_and_trial_run_status() -> None:
    # a one- or two-character gloss inside a word is part of it, not a clause break
    assert specifics("新增首台（套）重大技术装备25项。") == [("25项", "新增首台（套）重大技术装备数量")]
    assert specifics("制造业单项冠军企业（产品）60个。") == [("60个", "制造业单项冠军企业数量")]
    # 建成试运转 after the counted thing says which ones are counted
    assert specifics("可可盖等11处煤矿建成试运转。") == [("11处", "建成试运转煤矿数量")]


def test_aspects_as_measure_words_and_escaping_poverty() -> None:
    # N个方面X: 方面 is a measure word, X is what is counted (not before a verb: 5个方面提出了…)
    assert specifics("广东推出12个方面举措。") == [("12个", "举措数量")]
    # 脱贫 after the counted households says which are counted
    assert specifics("95户贫困户已经脱贫。") == [("95户", "脱贫贫困户数量")]


def test_a_gloss_inside_a_word_stays_and_one_before_punctuation_leaves_no_bracket() -> None:
    # 首台（套）: a one- or two-character gloss inside a word is no clause break; before a comma both brackets cut,
    # so no clause keeps a lone ）(亿元）)
    from shuanglian.extract.facts.specific import _CLAUSE_CUT

    assert _CLAUSE_CUT.split("首台（套）重大技术装备达到5台") == ["首台（套）重大技术装备达到5台"]
    parts = [p for p in _CLAUSE_CUT.split("全省生产总值（亿元），增长5%") if p]
    assert parts == ["全省生产总值", "亿元", "增长5%"]
    assert [p for p in _CLAUSE_CUT.split("地区生产总值（GDP）达到1万亿元") if p] == [
        "地区生产总值",
        "GDP",
        "达到1万亿元",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the convention (real_gold/README.md "Measures"): 累计 and a period summed are left out, 集中 too
        ("五年累计新开工亿元以上项目1200个。", [("1200个", "新开工亿元以上项目数量")]),
        (
            "全市120个项目集中开工，总投资500亿元。",
            [("120个", "开工项目数量"), ("500亿元", "开工项目总投资")],
        ),
        ("煤层气五年累计产量达到100亿立方米。", [("100亿立方米", "煤层气产量")]),
        # ... but a change over the period keeps its term
        ("单位地区生产总值能耗累计下降13.5%。", [("13.5%", "单位地区生产总值能耗累计下降率")]),
        # a status verb after the counted thing, past an adverb of how (集中)
        ("开发区60个项目集中签约动工。", [("60个", "签约动工项目数量")]),
        # two selecting verbs joined by 和 both stay
        ("累计引进和培育80家软件企业。", [("80家", "引进培育软件企业数量")]),
        ("新增和认定20家研发机构。", [("20家", "新增认定研发机构数量")]),
        # a verb alone counts the sentence's thing (without its count word or an earlier verb)
        (
            "高新技术企业数量增加到6507家，今年力争再净增3000家。",
            [("6507家", "高新技术企业数量"), ("3000家", "净增高新技术企业数量")],
        ),
        ("新增上市公司5家，今年再新增3家。", [("5家", "新增上市公司数量"), ("3家", "新增上市公司数量")]),
        # the next number's qualifier (超) is no part of the counted thing's name
        (
            "为8个城市输送天然气超20亿立方米。",
            [("8个", "输送天然气城市数量"), ("超20亿立方米", "输送天然气量")],  # whom it is done for (为…): the deed in front
        ),
        # a head shared by counts joined with 和 goes to the first thing when it names no kind
        (
            "实施50项技术攻关和30个成果转化项目。",
            [("50项", "实施技术攻关项目数量"), ("30个", "实施成果转化项目数量")],
        ),
        ("建设3个露天煤矿和15个井工煤矿。", [("3个", "建设露天煤矿数量"), ("15个", "建设井工煤矿数量")]),
        # a verb opening a list holds for every item, past 累计, an adverb or the subject before it
        (
            "累计培育创新型企业1714家、专精特新企业814家。",
            [("1714家", "培育创新型企业数量"), ("814家", "培育专精特新企业数量")],
        ),
        (
            "大力培育10条市级产业链和8条县级产业链。",
            [("10条", "培育市级产业链数量"), ("8条", "培育县级产业链数量")],
        ),
        (
            "省市县选派科技副总1787名、产业教授973名。",
            [("1787名", "选派科技副总数量"), ("973名", "选派产业教授数量")],
        ),
        # 组建 says which are counted (the ones set up)
        ("组建创新联合体15个。", [("15个", "组建创新联合体数量")]),
        # the joiner of the next item is no part of either name
        (
            "认定瞪羚企业358户和独角兽企业1户。",
            [("358户", "认定瞪羚企业数量"), ("1户", "认定独角兽企业数量")],
        ),
    ],
)
def test_measure_convention_and_verbs_of_counts(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 培育认定 says which are counted (convention "Measures": flows)
        ("去年培育认定300家专精特新企业。", [("300家", "培育认定专精特新企业数量")]),
        # 人均 ends a count's thing (not 农户年人)
        ("带动50多户农户年人均增收2000元。", [("50多户", "带动农户数量"), ("2000元", "农户年人均增收")]),
        # 正在建设的 is 在建
        ("目前正在建设的重点实验室有8个。", [("8个", "在建重点实验室数量")]),
        # 布局 after the thing is what was done, not part of its name
        ("全省20个重大平台布局建设。", [("20个", "重大平台数量")]),
        # two statuses joined after the thing both say which (或 stays)
        ("今年80个产业项目签约或开工。", [("80个", "签约或开工产业项目数量")]),
        # the land an area is of, named after its unit (not a phrase pointing back at the figure)
        ("全年修复治理30万亩退化湿地。", [("30万亩", "修复治理退化湿地面积")]),
        ("守住耕地不少于18亿亩这条红线。", [("不少于18亿亩", "守住耕地面积")]),
    ],
)
def test_verbs_and_ends_of_counted_things(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rate or share after 的 is said of what stands before it
        ("去年高新技术产业的增长速度达到12%。", [("12%", "高新技术产业增长速度")]),
        ("确保政府采购工程面向中小企业的预留份额达40%以上。", [("40%以上", "政府采购工程面向中小企业预留份额")]),
        # a ratio named by the clause before, its change from an earlier level told after
        (
            "由社会资本投入的比重，已经由三年前的30%提高到45%。",
            [("30%", "社会资本投入比重"), ("45%", "社会资本投入比重")],
        ),
        # percentage points said once at a list's end; the gap to a compared level keeps its words
        (
            "工业投资、民间投资增速分别高于全省2.5个、3个百分点。",
            [("2.5个", "工业投资增速高于全省"), ("3个百分点", "民间投资增速高于全省")],
        ),
        # an owner opening the sentence before a bare measure; 整个 is no part of it
        ("智能制造产业保持快速增长势头，产值增长20%。", [("20%", "智能制造产业产值增长率")]),
        ("整个园区已经形成完整链条，产值达到430亿元。", [("430亿元", "园区产值")]),
        # not when the clause opens with a verb
        ("推动制造业高端化发展，产值增长10%。", [("10%", "产值增长率")]),
    ],
)
def test_rates_shares_and_owners(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


def test_percentage_points_said_once_get_their_unit() -> None:
    figs = extract_figures("工业投资、民间投资增速分别高于全省2.5个、3个百分点。", "2026-02-05")
    assert [(f["value"], f["unit"]) for f in figs] == [(2.5, "个百分点"), (3, "个百分点")]
    # a count list stays a count list
    figs = extract_figures("新建学校12个、医院3个。", "2026-02-05")
    assert [f["unit"] for f in figs] == ["个", "个"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 计划总投资 names its sum (convention: 计划 stays where it says which sum)
        ("今年签约项目50个，计划总投资300亿元。", [("50个", "签约项目数量"), ("300亿元", "计划总投资")]),
        # 计划开工 says which projects; the fields they span say where, not which
        ("今年计划开工涉及交通、水利等领域200个项目。", [("200个", "计划开工项目数量")]),
        ("计划开工项目500多个。", [("500多个", "计划开工项目数量")]),
        # a thing ends before 和 and the next item's examples
        ("建设5条城际铁路和沪宁等3条高速公路。", [("5条", "建设城际铁路数量"), ("3条", "建设高速公路数量")]),
        # examples before 等 are not the kind counted or summed
        ("打掉涉黑涉恶等犯罪团伙12个。", [("12个", "犯罪团伙数量")]),
        ("数字经济、绿色低碳等四个赛道产业总规模突破4万亿元。", [("突破4万亿元", "四个赛道产业总规模")]),
        # … but a 分别 list's items keep theirs, and 中等, 等级 are words
        (
            "食品、医药等产业增加值分别增长7.5%、17.4%。",
            [("7.5%", "食品产业增加值增长率"), ("17.4%", "医药产业增加值增长率")],
        ),
        ("中等职业学校在校生达到30万人。", [("30万人", "中等职业学校在校生人数")]),
    ],
)
def test_planned_projects_and_examples(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a size class said as a sum keeps the verb and the sum it is of
        (
            "新签约总投资5亿元以上项目80个。",
            [("5亿元以上", "新签约总投资"), ("80个", "新签约总投资5亿元以上项目数量")],
        ),
        ("其中百亿元以上项目12个。", [("百亿元以上", None), ("12个", "百亿元以上项目数量")]),
        # 连续两年 and 保持 open the clause; 保持率 is a word
        ("连续三年保持研发投入的增长速度达到15%。", [("15%", "研发投入增长速度")]),
        ("保持率达到90%。", [("90%", "保持率")]),
    ],
)
def test_size_classes_and_clause_openers(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what the counted people did after them says which (先后 is how)
        ("会上，5位代表先后发言。", [("5位", "发言代表数量")]),
        # a count's thing ends before the sum said of it, which is the things' own
        ("全省121个项目总投资1.8万亿元。", [("121个", "项目数量"), ("1.8万亿元", "项目总投资")]),
    ],
)
def test_predicates_and_sums_after_counted_things(text: str, expected: list[tuple[str, str]]) -> None:
    assert specifics(text) == expected


def test_kinds_sharing_a_head_name_it_once() -> None:
    assert specifics("新认定独角兽企业、瞪羚企业120家。") == [("120家", "新认定独角兽瞪羚企业数量")]
    # kinds without a shared head stay as written
    assert specifics("国家领航级、卓越级智能工厂达到24家。") == [("24家", "国家领航级卓越级智能工厂数量")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # classifiers of things counted: 颗, 头, 列, 门; throughputs in 标箱 and 吨公里 are volumes (no 数量)
        ("组网卫星增至144颗。", [("144颗", "组网卫星数量")]),
        ("班列累计开行2705列，肉牛屠宰加工量80万头。", [("2705列", "班列开行数量"), ("80万头", "肉牛屠宰加工量")]),
        ("集装箱吞吐量历史性突破1000万标箱。", [("突破1000万标箱", "集装箱吞吐量")]),
        ("铁路货运周转量达到11620亿吨公里。", [("11620亿吨公里", "铁路货运周转量")]),
        # the word for how many follows the unit: 场 -> 场次, 期 -> 期数
        ("举办消费季活动500场以上，完成援外培训任务40期。", [("500场以上", "举办消费季活动场次"), ("40期", "援外培训任务期数")]),
        # 以上 after a unit is the qualifier (200所以上 is no 所以)
        ("新建公办幼儿园200所以上。", [("200所以上", "新建公办幼儿园数量")]),
    ],
)
def test_units_of_counted_things(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


def test_a_quoted_name_keeps_the_place_it_opens_with() -> None:
    """“吉林一号” is one name: 吉林 is no scope word to cut there, while 吉林省 before a measure is."""
    figs = extract_figures("“吉林一号”组网卫星增至144颗。吉林省组网卫星增至150颗。", "2026-02-05", places=["吉林省", "吉林"])
    assert [f["specific"] for f in figs] == ["吉林一号组网卫星数量", "组网卫星数量"]


def test_period_words_do_not_open_a_count() -> None:
    """一期工程, 二期项目: a small Chinese numeral before 期 is a phase, not a count."""
    assert specifics("一期工程已经完工，二期项目正在建设。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # enumerators number the point and name nothing
        ("（一）各项税收共收到127亿元。", [("127亿元", "各项税收")]),
        ("2.实现城镇新增就业18万人以上。", [("18万人以上", "城镇新增就业人数")]),
        ("十四是免费送戏下乡1万场。", [("1万场", "免费送戏下乡场次")]),
        # verbs of keeping or reaching a level before the number are no part of the measure
        ("主要河流出境断面水质优良率保持100%。", [("100%", "主要河流出境断面水质优良率")]),
        ("设施农业总产值实现2810亿元。", [("2810亿元", "设施农业总产值")]),
        # a span in years inside a long measure is when, not what
        ("中等职业学校在校生总数三年来增加两倍。", [("两倍", "中等职业学校在校生数量增长倍数")]),
        # a verb of change with 为 gives the level reached (as 提高到 does), not a change
        ("工业所占的比重，1952年为41.5%，1957年上升为56.5%。", [("41.5%", "工业所占比重"), ("56.5%", "工业所占比重")]),
        ("私营工业所占的比重则由1954年的25%下降为16%。", [("25%", "私营工业所占比重"), ("16%", "私营工业所占比重")]),
    ],
)
def test_clause_openers_levels_and_periods(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # short predicates joined by 、 before 的 describe the counted thing, named after 的
        ("打造40个吸引力强、带动面广的消费场景。", [("40个", "打造消费场景数量")]),
        # so does a clause opened by a preposition
        ("培育10家左右在全国有重要行业影响力的龙头企业。", [("10家左右", "培育龙头企业数量")]),
        ("形成了30多家从上游原材料、中游显示面板到下游终端生产的全产业链。", [("30多家", "全产业链数量")]),
        # one-character names joined by 、 are the things counted (市、县), not a clause
        ("全省3个市、县的企业参加。", [("3个", "市县数量")]),
    ],
)
def test_a_described_thing_is_named_after_de(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare head counted refers to the things an earlier clause named in full with that head
        (
            "新旧动能转换重大项目优选不再预先限定数量，321个项目总投资1.8万亿元。",
            [("321个", "新旧动能转换重大项目数量"), ("1.8万亿元", "新旧动能转换重大项目总投资")],
        ),
        ("对小微企业实行税收优惠，600多万户企业受益。", [("600多万户", "小微企业数量")]),
        # a verb before the count says which ones: no reference back
        ("推进重点项目建设，开工120个项目。", [("120个", "开工项目数量")]),
    ],
)
def test_a_bare_head_refers_back(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clause of time set by a project's stage, with its modal, is when, not what
        ("上汽基地全部投产后可新增年产值600亿元。", [("600亿元", "新增年产值")]),
        ("项目建成后年产值可达50亿元。", [("50亿元", "年产值")]),
        # 相当于 opens a comparison, not a measure; 个千分点 are points like 个百分点
        ("出生率下降5个千分点，相当于五年少生1500万人左右。", [("5个千分点", "出生率下降"), ("1500万人左右", "少生人数")]),
    ],
)
def test_conditions_and_comparisons_open_no_measure(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # what helps a measure along is not the measure
        ("陆相页岩油全国重点实验室助力页岩油年产量突破100万吨。", [("突破100万吨", "页岩油年产量")]),
        ("科技创新推动粮食产量增长5%。", [("5%", "粮食产量增长率")]),
        # 拉动 names a measure of its own, pulled by what the clause before did (gold: 促消费活动拉动消费)
        ("开展系列促消费活动，拉动消费75亿元。", [("75亿元", "促消费活动拉动消费")]),
    ],
)
def test_causative_verbs_before_a_measure(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quoted predicate closing the clause after a count's thing is what they did, not their name
        ("至此，安徽全部16个地市“入长”。", [("16个", "地市数量")]),
        ("32个事关高质量发展的科研课题“揭榜挂帅”，政府发榜。", [("32个", "科研课题数量")]),
        # a quoted name before a noun stays in it
        ("新增10个国家级“小巨人”企业。", [("10个", "新增国家级小巨人企业数量")]),
        # connectives and demonstratives open no measure; 却 is an adverb, no part of it
        ("而国内财政收入却下降了3.3%。", [("3.3%", "国内财政收入下降率")]),
        ("而这两个投资百亿元的高端制造项目是一个侧影。", [("百亿元", "高端制造项目投资")]),
    ],
)
def test_quoted_predicates_connectives_and_demonstratives(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 实现 + a short verb closing the clause after the counted thing says which ones are counted
        ("京津冀685家医疗机构实现互认。", [("685家", "互认医疗机构数量")]),
        ("市、区两级709个政策项目实现免申即享。", [("709个", "免申即享政策项目数量")]),
        # a longer predicate is no such verb
        ("5600多家定点医疗机构实现跨省异地就医住院费用直接结算。", [("5600多家", "定点医疗机构数量")]),
    ],
)
def test_what_counted_things_came_to_do(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # adverbs and predicate verbs after a counted name end it
        ("百余项国家级改革试点任务先行探索。", [("百余项", "国家级改革试点任务数量")]),
        ("千余家优质企业融入“六链五群”。", [("千余家", "优质企业数量")]),
        ("支持22个国家级产业融合载体延伸上下游产业链。", [("22个", "支持国家级产业融合载体数量")]),
    ],
)
def test_predicates_end_a_counted_name(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a deed written after the counted thing goes in front of it
        ("完成800个经济薄弱村扶持和100个乡村振兴示范村创建。", [("800个", "扶持经济薄弱村数量"), ("100个", "创建乡村振兴示范村数量")]),
        # 落实 spends: what is spent is after it; it also ends a counted name
        ("19个援疆省市落实对口援疆资金197亿元。", [("19个", "援疆省市数量"), ("197亿元", "对口援疆资金")]),
        # a mark passed after the unit names nothing
        ("蔬菜产量突破百万吨大关。", [("突破百万吨", "蔬菜产量")]),
        # a sum said of sales is their amount
        ("高原炊具累计销售5.1亿元。", [("5.1亿元", "高原炊具销售额")]),
    ],
)
def test_deeds_spending_marks_and_sales(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected
