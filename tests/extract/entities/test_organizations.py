"""Bodies of the `organization` kind: associations, funds, hospitals, exchanges, forums."""

from __future__ import annotations


def _kinds(ents, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.name: m.kind for m in ents(text).values()}


def test_funds_named_with_common_words(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "国家中小企业发展基金与苏州市天使投资基金共同领投，另有一支产业母基金跟投。")
    assert got.get("国家中小企业发展基金") == "fund"
    assert got.get("苏州市天使投资基金") == "fund"
    assert "产业母基金" not in got


def test_fund_named_after_its_zone(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "成都高新区管委会宣布，规模50亿元的高新区引导基金正式设立。")
    assert got.get("高新区引导基金") == "fund"


def test_fund_names_take_their_level_and_stop_at_a_connective(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "在自治区产业基金下设立子基金，首期100亿元省级科技创新母基金投运，中国红十字基金会捐款。"
                       "继续对行政事业性收费和政府性基金进行清理。")
    assert got.get("自治区产业基金") == "fund"
    assert got.get("省级科技创新母基金") == "fund"
    assert got.get("中国红十字基金会") == "organization"
    assert not [n for n in got if "和" in n], got


def test_bare_body_word_written_back_is_not_a_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "成都市软件行业协会今天成立，协会将每年发布白皮书，联盟和学会也将加入。")
    assert got.get("成都市软件行业协会") == "organization"
    assert not {"协会", "联盟", "学会"} & got.keys()


def test_hospitals_exchanges_and_forums(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "浙江大学医学院附属第一医院、北京证券交易所和博鳌亚洲论坛的代表出席。")
    assert got.get("北京证券交易所") == "organization"
    assert got.get("博鳌亚洲论坛") == "organization"
    assert any(k.endswith("第一医院") and v == "organization" for k, v in got.items())


def test_initials_short_name_joins_the_full_name(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("中国航空工业发展研究中心发布报告。中航中心负责人表示，将持续跟踪。")
    m = e["中国航空工业发展研究中心"]
    assert "中航中心" in m.aliases


def test_federations_consortia_and_plain_funds(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "浙江省慈善总会、智能网联汽车产业创新联合体和国家制造业转型升级基金参与。设立专项基金。")
    assert got.get("浙江省慈善总会") == "organization"
    assert got.get("智能网联汽车产业创新联合体") == "organization"
    assert got.get("国家制造业转型升级基金") == "fund"
    assert "专项基金" not in got


def test_schools_and_memorial_sites_are_organizations(ents) -> None:  # type: ignore[no-untyped-def]
    """org_suffixes: a 陵园 is a body like a 纪念馆; a primary or middle school is an organisation (not a university)."""
    got = ents("16日下午，习近平首先来到鄂豫皖苏区首府烈士陵园。他还走访了金寨县第一中学。")
    assert got["鄂豫皖苏区首府烈士陵园"].kind == "organization"
    assert all(m.kind != "university" for m in got.values())


def test_particle_suo_after_a_body_is_no_institute(ents) -> None:  # type: ignore[no-untyped-def]
    got = {n: m.kind for n, m in ents("五年来，我们完成了第七届全国人民代表大会所确定的任务。").items()}
    assert "全国人民代表大会所" not in got  # 所 + 确定: the particle
    assert got.get("全国人民代表大会") == "government"
    got = {n: m.kind for n, m in ents("中国科学院上海药物研究所研制成功。").items()}
    assert got.get("中国科学院上海药物研究所") == "research_institute"  # a real 所 stays


def test_body_named_in_its_reports_title_is_no_mention(ents) -> None:  # type: ignore[no-untyped-def]
    assert "内蒙古自治区政府" not in ents("2026年内蒙古自治区政府工作报告")
    got = {n: m.kind for n, m in ents("内蒙古自治区政府印发通知。").items()}
    assert got.get("内蒙古自治区政府") == "government"


def test_promotion_centres_are_bodies(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "发挥四川数智化绿色化发展促进中心作用。")
    assert got.get("四川数智化绿色化发展促进中心") == "organization"  # a public service body, not a carrier


def test_a_name_counted_at_the_clause_end_is_a_batch(ents) -> None:  # type: ignore[no-untyped-def]
    assert "爱心驿站" not in _kinds(ents, "加强劳动者权益保障，新建“爱心驿站”1000家。")
    got = _kinds(ents, "几天前，甘肃兰州新区32个招商项目集中开工。")
    assert got.get("兰州新区") == "platform"  # the count is of the projects, not of the zone


def test_named_summits_and_leaders_meetings_are_organizations(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "出席二十国集团领导人峰会、金砖国家领导人会晤、亚欧首脑会议等重大活动。")
    assert got.get("金砖国家领导人会晤") == "organization"
    assert got.get("亚欧首脑会议") == "organization"
    assert "会晤" not in _kinds(ents, "中美两国元首举行会晤。")  # a meeting with no name


def test_grades_and_kinds_of_care_make_a_class_of_bodies() -> None:
    # generic_words.yaml class_modifiers: 国家一级图书馆, 医保定点社区卫生服务中心 name classes; a place's own is a body
    from shuanglian.extract.entities.orgs import all_generic

    assert all_generic("国家一级图书馆") and all_generic("医保定点社区卫生服务中心") and all_generic("中医医院")
    assert not all_generic("内蒙古自治区中医医院")
