"""Places normalised against jionlp's division data: level, parent, province, city."""

from __future__ import annotations

import pytest

from shuanglian.extract.entities.places import normalise


@pytest.mark.parametrize(
    ("surface", "name", "level", "parent", "province", "city"),
    [
        ("深圳", "深圳市", "city", "广东省", "广东省", "深圳市"),
        ("广东", "广东省", "province", "中国", "广东省", None),
        ("南山区", "南山区", "district", "深圳市", "广东省", "深圳市"),
        ("黄埔", "黄埔区", "district", "广州市", "广东省", "广州市"),
        ("天津", "天津市", "city", "中国", "天津市", "天津市"),
        ("粤港澳大湾区", "粤港澳大湾区", "region", "中国", None, None),
        ("德国", "德国", "country", None, None, None),
    ],
)
def test_normalise(surface: str, name: str, level: str, parent: str | None, province: str | None,
                   city: str | None) -> None:
    p = normalise(surface)
    assert p is not None
    assert (p.name, p.level, p.parent, p.province, p.city) == (name, level, parent, province, city)


def test_context_breaks_ties() -> None:
    # 朝阳区 exists in Beijing and in Changchun; the page's city decides
    assert normalise("朝阳区", (None, "长春市")).city == "长春市"  # type: ignore[union-attr]
    assert normalise("朝阳区", ("北京市", "北京市")).city == "北京市"  # type: ignore[union-attr]


def test_place_entities_in_text(ents) -> None:  # type: ignore[no-untyped-def]
    text = "合肥是安徽省会。梁文华来到合肥市蜀山区，随后前往安徽其他城市。"
    e = ents(text)
    hefei = e["合肥市"]
    assert hefei.kind == "place" and "合肥" in hefei.aliases
    assert hefei.attrs["level"] == "city" and hefei.attrs["province"] == "安徽省"
    assert e["安徽"].attrs["official"] == "安徽省"


def test_idiom_is_not_a_place(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("深入实施科教兴国战略、人才强国战略，推进科教兴市。")
    assert "兴国" not in e and "兴市" not in e


def test_one_character_loc_words_are_no_places(ents) -> None:  # type: ignore[no-untyped-def]
    # real report sentences (issue 11: 和 became a place with thousands of statements)
    got = ents("加快建设宜居宜业和美乡村，新建省级和美乡村100个左右。加快上合经贸综合服务平台建设。深圳市加快建设宜居宜业和美乡村。")
    places = {n for n, m in got.items() if m.kind == "place"}
    assert "和" not in places and "上" not in places
    assert "深圳市" in places


def test_place_key_and_merges() -> None:
    from shuanglian.extract.entities.places import place_key, place_merges

    assert place_key("北京") == place_key("北京市") == "北京市"
    assert place_key("燕赵") == "河北省"  # a literary name of the province
    merges = place_merges(["京津冀", "京津冀地区", "永丰村", "太和镇永丰村", "眉山市"])
    assert merges == {"京津冀": "京津冀地区", "永丰村": "太和镇永丰村"}


def test_built_works_and_line_endpoints_are_no_places(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("今年开工建设甲城至乙镇高速公路，扩建宁海港，长沙至岳阳铁路加快推进。调研组前往长沙市考察。")
    assert "宁海港" not in e
    assert "岳阳" not in e and "岳阳市" not in e  # the endpoint of a line is not a place of the page
    assert e["长沙市"].kind == "place"


def test_region_tail_and_town_village_chain(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("加快石家庄都市圈建设。习近平来到梓山镇潭头村考察。潭头村村民围拢过来。")
    assert e["石家庄都市圈"].kind == "place"
    village = e["梓山镇潭头村"]
    assert village.kind == "place" and "潭头村" in village.aliases
    assert "梓山镇" not in e


def test_regions_written_together_are_one_mention_each(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("要打造面向中亚南亚西亚国家的商贸物流枢纽。")
    assert {"中亚", "南亚", "西亚"} <= {n for n, m in e.items() if m.kind == "place"}


def test_word_after_a_place_is_read_from_the_split_tokens() -> None:
    # by_start indexes LAC's tokens before the phase split and marks the phase boundary with -1: the word
    # after 上海浦东 (二期) was read as the page's last token (大兴国际机场), a built work
    from shuanglian.extract.entities.candidates import TokenView
    from shuanglian.extract.entities.place_mentions import _names_work
    from shuanglian.extract.lac import Token

    text = "上海浦东二期，北京大兴国际机场"
    toks = [Token(0, 6, "上海浦东二期", "LOC"), Token(6, 7, "，", "w"), Token(7, 9, "北京", "LOC"),
            Token(9, 15, "大兴国际机场", "ORG")]
    view = TokenView(text, toks)
    assert not _names_work(view, Token(0, 4, "上海浦东", "LOC"))
    assert _names_work(view, Token(7, 9, "北京", "LOC"))


def _places(ents, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.name for m in ents(text).values() if m.kind == "place"}


def test_one_character_province_after_a_verb(ents) -> None:  # type: ignore[no-untyped-def]
    assert _places(ents, "吸引人才来川发展，争取更多机构在湘落地。") == {"四川省", "湖南省"}


def test_province_characters_in_pairings_lines_and_flows_are_not_places(ents) -> None:  # type: ignore[no-untyped-def]
    assert _places(ents, "陇电入浙工程开工建设，统筹疆算入渝，加强川渝合作。") == set()


def test_place_naming_a_spirit_is_no_mention(ents) -> None:  # type: ignore[no-untyped-def]
    assert _places(ents, "大力弘扬延安精神和井冈山精神。") == set()


def test_countries_in_a_list_are_places_never_enterprises(ents) -> None:  # type: ignore[no-untyped-def]
    # the tagger's company head read 波兰/罗马尼亚 as brands in a list of countries; LAC cut a long official name
    got = {m.name: m.kind for m in ents("蒙古、越南民主共和国、波兰、捷克斯洛伐克、匈牙利、罗马尼亚、朝鲜民主主义人民共和国、保加利亚").values()}
    for name in ("波兰", "捷克斯洛伐克", "匈牙利", "罗马尼亚", "保加利亚", "朝鲜民主主义人民共和国"):
        assert got.get(name) == "place", (name, got)
    assert "朝鲜民主主" not in got


def test_blocs_are_places_and_international_bodies_organisations(ents) -> None:  # type: ignore[no-untyped-def]
    got = {m.name: m.kind for m in ents("同欧盟、东盟深化合作，支持联合国和世贸组织发挥作用。").values()}
    assert got.get("欧盟") == "place" and got.get("东盟") == "place"
    assert got.get("联合国") == "organization" and got.get("世贸组织") == "organization"


def test_world_gazetteer_holds_countries_capitals_and_official_names() -> None:
    from shuanglian.extract.entities.places import world_places

    names = world_places()
    assert {"匈牙利", "布达佩斯", "朝鲜民主主义人民共和国", "大阪"} <= names
    assert not any(len(n) < 2 for n in names)
