"""Industries from the lexicon and from the X产业 / A、B等产业 grammar."""

from __future__ import annotations


def _industries(ents, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.name for m in ents(text).values() if m.kind == "industry"}


def test_listed_items_before_deng_chanye(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "会议提出，要推动工程机械、轨道交通装备、新能源汽车等产业集群发展。")
    assert got == {"工程机械", "轨道交通装备", "新能源汽车"}


def test_phrase_before_chanye_with_head_word(ents) -> None:  # type: ignore[no-untyped-def]
    # not in the lexicon: accepted because it ends with an industry head word (材料)
    got = _industries(ents, "该市依托资源优势，做强稀土永磁材料产业。")
    assert got == {"稀土永磁材料"}


def test_broad_phrases_are_not_industries(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "要壮大新兴产业，巩固主导产业，培育未来产业，提升全市特色产业竞争力。")
    assert got == set()


def test_modifiers_and_connectives(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "全省光电子信息产业营收增长，生物医药和纳米技术产业加快集聚，打造世界级智能网联新能源汽车产业集群。")
    assert got == {"光电子信息", "生物医药", "纳米技术", "智能网联新能源汽车"}


def test_industry_named_inside_org_is_not_a_mention(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("深圳市人工智能产业协会会长介绍了情况。")
    assert e["深圳市人工智能产业协会"].attrs["industries"] == ["人工智能"]
    assert "人工智能" not in e


def test_industries_stated_after_a_back_reference(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("秦立东来到深圳迈瑞生物医疗电子股份有限公司调研。迈瑞医疗董事长介绍，公司聚焦高端医疗器械。")
    assert e["深圳迈瑞生物医疗电子股份有限公司"].attrs["industries"] == ["高端医疗器械"]


def test_term_glued_to_fazhan_by_lac(ents) -> None:  # type: ignore[no-untyped-def]
    # LAC writes 数字|经济发展: the term ends inside a word that goes on with 发展
    assert "数字经济" in _industries(ents, "座谈会上，大家围绕数字经济发展情况交流。")


def test_recent_sector_terms(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "该区重点招引具身智能、脑机接口和通用航空企业。")
    assert {"具身智能", "脑机接口", "通用航空"} <= got


def test_product_terms_and_facility_types_are_not_industries_alone(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "5G基站增至9万个，开工南网储能电站，研发垂类大模型，发展卫星产业和新型储能。")
    assert "卫星" in got and "新型储能" in got
    assert "5G" not in got and "储能" not in got and "大模型" not in got
    got = _industries(ents, "培育工业互联网平台，实施智能制造工程，发展工业互联网。")
    assert got == {"工业互联网"}


def test_every_item_of_a_list_closed_by_deng_chanye(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "推进电子、机械、矿业、船舶等传统产业提质升级，厚植家具、珠宝、陶瓷等特色产业。引进人才、资金等产业要素。")
    assert {"电子", "机械", "矿业", "船舶", "家具", "珠宝", "陶瓷"} <= got
    assert "人才" not in got and "资金" not in got


def test_chains_joined_by_ji_or_yu_are_one_industry(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "发展细胞与基因治疗、脑科学与脑机接口、量子科技等产业，推进智能制造及装备产业发展，壮大集成电路和光电产业。")
    assert {"细胞与基因治疗", "脑科学与脑机接口", "智能制造及装备"} <= got
    assert {"集成电路", "光电"} <= got  # 和 before 产业 joins two industries


def test_two_terms_sharing_a_word_are_one_industry(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "发展新能源装备制造产业。")
    assert got == {"新能源装备制造"}


def test_head_word_alone_before_chanye_and_a_leading_verb(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "加力布局氢能产业，形成百亿级规模的芯片产业集群，壮大装备产业。")
    assert {"氢能", "芯片"} <= got
    assert "布局氢能" not in got and "装备" not in got


def test_kept_modifier_and_branch_industries(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("推动现代石化、高端化工等产业转型升级。适当安排了农业、冶金工业和机械工业。")
    assert e["现代石化"].kind == "industry" and "石化" not in e
    assert e["高端化工"].kind == "industry"
    assert e["冶金工业"].kind == "industry" and e["机械工业"].kind == "industry"


def test_he_lists_two_industries_ji_joins_one_chain(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "以绿色石化和精细化工、现代装备制造为主。培育智能传感器及仪器仪表等新增长点。")
    assert {"绿色石化", "精细化工", "智能传感器及仪器仪表"} <= got
    assert "绿色石化和精细化工" not in got and "仪器仪表" not in got


def test_material_before_a_term_names_the_branch(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "推动氟化工、盐化工延链，提升硅光伏产能。")
    assert got == {"氟化工", "盐化工", "硅光伏"}


def test_plain_noun_as_the_object_before_chanye(ents) -> None:  # type: ignore[no-untyped-def]
    assert _industries(ents, "做大做强黄金产业，适宜发展蔬菜产业。") == {"黄金", "蔬菜"}
    # a park (产业园区) and a word on the no-sector list name no industry
    assert _industries(ents, "建设零碳产业园区，提升人才产业。") == set()


def test_kept_modifier_opening_the_phrase_before_chanye(ents) -> None:  # type: ignore[no-untyped-def]
    assert _industries(ents, "推动高端金属材料产业发展。") == {"高端金属材料"}


def test_term_before_xiangmu_names_a_project(ents) -> None:  # type: ignore[no-untyped-def]
    assert _industries(ents, "加快推进恒达集团碳纤维项目建设。") == set()


def test_branch_head_after_a_term(ents) -> None:  # type: ignore[no-untyped-def]
    assert "汽车零部件" in _industries(ents, "这是一家国际领先的汽车零部件制造企业。")


def test_facilities_and_programmes_are_not_industries_alone(ents) -> None:  # type: ignore[no-untyped-def]
    assert _industries(ents, "深入实施种业振兴行动，积极融入全国数据中心协同创新体系。") == set()
    # as an item of a list the text calls industries the product term counts
    assert "数据中心" in _industries(ents, "逐步打造航空航天、汽车电子、数据中心等产业集群。")


def test_term_naming_a_facility_after_one_word(ents) -> None:  # type: ignore[no-untyped-def]
    # 量子计算|研发|平台, 数字技术|产业|园: the term names the facility's field
    assert _industries(ents, "建设量子计算研发平台，培育数字技术产业园。") == set()


def test_sector_written_with_ye_is_also_named_without_it(ents) -> None:  # type: ignore[no-untyped-def]
    # 汽车制造业 (lexicon canonical 汽车制造) and 装备制造业 (X制造业 -> X制造): the short form is an alias
    got = {m.name: set(m.aliases) for m in ents("推动汽车制造业高质量发展。装备制造业增加值同比增长10.2%。").values()
           if m.kind == "industry"}
    assert "汽车制造" in got.get("汽车制造业", set())
    assert "装备制造" in got.get("装备制造业", set())


def test_noun_and_verbal_noun_as_the_object_before_chanye(ents) -> None:  # type: ignore[no-untyped-def]
    # 发展|创意|设计|产业: two words as the verb's whole object name the industry; generic words do not
    assert _industries(ents, "加快发展创意设计产业，实施创意设计赋能行动。") == {"创意设计"}
    assert _industries(ents, "积极壮大城市经济产业。") == set()


def test_safety_or_supply_of_goods_is_no_industry(ents) -> None:  # type: ignore[no-untyped-def]
    # 食品|安全, 煤炭|保供: the safety or the supply of the goods; 食品产业 still names the industry
    assert _industries(ents, "推进民营经济、食品安全等重点领域立法，做好煤炭保供工作。") == set()
    assert _industries(ents, "做强食品产业。") == {"食品"}
    # 煤炭|供应, 稀土|资源: the goods supplied or the resource, not the industry
    assert _industries(ents, "今冬煤炭供应充足，要保护好稀土资源。") == set()


def test_two_words_before_chanye_opening_a_clause(ents) -> None:  # type: ignore[no-untyped-def]
    # ，光子|集成|产业|入选: the industry is the clause's subject; without a verb after 产业 nothing is read
    assert "光子集成" in _industries(ents, "今年，光子集成产业入选首批国家级制造业中试平台。")
    assert _industries(ents, "今年，城市经济产业入选试点。") == set()


def test_kept_modifier_between_the_verb_and_a_bare_noun(ents) -> None:  # type: ignore[no-untyped-def]
    # 做强|绿色|算力|产业: the verb stands before the kept modifier; the name keeps it
    assert _industries(ents, "做大做强绿色算力产业。") == {"绿色算力"}


def test_software_alone_before_chanye_names_the_industry(ents) -> None:  # type: ignore[no-untyped-def]
    # 软件 is no group of industries (装备产业, 生物产业 are): 发展|软件|产业 names it
    assert _industries(ents, "大力发展软件产业。") == {"软件"}
    assert _industries(ents, "大力发展装备产业。") == set()


def test_term_qualifying_an_activity_or_product_is_no_industry(ents) -> None:  # type: ignore[no-untyped-def]
    assert "煤炭" not in _industries(ents, "确保当地首个智慧陆港配套设施完成建设，实现煤炭运输年发运量500万吨。")
    assert "稀土" not in _industries(ents, "超高纯稀土粉体等20项科技创新成果填补国内空白。")
    assert "煤炭" in _industries(ents, "推动煤炭产业转型升级。")  # written as a sector it stays


def test_a_section_noun_right_before_the_word_industry(ents) -> None:  # type: ignore[no-untyped-def]
    got = {m.name: m.kind for m in ents("文化产业增加值占GDP比重达到5%，体育产业总规模突破3000亿元。").values()}
    assert got.get("文化") == "industry" and got.get("体育") == "industry"
    got = {m.name: m.kind for m in ents("丰富群众精神文化生活，推进体育事业发展。").values()}
    assert "文化" not in got and "体育" not in got  # not before 产业


def test_industrialisation_and_industrial_use_are_no_anchor(ents) -> None:  # type: ignore[no-untyped-def]
    got = {m.name: m.kind for m in ents("察看激光技术产业应用展品。").values()}
    assert "激光技术" not in got
    got = {m.name: m.kind for m in ents("加快量子科技成果产业化。").values()}
    assert got.get("量子科技") == "industry"  # the lexicon still finds the term


def test_a_term_naming_a_workshops_products_is_no_industry(ents) -> None:  # type: ignore[no-untyped-def]
    got = {m.name: m.kind for m in ents("走进半导体面板激光智能装备生产车间。").values()}
    assert "智能装备" not in got


def test_items_of_a_list_of_goods_name_no_industry(ents) -> None:  # type: ignore[no-untyped-def]
    # 汽车、家电等大宗消费: goods bought (README "Industries: decided"); 汽车 written as a sector stays
    got = {m.name for m in ents("提振汽车、家电等大宗消费，扩大服务消费。").values() if m.kind == "industry"}
    assert not got & {"汽车", "家电"}
    got = {m.name for m in ents("加快汽车、钢铁、化工等传统产业改造升级。").values() if m.kind == "industry"}
    assert "汽车" in got


def test_a_two_character_adjective_opens_a_phrase_before_chanye(ents) -> None:  # type: ignore[no-untyped-def]
    # 健康/a|医药|产业: LAC's adjective is the name's modifier; a level (省级|数据|产业集群) is not
    assert "健康医药" in _industries(ents, "今年健康医药产业增加值增长5%左右。")
    assert not any(g.startswith("省级") for g in _industries(ents, "新增3个省级数据产业集群。"))


def test_a_classification_section_written_before_hangye_without_its_ye(ents) -> None:  # type: ignore[no-untyped-def]
    # 租赁和商务服务|行业: the section 租赁和商务服务业 (GB/T 4754), one industry, not 商务服务 alone
    got = _industries(ents, "其中从事租赁和商务服务行业的企业超过300家。")
    assert "租赁和商务服务" in got and "商务服务" not in got


def test_a_slogan_x_plus_names_no_industry(ents) -> None:  # type: ignore[no-untyped-def]
    # real_gold README "Industries: decided" (4): “人工智能+”行动, 跨境电商+海外仓 name programmes of applying X
    got = {m.name for m in ents("深化拓展“人工智能+”行动，加快“跨境电商+海外仓”发展。").values() if m.kind == "industry"}
    assert not got & {"人工智能", "跨境电商"}
    got = {m.name for m in ents("大力发展人工智能产业。").values() if m.kind == "industry"}
    assert "人工智能" in got


def test_the_safety_of_two_goods_names_no_industry(ents) -> None:  # type: ignore[no-untyped-def]
    got = {m.name for m in ents("强化食品药品安全监管。").values() if m.kind == "industry"}
    assert "食品" not in got


def test_stocks_of_goods_and_resources_name_no_industry(ents) -> None:  # type: ignore[no-untyped-def]
    # modified_heads (保有量, 渗透率, 回收…) and goods_list_heads (…等战略性资源): goods owned, recycled or mined
    got = {m.name for m in ents("新能源汽车保有量持续增加。依托稀土、镓、锑等战略性资源。").values() if m.kind == "industry"}
    assert not got & {"新能源汽车", "稀土"}


def test_a_sector_word_written_with_ye_is_an_industry(ents) -> None:  # type: ignore[no-untyped-def]
    # 零售业, 交通|运输业, 水产|养殖业: a sector word or stem + 业 names the sector (industry_grammar.yaml sector_stems)
    got = {m.name for m in ents("支持开展零售业创新提升试点。交通运输业平稳运行。大力发展畜牧业、水产养殖业。").values()
           if m.kind == "industry"}
    assert {"零售业", "交通运输业", "水产养殖业"} <= got
    assert "服务业" not in {m.name for m in ents("促进服务业优质高效发展。").values() if m.kind == "industry"}


def test_classic_branch_written_with_gongye(ents) -> None:  # type: ignore[no-untyped-def]
    got = {m.name for m in ents("机械工业，包括电机工业和电子工业在内。").values() if m.kind == "industry"}
    assert {"电机工业", "电子工业"} <= got


def test_a_term_before_wangluo_names_a_network_not_an_industry(ents) -> None:  # type: ignore[no-untyped-def]
    # 5G|网络: the term names the network's type (industry_grammar.yaml facility_heads)
    assert "5G" not in {m.name for m in ents("5G网络实现乡镇全覆盖。").values() if m.kind == "industry"}


def test_the_last_character_of_a_lead_verb_is_no_part_of_the_industry(ents) -> None:  # type: ignore[no-untyped-def]
    # 壮|大林|草|产业: LAC glued the 大 of 壮大 to the industry; the name is 林草
    got = {m.name for m in ents("发展林下经济，壮大林草产业。").values() if m.kind == "industry"}
    assert "林草" in got and "大林草" not in got


def test_free_sector_before_chanye(ents) -> None:  # type: ignore[no-untyped-def]
    # the clause's own sector written before 产业 and closed by a mark, 等, 发展 or a verb names the industry even
    # when the lexicon does not know it, weak heads included; a carrier after 产业 or an aggregate names none
    e = ents("积极发展智能终端产品，引导数据产业、数据标注产业等有序发展。")
    assert e["数据"].kind == "industry" and e["数据标注"].kind == "industry"
    e = ents("二是大力发展高新技术产业特别是信息产业，积极推进国民经济和社会信息化。")
    assert e["信息"].kind == "industry" and "高新技术" not in e
    e = ents("发展促进经济适度多元的新产业，包括文旅会展商贸产业、现代金融产业。")
    assert e["文旅会展商贸"].kind == "industry" and e["现代金融"].kind == "industry"
    e = ents("打造省级数据产业集聚区。基础产业要通过技术改造提高生产能力。")
    assert "数据" not in e and "基础" not in e
