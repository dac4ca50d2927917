"""Place and person rule classes of branch places2 (issue 8): coal fields, minority villages, common words LAC
reads as places, idioms and pairings of places read as names. Each sentence here was written for the test."""

from __future__ import annotations

from shuanglian.extract.entities.candidates import TokenView
from shuanglian.extract.entities.people import is_name_shape, names_no_person
from shuanglian.extract.entities.place_mentions import _common_head, common_words, region_of_province
from shuanglian.extract.entities.places import place_merges
from shuanglian.extract.lac import Token


def _kinds(e, kind):  # type: ignore[no-untyped-def]
    return {n for n, m in e.items() if m.kind == kind}


def test_coal_field_names_its_place(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("五年里重点开发山西煤田，同时开发豫西煤田和江苏煤田。")
    places = _kinds(e, "place")
    assert {"山西", "豫西", "江苏"} <= places
    assert not any(p.endswith("煤田") for p in places)


def test_province_part_by_abbreviation() -> None:
    assert region_of_province("豫西") and region_of_province("皖北") and region_of_province("鲁西南")
    assert not region_of_province("豫剧") and not region_of_province("西豫")


def test_minority_village_short_form_merges() -> None:
    # 沙洲村 is 沙洲瑶族村 of 文明瑶族乡 without the people's name
    merged = place_merges(["文明瑶族乡沙洲瑶族村", "沙洲村"])
    assert merged == {"沙洲村": "文明瑶族乡沙洲瑶族村"}
    assert place_merges(["太和镇永丰村", "永丰村"]) == {"永丰村": "太和镇永丰村"}
    assert place_merges(["文明瑶族乡沙洲瑶族村", "长洲村"]) == {}


def test_common_words_are_no_places(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("两岸同胞往来密切，大陆和台湾的经贸合作不断加深，中外企业纷纷加快城中村改造。")
    places = _kinds(e, "place")
    assert "台湾" in places
    assert not places & {"两岸", "大陆", "中外", "城中村"}


def _view(words: list[tuple[str, str]]) -> TokenView:
    toks, pos = [], 0
    for w, tag in words:
        toks.append(Token(pos, pos + len(w), w, tag))
        pos += len(w)
    return TokenView("".join(w for w, _ in words), toks)


def test_page_common_reading_beats_one_place_reading() -> None:
    # 和平 read as a common word three times and once as a place (和平区): no place on that page
    view = _view([("坚持", "v"), ("和平", "ad"), ("发展", "v"), ("，", "w"), ("维护", "v"), ("世界", "n"), ("和平", "n"),
                  ("，", "w"), ("推进", "v"), ("和平", "a"), ("统一", "vn"), ("，", "w"), ("在", "p"), ("和平", "LOC"),
                  ("共处", "v"), ("，", "w"), ("来到", "v"), ("深圳", "LOC")])
    common = common_words(view)
    assert "和平" in common
    assert _common_head("和平地区", common) and not _common_head("深圳", common)
    # read twice as a place and twice as a word: not more often a word, kept
    view2 = _view([("和平", "a"), ("和平", "n"), ("和平", "LOC"), ("和平", "LOC")])
    assert "和平" not in common_words(view2)
    # cities and provinces are never dropped so (深圳 tagged n by mistake)
    view3 = _view([("深圳", "n"), ("深圳", "n"), ("深圳", "n"), ("深圳", "LOC")])
    assert "深圳" not in common_words(view3)


def test_idioms_and_report_words_are_no_names() -> None:
    assert not is_name_shape("本固邦宁") and not is_name_shape("拥政爱民")
    assert not is_name_shape("林长制") and not is_name_shape("文惠民") and not is_name_shape("林保护")
    assert is_name_shape("嘎玛泽登") and is_name_shape("王伟中")


def test_pairing_of_place_names_is_no_person() -> None:
    text = "出台郑开同城化发展规划，深化郑洛、郑许协同发展，深化龙粤对口合作。"
    for name in ("郑开", "郑洛", "龙粤"):
        i = text.index(name)
        assert names_no_person(text, i, i + len(name)), name
    # a name before no word of joint development stays a person
    text2 = "郑新同志出席会议并讲话。"
    assert not names_no_person(text2, 0, 2)


def test_when_after_a_name_and_an_army(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("记者见到青年科学家马麟时，他正在实验室里调试设备。")
    assert "马麟" in _kinds(e, "person") and "马麟时" not in e
    e = ents("解放战争时期，这里是刘邓大军千里挺进大别山的落脚地。")
    assert not _kinds(e, "person")


def test_name_inside_a_short_quote_is_no_person() -> None:
    text = "统筹推进“黄小西吃晚饭”等旅游线路，提升“秦信融”服务水平。"
    for name in ("黄小西", "秦信"):
        i = text.index(name)
        assert names_no_person(text, i, i + len(name)), name
    # a quote holding a list, or a name outside the quote, is left alone
    text2 = "“时代楷模”张桂梅来到学校。"
    i = text2.index("张桂梅")
    assert not names_no_person(text2, i, i + 3)


def test_pairings_listed_before_a_shared_word() -> None:
    text = "推动苏锡常、宁镇扬等融合发展。"
    i = text.index("苏锡常")
    assert names_no_person(text, i, i + 3)


def test_generic_parks_are_no_places(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("新建郊野公园12个、体育公园8个，杭州西溪国家湿地公园游客增长。")
    assert not _kinds(e, "place") & {"郊野公园", "体育公园"}


def test_roads_are_works_not_places(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("推进友谊路、复康路改造，提升沿线环境。")
    assert not _kinds(e, "place") & {"友谊路", "复康路"}


def test_county_short_name_that_is_a_word(ents) -> None:  # type: ignore[no-untyped-def]
    # 和顺 (和顺县, 晋中) is the word "in harmony" on a page naming neither 晋中 nor 山西
    assert "和顺" not in _kinds(ents("坚持民族团结、宗教和顺，推动边疆繁荣稳定。"), "place")
    # with its city or province on the page the short name is the county; 南山 on a 深圳 page is the district
    assert "和顺" in ents("山西晋中市和顺县发展特色农业，和顺的小杂粮远销各地。")
    assert "南山" in _kinds(ents("深圳市持续推进南山科技创新。"), "place")


def test_place_and_what_follows_is_no_four_character_name() -> None:
    assert not is_name_shape("元阳哈尼")  # 元阳哈尼梯田
    assert is_name_shape("嘎玛泽登") and is_name_shape("巴音朝鲁") and is_name_shape("欧阳文华")


def test_region_ending_in_a_county_word_stays(ents) -> None:  # type: ignore[no-untyped-def]
    # 平原 is also 平原县 (德州): 成都平原 is no short name of it
    from shuanglian.extract.entities.place_mentions import _word_not_county
    from shuanglian.extract.entities.places import normalise

    text = "成都平原自古有天府之国的美称。"
    assert not _word_not_county(text, "成都平原", normalise("成都平原"))
    assert _word_not_county("宗教和顺。", "和顺", normalise("和顺"))


def test_composite_place_parts_must_nest() -> None:
    from shuanglian.extract.entities.places import normalise

    assert normalise("成都平原") is None  # 平原县 lies in 山东, not in 成都
    p = normalise("深圳市南山区")
    assert p is not None and p.name == "南山区" and p.city == "深圳市"


def test_line_endpoints_and_work_phases_are_no_places(ents) -> None:  # type: ignore[no-untyped-def]
    # the endpoints of a line name the line, also where the tagger would bring them back; a phase names a work
    e = ents("规划建设赤峰至锦州输氢氨醇管道。加快川州二期等500千伏输变电工程建设。")
    assert not _kinds(e, "place") & {"赤峰", "锦州", "川州", "赤峰市", "锦州市"}
    assert ents("支持赤峰建设种质资源库。")["赤峰"].kind == "place"


def test_convention_check_excludes_endpoints_and_phases() -> None:
    from shuanglian.extract.entities.place_mentions import excluded_by_convention

    text = "规划建设赤峰至锦州输氢氨醇管道，加快川州二期等工程建设，支持赤峰发展。"
    assert excluded_by_convention(text, 4, 6) and excluded_by_convention(text, 7, 9)
    i = text.index("川州")
    assert excluded_by_convention(text, i, i + 2)
    j = text.rindex("赤峰")
    assert not excluded_by_convention(text, j, j + 2)


def test_division_character_opening_the_next_word(ents) -> None:  # type: ignore[no-untyped-def]
    # 台湾乡|建: 乡 opens 乡建, so the place is 台湾, not a township 台湾乡
    places = _kinds(ents("引进24支台湾乡建乡创团队。"), "place")
    assert "台湾" in places and "台湾乡" not in places
    from shuanglian.extract.entities.place_mentions import _completed_division, _compound_after

    text = "推动城乡和县域经济发展，支持兴安盟建设。"
    assert _compound_after(text, text.index("县域") + 1)  # 和县|域: 县 belongs to 县域
    assert not _compound_after("和县发展", 2)
    # 兴安|盟: a word one character short of the division written is completed
    assert _completed_division(text, "兴安", text.index("盟")) == "兴安盟"
    assert _completed_division("兴安县城", "兴安", 2) == "兴安县"
    assert _completed_division("兴安县域", "兴安", 2) == ""  # 县 opens 县域: no 兴安县 written


def test_pairing_before_compatriots_names_no_place(ents) -> None:  # type: ignore[no-untyped-def]
    from shuanglian.extract.entities.place_mentions import demonym_pairing

    places = _kinds(ents("向支持陕西发展的港澳台同胞、海内外朋友，表示衷心感谢！"), "place")
    assert not places & {"香港", "澳门", "台湾"}
    text = "感谢港澳同胞。中美关系稳定。台湾同胞。"
    assert demonym_pairing(text, 2) and demonym_pairing(text, 3)
    assert not demonym_pairing(text, text.index("美"))  # 中美关系: a pairing of countries, no people word
    assert not demonym_pairing(text, text.index("台湾"))  # a full name before 同胞 is left to the gold's reading


def test_place_naming_a_section_of_a_work_is_no_mention(ents) -> None:  # type: ignore[no-untyped-def]
    # 厦金大桥（厦门段）: 厦门 names the section of the bridge, not a place of the page
    assert "厦门" not in _kinds(ents("厦金大桥（厦门段）建设加快推进。"), "place")
    assert "厦门" in ents("厦门加快推进大桥建设。")


def test_place_glued_to_one_other_character_is_no_place() -> None:
    from shuanglian.extract.entities.place_mentions import _place_plus_other

    assert _place_plus_other("山东周")  # 新加坡山东周: a week of events
    assert not _place_plus_other("深圳湾") and not _place_plus_other("海南岛") and not _place_plus_other("北京市")
    assert not _place_plus_other("解放碑") and not _place_plus_other("太平洋")  # a spot; a world place


def test_first_tier_pairing_is_no_place(ents) -> None:  # type: ignore[no-untyped-def]
    assert "北上广深" not in _kinds(ents("加强与北上广深等地大型农工商龙头企业合作。"), "place")


def test_province_in_its_slogan_is_a_place_the_country_in_a_national_one_not(ents) -> None:  # type: ignore[no-untyped-def]
    assert ents("加快经济社会发展全面绿色转型，建设美丽广西。")["广西"].kind == "place"
    places = _kinds(ents("深入推进健康中国建设。"), "place")
    assert "中国" not in places
