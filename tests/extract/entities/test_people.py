"""People: truncated names extended, bad names rejected, role chains parsed."""

from __future__ import annotations


def test_truncated_name_extended_before_verb(ents) -> None:  # type: ignore[no-untyped-def]
    text = "5月30日，省委副书记、省长王伟中前往深圳市调研。王伟中强调，要加快推动成果转化。"
    e = ents(text)
    assert "王伟中" in e and "王伟" not in e
    assert len(e["王伟中"].spans) == 2


def test_full_form_elsewhere_repairs_other_mentions(ents) -> None:  # type: ignore[no-untyped-def]
    text = "深圳市市长覃伟中参加调研。覃伟中指出，要强化企业创新主体地位。"
    e = ents(text)
    assert "覃伟中" in e and "覃伟" not in e
    assert len(e["覃伟中"].spans) == 2


def test_over_long_name_cut_back(ents) -> None:  # type: ignore[no-untyped-def]
    text = "陈敏尔、张工来到南开大学。陈敏尔、张工察看新能源电池展区。张工强调，要完善创新机制。"
    e = ents(text)
    assert "张工" in e and "张工察" not in e


def test_role_chains(ents) -> None:  # type: ignore[no-untyped-def]
    text = (
        "6月12日，广东省委书记黄坤明，省委副书记、省长王伟中来到深圳。省委副书记、深圳市委书记孟凡利参加调研。"
        "南开大学党委书记杨庆山、校长陈雨露，天津大学校长金东寒分别参加。"
        "深圳国际量子研究院院长俞大鹏说，比亚迪汽车总工程师廉玉波也在场。"
    )
    e = ents(text)
    assert {"title": "省委书记", "org": None, "place": "广东省"} in e["黄坤明"].attrs["roles"]
    assert e["王伟中"].attrs["roles"] == [{"title": "省长", "org": None, "place": "广东省"}]
    assert e["王伟中"].attrs["titles"] == ["省委副书记", "省长"]
    assert e["孟凡利"].attrs["roles"] == [{"title": "市委书记", "org": None, "place": "深圳市"}]
    assert e["杨庆山"].attrs["roles"] == [{"title": "党委书记", "org": "南开大学", "place": None}]
    assert e["陈雨露"].attrs["roles"] == [{"title": "校长", "org": "南开大学", "place": None}]
    assert e["金东寒"].attrs["roles"] == [{"title": "校长", "org": "天津大学", "place": None}]
    assert e["俞大鹏"].attrs["roles"] == [{"title": "院长", "org": "深圳国际量子研究院", "place": None}]
    assert e["廉玉波"].attrs["roles"][0]["title"] == "总工程师"
    assert e["廉玉波"].attrs["roles"][0]["org"] in ("比亚迪汽车", "比亚迪")


def test_company_backreference_in_role(ents) -> None:  # type: ignore[no-untyped-def]
    text = "深圳柏垠生物去年成立，今年入驻深圳光明科学城，公司创始人钟超很是感慨。"
    roles = ents(text)["钟超"].attrs["roles"]
    assert roles == [{"title": "创始人", "org": "深圳柏垠生物", "place": None}]


def test_city_title_takes_page_city(ents) -> None:  # type: ignore[no-untyped-def]
    text = "7月26日，天津市委书记陈敏尔，市委副书记、市长张工前往高校调研天津市科技创新工作。"
    e = ents(text)
    assert {"title": "市委书记", "org": None, "place": "天津市"} in e["陈敏尔"].attrs["roles"]
    assert {"title": "市长", "org": None, "place": "天津市"} in e["张工"].attrs["roles"]


def test_surname_split_off_is_joined_back(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("市领导连茂君、王旭出席活动。")
    assert "连茂君" in e and "茂君" not in e
    assert e["王旭"].kind == "person"


def test_brand_taken_for_a_person_opens_a_platform_name(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("省委书记调研秦创原建设，走进秦创原创新驱动平台。")
    platform = e["秦创原创新驱动平台"]
    assert platform.kind == "platform"
    assert "秦创原" in platform.aliases
    assert not [m for m in e.values() if m.kind == "person"]


def test_name_cut_at_a_header_line_end_is_joined(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("河北省人民政府省长 王正谱\n王正谱作政府工作报告。各位代表：现在，我代表省人民政府作工作报告。")
    assert "王正谱" in e and "王正" not in e


def test_photo_credit_is_not_part_of_the_name(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("殷勇同志作政府工作报告。本报记者 戴冰摄\n各位代表：")
    assert "戴冰摄" not in e


def test_quoted_slogan_and_spirit_name_no_person(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("要以“廉洁雄安”保障“雄安质量”。焦裕禄精神、红旗渠精神都是宝贵精神财富。")
    assert "廉洁雄安" not in e
    assert "焦裕禄" not in e or e["焦裕禄"].kind != "person"


def test_city_or_country_name_is_no_person() -> None:
    from shuanglian.extract.entities.people import names_no_person

    text = "黄山和肯尼亚，高明说"
    assert names_no_person(text, 0, 2)  # a city
    assert names_no_person(text, 3, 6)  # a country
    assert not names_no_person(text, 7, 9)  # a district's short name is also a given name
