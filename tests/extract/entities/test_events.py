"""Events named with their session or meeting number (entities/events.py, data/event_names.yaml)."""

from __future__ import annotations


def _ents(ents, text: str) -> dict[str, tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    return {m.name: (m.kind, list(m.aliases)) for m in ents(text).values()}


def test_session_opens_an_events_name_and_the_series_is_an_alias(ents) -> None:  # type: ignore[no-untyped-def]
    got = _ents(ents, "举办首届青稞产业发展大会，粮食生产再获丰收。")
    assert got["首届青稞产业发展大会"][0] == "organization"
    assert "青稞产业发展大会" in got["首届青稞产业发展大会"][1]


def test_summit_takes_its_holder_and_number(ents) -> None:  # type: ignore[no-untyped-def]
    got = _ents(ents, "成功举办亚太经合组织第二十二次领导人非正式会议、亚信会议第四次峰会、博鳌亚洲论坛。")
    assert got["亚太经合组织第二十二次领导人非正式会议"][0] == "organization"
    assert got["亚信会议第四次峰会"][0] == "organization"
    got = _ents(ents, "服务好保障好亚太经合组织（APEC）第三十三次领导人非正式会议，吸引集聚更多国际高端要素。")
    assert "亚太经合组织（APEC）第三十三次领导人非正式会议" in got


def test_meetings_of_party_and_state_bodies_are_no_events(ents) -> None:  # type: ignore[no-untyped-def]
    got = _ents(ents, "十四届全国人大第三次会议和全国政协第三次会议胜利召开。")
    assert not any("第三次会议" in n for n in got)


def test_year_opens_an_event_and_promotion_verb_inside_its_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _ents(ents, "首届中国国际供应链促进博览会在北京开幕。")
    assert got["首届中国国际供应链促进博览会"][0] == "organization"
    assert "中国国际供应链促进博览会" in got["首届中国国际供应链促进博览会"][1]
    got = _ents(ents, "2024世界人工智能大会在上海举行。")
    assert "世界人工智能大会" in got["2024世界人工智能大会"][1]


def test_fairs_named_by_an_expo_abbreviation(ents) -> None:  # type: ignore[no-untyped-def]
    got = _ents(ents, "成功举办数博会、链博会和农博会。第七届新博会成功举办。")
    assert got["数博会"][0] == "organization" and got["农博会"][0] == "organization"
    assert got["第七届新博会"][0] == "organization" and "新博会" in got["第七届新博会"][1]


def test_a_sessions_event_merges_with_its_series_full_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _ents(ents, "汉口北商品交易会在武汉举行。第十届汉交会今天闭幕。")
    assert set(got["汉口北商品交易会"][1]) >= {"第十届汉交会", "汉交会"}


def test_a_provinces_own_event_after_a_bare_province_word(ents) -> None:  # type: ignore[no-untyped-def]
    got = _ents(ents, "陕西省人民政府工作报告。办好省第十一届艺术节、第十八届运动会。")
    assert got["陕西省第十一届艺术节"][0] == "organization"
    assert "省第十一届艺术节" in got["陕西省第十一届艺术节"][1]
    got = _ents(ents, "办好省第十一届艺术节。")
    assert got["第十一届艺术节"][1] == []  # no page place; a bare event word is no series alias


def test_a_meeting_a_body_convenes_is_no_entity(ents) -> None:  # type: ignore[no-untyped-def]
    got = _ents(ents, "今年要召开全国科学技术大会，对科技工作进行全面部署。")
    assert not any(n.endswith("科学技术大会") for n in got)
    got = _ents(ents, "举办首届青稞产业发展大会。")
    assert "首届青稞产业发展大会" in got  # an event held stays


def test_every_session_of_a_series_merges_whatever_their_order(ents) -> None:  # type: ignore[no-untyped-def]
    for text in ("汉口北商品交易会在武汉举行。第九届汉交会、第十届汉交会均已闭幕。",
                 "汉口北商品交易会在武汉举行。第十届汉交会、第九届汉交会均已闭幕。"):
        got = _ents(ents, text)
        assert set(got["汉口北商品交易会"][1]) >= {"第九届汉交会", "第十届汉交会"}, (text, got)


def test_a_session_before_a_level_word_and_games_is_a_named_event(ents) -> None:  # type: ignore[no-untyped-def]
    # event_names.yaml event_levels: 第16届|全区|运动会 is the region's games (alias without the session)
    got = ents("办好第16届全区运动会。")
    assert got["第16届全区运动会"].kind == "organization" and "全区运动会" in got
    assert not any(m.kind == "organization" for m in ents("办好第十八届运动会。").values())
