"""Innovation platforms with less common name shapes: corridors, towns, free-trade areas."""

from __future__ import annotations


def _kinds(ents, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.name: m.kind for m in ents(text).values()}


def test_science_corridor_with_place_words(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "当天，赣江东岸科创走廊建设现场会在南昌召开。")
    assert got.get("赣江东岸科创走廊") == "platform"


def test_named_towns_but_not_the_class(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "余杭梦想小镇和西湖云栖小镇吸引创业者，特色小镇建设提速。")
    for town in ("梦想小镇", "云栖小镇"):  # with or without the district before it
        assert any(k.endswith(town) and v == "platform" for k, v in got.items()), town
    assert "特色小镇" not in got


def test_free_trade_areas(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "中国（上海）自由贸易试验区临港新片区与海南自贸试验区签约。")
    assert "platform" in {got.get("临港新片区"), got.get("中国（上海）自由贸易试验区临港新片区")}


def test_bio_cities_and_parks_inside_new_areas(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "成都天府国际生物城和南京江北新区产业技术研创园参加对接。")
    assert got.get("成都天府国际生物城") == "platform"
    assert got.get("南京江北新区产业技术研创园") == "platform"


def test_two_facilities_joined_by_a_connective_stay_two(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "合肥先进光源和稳态强磁场实验装置都在科学岛。")
    assert got.get("合肥先进光源") == "platform"
    assert got.get("稳态强磁场实验装置") == "platform"


def test_place_plus_generic_word_is_not_a_place(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "深圳国际生物谷坝光核心启动区加快建设。")
    assert "深圳国际" not in got


def test_state_level_new_areas_and_named_zones_are_platforms(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "兰州新区建设加快，支持雄安新区和中关村发展，浦东新区经济增长。")
    assert got.get("兰州新区") == "platform"
    assert got.get("雄安新区") == "platform"
    assert got.get("中关村") == "platform"
    assert got.get("浦东新区") == "place"  # a county-level district of Shanghai


def test_a_line_keeps_the_section_being_built(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "建成沿江高铁武宜段、黔江至吉首高铁重庆段，京张高铁建设阶段顺利。")
    assert got.get("沿江高铁武宜段") == "platform"
    assert got.get("黔江至吉首高铁重庆段") == "platform"
    assert got.get("京张高铁") == "platform"  # 建设阶段 is not a section


def test_industry_term_cut_by_lac_stays_in_the_carrier_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "建设包头氢能装备制造产业园，成立具身智能机器人创新中心。")
    assert got.get("包头氢能装备制造产业园") == "platform"
    assert got.get("具身智能机器人创新中心") == "platform"


def test_designated_national_carriers_but_not_award_classes(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "建好国家数据要素综合试验区，培育国家先进制造业集群。")
    assert got.get("国家数据要素综合试验区") == "platform"
    assert "国家先进制造业集群" not in got


def test_platforms_named_only_by_their_service_are_not_carriers(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "搭建政企对接平台和线上人才综合服务平台，建设国家统一技术交易服务平台、海南商事主体登记平台。")
    assert "政企对接平台" not in got and "线上人才综合服务平台" not in got
    assert got.get("国家统一技术交易服务平台") == "platform"
    assert got.get("海南商事主体登记平台") == "platform"


def test_two_zones_joined_by_he_stay_two_when_lac_split_the_suffix(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "争创国家农业高新技术产业示范区和农业现代化示范区。")
    assert got.get("国家农业高新技术产业示范区") == "platform"
    assert not any("和" in k for k in got)


def test_bases_named_with_a_place_or_brand_and_agricultural_zones(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "建设保定国家数据标注基地和巴彦淖尔农高区，科大讯飞人工智能基地开工，一批生产基地建成，振兴甘肃老工业基地。")
    assert got.get("保定国家数据标注基地") == "platform"
    assert got.get("巴彦淖尔农高区") == "platform"
    assert got.get("科大讯飞人工智能基地") == "platform"
    assert "生产基地" not in got and "甘肃老工业基地" not in got


def test_fragments_are_not_platforms(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "让人民群众从新区建设发展中感受获得感。推动海东、海西等地零碳园区建设。在眉山市中心城区，坐落着三苏祠。")
    assert not any(k.endswith(("新区", "园区", "中心")) for k in got), got
    got = _kinds(ents, "建强用好国家技术转移中部中心。")
    assert got.get("国家技术转移中部中心") == "platform"


def test_centres_that_are_venues_or_bodies_are_organisations(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "北京艺术中心开放，武汉汉口北国际商品交易中心运营，合肥数据交易中心挂牌。")
    assert got.get("北京艺术中心") == "organization"
    assert got.get("武汉汉口北国际商品交易中心") == "organization"
    assert got.get("合肥数据交易中心") == "platform"


def test_carrier_named_with_its_university(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "北京大学京津冀生物医学前沿创新中心加快建设。")
    assert got.get("北京大学京津冀生物医学前沿创新中心") == "platform"
    assert "北京大学" not in got


def test_free_trade_ports_and_bonded_zones(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "建设海南自由贸易港，郑州新郑综合保税区扩区。")
    assert got.get("海南自由贸易港") == "platform"
    assert got.get("郑州新郑综合保税区") == "platform"


def test_a_quoted_name_before_a_platform_head_is_a_platform(ents) -> None:  # type: ignore[no-untyped-def]
    # carrier_names.yaml quoted_platform_heads: “物流一张网”平台 names the platform 物流一张网; a slogan is no name
    got = ents("加快建设“物流一张网”平台，迭代“一键游广西”平台，推进“人工智能+”行动。")
    assert got["物流一张网"].kind == "platform" and got["一键游广西"].kind == "platform"
    assert not any("人工智能" in n and m.kind == "platform" for n, m in got.items())


def test_the_routes_of_the_belt_and_road_are_platforms(ents) -> None:  # type: ignore[no-untyped-def]
    got = ents("抓紧规划建设丝绸之路经济带、21世纪海上丝绸之路。")
    assert got["丝绸之路经济带"].kind == "platform" and got["21世纪海上丝绸之路"].kind == "platform"


def test_place_led_designations_with_zone_heads(ents) -> None:  # type: ignore[no-untyped-def]
    # a place and common words before a zone head (支撑区, 度假区, 生态岛, 资源库, 中轴线, 创新城, 消费中心城市) name one
    # carrier: the place is inside its name, no place mention of its own
    e = ents("加快建设京津冀生态环境支撑区，支持赤峰建设蒙东作物种质资源库，打造哈尔滨东北亚区域消费中心城市。")
    assert e["京津冀生态环境支撑区"].kind == "platform" and e["蒙东作物种质资源库"].kind == "platform"
    assert e["哈尔滨东北亚区域消费中心城市"].kind == "platform" and "哈尔滨" not in e
    e = ents("推动吴淞创新城开发提速，提升乐高乐园度假区联动带动效应，建设涠洲岛国际生态岛，北京中轴线申遗成功。")
    assert all(e[n].kind == "platform" for n in ("吴淞创新城", "乐高乐园度假区", "涠洲岛国际生态岛", "北京中轴线"))
    e = ents("加快建设国际消费中心城市。")
    assert "国际消费中心城市" not in e
