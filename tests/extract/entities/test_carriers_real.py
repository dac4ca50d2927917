"""Carrier shapes of report text (real gold conventions): built works listed before a shared head, carriers
named by their field or with common words, a lab's base, events with their session, brands before products."""

from __future__ import annotations


def _kinds(ents, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.name: m.kind for m in ents(text).values()}


def test_works_listed_before_their_head_are_one_each(ents) -> None:  # type: ignore[no-untyped-def]
    found = ents("加快九龙川、唐家河、平山湖等煤矿建设，今年建成雄商、济滨高铁。")
    for item, name in (("九龙川", "九龙川煤矿"), ("唐家河", "唐家河煤矿"), ("平山湖", "平山湖煤矿"), ("雄商", "雄商高铁")):
        assert found[item].kind == "platform" and found[item].name == name, item
    assert found["济滨高铁"].kind == "platform"


def test_one_work_with_a_count_and_items_with_their_own_head(ents) -> None:  # type: ignore[no-untyped-def]
    found = ents("黄蒿界等6处煤矿建成试运转，集大原高铁、包银高铁开通运行。")
    assert found["黄蒿界"].name == "黄蒿界煤矿"
    assert found["集大原高铁"].kind == "platform" and found["包银高铁"].kind == "platform"


def test_one_kind_of_base_per_place_is_a_programme(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推进南京、苏州、无锡、常州智能装备制造基地建设。")
    assert not any(k.startswith(("南京", "苏州", "无锡")) and v == "platform" for k, v in got.items())


def test_a_clause_is_not_a_listed_work(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "通化、白山结束不通高铁历史。")
    assert not any(k.endswith("高铁") for k in got)


def test_carriers_named_by_their_field(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推动生物制造产业园建设，加快人工智能集聚区建设，培育机器人产业基地。")
    assert got.get("生物制造产业园") == "platform"
    assert got.get("人工智能集聚区") == "platform"
    assert "机器人产业基地" not in got  # a title many bases hold


def test_zones_named_with_common_words(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "提升国际金融城、国际法务区发展能级。")
    assert got.get("国际金融城") == "platform" and got.get("国际法务区") == "platform"


def test_a_centre_of_common_words_is_a_service(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "建成粮食应急保障中心、邮件处理中心。")
    assert "粮食应急保障中心" not in got and "邮件处理中心" not in got


def test_a_labs_base_is_the_lab(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推动怀柔国家实验室内蒙古基地尽早落地。")
    assert got.get("怀柔国家实验室内蒙古基地") == "lab"


def test_event_with_its_session(ents) -> None:  # type: ignore[no-untyped-def]
    found = ents("哈尔滨第九届亚冬会成功举办，举办2026数字农业博览会。")
    assert found["第九届亚冬会"].kind == "organization"
    assert found["哈尔滨"].kind == "place"
    assert found["2026数字农业博览会"].kind == "organization"


def test_phase_is_not_part_of_the_work(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "加快建设济南机场二期，投用枣庄机场。")
    assert got.get("济南机场") == "platform"


def test_brand_before_its_product(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "奇瑞乘用车技改、比亚迪新能源商用车等项目加快建设。")
    assert got.get("比亚迪") == "enterprise"
    assert "比亚迪新能源" not in got
