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
