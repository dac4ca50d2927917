"""Grammar-level rules of the specific measure (facts3): each rule class on probe sentences written for the test
(no gold sentence), checked on dev half B before it was kept."""

from __future__ import annotations

import pytest

from shuanglian.extract.facts.figures import extract_figures


def specifics(text: str, published: str = "2026-02-05") -> list[tuple[str, str | None]]:
    """(figure as written, specific measure) of every figure of `text`."""
    return [(f["text"], f["specific"]) for f in extract_figures(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare measure word takes the topic of a clause saying how it is doing (制度 cut: what it covers)
        (
            "城镇职工基本养老保险制度不断完善，参保人数突破2亿人。",
            [("突破2亿人", "城镇职工基本养老保险参保人数")],
        ),
        ("市场经营主体增量提质，总量突破1000万户。", [("突破1000万户", "市场经营主体总量")]),
        ("中欧班列保持每天开行一班，发行量同比增长142%。", [("142%", "中欧班列发行量增长率")]),
        # a visits count keeps 人次 for a 分别 change said of it later
        (
            "全年接待游客8.2亿人次、旅游收入9000亿元，分别增长12.5%、15.1%。",
            [
                ("8.2亿人次", "接待游客人次"),
                ("9000亿元", "旅游收入"),
                ("12.5%", "接待游客人次增长率"),
                ("15.1%", "旅游收入增长率"),
            ],
        ),
        # price adjustments are how a change is counted, not what changed
        ("全年居民人均可支配收入扣除价格因素后增长5.1%。", [("5.1%", "居民人均可支配收入增长率")]),
        (
            "城镇居民人均可支配收入，考虑价格下降因素比上年实际增长9.3％；",
            [("9.3％", "城镇居民人均可支配收入实际增长率")],
        ),
        # 其中N为X: a part of the last count, named by what it is
        (
            "试验区累计推出259项制度创新成果，其中56项为全国首创。",
            [("259项", "制度创新成果数量"), ("56项", "全国首创制度创新成果数量")],
        ),
        (
            "全市规上工业企业1200家，其中32家为国家级专精特新小巨人企业。",
            [("1200家", "规上工业企业数量"), ("32家", "国家级专精特新小巨人企业数量")],
        ),
        # 新 + a verb of coming to be is a flow that stays; a keep verb opening examples holds for their kind
        ("全年新登记经营主体120万户。", [("120万户", "新登记经营主体数量")]),
        ("新探明铀矿、金矿等大中型矿产地35处。", [("35处", "新探明大中型矿产地数量")]),
        # a price rises by its 涨幅
        ("居民消费价格指数上涨2%左右。", [("2%左右", "居民消费价格指数涨幅")]),
        # a selecting verb before a size class and 的 stays
        ("引进年薪百万以上的高层次人才300名。", [("300名", "引进高层次人才数量")]),
        # a verb before 性/型 is part of an adjective
        ("建设保障性租赁住房3万套。", [("3万套", "建设保障性租赁住房数量")]),
        ("推出服务型消费新场景20个。", [("20个", "服务型消费新场景数量")]),
        # 该项目 is not 该项 + 目
        ("该项目总投资50亿元。", [("50亿元", "项目总投资")]),
        # 现有 (has now) is dropped like 拥有
        ("我省现有国家重点实验室15家。", [("15家", "国家重点实验室数量")]),
        # a clause that is only a verb takes the topic of the clause before that says how a quantity went
        (
            "外贸出口从7月份开始大幅度回升，全年达到1949亿美元，比上年增长6.1%。",
            [("1949亿美元", "外贸出口"), ("6.1%", "外贸出口增长率")],
        ),
        # 有N家 + what they did, after a clause naming the things alone
        ("世界500强企业，有30家落户海南。", [("30家", "落户世界500强企业数量")]),
        ("全省重点项目中，有120个已开工建设。", [("120个", "开工重点项目数量")]),
        # 发展到 is a verb of reaching; a modal after a rate per time goes, the rate stays
        ("全县茶园面积已发展到12万亩。", [("12万亩", "全县茶园面积")]),
        ("这条生产线投产后，每年可新增产值10亿元。", [("10亿元", "每年新增产值")]),
        # a tonnage of a flow of goods is the flow's quantity (量)
        ("碳市场累计交易5421.8万吨。", [("5421.8万吨", "碳市场交易量")]),
        ("每天中转新鲜蔬果3000吨。", [("3000吨", "每天中转新鲜蔬果量")]),
        # a modal between who does it and the verb goes
        ("其中中央政府拟新增1.18万亿元。", [("1.18万亿元", "中央政府新增")]),
        # 在 + a province's one-character name + what the things do there stays; 在 before other words goes
        ("在鄂投资世界500强企业325家。", [("325家", "在鄂投资世界500强企业数量")]),
        ("在新能源领域投资100亿元。", [("100亿元", "新能源领域投资")]),
        # what a clause builds owns a bare measure after it
        ("部区共建内蒙古牛羊肉交易中心，力争交易额达到100亿元。", [("100亿元", "内蒙古牛羊肉交易中心交易额")]),
        ("建成国际陆港物流园，吞吐量达到50万标箱。", [("50万标箱", "国际陆港物流园吞吐量")]),
        # parts after 其中 are measured as the whole is
        (
            "固定资产投资增长5%，其中工业增长9%、民间增长3%。",
            [("5%", "固定资产投资增长率"), ("9%", "工业投资增长率"), ("3%", "民间投资增长率")],
        ),
        # a level on the first item of a 分别 list holds for the items without one
        ("国家级高新区、经开区分别达到12个、20个。", [("12个", "国家级高新区数量"), ("20个", "国家级经开区数量")]),
        ("国家级高新区、省级开发区分别达到12个、20个。", [("12个", "国家级高新区数量"), ("20个", "省级开发区数量")]),
        # an adjective of kind or rank with 的 before the counted thing stays, 的 goes
        ("实施30个重大的科技项目。", [("30个", "实施重大科技项目数量")]),
        # a measure pointed back at (这一比例) is the one named before in the sentence
        ("研发投入强度为2.1%，力争将这一比例提高到2.5%。", [("2.1%", "研发投入强度"), ("2.5%", "研发投入强度")]),
        # a percentage after 完成 is the share of the plan fulfilled; products in a sentence on output are their output
        (
            "有几项重要产品的产量没有完成计划：钢完成96.4%，原煤完成99.8%。",
            [("96.4%", "钢产量计划完成率"), ("99.8%", "原煤产量计划完成率")],
        ),
        ("本年1至5月份各工业部工业生产总值计划完成102.6%。", [("102.6%", "工业部工业生产总值计划完成率")]),
        # a count of whom something is done for: the deed goes in front
        ("为10万名残疾人提供基本康复服务。", [("10万名", "提供基本康复服务残疾人数量")]),
        ("累计为29个省份保供煤炭超35亿吨。", [("29个", "保供煤炭省份数量"), ("超35亿吨", "保供煤炭量")]),
        # a keep verb before examples holds for the kind after 等
        ("新增康复大学等高校14所。", [("14所", "新增高校数量")]),
        # a counted part after 其中 takes the whole's measure word
        (
            "汽车保有量由2552万辆增至3230万辆，其中新能源汽车由45万辆增至356万辆。",
            [
                ("2552万辆", "汽车保有量"),
                ("3230万辆", "汽车保有量"),
                ("45万辆", "新能源汽车保有量"),
                ("356万辆", "新能源汽车保有量"),
            ],
        ),
        # a change said after the percentage; a share of the things reached; a share after a verb of causing
        ("产业营收保持20%以上增长。", [("20%以上", "产业营收增长率")]),
        ("高校毕业生留皖率从67.6%提高到70%。", [("67.6%", "高校毕业生留皖率"), ("70%", "高校毕业生留皖率")]),
        ("美丽城镇建设覆盖全省93%的建制镇。", [("93%", "美丽城镇建设覆盖建制镇比例")]),
        ("推动60%以上的县级特困供养机构三级达标。", [("60%以上", "县级特困供养机构三级达标比例")]),
        # 等 after the counted thing closes the examples; the status after it still goes in front
        ("五大道公园、设计公园和85个口袋公园等建成开放。", [("85个", "建成开放口袋公园数量")]),
        # a change whose clause names nothing takes the quantity that topped the clause before, past its milestones
        ("全省生产总值连续跨越7万亿、8万亿两个大台阶，年均增长5.9%。", [("5.9%", "生产总值年均增长率")]),
        # a sum after a relative clause (…的) is named by the noun after it
        ("省里下达的10亿元专项资金已全部到位。", [("10亿元", "专项资金")]),
        ("得益于不久前他拿到的2000万元风投。", [("2000万元", "风投金额")]),
        # an area written before 的 and a work is that work's area
        ("村里建起了1500亩的现代农旅示范基地。", [("1500亩", "现代农旅示范基地面积")]),
        # a status said after the unit goes in front of the thing named before the number
        ("重点项目120个已开工建设。", [("120个", "开工重点项目数量")]),
    ],
)
def test_general_rules(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert specifics(text) == expected


def test_topic_is_no_measure() -> None:
    """A clause whose noun is itself a measure (产业规模不断扩大) gives no topic to a bare measure after it."""
    got = dict(specifics("产业规模不断扩大，营业收入达到300亿元。"))
    assert got["300亿元"] != "产业规模营业收入"
