"""Register admission name rules (registers/data/name_rules.yaml): figures, cut numerals, sentences, names of
another kind, kinds of things and joined lists stay out of registers; real names of each kind stay in.
Cases are the classes measured on the whole real corpus (issue 9, session 7)."""

from __future__ import annotations

import pytest

from shuanglian.registers.admission import (
    admitted,
    class_name,
    figure_name,
    generic_name,
    joined_list,
    name_refusal,
    wrong_head,
)
from shuanglian.registers.graphview import EntityView, Fact


def _view(name: str, kind: str, origin: str = "document") -> EntityView:
    fact = Fact(id="st_1", member_id="ent_1", kind=kind, prop="name", value=name, value_json=None, target_id=None,
                origin=origin, document_id="d1" if origin == "document" else None, span=(0, 2), user=None,
                confidence=1.0, status="accepted", created_at=None)  # fmt: skip
    return EntityView(id="ent_1", kind=kind, name=name, names=[name], facts=[fact])


def test_amounts_are_not_names() -> None:
    for kind, name in [("enterprise", "万立方米"), ("enterprise", "白银集团7万吨锌基合金"), ("project", "5家金融租赁管理型项目"),
                       ("project", "117项目"), ("policy", "13条政策"), ("policy", "三个十大行动"), ("project", "两年中新建铁路")]:  # fmt: skip
        assert figure_name(kind, name), name
    # projects and policies carry amounts in their names; programmes count people
    for kind, name in [("project", "年产4万吨基础锂盐一体化项目"), ("project", "330千伏沣渭输变电工程"), ("policy", "万人计划"),
                       ("policy", "240小时过境免签政策"), ("enterprise", "日产"), ("enterprise", "天兵科技")]:  # fmt: skip
        assert not figure_name(kind, name), name


def test_a_name_cut_before_its_measure_word_is_refused() -> None:
    assert name_refusal("enterprise", "中部六") == "numeral_tail"
    for name in ("华龙一号", "中国一重", "第一", "鹏城云脑Ⅲ"):
        assert name_refusal("project", name) != "numeral_tail", name


def test_sentences_are_not_names() -> None:
    assert name_refusal("project", "推进项目建设，确保按期投产") == "sentence"
    assert name_refusal("enterprise", "x" * 31) == "too_long"
    assert name_refusal("policy", "关于支持深圳建设中国特色社会主义先行示范区的意见") is None


def test_names_of_another_kind_are_not_enterprises() -> None:
    for name in ("桂人民解放军", "中国国民党", "交大西迁博物馆", "嘉陵江", "港珠澳大桥", "金融街论坛", "兰州国际马拉松",
                 "海口经济圈", "国家文化公园（四川段）", "普惠托育", "北斗低轨星网系统"):  # fmt: skip
        assert wrong_head("enterprise", name), name
    for name in (
        "中国工商银行",
        "中国中化",
        "燕山石化",
        "众擎机器人",
        "中芯国际",
        "浪潮集团",
        "兴银投资",
        "泰丰先行",
    ):
        assert not wrong_head("enterprise", name), name


def test_a_citys_goal_is_not_a_carrier_and_a_public_account_is_not_a_fund() -> None:
    for name in ("宁波舟山国际航运中心", "区域金融中心", "芜湖省域副中心"):
        assert wrong_head("platform", name), name
    assert not wrong_head("platform", "国家技术转移郑州中心")
    for name in ("社会保险基金", "预算调节基金", "医疗保险统筹基金"):
        assert wrong_head("fund", name), name
    for name in ("丝路基金", "国家自然科学基金", "四川社保科创基金"):
        assert not wrong_head("fund", name), name


@pytest.mark.parametrize(
    ("kind", "name"),
    [("platform", "区域医疗中心"), ("platform", "生物医药产业园"), ("platform", "国家级开发区"), ("university", "老年大学"),
     ("project", "重大生态工程"), ("project", "城际铁路"), ("policy", "货币政策"), ("policy", "中央一揽子支持政策"),
     ("enterprise", "民营银行"), ("enterprise", "数据集团"), ("fund", "省级母基金")],
)  # fmt: skip
def test_kinds_of_things_are_not_names(kind: str, name: str) -> None:
    assert class_name(kind, name)


@pytest.mark.parametrize(
    ("kind", "name"),
    [("enterprise", "国家开发银行"), ("enterprise", "国家电网公司"), ("enterprise", "交通银行"), ("enterprise", "中国银行"),
     ("lab", "鹏城实验室"), ("university", "康复大学"), ("platform", "国家生物育种产业创新中心"),
     ("platform", "长三角国家技术创新中心"), ("fund", "国家创业投资引导基金"), ("fund", "国家自然科学基金"),
     ("policy", "国家中长期科学和技术发展规划"), ("policy", "乡村建设行动"), ("project", "西部陆海新通道")],
)  # fmt: skip
def test_named_things_made_of_common_words_stay(kind: str, name: str) -> None:
    assert not class_name(kind, name)
    assert admitted(_view(name, kind)), name


def test_lists_of_kinds_of_things_are_not_names() -> None:
    for kind, name in [("platform", "开发区和园区"), ("university", "研究生院和大学"), ("platform", "基础设施建设和园区"),
                       ("project", "效益和项目"), ("project", "京广高铁和城际铁路")]:  # fmt: skip
        assert joined_list(kind, name), name
    for kind, name in [("platform", "国家重离子装备制造及应用制造业创新中心"), ("project", "青海三江源生态保护和建设工程"),
                       ("project", "驮英水库及灌区"), ("platform", "西门子能源燃机总装基地及服务中心"),
                       ("enterprise", "汇和银行"), ("policy", "结构调整和技术改造规划"), ("enterprise", "和记黄埔")]:  # fmt: skip
        assert not joined_list(kind, name), name


def test_the_rules_judge_only_names_found_in_documents() -> None:
    assert not admitted(_view("区域医疗中心", "platform"))
    assert admitted(_view("区域医疗中心", "platform", origin="import"))
    assert admitted(_view("中行", "enterprise"))  # a known short name


def test_known_short_names_of_bodies_are_not_enterprises() -> None:
    for name in ("妇联", "侨联", "科协", "工会", "红十字会"):
        assert not admitted(_view(name, "enterprise")), name
        assert admitted(_view(name, "organization")), name
    for name in ("联通", "中行", "京东", "中新互联"):
        assert admitted(_view(name, "enterprise")), name


def test_names_cut_inside_a_clause_or_across_brackets_are_refused() -> None:
    assert name_refusal("enterprise", "民主党派同") == "function_tail"
    assert name_refusal("project", "退耕还林还草以") == "function_tail"
    assert name_refusal("project", "东北）防护林工程") == "unpaired_bracket"
    assert name_refusal("project", "三北 （西北防护林工程") == "unpaired_bracket"
    assert name_refusal("platform", "国家数据标注基地（成都）") is None
    assert name_refusal("policy", "《中华人民共和国青藏高原生态保护法》") is None
    for name in ("大同煤矿集团", "协同创新中心"):
        assert name_refusal("enterprise" if "集团" in name else "platform", name) != "function_tail", name
    assert generic_name("力促雄商高铁") and generic_name("有序开工黄金水道治理")
    assert joined_list("platform", "开发区和工业园区")
