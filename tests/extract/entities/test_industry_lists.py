"""Industries named in coordinated lists: compounds by head word (存储芯片, 功率半导体)."""

from __future__ import annotations


def _industries(ents, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.name for m in ents(text).values() if m.kind == "industry"}


def test_compound_beside_a_known_industry(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "该基金重点投向车规芯片和生物医药，兼顾早期项目。")
    assert got == {"车规芯片", "生物医药"}


def test_compound_keeps_its_modifier(ents) -> None:  # type: ignore[no-untyped-def]
    # 功率半导体, not the shorter lexicon term 半导体 inside it
    got = _industries(ents, "园区将引进功率半导体、激光雷达和工业软件企业。")
    assert {"功率半导体", "工业软件"} <= got
    assert "半导体" not in got


def test_list_closed_by_field_word(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "大会聚焦柔性显示、固态电池等前沿领域展开讨论。")
    assert got == {"柔性显示", "固态电池"}


def test_plain_lists_are_not_industries(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "推动人才、资金、技术等要素向企业集聚，支持高校、科研院所和企业联合申报。")
    assert got == set()


def test_verbal_words_do_not_open_a_compound(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "前瞻布局合成生物、区块链等未来产业。")
    assert "合成生物" in got and not any(g.startswith("布局") for g in got)


def test_list_closed_by_class_word_after_modifiers(ents) -> None:  # type: ignore[no-untyped-def]
    # 等新兴产业|集群, 等“菜篮子”产业, 等传统产业|转型升级: the text calls every item an industry
    assert _industries(ents, "加快培育储能、宠物食品等新兴产业集群。") == {"储能", "宠物食品"}
    assert _industries(ents, "促进水果、牛奶等“菜篮子”产业提质增效。") == {"水果", "牛奶"}
    assert _industries(ents, "推动陶瓷、家具、制鞋等传统产业转型升级。") == {"陶瓷", "家具", "制鞋"}


def test_service_lists_are_industries(ents) -> None:  # type: ignore[no-untyped-def]
    # real_gold README "Industries: decided" (2): a list closed by …等(生产性)服务业 names service sectors; the
    # closing head itself (服务业) is no industry
    assert _industries(ents, "发展会计、法律等专业服务业。") == {"会计", "法律"}
    assert _industries(ents, "发展科技服务、工业设计等生产性服务业。") == {"科技服务", "工业设计"}


def test_kept_modifier_on_a_list_item(ents) -> None:  # type: ignore[no-untyped-def]
    assert _industries(ents, "加快现代装备、新材料等产业集群发展。") == {"现代装备", "新材料"}


def test_list_closed_by_chain_or_track_word(ents) -> None:  # type: ignore[no-untyped-def]
    # 等重点产业链, 等8条产业链, 等新赛道: every item of a list closed by a chain or track word is an industry
    assert _industries(ents, "壮大果蔬茶、调味品、火锅食材等重点产业链。") == {"果蔬茶", "调味品", "火锅食材"}
    assert {"无人机", "光子"} <= _industries(ents, "无人机、光子等8条产业链产值两位数增长。")
    # 人才、资金等产业|要素 stays no list of industries with the new closers
    assert _industries(ents, "推动人才、资金等产业链要素集聚。") == set()


def test_first_item_opening_with_an_adjective_or_ending_with_a_head_verb(ents) -> None:  # type: ignore[no-untyped-def]
    # 新型/a|蛋白: an adjective opens the first item; 飞行器|制造/v: LAC's verb reading of a head word
    assert _industries(ents, "培育发展新型蛋白、高效酶制剂等产业。") == {"新型蛋白", "高效酶制剂"}
    assert "无人机制造" in _industries(ents, "大力发展无人机制造、航空材料等产业。")


def test_lead_verb_glued_to_the_first_item(ents) -> None:  # type: ignore[no-untyped-def]
    # 做优|做|强酸汤/nz: the 强 of 做强 is no part of the item
    assert _industries(ents, "做优做强酸汤、刺梨、饮用水、抹茶等产业。") == {"酸汤", "刺梨", "饮用水", "抹茶"}


def test_two_listed_company_sectors_make_a_list_of_industries(ents, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # 证券、保险、货币市场: two sector names of the listed-company classification (chain-kg industry.json)
    from shuanglian.extract.entities import industry_lists

    monkeypatch.setattr(industry_lists, "sector_names", lambda: frozenset({"证券", "保险", "白酒"}))
    assert _industries(ents, "规范发展证券、保险、货币市场。") == {"证券", "保险"}
    # one sector name alone makes no list of industries
    assert _industries(ents, "规范发展证券、期货和货币市场。") == set()


def test_public_services_are_no_listed_company_sectors() -> None:
    from shuanglian.extract.entities.industry_lists import sector_names

    names = sector_names()
    assert not names & {"教育", "体育", "出版"}
    assert not any(n.startswith("其他") or n.endswith(("Ⅱ", "Ⅲ")) for n in names)


def test_a_generic_head_word_names_a_sector_in_a_list_called_industries(ents) -> None:  # type: ignore[no-untyped-def]
    got = {m.name: m.kind for m in ents("食品、石化、医药、信息等产业增加值分别增长7.5%、11.5%、17.4%、7.3%。").values()}
    assert got.get("信息") == "industry"


def test_a_verbal_noun_before_the_class_word_still_closes_the_list(ents) -> None:  # type: ignore[no-untyped-def]
    # 等新|消费|产业: the verbal noun 消费 qualifies the class word, the items are industries
    got = _industries(ents, "发展智能家居、AI终端等新消费产业，培育特色业态。")
    assert {"智能家居", "AI终端"} <= got
    # a verbal noun after the class word is the predicate, not a modifier: 人才、资金等产业要素 stays no list
    assert _industries(ents, "推动人才、资金等产业要素集聚。") == set()


def test_an_item_of_an_industry_list_keeps_its_modifier(ents) -> None:  # type: ignore[no-untyped-def]
    # 低温|乳制品、宠物|疫苗等…产业: the text names the modified sector, not the bare lexicon term
    got = _industries(ents, "积极发展低温乳制品、宠物疫苗等特色产业。")
    assert {"低温乳制品", "宠物疫苗"} <= got
    assert not got & {"乳制品", "疫苗"}


def test_a_list_framed_by_baokuo_zainei_de_before_a_class_word(ents) -> None:  # type: ignore[no-untyped-def]
    # 包括A、B、C和其他X在内的…产业: the frame closes the list as 等 does; the "and other X" item is read past
    got = _industries(ents, "积极发展包括物流、会展、法律咨询和其他商务服务在内的现代服务产业。")
    assert {"物流", "会展", "法律咨询"} <= got
    assert not any(g.startswith("其他") for g in got)
    # the class word still has to end the noun phrase (产业|要素 names no industries)
    assert _industries(ents, "推动人才、资金和其他要素在内的产业要素集聚。") == set()


def test_list_items_lac_cut_into_verbs_read_on_characters(ents) -> None:  # type: ignore[no-untyped-def]
    # 飞行器|制造/v, 机|载/v: the token walk stops at the verb; the list closed by 等产业 names every item
    got = _industries(ents, "积极发展通用飞行器制造、航空动力系统、航空机载零部件等产业。")
    assert got == {"通用飞行器制造", "航空动力系统", "航空机载零部件"}


def test_a_list_closed_by_bare_deng_chanye_names_sectors_read_on_the_characters(ents) -> None:  # type: ignore[no-untyped-def]
    # 寒|地/u|测试: LAC cuts the items; 等产业 itself says they are sectors; the list opens after 和
    got = _industries(ents, "发展高端冰雪装备和寒地测试、寒地服装、寒地用品等产业。")
    assert {"寒地测试", "寒地服装", "寒地用品"} <= got and "测试" not in got


def test_a_service_list_closer_followed_by_its_qualities(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "促进健康医疗、养老育幼、家政物业等生活性服务业高品质、多样化、便利化发展。")
    assert {"健康医疗", "养老育幼", "家政物业"} <= got


def test_plain_items_coordinated_with_mostly_known_industries_are_industries(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "要实施高端装备、信息网络、集成电路、新能源、新材料、生物医药、航空发动机、燃气轮机等重大项目。")
    assert {"信息网络", "航空发动机", "集成电路"} <= got
    # an item joined by 与 is paired with the next, not listed (北斗与人工智能、低空经济等深度融合)
    got = _industries(ents, "促进北斗与人工智能、低空经济等深度融合。")
    assert "北斗" not in got and "北斗与人工智能" not in got


def test_a_list_closed_by_deng_gongye_names_sectors(ents) -> None:  # type: ignore[no-untyped-def]
    # 等工业 says its items are branches of industry (real_gold README gold-k), 电力 included
    assert _industries(ents, "并对电力、冶金等工业的管理体制进行改革。") == {"电力", "冶金"}


def test_economy_and_consumption_forms_are_no_list_items(ents) -> None:  # type: ignore[no-untyped-def]
    # README "Industries: decided" (2): …经济/…消费 forms name no sector, a lexicon term (低空经济) still does
    got = _industries(ents, "培育民宿经济、宠物经济、智能穿戴等新兴产业。")
    assert "智能穿戴" in got and not {"民宿经济", "宠物经济"} & got


def test_a_list_closed_by_a_named_economy_names_sectors(ents) -> None:  # type: ignore[no-untyped-def]
    # README "Industries: decided" (2): 赛事、演艺等票根经济 (a modifier before 经济); not a bare 等经济 before a noun
    assert _industries(ents, "大力支持赛事、演艺等票根经济发展。") == {"赛事", "演艺"}
    assert _industries(ents, "统筹农业、手工业等经济部门。") == set()
