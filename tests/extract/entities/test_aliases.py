"""Short names tied to full names within a document."""

from __future__ import annotations

from shuanglian.extract.entities.aliases import core, is_alias, link


def test_rules() -> None:
    full = "深圳迈瑞生物医疗电子股份有限公司"
    assert core(full) == "迈瑞"  # place, legal form and business words stripped
    assert is_alias("迈瑞医疗", full)
    assert is_alias("迈瑞", full)
    assert is_alias("光明科学城", "深圳光明科学城")
    assert not is_alias("南开大学", "南开大学化学学院")
    assert not is_alias("天津大学", "南开大学")
    assert not is_alias("医疗", full)


def test_link_chooses_root() -> None:
    names = ["深圳迈瑞生物医疗电子股份有限公司", "迈瑞医疗", "迈瑞", "南开大学", "天津大学"]
    got = link(names)
    assert got == {"迈瑞医疗": names[0], "迈瑞": names[0]}


def test_aliases_in_document(ents) -> None:  # type: ignore[no-untyped-def]
    text = (
        "黄坤明来到深圳迈瑞生物医疗电子股份有限公司。在高交会上，迈瑞医疗携除颤仪亮相，"
        "迈瑞医疗工作人员介绍了产品。由中科院、深圳市和香港中文大学共同发起的研究院，得到中国科学院的支持。"
    )
    e = ents(text)
    mindray = e["深圳迈瑞生物医疗电子股份有限公司"]
    assert mindray.name == "深圳迈瑞生物医疗电子股份有限公司"
    assert mindray.kind == "enterprise"
    assert "迈瑞医疗" in mindray.aliases
    assert len(mindray.spans) == 3
    cas = e["中国科学院"]
    assert cas.name == "中国科学院" and cas.aliases == ["中科院"] and cas.kind == "research_institute"
    assert e["南开大学" if "南开大学" in e else "香港中文大学"].name == "香港中文大学"


def test_university_short_names_from_gazetteer(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("南开大学和天津大学同在天津。要激发南开、天大等高校创新策源能力。")
    assert e["南开大学"].aliases == ["南开"]
    assert e["天津大学"].aliases == ["天大"]
    assert e["南开大学"] is not e["天津大学"]


def test_abbreviation_rules() -> None:
    assert is_alias("东湖高新区", "武汉东湖新技术开发区")
    assert is_alias("大连化物所", "中国科学院大连化学物理研究所")
    assert is_alias("省工信厅", "江苏省工业和信息化厅")
    assert is_alias("三峡集团", "中国长江三峡集团有限公司")
    assert not is_alias("工业和信息化部", "工业和信息化部装备工业一司")
    assert not is_alias("南山区", "南山区科技创新局")


def test_group_name_joins_its_legal_name(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("海信集团控股股份有限公司董事长贾少谦表示，海信将持续投入，海信集团今年营收增长。")
    m = e["海信集团控股股份有限公司"]
    assert {"海信集团", "海信"} <= set(m.aliases)


def test_short_name_in_brackets(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("中国电子科技集团有限公司（中国电科）发布新品。深圳市智能机器人研究院（以下简称“研究院”）参与。")
    assert "中国电科" in e["中国电子科技集团有限公司"].aliases
    assert e["深圳市智能机器人研究院"].aliases == []  # a generic word is not a short name


def test_unit_named_after_its_parent(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("复旦大学华山医院发布新技术。华山医院专家介绍，已完成百例手术。")
    assert "华山医院" in e["复旦大学华山医院"].aliases


def test_core_strips_the_longest_business_tail() -> None:
    from shuanglian.extract.entities.aliases import core

    # 新材料 and 材料 are both tails: the longest is stripped whatever the set's iteration order
    assert core("宁波金田新材料") == "金田"


def test_short_name_links_to_the_full_name_of_its_own_kind() -> None:
    from shuanglian.extract.entities.aliases import link

    names = ["中国华能集团", "中国华能", "华能", "华能清洁能源研究院"]
    kinds = {"中国华能集团": "enterprise", "中国华能": "enterprise", "华能": "enterprise", "华能清洁能源研究院": "research_institute"}
    assert link(names, kinds)["华能"] == "中国华能集团"
    assert "华能" not in link(names)  # without kinds the tie stays unresolved
