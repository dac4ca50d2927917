"""Kinds of organisations by their head noun and by the list they stand in (org_suffixes.yaml organisation heads,
tagger-read works, 等…企业 lists, listed companies), one test per rule class."""

from __future__ import annotations

import pytest


def _kinds(ents, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.name: m.kind for m in ents(text).values()}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("游客们参观了故宫博物院。", "故宫博物院"),  # 博物院, not a research institute (院)
        ("中国科学技术馆举办了科普活动。", "中国科学技术馆"),
        ("第二十届上海国际电影节开幕。", "第二十届上海国际电影节"),  # the session is part of the name
        ("承办好中德农业周活动。", "中德农业周"),
        ("东岳村股份经济合作社分红到户。", "东岳村股份经济合作社"),
        ("他来到五里墩社区卫生服务中心察看。", "五里墩社区卫生服务中心"),
        ("他在中山大学附属医院接受治疗。", "中山大学附属医院"),  # a university hospital is a hospital
    ],
)
def test_museums_events_cooperatives_and_clinics_are_organisations(ents, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _kinds(ents, text).get(name) == "organization"


def test_work_read_whole_by_the_tagger_is_a_platform(ents) -> None:  # type: ignore[no-untyped-def]
    """北京大兴国际机场 (one LOC word) and 广州|白云国际机场: a place names the work; no place mention of its own."""
    got = _kinds(ents, "旅客从广州白云国际机场出发。")
    assert got.get("广州白云国际机场") == "platform"
    got = _kinds(ents, "旅客飞抵北京大兴国际机场。")
    assert got.get("北京大兴国际机场") == "platform"
    assert "大兴" not in got


def test_bare_party_name_is_the_party(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "人民的幸福就是共产党的事业。")
    assert got.get("共产党") == "government"


def test_list_closed_by_a_counted_or_modified_class_of_companies(ents) -> None:  # type: ignore[no-untyped-def]
    """等 + a count (一批) + up to two modifiers + 企业: the items are companies; a brand with its trade (星曜卫星)
    is one of them, a sector (海洋装备) is not."""
    got = _kinds(ents, "支持银河航天、星曜卫星等商业航天企业做大做强。")
    assert got.get("星曜卫星") == "enterprise"
    assert got.get("银河航天") == "enterprise"
    got = _kinds(ents, "壮大海洋生物医药、海洋装备等企业集群。")
    assert got.get("海洋装备") != "enterprise"


def test_listed_company_short_name_is_a_company(monkeypatch, ents) -> None:  # type: ignore[no-untyped-def]
    """Short names of listed companies (../shared/data/lists/chain-kg, read at run time; stubbed here) are companies
    where a proper noun is among their LAC words; the same characters as common words (节能|风电) are not."""
    from shuanglian.extract.entities import orgs

    monkeypatch.setattr(orgs, "listed_companies", lambda: frozenset({"仕佳光子", "节能风电"}))
    orgs._listed_automaton.cache_clear()
    try:
        from shuanglian.extract.entities.candidates import TokenView
        from shuanglian.extract.lac import Token

        text = "仕佳光子推进节能风电"
        view = TokenView(
            text,
            [
                Token(0, 2, "仕佳", "PER"),
                Token(2, 4, "光子", "n"),
                Token(4, 6, "推进", "v"),
                Token(6, 8, "节能", "vn"),
                Token(8, 10, "风电", "n"),
            ],
        )
        got = [(c.name, c.kind) for c in orgs.listed_company_orgs(view)]
        assert got == [("仕佳光子", "enterprise")]
    finally:
        orgs._listed_automaton.cache_clear()


def test_peoples_organisations_are_bodies_and_make_no_list_of_companies(ents) -> None:  # type: ignore[no-untyped-def]
    """body_kinds: 工会, 共青团 are organisations; the field words listed beside them (妇女, 残疾人) are no companies."""
    got = _kinds(ents, "支持工会、共青团、妇女儿童、慈善、残疾人、红十字等事业发展。")
    assert got.get("共青团") == "organization"
    assert not any(kind == "enterprise" for kind in got.values())


def test_class_of_bodies_is_no_name(ents) -> None:  # type: ignore[no-untyped-def]
    """class_modifiers: 乡镇卫生院, 社区卫生服务中心, 大公司大企业集团 name classes; a named one stays."""
    got = _kinds(ents, "完善乡镇卫生院和社区卫生服务中心，培育一批大公司大企业集团。")
    assert not got
    got = _kinds(ents, "他来到五里墩社区卫生服务中心察看。")
    assert got.get("五里墩社区卫生服务中心") == "organization"


def test_cooperative_needs_a_village_or_a_proper_noun(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "各地农业生产合作社和手工业生产合作社发展很快。")
    assert "农业生产合作社" not in got and "手工业生产合作社" not in got


def test_stationing_or_preposition_glued_to_a_known_body_is_cut(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "感谢驻豫人民解放军和武警部队官兵。")
    assert got.get("人民解放军") == "organization" and got.get("武警部队") == "organization"
    assert "豫人民解放军" not in got
    got = _kinds(ents, "以二十国集团峰会等为主要平台。")
    assert got.get("二十国集团") == "organization"


def test_political_or_criminal_group_is_no_company(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "粉碎胡风反革命集团，打掉一个电信诈骗集团，华为集团发展壮大。")
    assert got.get("胡风反革命集团") == "organization"
    assert got.get("华为集团") == "enterprise"


def test_central_bank_and_armed_police_by_their_report_names(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "加强人民武装警察部队建设，健全中央银行利率调控框架。")
    assert got.get("人民武装警察部队") == "organization"
    assert got.get("中央银行") == "government"


def test_school_or_hospital_numbered_within_its_place(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "习近平接着来到文明瑶族乡第一片小学，走进厨房。")
    assert got.get("文明瑶族乡第一片小学") == "organization"


def test_known_body_keeps_its_name_and_its_business_is_no_industry(ents) -> None:  # type: ignore[no-untyped-def]
    """中海油|新材料 in a list of projects: the company is 中海油, and 新材料 written right after it is its business,
    not an industry mention; 新材料 on its own stays one."""
    got = _kinds(ents, "实施中石化催化剂、中海油新材料等重点项目。")
    assert got.get("中海油") == "enterprise"
    assert "中海油新材料" not in got and "新材料" not in got
    got = _kinds(ents, "大力发展新材料产业。")
    assert got.get("新材料") == "industry"


def test_known_body_is_no_alias_of_its_suffixless_project() -> None:
    """merge_org_aliases: 中海油 (a known body) stays apart from 中海油装备智能制造 (a project or unit without a suffix);
    a known short name still joins its known full name on the page (中船 / 中国船舶集团有限公司)."""
    from shuanglian.extract.entities.groups import Group, merge_org_aliases

    groups = {("org", n): Group("enterprise", n, {n}) for n in ("中海油", "中海油装备智能制造")}
    merge_org_aliases(groups)
    assert set(groups) == {("org", "中海油"), ("org", "中海油装备智能制造")}
    groups = {("org", n): Group("enterprise", n, {n}) for n in ("中船", "中国船舶集团有限公司")}
    merge_org_aliases(groups)
    assert set(groups) == {("org", "中国船舶集团有限公司")}


def test_named_corridor_and_counsellors_office(ents) -> None:  # type: ignore[no-untyped-def]
    """大通道 named with places is a work (platform), not a company; a government's 参事室 is a government body."""
    got = _kinds(ents, "建设汉湘桂内河航运大通道，组建运行省政府参事室。")
    assert got.get("汉湘桂内河航运大通道") == "platform"
    assert got.get("省政府参事室") == "government"


def test_list_of_services_before_a_class_of_companies_names_no_company(ents) -> None:  # type: ignore[no-untyped-def]
    """计量、标准、检测、认证等服务企业: the items are services in common words, no member; a list with a named
    member (天兵科技) still makes its items companies."""
    got = _kinds(ents, "持续提升计量、标准、检测、认证等服务企业的能力。")
    assert not any(kind == "enterprise" for kind in got.values())


def test_two_bare_heads_joined_are_a_list_of_classes(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "要关心图书馆、博物馆、科技馆和文化馆等群众性文化事业。")
    assert not got


def test_blocs_parties_and_armies_are_organisations(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "七十七国集团和东南亚条约集团，中国人民志愿军入朝作战，八路军和新四军，国民党。")
    for name in ("七十七国集团", "东南亚条约集团", "中国人民志愿军", "八路军", "新四军", "国民党"):
        assert got.get(name) == "organization", name


def test_tagger_span_taking_a_stationing_back_is_cut(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "向全省各族人民和驻豫人民解放军、武警部队官兵致以敬意。")
    assert got.get("人民解放军") == "organization"
    assert "豫人民解放军" not in got


def test_known_body_opening_with_a_descriptive_word_keeps_it(ents) -> None:  # type: ignore[no-untyped-def]
    """联合 opens 联合国: it is not cut as a descriptive start (国教科文组织…)."""
    got = _kinds(ents, "联合国教科文组织保护非物质文化遗产政府间委员会会议召开。")
    assert not any(name.startswith("国教科文") for name in got)


def test_connective_before_a_body_lac_reads_alone_ends_the_name(ents) -> None:  # type: ignore[no-untyped-def]
    """党代会|和|省委, 人大代表建议|和|政协: 和 before a head word LAC reads as a body is no part of a name."""
    got = _kinds(ents, "按照省第十三次党代会和省委全会部署，自觉接受人大代表建议和政协提案。")
    assert "党代会和省委" not in got and "人大代表建议和政协" not in got
