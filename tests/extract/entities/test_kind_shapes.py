"""Platforms and industries by the shape of the text around them (entities/kind_shapes.py, joined industries,
the national industry classification's sector names), one test per rule."""

from __future__ import annotations


def _kinds(ents, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.name: m.kind for m in ents(text).values()}


def test_counted_or_determined_carrier_is_no_platform(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推动7个国家物流枢纽、4个国家骨干冷链物流基地提质升级。")
    assert "国家骨干冷链物流基地" not in got
    got = _kinds(ents, "在上海市嘉定区这家医疗器械产业园，专家和工程师双向奔赴。")
    assert "医疗器械产业园" not in got
    got = _kinds(ents, "山东打造了曲阜、泰山等优秀传统文化传承发展示范区。")
    assert "文化传承发展示范区" not in got and "优秀传统文化传承发展示范区" not in got  # the class of the items
    got = _kinds(ents, "推进盛乐空港国际物流园建设。")
    assert got.get("盛乐空港国际物流园") == "platform"  # no count before it: still a platform


def test_items_listed_before_research_facilities_are_platforms(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推动科技创新和产业创新深度融合，先进阿秒激光、转化医学等重大科技基础设施加快建设。")
    assert got.get("先进阿秒激光") == "platform"
    assert got.get("转化医学") == "platform"
    got = _kinds(ents, "推进智能算力等新型基础设施建设。")
    assert got.get("智能算力") != "platform"  # 新型基础设施 is no research facility


def test_description_before_a_work_and_a_zone_part(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "亚洲最大专业货运机场花湖国际机场成为内陆“空中出海口”。")
    assert got.get("花湖国际机场") == "platform"
    assert "亚洲最大专业货运机场花湖国际机场" not in got
    got = _kinds(ents, "苏州工业园区人工智能产业园区集聚了上千家企业。")
    assert got.get("苏州工业园区人工智能产业园区") == "platform"  # no superlative: a park inside a zone, whole
    got = _kinds(ents, "在广东自贸区横琴片区，以制度创新为核心。")
    assert got.get("广东自贸区横琴片区") == "platform"
    assert "横琴" not in got  # the place read inside the zone part gives way to it
    got = _kinds(ents, "高质量推进祁连山、青海湖国家公园候选区建设。")
    assert got.get("青海湖国家公园候选区") == "platform"  # a zone's status is part of its name


def test_patterned_works(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "引绰济辽工程实现全线通水，沿边331国道全线贯通，加快引江济淮二期建设。")
    assert got.get("引绰济辽工程") == "platform"
    assert got.get("331国道") == "platform"
    assert got.get("引江济淮二期") == "platform"


def test_carrier_heads(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "高水平建设国际医药创新公园，“纳米真空互联实验站”二期项目通过验收。")
    assert got.get("国际医药创新公园") == "platform"
    assert got.get("纳米真空互联实验站") == "platform"


def test_chain_joined_by_yu_or_ji_with_a_head_word(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "光电子信息、汽车制造与服务、大健康、现代化工等支柱产业加快发展。")
    assert got.get("汽车制造与服务") == "industry"
    got = _kinds(ents, "推动食品及农产品加工产业高质量发展。")
    assert got.get("食品及农产品加工") == "industry"
    assert "食品" not in got


def test_sectors_of_the_national_classification(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "做大做强互联网和相关服务业，提升租赁和商务服务业规模水平，加快推动批零住餐业、交通运输仓储和邮政业上规模。")
    for name in ("互联网和相关服务业", "租赁和商务服务业", "批零住餐业", "交通运输仓储和邮政业"):
        assert got.get(name) == "industry", name


def test_railway_station_is_a_platform(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "雄安站是京雄城际铁路的终点站")
    assert got.get("雄安站") == "platform"  # a built work: the product's convention (real_gold/README.md)
    got = _kinds(ents, "京雄城际铁路沿线的爱心驿站开放。")
    assert got.get("爱心驿站") != "platform"  # 爱心驿 is no place


def test_list_closed_by_a_count_of_industries(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "软件信息、科技服务和商务服务三大产业对经济增长贡献超五成。")
    for name in ("软件信息", "科技服务", "商务服务"):
        assert got.get(name) == "industry", name
    got = _kinds(ents, "打造高端装备、信息技术服务、新能源、新材料等4个万亿级新兴支柱产业。")
    assert got.get("信息技术服务") == "industry"
    got = _kinds(ents, "科技服务和商务服务对经济增长贡献超五成。")
    assert "科技服务" not in got  # no class word closes the pair


def test_statistical_aggregate_is_no_industry(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "上半年，我国规模以上高技术制造业增加值增长了9.5%。")
    assert "高技术制造业" not in got  # a statistical aggregate of many branches (broad_sectors), not one chain


def test_industry_written_with_its_class_word_keeps_that_form(ents) -> None:  # type: ignore[no-untyped-def]
    m = ents("迭代实施软信产业“满天星”行动。")["软信"]
    assert m.kind == "industry" and "软信产业" in m.aliases  # canonical without 产业, the page's form an alias


def test_region_head_shared_by_a_list(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "带动和推进粤东、粤西、粤北地区更好承接珠三角地区的产业。")
    assert got.get("粤北") == "place" and "粤北地区" not in got  # 地区 is the list's head
    assert got.get("珠三角地区") == "place"  # alone: the head stays


def test_country_inside_a_quoted_slogan_is_no_place(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "深化“赤水河谷 中国酱香”产区品牌建设。")
    assert "中国" not in got
    got = _kinds(ents, "“中国”一词古已有之。")
    assert got.get("中国") == "place"  # the quoted phrase is the place itself


def test_term_continued_past_a_hyphen_is_no_industry(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推进5G-A超宽带网络重要场景深度覆盖。")
    assert got.get("5G") != "industry"  # 5G-A names a network generation


def test_carrier_shared_by_a_list_of_places_is_no_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "加快建设福州、厦门、泉州省级人工智能产业园，实施人工智能企业梯次培育计划。")
    assert "泉州省级人工智能产业园" not in got  # one park per listed city: a programme
    assert got.get("泉州") == "place"  # the last place stays a place mention
    got = _kinds(ents, "加快建设泉州省级人工智能产业园。")
    assert got.get("泉州省级人工智能产业园") == "platform"  # written alone: the park's name


def test_class_noun_modifying_a_collective_head_lists_no_members(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "加快建设昌平南口、马池口等全国重点实验室集群。")
    assert "昌平南口" not in got and "马池口" not in got  # the places a lab cluster sits in, no labs
    got = _kinds(ents, "推动之江实验室、西湖实验室等省实验室建设。")
    assert got.get("之江实验室") == "lab" and got.get("西湖实验室") == "lab"


def test_clause_words_end_a_carrier_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "习近平强调，推动港口发展同洋浦经济开发区、海南自由贸易港建设深度融合。")
    assert got.get("洋浦经济开发区") == "platform"  # 同 is a preposition, not part of the zone's name
    assert not any(n.startswith("港口") for n in got)
    got = _kinds(ents, "习近平听取了科技城规划建设和实验室总体情况介绍。")
    assert not any(n.endswith("实验室") for n in got)  # 规划建设和实验室 is a coordination, no lab


def test_fragments_glued_by_lac_are_no_carriers(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推进制造业园区优化整合、质量提升。")
    assert "业园区" not in got  # 制造|业园区: the word before and 业 make an industry term
    got = _kinds(ents, "使长江经济带成为引领经济高质量发展主力军。")
    assert "引领经济高" not in got  # 引X济Y only on word boundaries: 高质量 is one word
    got = _kinds(ents, "加快引绰济辽工程建设。")
    assert got.get("引绰济辽工程") == "platform"


def test_evaluative_description_before_a_base_is_no_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "依托传统优势产业，湖南成为我国重要的工程机械产业基地。")
    assert "工程机械产业基地" not in got
    got = _kinds(ents, "长沙经济技术开发区工程机械产业基地投产。")
    assert any(n.endswith("工程机械产业基地") and k == "platform" for n, k in got.items())


def test_capacity_before_a_base_is_part_of_its_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推动兰白千万吨炼化基地和百万吨化工新材料基地建设。")
    assert got.get("百万吨化工新材料基地") == "platform"
    assert "化工新材料基地" not in got


def test_section_after_a_line_read_by_the_tagger(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "扎实推进藏粤直流、青藏铁路格拉段电气化改造工程。")
    assert got.get("青藏铁路格拉段") == "platform"  # the section being built is named
    got = _kinds(ents, "青藏铁路运营平稳，进入新阶段。")
    assert got.get("青藏铁路") == "platform"  # 阶段 is no section


def test_planning_verb_inside_a_zones_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "在山西转型综合改革示范区，年产56吉瓦的光伏垂直一体化项目正在加紧建设。")
    assert got.get("山西转型综合改革示范区") == "platform"
    got = _kinds(ents, "打造平陆运河经济带，建设江海联动产业发展先行区。")
    assert got.get("江海联动产业发展先行区") == "platform"


def test_designations_of_planning_by_suffix(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "顺德作为广东省高质量发展体制机制改革创新实验区，积极践行新发展理念。")
    assert got.get("广东省高质量发展体制机制改革创新实验区") == "platform"
    got = _kinds(ents, "高水平建设黄河三角洲国家农高区、潍坊国家农综区。")
    assert got.get("潍坊国家农综区") == "platform"
    got = _kinds(ents, "提升广西—文莱经济走廊等开放平台能级。")
    assert got.get("广西—文莱经济走廊") == "platform"
    got = _kinds(ents, "推动教育实验区建设。")
    assert "教育实验区" not in got  # common words only: a class, needs a place or a proper noun


def test_a_places_carrier_read_as_one_place_word_is_a_platform(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "建成后将串联起北京商务中心区、城市副中心、三河燕郊等重点功能区。")
    assert got.get("北京商务中心区") == "platform"
    got = _kinds(ents, "浦东新区和滨海新区加快发展。")
    assert got.get("浦东新区") == "place"  # a division stays a place


def test_numbered_national_roads_are_works(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推动伊宁机场迁建、G679线乌拉斯台至奇台、G314线喀什至塔什库尔干等项目建设，G331通车。")
    assert got.get("G679线乌拉斯台至奇台") == "platform"
    assert got.get("G314线喀什至塔什库尔干") == "platform"
    assert got.get("G331") == "platform"
    got = _kinds(ents, "出席G20峰会。")
    assert "G20" not in got  # a group of countries, not a road


def test_a_level_alone_names_no_platform(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "省一体化算力监测调度服务平台正式接入国家平台。")
    assert "国家平台" not in got
    assert got.get("省一体化算力监测调度服务平台") == "platform"


def test_a_level_and_a_bare_zone_suffix_name_a_class(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推动国家级开发区、省级高新区提质升级。加快建设国家级新区。")
    assert "国家级开发区" not in got and "国家级新区" not in got
    got = _kinds(ents, "设立省级引导基金。")
    assert got.get("省级引导基金") == "fund"  # a level still names its own fund (gold-b, gold-e)


def test_a_field_modifier_read_as_a_time_is_inside_a_zones_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "支持前海深港现代服务业合作区扩区。")
    assert got.get("前海深港现代服务业合作区") == "platform"


def test_goods_counted_are_no_industry(ents) -> None:  # type: ignore[no-untyped-def]
    assert "茶叶" not in _kinds(ents, "并买下两袋茶叶。")
    assert "储能电池" not in _kinds(ents, "未来可实现年产方形储能电池2600万只。")
    assert _kinds(ents, "培育3家机器人企业。").get("机器人") == "industry"  # firms counted, not goods


def test_tourism_loops_and_a_complement_glued_to_a_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "做优青甘环线、做强海西环线、做火海北环线、做活青南环线。")
    assert {"青甘环线", "海西环线", "海北环线", "青南环线"} <= {n for n, k in got.items() if k == "platform"}
    assert "村镇银行" not in _kinds(ents, "完成首家村镇银行改革。")  # a class of banks


def test_counted_bodies_and_major_batches_are_no_entities(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "今年改造120所县医院和40所县中医院，建设三大区域急救中心。")
    assert "县医院" not in got and "县中医院" not in got  # a count of bodies of a class (batch_kinds)
    assert "区域急救中心" not in got  # 三大…: a batch of three carriers (batch_measures 大)
    got = _kinds(ents, "省人民医院新院区投入使用。")
    assert got.get("省人民医院") == "organization"  # no count before it: still a body


def test_works_list_items_that_are_activities_or_size_classes(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "重点抓好农田灌溉、病险加固、小型水库建设。")
    assert not [n for n in got if n.endswith("水库")]  # activities and a size class listed before 水库: no work named
    got = _kinds(ents, "新建、扩建机场12个。")
    assert "新建机场" not in got
    got = _kinds(ents, "加快红岩、青山等水电站建设。")
    assert got.get("红岩水电站") == "platform" and got.get("青山水电站") == "platform"  # names still listed


def test_companies_counted_more_than_once_are_a_batch(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "开展两个国家控股公司的试点。")
    assert "国家控股公司" not in got
    got = _kinds(ents, "那时只建设起一个汉阳钢铁厂。")
    assert got.get("汉阳钢铁厂") == "enterprise"  # a count of one introduces the company


def test_works_list_item_with_a_head_of_its_own(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "年内建成东湖大桥、兰新铁路和宝兰铁路。")
    assert "东湖大桥铁路" not in got  # 大桥 is the item's own head: another kind of work


def test_slogan_adjective_opens_a_designation_named_after_it(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "全力建设美丽江西示范区。")
    assert got.get("美丽江西示范区") == "platform"
    assert "江西示范区" not in got


def test_a_built_work_is_named_without_the_county_written_before_it(ents) -> None:  # type: ignore[no-untyped-def]
    # real_gold README session-12 rule 4 (徐闻县大水桥水库 -> 大水桥水库); a city's airport keeps its official name
    k = {n: m.kind for n, m in ents("习近平来到徐闻县大水桥水库。北京大兴国际机场投运。").items()}
    assert k.get("大水桥水库") == "platform" and k.get("徐闻县") == "place" and "徐闻县大水桥水库" not in k
    assert k.get("北京大兴国际机场") == "platform"
