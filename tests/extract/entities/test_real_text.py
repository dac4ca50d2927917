"""Entity and role rules written against real report and news text (issue 8 rules, issue 9 roles)."""

from __future__ import annotations

from shuanglian.extract.entities import extract_entities
from shuanglian.extract.entities.lexicon import generic, industry_grammar, suffixes
from shuanglian.extract.entities.people import is_name_shape


def _kinds(ents, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {name: m.kind for name, m in ents(text).items()}


def test_person_names_need_a_surname() -> None:
    assert is_name_shape("王伟中") and is_name_shape("欧阳明") and is_name_shape("嘎玛泽登")
    # LAC persons that are slogans, abbreviations or reduplications
    for word in ("焕新", "济青", "周周", "习主席", "津一", "森氧"):
        assert not is_name_shape(word), word


def test_single_characters_and_generic_area_words_are_no_places(ents) -> None:  # type: ignore[no-untyped-def]
    k = _kinds(ents, "推动晋陕蒙能源合作，建设高速公路和产业集聚区，全年完成投资。")
    assert not [n for n, kind in k.items() if kind == "place" and (len(n) == 1 or n in generic()["non_places"])]


def test_pairings_sections_and_phases_are_no_places(ents) -> None:  # type: ignore[no-untyped-def]
    k = _kinds(ents, "深化川渝合作，推进京津冀协同，建成潮南高速三明段和济南机场二期。")
    for word in ("川渝", "三明段", "济南机场二期"):
        assert k.get(word) != "place", word


def test_rivers_named_as_an_area_are_places_as_divisions_are(ents) -> None:  # type: ignore[no-untyped-def]
    # real_gold README session-13 rule 4 (gold-a's "rivers are not places" withdrawn)
    k = _kinds(ents, "加强淮河治理，浙江省和黑龙江省共同推进。")
    assert k.get("淮河") == "place"
    assert k.get("浙江省") == "place" and k.get("黑龙江省") == "place"


def test_generic_words_are_not_organisations(ents) -> None:  # type: ignore[no-untyped-def]
    k = _kinds(ents, "全国政协委员来到企业。新时代新征程上，全国各地瞪羚企业和科技型中小企业快速成长。")
    for word in ("全国", "新时代", "政协", "瞪羚企业", "科技型中小企业"):
        assert word not in k, word


def test_infrastructure_named_by_a_place_is_a_carrier() -> None:
    # the rules alone: the tagger's veto (stage.NER_POLICY) may drop a LAC place no tagger span touches
    k = {m.name: m.kind for m in extract_entities("开工建设旭龙水电站，建成崇左至凭祥铁路，推进包银高铁建设。", use_ner=False)}
    assert k.get("旭龙水电站") == "platform"
    assert k.get("崇左至凭祥铁路") == "platform"
    assert "infrastructure" not in suffixes().kind_of and "水电站" in suffixes().proper_only


def test_infrastructure_suffix_needs_a_proper_name(ents) -> None:  # type: ignore[no-untyped-def]
    k = _kinds(ents, "经济保持高速增长，战略性新兴产业集群加快发展，东莞布局研发和制造基地。")
    assert not [n for n, kind in k.items() if kind == "platform"]


def test_government_bodies_of_reports(ents) -> None:  # type: ignore[no-untyped-def]
    text = ("——2026年1月28日在河北省第十四届人民代表大会第四次会议上\n来源：河北日报\n"
            "河北省人民政府省长 王正平\n现在，我代表河北省人民政府，向大会报告工作。河北省政府工作报告。")
    e = ents(text)
    assert e["河北省第十四届人民代表大会"].kind == "government"
    assert e["河北日报"].kind == "media"  # the outlet of the 来源 line
    assert e["河北省人民政府"].kind == "government" and e["河北省政府"] is e["河北省人民政府"]
    assert {"title": "省长", "org": None, "place": "河北省"} in e["王正平"].attrs["roles"]


def test_party_centre_and_politburo(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("在党中央坚强领导下，中共中央政治局常委李明、王强出席。")
    assert e["党中央"].kind == "government" and e["中共中央政治局"].kind == "government"
    for person in ("李明", "王强"):  # the names listed after one title share it
        assert {"title": "常委", "org": "中共中央政治局", "place": None} in e[person].attrs["roles"], person


def test_title_and_name_apart(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("上海市人民政府\n省长\u3000王予平\n市长 龚 正\n自治区主席 艾尔肯·吐尼亚孜\n")
    assert "王予平" in e and e["王予平"].attrs["roles"][0]["title"] == "省长"
    assert e["龚正"].kind == "person"
    assert e["艾尔肯·吐尼亚孜"].kind == "person"


def test_place_before_title_only_on_a_word_start(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("习近平在陕西省委书记胡和平和省长刘国中陪同下来到商洛。")
    assert all(r.get("place") != "平和县" for r in e["刘国中"].attrs.get("roles", []))
    assert e["陕西省"].kind == "place"  # a place written in a title is still a place mention


def test_our_reporter_belongs_to_the_paper(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("来源：北京日报\n殷勇同志作政府工作报告。本报记者 戴冰摄\n")
    assert {"title": "记者", "org": "北京日报", "place": None} in e["戴冰"].attrs["roles"]


def test_academician_title_split(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("中国科学院院士乔红介绍了研究进展。")
    assert {"title": "院士", "org": "中国科学院", "place": None} in e["乔红"].attrs["roles"]


def test_whole_economy_sectors_are_no_industries(ents) -> None:  # type: ignore[no-untyped-def]
    k = _kinds(ents, "推动制造业和现代服务业融合，壮大纺织、煤炭和集成电路产业。")
    assert "制造业" not in k and "现代服务业" not in k
    assert k.get("纺织") == "industry" and k.get("集成电路") == "industry"
    assert "制造业" in industry_grammar()["broad_sectors"]


def test_named_centres_are_carriers_and_museums_organisations(ents) -> None:  # type: ignore[no-untyped-def]
    k = _kinds(ents, "建设国家血液病医学中心，参观四平战役纪念馆。")
    assert k.get("国家血液病医学中心") == "platform"
    assert k.get("四平战役纪念馆") == "organization"


def test_province_before_a_carrier_is_an_address(ents) -> None:  # type: ignore[no-untyped-def]
    k = _kinds(ents, "建设陕西榆林国家级能源化工基地。")
    assert k.get("榆林国家级能源化工基地") == "platform"
    assert "陕西榆林国家级能源化工基地" not in k


def test_china_inside_fixed_phrases_is_no_place(ents) -> None:  # type: ignore[no-untyped-def]
    k = _kinds(ents, "奋力谱写中国式现代化新篇章，坚持中国特色社会主义，办好中国（四川）国际熊猫消费节。")
    assert "中国" not in k


def test_local_bodies_take_the_page_place(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("云南省人民政府\n现在，我代表省人民政府，请省政协委员提出意见。在省委坚强领导下，"
             "省委书记王宁、省委常委李强出席。云南省昆明市。")
    assert e["省政协"].name == "云南省政协" and e["省政协"].kind == "government"
    assert e["省委"].name == "中共云南省委"
    assert e["省人民政府"] is e["云南省人民政府"]
    # 省委书记 names the post, not the body
    assert all(start != 40 for start, _ in e["中共云南省委"].spans)  # 40: where 省委书记 starts


def test_city_bureau_on_a_city_page(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("宿州市召开科技创新大会。宿州市埇桥区代表发言，市科技局负责同志介绍情况，市场监管局参加。")
    assert e["市科技局"].name == "宿州市科技局" and e["市科技局"].kind == "government"
    assert "宿州场监管局" not in e and "宿州市场监管局" not in e


def test_two_known_bodies_stay_apart(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("中共中央总书记习近平主持会议，中共中央政治局常委李明出席。")
    assert e["中共中央"] is not e["中共中央政治局"]


def test_places_listed_in_a_quoted_route_stay_places(ents) -> None:  # type: ignore[no-untyped-def]
    k = _kinds(ents, "“北部湾港-成都-波兰、德国”的班列从广西出发，流经黄河流域。")
    assert k.get("成都") == "place" and k.get("德国") == "place"


def test_the_communist_party_is_a_government_body(ents) -> None:  # type: ignore[no-untyped-def]
    # real_gold README session-13 rule 5: 中国共产党 is government, as 党中央 and 中共中央
    k = _kinds(ents, "在中国共产党领导下，全国人民团结奋斗。")
    assert k.get("中国共产党") == "government"
