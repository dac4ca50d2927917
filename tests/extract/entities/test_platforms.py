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
