"""Cultural belts and national cultural or archaeological parks: platforms named before their head."""

from __future__ import annotations


def _kinds(ents, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.name: m.kind for m in ents(text).values()}


def test_cultural_belts_listed_and_single(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推进运河、太行山、燕山三条文化带建设，打造京杭大运河文化带。")
    for name in ("运河文化带", "太行山文化带", "燕山文化带", "京杭大运河文化带"):
        assert got.get(name) == "platform", name


def test_national_cultural_park_with_its_section(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "推进长征国家文化公园（贵州段）和黄河国家文化公园山东段建设。")
    assert got.get("长征国家文化公园（贵州段）") == "platform"
    assert got.get("黄河国家文化公园山东段") == "platform"


def test_archaeological_parks_and_heritage_routes(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "建成良渚、殷墟国家考古遗址公园，开通闽南海丝遗产线路。")
    assert got.get("良渚国家考古遗址公园") == "platform"
    assert got.get("殷墟国家考古遗址公园") == "platform"
    assert got.get("闽南海丝遗产线路") == "platform"


def test_the_head_alone_names_no_work(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "各地加快推进文化带建设。")
    assert "文化带" not in got


def test_parks_built_or_opened_are_works(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "海河公园、滨水公园和12个口袋公园等建成开放，建设开放月亮岛等公园。")
    for name in ("海河公园", "滨水公园", "月亮岛"):
        assert got.get(name) == "platform", name


def test_a_park_only_visited_stays_a_place(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "游客在象鼻山公园合影留念。")
    assert got.get("象鼻山公园") == "place"


def test_named_roads_listed_before_a_count_of_roads(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "更新改造建设路等道路60条，维修改造迎宾大道、解放路等42条重要道路。")
    for name in ("建设路", "迎宾大道", "解放路"):
        assert got.get(name) == "platform", name


def test_class_nouns_of_carriers_name_no_platform(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "开展化工园区整治，在山区打造康养基地，推进现代农业示范区建设，建设高标准数字园区。")
    for name in ("化工园区", "康养基地", "现代农业示范区", "高标准数字园区"):
        assert name not in got, name
    named = _kinds(ents, "建设生物制造产业园和宁东能源化工基地。")
    assert named.get("生物制造产业园") == "platform"
    assert named.get("宁东能源化工基地") == "platform"


def test_lines_named_by_abbreviations_after_de_and_with_provinces(ents) -> None:  # type: ignore[no-untyped-def]
    got = _kinds(ents, "连接岳阳、益阳、常德的岳益常高铁开工，沪苏铁路和渝昆高铁加快建设，我国的高速公路里程增长。")
    for name in ("岳益常高铁", "沪苏铁路", "渝昆高铁"):
        assert got.get(name) == "platform", name
    assert not any(k.endswith("高速公路") for k in got)


def test_an_item_whose_suffix_only_classifies_stays_in_the_list(ents) -> None:  # type: ignore[no-untyped-def]
    # 大运河 ends in the classify-only suffix 运河: still an item of 大运河、长城、西山永定河三条文化带
    got = {n for n, m in ents("大运河、长城、西山永定河三条文化带建设扎实推进。").items() if m.kind == "platform"}
    assert {"大运河文化带", "长城文化带", "西山永定河文化带"} <= got
