"""Rivers, lakes and seas named as an area are places (real_gold README, session-13 rule 4); a river inside
another name, a battle, a slogan or a list of belts and sites is no mention (place_mentions.water_name)."""

from __future__ import annotations

from shuanglian.extract.entities.place_mentions import water_name


def _places(ents, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.name for m in ents(text).values() if m.kind == "place"}


def test_rivers_and_lakes_named_as_an_area_are_places(ents) -> None:  # type: ignore[no-untyped-def]
    got = _places(ents, "推动长江沿线城市协同发展，在黄河岸边植树，加强洞庭湖生态保护。")
    assert {"长江", "黄河", "洞庭湖"} <= got


def test_a_river_inside_a_longer_name_is_that_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _places(ents, "在推动中部地区崛起和长江经济带发展中展现新作为。")
    assert "长江" not in got and "长江经济带" in got


def test_generic_waters_battles_and_lists_of_other_things_are_no_rivers() -> None:
    def at(text: str, word: str) -> bool:
        i = text.index(word)
        return water_name(text, i, i + len(word))

    assert at("保护长江生态", "长江")
    assert not at("统筹山水林田湖草沙一体化保护", "林田湖")  # a slogan of the whole environment
    assert not at("加强江河治理", "江河")  # the kind of waters
    assert not at("湘江战役纪念馆", "湘江")  # a battle named after the river
    assert not at("大运河、长城、西山永定河三条文化带建设", "大运河")  # items of a list of belts
    assert not at("升级打造新安江—千岛湖生态环境共同保护合作区", "千岛湖")  # a pair joined by a dash opens a zone


def test_named_built_works_read_as_place_words_are_platforms(ents) -> None:  # type: ignore[no-untyped-def]
    # real_gold README session-12 rule 4: named works are platforms; LAC reads some as one place word (沪通长江大桥/LOC)
    # or as a place and a work word (大连湾/LOC 海底隧道/LOC)
    k = {n: m.kind for n, m in ents("这里是江苏沪通长江大桥建设现场。在辽宁大连，大连湾海底隧道的标准沉管安装已经接近尾声。").items()}
    assert k.get("沪通长江大桥") == "platform" and k.get("大连湾海底隧道") == "platform"
    assert k.get("江苏") == "place"


def test_epithets_and_lists_of_parks_hold_no_river() -> None:
    def at(text: str, word: str) -> bool:
        i = text.index(word)
        return water_name(text, i, i + len(word))

    assert not at("这是万里长江第一隧", "长江")
    assert not at("建设长江和大运河两大国家文化公园", "长江")
    assert at("推动长江、黄河等流域生态保护", "长江")
