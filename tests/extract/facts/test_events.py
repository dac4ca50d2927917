"""EventStage and date resolution: rollover, bare days, relative days, visitors vs accompanying, visited."""

from __future__ import annotations

import re
from datetime import date

import pytest

from shuanglian.document import Document, Mention
from shuanglian.extract.facts import EventStage
from shuanglian.extract.facts.dates import find_date, resolve_month_day
from shuanglian.extract.facts.events import extract_events


def ents(text: str, spec: list[tuple[str, str, list[str]]]) -> list[Mention]:
    """Mentions with every occurrence of the name and its aliases as spans (what EntityStage gives)."""
    out = []
    for name, kind, aliases in spec:
        spans = [(m.start(), m.end()) for n in [name, *aliases] for m in re.finditer(re.escape(n), text)]
        out.append(Mention(name, kind, aliases, sorted(spans)))
    return out


@pytest.mark.parametrize(
    ("month", "day", "pub", "expected"),
    [
        (5, 30, date(2023, 6, 1), date(2023, 5, 30)),
        (6, 1, date(2023, 6, 1), date(2023, 6, 1)),
        (12, 29, date(2024, 1, 3), date(2023, 12, 29)),  # rollover: December reported in January
        (6, 20, date(2023, 6, 1), date(2022, 6, 20)),  # later than publication -> previous year
        (2, 30, date(2023, 6, 1), None),  # no such day
    ],
)
def test_month_day_resolution(month: int, day: int, pub: date, expected: date | None) -> None:
    assert resolve_month_day(month, day, pub) == expected


def test_find_date_forms() -> None:
    pub = date(2024, 1, 4)
    assert find_date("2023年7月26日，", pub) == (date(2023, 7, 26), 0)
    assert find_date("昨天，部长来到", pub) == (date(2024, 1, 3), 0)
    assert find_date("十二月三十日上午", pub) == (date(2023, 12, 30), 0)
    assert find_date("13日，前往株洲", date(2023, 9, 15), anchor=date(2023, 9, 12)) == (date(2023, 9, 13), 0)
    assert find_date("2日，返回", date(2023, 10, 5), anchor=date(2023, 9, 30)) == (date(2023, 10, 2), 0)
    assert find_date("近日，", pub) is None
    assert find_date("5月30日", None) == (None, 0)  # no publication date: the year is unknown
    assert find_date("次日上午，前往株洲", date(2023, 10, 5), anchor=date(2023, 9, 30)) == (
        date(2023, 10, 1),
        0,
    )
    assert find_date("次日上午，", date(2023, 10, 5)) is None  # no report date to follow


TEXT = (
    "5月30日，省委书记黄坤明，省委副书记、省长王伟中前往深圳市，就产业科技融合发展进行专题调研。"
    "省委副书记、深圳市委书记孟凡利参加调研。\n"
    "黄坤明、王伟中来到河套深港科技创新合作区，了解合作区建设情况。\n"
    "走进位于光明科学城的深圳湾实验室，黄坤明察看科研成果展示。\n"
    "在深圳迈瑞生物医疗电子股份有限公司，黄坤明听取企业负责人汇报，听取董事长李明汇报。\n"
    "在实验室展厅，师生回忆了2019年习近平总书记亲临视察时的场景。\n"
    "省领导张晓强，深圳市市长覃伟中陪同调研。"
)
SPEC = [
    ("黄坤明", "person", []),
    ("王伟中", "person", []),
    ("孟凡利", "person", []),
    ("张晓强", "person", []),
    ("覃伟中", "person", []),
    ("李明", "person", []),
    ("习近平", "person", []),
    ("深圳市", "place", []),
    ("河套深港科技创新合作区", "platform", ["合作区"]),
    ("光明科学城", "platform", []),
    ("深圳湾实验室", "lab", []),
    ("深圳迈瑞生物医疗电子股份有限公司", "enterprise", []),
]


def test_one_visit_report() -> None:
    doc = Document(source="t", text=TEXT, published="2023-06-01", entities=ents(TEXT, SPEC))
    EventStage()(doc)
    assert len(doc.events) == 1
    ev = doc.events[0]
    assert ev["kind"] == "visit"
    assert ev["date"] == "2023-05-30"
    assert ev["visitors"] == ["黄坤明", "王伟中"]  # not 孟凡利/张晓强 (accompanying), not 李明 (host)
    # 走进位于光明科学城的深圳湾实验室: the park it stands in is visited too (the real gold's convention)
    assert ev["visited"] == [
        "河套深港科技创新合作区",
        "光明科学城",
        "深圳湾实验室",
        "深圳迈瑞生物医疗电子股份有限公司",
    ]
    assert ev["place"] == "深圳市"
    s, e = ev["span"]
    assert TEXT[s:e].startswith("5月30日")


def test_rollover_and_separate_days_make_separate_events() -> None:
    text = (
        "12月28日至29日，部长秦立东在湖南调研。湖南省委书记沈建华，省长毛立明分别陪同调研。\n"
        "28日，秦立东来到中联重科股份有限公司。\n"
        "29日，秦立东前往株洲，来到中车株洲电力机车有限公司。"
    )
    spec = [
        ("秦立东", "person", []),
        ("沈建华", "person", []),
        ("毛立明", "person", []),
        ("湖南", "place", []),
        ("株洲", "place", []),
        ("中联重科股份有限公司", "enterprise", []),
        ("中车株洲电力机车有限公司", "enterprise", []),
    ]
    events = extract_events(text, ents(text, spec), "2024-01-03")
    assert [(e["date"], e["visitors"], e["visited"]) for e in events] == [
        ("2023-12-28", ["秦立东"], ["中联重科股份有限公司"]),
        ("2023-12-29", ["秦立东"], ["中车株洲电力机车有限公司"]),
    ]


def test_no_event_without_an_official_or_in_excluded_text() -> None:
    text = "记者走进深圳湾实验室。研究员王晓峰曾带队赴德国考察调研。"
    spec = [("深圳湾实验室", "lab", []), ("王晓峰", "person", []), ("德国", "place", [])]
    assert extract_events(text, ents(text, spec), "2023-07-14") == []
    doc = Document(source="t", text=TEXT, published="2023-06-01", entities=ents(TEXT, SPEC))
    doc.excluded = [(0, len(TEXT))]
    assert EventStage()(doc).events == []


def test_dateline_is_not_the_visit_date() -> None:
    pub = date(2023, 11, 18)
    assert find_date("新华社上海11月17日电  11月16日至17日，副总理何立平在上海调研", pub) == (
        date(2023, 11, 16),
        14,
    )


def test_a_meeting_place_does_not_open_a_visit() -> None:
    text = "在国务院新闻办公室20日举行的发布会上，新闻发言人、局长陶志清介绍了工业运行情况。"
    spec = [("国务院新闻办公室", "government", []), ("陶志清", "person", [])]
    assert extract_events(text, ents(text, spec), "2023-10-20") == []


def test_short_generic_names_refer_back_to_the_last_named_entity() -> None:
    text = (
        "5月30日，省委书记黄坤明来到深圳调研。由中科院发起成立的中国科学院深圳先进技术研究院集聚了多个机构。"
        "黄坤明走进研究院，了解研究成果。"
    )
    spec = [
        ("黄坤明", "person", []),
        ("深圳", "place", []),
        ("中科院", "research_institute", []),
        ("中国科学院深圳先进技术研究院", "research_institute", []),
    ]
    (ev,) = extract_events(text, ents(text, spec), "2023-06-01")
    assert ev["visited"] == ["中国科学院深圳先进技术研究院"]
    assert (ev["date"], ev["date_text"]) == ("2023-05-30", "5月30日")
    (undated,) = extract_events(text, ents(text, spec), None)
    assert (undated["date"], undated["date_text"]) == (None, "5月30日")


def test_title_after_the_name_makes_an_official() -> None:
    text = "4月10日，王志刚总理来到华为技术有限公司考察。"
    spec = [("王志刚", "person", []), ("华为技术有限公司", "enterprise", [])]
    (ev,) = extract_events(text, ents(text, spec), "2023-04-11")
    assert (ev["date"], ev["visitors"], ev["visited"]) == ("2023-04-10", ["王志刚"], ["华为技术有限公司"])


def test_zones_typed_as_places_are_visited_but_cities_are_not() -> None:
    text = "6月2日，市委书记吴国庆来到湘江新区，走进长沙中电软件园，随后前往长沙县。"
    spec = [
        ("吴国庆", "person", []),
        ("湘江新区", "place", []),
        ("长沙中电软件园", "place", []),
        ("长沙县", "place", []),
    ]
    (ev,) = extract_events(text, ents(text, spec), "2023-06-03")
    assert ev["visited"] == ["湘江新区", "长沙中电软件园"]


def test_place_is_the_finest_place_named_for_the_visit() -> None:
    text = "9月12日，部长秦立东在湖南调研。秦立东来到长沙，走进中联重科股份有限公司。"
    hunan = Mention(
        "湖南省", "place", ["湖南"], [(text.index("湖南"), text.index("湖南") + 2)], {"level": "province"}
    )
    changsha = Mention(
        "长沙",
        "place",
        [],
        [(text.index("长沙"), text.index("长沙") + 2)],
        {"level": "city", "parent": "湖南省", "province": "湖南省", "official": "长沙市"},
    )
    people = ents(text, [("秦立东", "person", []), ("中联重科股份有限公司", "enterprise", [])])
    (ev,) = extract_events(text, [hunan, changsha, *people], "2023-09-15")
    assert ev["place"] == "长沙"


def test_escorts_named_before_a_visitor_and_a_second_day_of_a_delegation() -> None:
    text = (
        "7月12日，主任郑国华到苏州调研。在省长许文涛，市委书记曹建平陪同下，郑国华来到苏州工业园区。\n"
        "13日上午，代表团走进亨通集团有限公司。"
    )
    spec = [
        ("郑国华", "person", []),
        ("许文涛", "person", []),
        ("曹建平", "person", []),
        ("苏州", "place", []),
        ("苏州工业园区", "platform", []),
        ("亨通集团有限公司", "enterprise", []),
    ]
    events = extract_events(text, ents(text, spec), "2023-07-14")
    assert [(e["date"], e["visitors"], e["visited"]) for e in events] == [
        ("2023-07-12", ["郑国华"], ["苏州工业园区"]),
        ("2023-07-13", ["郑国华"], ["亨通集团有限公司"]),
    ]


def test_a_listed_government_body_is_visited() -> None:
    text = "11月2日，副总理刘国栋先后来到海南大学和海南省南繁管理局等地调研。"
    spec = [("刘国栋", "person", []), ("海南大学", "university", []), ("海南省南繁管理局", "government", [])]
    (ev,) = extract_events(text, ents(text, spec), "2023-11-05")
    assert ev["visited"] == ["海南大学", "海南省南繁管理局"]


def test_a_leader_cited_for_an_earlier_inspection_is_not_a_visitor() -> None:
    text = "5月30日，省委书记黄坤明前往深圳市，就认真贯彻落实习近平总书记视察广东重要讲话精神进行调研。"
    spec = [("黄坤明", "person", []), ("习近平", "person", []), ("深圳市", "place", [])]
    (ev,) = extract_events(text, ents(text, spec), "2023-06-01")
    assert ev["visitors"] == ["黄坤明"]


def test_recent_visits_take_the_publication_date_and_summaries_give_way_to_dated_days() -> None:
    text = "近日，副省长张立军在市长王刚陪同下来到河北亿华通动力科技有限公司调研。"
    spec = [
        ("张立军", "person", []),
        ("王刚", "person", []),
        ("河北亿华通动力科技有限公司", "enterprise", []),
    ]
    (ev,) = extract_events(text, ents(text, spec), "2023-09-26")
    assert (ev["date"], ev["date_text"], ev["date_source"]) == ("2023-09-26", "近日", "recent")
    assert (ev["visitors"], ev["accompanying"]) == (["张立军"], ["王刚"])
    tour = (
        "习近平总书记近日在陕西考察时强调，要扎实做好六稳工作。\n"
        "4月20日，习近平在省委书记胡和平陪同下来到柞水县金米村考察。"
    )
    spec = [("习近平", "person", []), ("胡和平", "person", []), ("柞水县", "place", [])]
    events = extract_events(tour, ents(tour, spec), "2020-04-23")
    assert [(e["date"], e["date_source"]) for e in events] == [("2020-04-20", "body")]
    assert events[0]["accompanying"] == ["胡和平"]


def test_titles_are_not_hosts_and_quoted_names_keep_their_de() -> None:
    text = "4月19日，中共中央总书记习近平来到清华大学考察，走进“半条被子的温暖”专题陈列馆，又来到老字号西安饭庄。"
    spec = [("习近平", "person", []), ("中共中央", "government", []), ("清华大学", "university", [])]
    (ev,) = extract_events(text, ents(text, spec), "2021-04-19")
    assert "中共中央" not in ev["visited"] and "清华大学" in ev["visited"]
    assert "半条被子的温暖专题陈列馆" in ev["visited"] and "西安饭庄" in ev["visited"]


def _with_places(
    text: str, spec: list[tuple[str, str, list[str]]], places: dict[str, dict[str, str | None]]
) -> list[Mention]:
    """Mentions of `spec`, with place attributes (level, city) for the names in `places`."""
    out = ents(text, spec)
    for m in out:
        if m.name in places:
            m.attrs.update(places[m.name])
        if m.name == "习近平":  # what role extraction gives him (中共中央总书记、国家主席…习近平)
            m.attrs["roles"] = [{"title": "总书记"}]
    return out


TOUR = (
    "6月8日，习近平在四川省委书记王晓晖、省长黄强陪同下，先后来到眉山、宜宾等地，深入农村、文物保护单位、学校、企业等进行调研。\n"
    "8日上午，习近平来到眉山市东坡区太和镇永丰村考察调研。习近平步行察看村容村貌，考察村卫生站。\n"
    "在眉山市中心城区，坐落着北宋文学家苏洵、苏轼、苏辙父子三人的故居三苏祠。习近平来到这里，了解三苏生平。\n"
    "8日下午，习近平来到宜宾市考察。习近平来到宜宾学院考察调研，察看毕业生创新创业作品展示。\n"
    "随后，习近平考察了极米光电有限公司。他走进公司展厅和生产车间，了解企业自主创新情况。\n"
    "9日上午，习近平听取了四川省委和省政府工作汇报。习近平说，今天我特地来看望大家。"
)
TOUR_PLACES = {
    "眉山市": {"level": "city", "city": "眉山市", "official": "眉山市"},
    "东坡区": {"level": "district", "city": "眉山市", "official": "东坡区"},
    "宜宾市": {"level": "city", "city": "宜宾市", "official": "宜宾市"},
    "太和": {"level": "county", "city": "阜阳市", "official": "太和县"},  # a county elsewhere, inside 太和镇
}


def test_one_event_per_date_and_city_with_town_hosts_and_here() -> None:
    spec = [
        ("习近平", "person", []), ("王晓晖", "person", []), ("黄强", "person", []),
        ("眉山市", "place", ["眉山"]), ("东坡区", "place", []), ("宜宾市", "place", ["宜宾"]), ("太和", "place", []),
        ("三苏祠", "place", []), ("宜宾学院", "university", []), ("极米光电有限公司", "enterprise", []),
    ]  # fmt: skip
    mentions = _with_places(TOUR, spec, TOUR_PLACES)
    for m in mentions:  # 太和 is only found inside 太和镇; 眉山/宜宾 as written in the summary
        if m.name == "太和":
            m.spans = [(TOUR.index("太和镇"), TOUR.index("太和镇") + 2)]
    events = extract_events(TOUR, mentions, "2022-06-09")
    assert [(e["date"], e["visited"]) for e in events] == [
        # the city is where it is (眉山市东坡区 dropped), 和 inside 太和镇 splits nothing; 村卫生站 is a part of
        # the village; 这里 is the 三苏祠 just introduced; the 汇报 day and the speech are no visits
        ("2022-06-08", ["太和镇永丰村", "三苏祠"]),
        ("2022-06-08", ["宜宾学院", "极米光电有限公司"]),  # not 公司展厅, 生产车间
    ]
    assert events[0]["accompanying"] == ["王晓晖", "黄强"]


def test_the_same_city_in_the_afternoon_stays_one_event() -> None:
    text = (
        "10日上午，习近平考察了位于湛江市东海岛的海水养殖种子工程南方基地。\n"
        "10日下午，习近平来到湛江市徐闻县，考察徐闻港。"
    )
    spec = [("习近平", "person", []), ("湛江市", "place", []), ("徐闻县", "place", [])]
    places = {"湛江市": {"level": "city", "city": "湛江市"}, "徐闻县": {"level": "county", "city": "湛江市"}}
    (ev,) = extract_events(text, _with_places(text, spec, places), "2023-04-13")
    assert ev["visited"] == ["海水养殖种子工程南方基地", "徐闻港"]


def test_hosts_introduced_at_the_head_of_a_sentence() -> None:
    text = (
        "22日，习近平在西安考察。陕西汽车控股集团有限公司是西北地区有影响力的制造企业。习近平详细了解产品研发情况。\n"
        "交大西迁博物馆坐落于西安交通大学兴庆校区。习近平仔细端详一张张照片。\n"
        "位于老县镇蒋家坪村的女娲凤凰茶业现代示范园区，属于苏陕扶贫协作项目。习近平走进茶园察看。\n"
        "秦岭山脉是我国重要的生态安全屏障。信阳市光山县位于大别山集中连片特困地区。"
    )
    spec = [
        ("习近平", "person", []), ("西安", "place", []), ("光山县", "place", []),
        ("陕西汽车控股集团有限公司", "enterprise", []), ("西安交通大学兴庆校区", "university", []),
    ]  # fmt: skip
    places = {"西安": {"level": "city", "city": "西安市"}, "光山县": {"level": "county", "city": "信阳市"}}
    (ev,) = extract_events(text, _with_places(text, spec, places), "2020-04-23")
    # not 秦岭山脉 (no host word) nor 光山县 (a county), and nothing the visitor does not go on to see
    assert ev["visited"] == [
        "陕西汽车控股集团有限公司",
        "交大西迁博物馆",
        "西安交通大学",
        "女娲凤凰茶业现代示范园区",
    ]  # the campus is a part of the university (the real gold)


@pytest.mark.parametrize(
    "text",
    [
        "2017年12月，习近平总书记在江苏考察时指出，必须始终高度重视发展壮大实体经济。",
        "党的十八大以来，习近平总书记三次到山东考察调研，深入农村、社区、企业等考察。",
        "十年来，习近平总书记多次在京津冀地区考察调研。",
        # on a page looking back on earlier visits, an undated "在山东考察时，来到…" recalls one too
        "2018年6月，习近平总书记来到青岛。习近平总书记在山东考察时，来到曲阜的孔府和孔子研究院参观。",
        "习近平总书记再次亲临西藏视察，给林芝市嘎拉村全体村民回信。",
        "习近平总书记在湖南考察时强调，要准确识变、科学应变。",
        "全面落实习近平总书记考察安徽重要讲话精神，在省委坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导。",
        "习近平动情地说，今天我特地来看望大家。",
    ],
)
def test_recollections_citations_and_speech_are_no_visits(text: str) -> None:
    spec = [("习近平", "person", []), ("孔子研究院", "research_institute", []), ("省委", "government", []),
            ("林芝市", "place", [])]  # fmt: skip
    assert extract_events(text, _with_places(text, spec, {"林芝市": {"level": "city"}}), "2022-06-10") == []
    # the same leader does visit when the page reports it
    visit = "6月8日，习近平来到孔子研究院考察。"
    assert len(extract_events(visit, _with_places(visit, spec, {}), "2022-06-10")) == 1


def test_a_visit_ranked_by_its_number_is_reported_not_recalled() -> None:
    text = "5月10日，习近平第三次来到雄安新区考察，首先考察了雄安站的建设运行情况。"
    spec = [("习近平", "person", []), ("雄安新区", "place", [])]
    (ev,) = extract_events(text, _with_places(text, spec, {}), "2023-05-10")
    assert (ev["date"], ev["visited"]) == ("2023-05-10", ["雄安新区", "雄安站"])


def test_a_state_visit_names_the_country_and_the_inviting_host_is_no_visitor() -> None:
    text = "应国家主席习近平邀请，法国总统马克龙于4月5日至7日对中国进行国事访问。"
    spec = [("习近平", "person", []), ("马克龙", "person", []), ("中国", "place", [])]
    (ev,) = extract_events(text, _with_places(text, spec, {}), "2023-04-05")
    assert (ev["date"], ev["visitors"], ev["visited"]) == ("2023-04-05", ["马克龙"], ["中国"])


def test_an_undated_local_visit_in_government_news_takes_the_publication_date() -> None:
    text = "省委书记黄坤明在深圳市调研时强调，要加快建设现代化产业体系。"
    spec = [("黄坤明", "person", []), ("深圳市", "place", [])]
    (ev,) = extract_events(text, _with_places(text, spec, {"深圳市": {"level": "city"}}), "2023-06-01")
    assert (ev["date"], ev["date_source"], ev["place"]) == ("2023-06-01", "published", "深圳市")


def test_a_park_the_visitors_are_briefed_on_is_visited_but_not_a_government_body() -> None:
    text = (
        "12日上午，习近平来到儋州市考察调研。在展示馆，习近平听取洋浦经济开发区建设发展总体情况介绍。\n"
        "习近平听取古雷石化产业园区规划建设情况汇报，听取了海南省委和省政府工作汇报。"
    )
    spec = [("习近平", "person", []), ("儋州市", "place", []), ("洋浦经济开发区", "platform", []),
            ("海南省委", "government", [])]  # fmt: skip
    (ev,) = extract_events(text, _with_places(text, spec, {"儋州市": {"level": "city"}}), "2022-04-13")
    assert ev["visited"] == ["洋浦经济开发区", "古雷石化产业园区"]


def test_the_next_day_is_another_day_of_the_tour() -> None:
    text = "12月28日，部长秦立东来到中联重科股份有限公司。次日上午，秦立东来到中车株洲电力机车有限公司。"
    spec = [("秦立东", "person", []), ("中联重科股份有限公司", "enterprise", []),
            ("中车株洲电力机车有限公司", "enterprise", [])]  # fmt: skip
    events = extract_events(text, ents(text, spec), "2023-12-30")
    assert [(e["date"], e["date_text"], e["visited"]) for e in events] == [
        ("2023-12-28", "12月28日", ["中联重科股份有限公司"]),
        ("2023-12-29", "次日", ["中车株洲电力机车有限公司"]),
    ]


def test_a_works_site_names_its_host_and_a_bare_community_refers_back() -> None:
    text = (
        "11月20日，副总理丁一来到济南遥墙国际机场二期改扩建项目现场，调研重大基础设施建设情况。\n"
        "团山街道长山花园社区曾经困难重重，如今成为居民安居乐业的社区。丁一来到社区，察看社区环境。"
    )
    spec = [("丁一", "person", []), ("长山花园社区", "place", [])]
    (ev,) = extract_events(text, ents(text, spec), "2025-11-22")
    assert ev["visited"] == ["济南遥墙国际机场", "长山花园社区"]


def test_the_place_is_the_city_or_county_after_an_island_or_a_region() -> None:
    text = "11日下午，习近平到海南岛中南部的五指山市考察调研，来到水满乡毛纳村。"
    spec = [("习近平", "person", []), ("海南岛", "place", []), ("五指山市", "place", [])]
    places = {"五指山市": {"level": "county", "official": "五指山市"}}
    (ev,) = extract_events(text, _with_places(text, spec, places), "2022-04-13")
    assert (ev["date"], ev["place"], ev["visited"]) == ("2022-04-11", "五指山市", ["水满乡毛纳村"])


def test_hosts_without_their_division_or_part_and_lists_of_kinds_or_parts() -> None:
    text = (
        "5月20日，中共中央总书记、国家主席习近平在江西考察。习近平深入赣州市的企业、农村、革命纪念馆进行考察。"
        "习近平来到徐闻县大水桥水库，又来到乐金显示广州制造基地。"
        "习近平察看了社区电子加工厂、毛绒玩具厂。习近平来到西安交通大学兴庆校区。"
    )
    spec = [
        ("习近平", "person", []),
        ("江西省", "place", ["江西"]),
        ("广州制造基地", "platform", []),
        ("西安交通大学兴庆校区", "university", []),
    ]
    doc = Document(source="t", text=text, published="2023-06-01", entities=ents(text, spec))
    EventStage()(doc)
    visited = doc.events[0]["visited"]
    # the site without its county, the tagger's cut head restored, the university without its campus
    assert {"大水桥水库", "乐金显示广州制造基地", "西安交通大学"} <= set(visited)
    # kinds of hosts (企业、农村、革命纪念馆) and the parts of a community are no hosts
    assert not {"革命纪念馆", "毛绒玩具厂", "徐闻县大水桥水库", "广州制造基地"} & set(visited)


def test_shenru_and_fu_lead_to_the_zones_visited_but_shenru_tuijin_does_not() -> None:
    text = (
        "4月2日，省长刘宁深入郑州航空港、中原科技城，走访了超聚变数字技术有限公司，要求深入推进郑东新区建设。"
    )
    spec = [
        ("刘宁", "person", []),
        ("郑州航空港", "platform", []),
        ("中原科技城", "platform", []),
        ("超聚变数字技术有限公司", "enterprise", []),
        ("郑东新区", "platform", []),
    ]
    (ev,) = extract_events(text, ents(text, spec), "2026-04-05")
    assert ev["visited"] == ["郑州航空港", "中原科技城", "超聚变数字技术有限公司"]
    text2 = "4月2日，市长王凯赴中原科技城调研。"
    (ev2,) = extract_events(
        text2, ents(text2, [("王凯", "person", []), ("中原科技城", "platform", [])]), "2026-04-05"
    )
    assert ev2["visited"] == ["中原科技城"]


def test_two_hosts_tagged_as_one_name_are_split_at_he() -> None:
    text = "近日，市委书记王强走访了宇通客车和富士康郑州科技园。"
    spec = [("王强", "person", []), ("宇通客车和富士康郑州科技园", "platform", [])]
    (ev,) = extract_events(text, ents(text, spec), "2026-04-05")
    assert ev["visited"] == ["宇通客车", "富士康郑州科技园"]
    text2 = "近日，市委书记王强来到太和镇卫生院。"  # 和 inside a name separates nothing
    (ev2,) = extract_events(
        text2, ents(text2, [("王强", "person", []), ("太和镇卫生院", "organization", [])]), "2026-04-05"
    )
    assert ev2["visited"] == ["太和镇卫生院"]
    text3 = "近日，市委书记王强来到北京怀柔仪器和传感器有限公司。"  # one company: its legal name holds 和
    spec3 = [("王强", "person", []), ("北京怀柔仪器和传感器有限公司", "enterprise", [])]
    (ev3,) = extract_events(text3, ents(text3, spec3), "2026-04-05")
    assert ev3["visited"] == ["北京怀柔仪器和传感器有限公司"]


def test_economic_zones_typed_as_places_are_hosts_not_the_place() -> None:
    text = "近日，常务副省长李明清到长沙经开区调研重大项目建设。"
    spec = [("李明清", "person", []), ("长沙经开区", "place", [])]
    (ev,) = extract_events(text, ents(text, spec), "2026-04-05")
    assert ev["visited"] == ["长沙经开区"] and ev["place"] is None


def test_a_district_named_like_a_zone_is_no_host() -> None:
    from shuanglian.extract.entities.stage import extract_entities

    text = "7月6日，市长李强来到浦东新区，考察上海联影医疗科技股份有限公司。"
    (ev,) = extract_events(text, extract_entities(text), "2023-07-08")
    assert "浦东新区" not in ev["visited"] and "上海联影医疗科技股份有限公司" in ev["visited"]


def test_xianhou_dao_continues_a_tour_in_a_later_sentence() -> None:
    text = "4月3日，省委书记梁言顺在银川市调研时强调，要加快数字经济发展。他先后到宁夏大学、中卫西部云基地，与科研人员交流。"
    spec = [
        ("梁言顺", "person", []),
        ("银川市", "place", []),
        ("宁夏大学", "university", []),
        ("中卫西部云基地", "platform", []),
    ]
    (ev,) = extract_events(text, ents(text, spec), "2026-04-05")
    assert ev["visited"] == ["宁夏大学", "中卫西部云基地"]
    text2 = "4月3日，省委书记梁言顺在银川市调研。全市研发投入达到50亿元，宁夏大学排名上升。"
    spec2 = [("梁言顺", "person", []), ("银川市", "place", []), ("宁夏大学", "university", [])]
    (ev2,) = extract_events(text2, ents(text2, spec2), "2026-04-05")
    assert ev2["visited"] == []  # 达到 is no visit verb


# --- issue 9 (branch visits2): rules written on dev half A, and visit shapes dev does not show -------------


def test_an_event_attended_is_no_host() -> None:
    text = "11月5日，国家主席习近平在上海出席第七届中国国际进口博览会期间，考察了上海微电子装备有限公司。"
    spec = [("习近平", "person", []), ("上海", "place", []), ("第七届中国国际进口博览会", "organization", []),
            ("上海微电子装备有限公司", "enterprise", [])]  # fmt: skip
    (ev,) = extract_events(text, ents(text, spec), "2024-11-06")
    assert ev["visited"] == ["上海微电子装备有限公司"] and ev["date"] == "2024-11-05"
    # the venue of a ceremony is no host either
    text2 = "5日上午，国家主席习近平来到上海市，考察了上海科技馆，随后在上海展览中心出席开幕式。"
    spec2 = [("习近平", "person", []), ("上海市", "place", []), ("上海展览中心", "organization", [])]
    (ev2,) = extract_events(text2, ents(text2, spec2), "2024-11-06")
    assert ev2["visited"] == ["上海科技馆"]


def test_what_is_looked_at_inside_a_host_is_part_of_it() -> None:
    text = "12日，省长王五来到合肥。在科大讯飞研究院，王五仔细察看语音实验室、图像实验室等，同科研人员交流。"
    spec = [("王五", "person", []), ("合肥", "place", []), ("科大讯飞研究院", "research_institute", []),
            ("语音实验室", "lab", []), ("图像实验室", "lab", [])]  # fmt: skip
    (ev,) = extract_events(text, ents(text, spec), "2024-05-13")
    assert ev["visited"] == ["科大讯飞研究院"]


def test_the_longest_name_opens_a_sentence_and_memories_after_the_visit_verbs_keep_it() -> None:
    text = (
        "20日下午，总书记习近平来到瑞金市。"
        "在中央苏区历史博物馆内，习近平驻足察看一件件文物，回忆当年的峥嵘岁月。"
    )
    spec = [("习近平", "person", []), ("瑞金市", "place", []), ("中央苏区", "organization", []),
            ("中央苏区历史博物馆", "organization", [])]  # fmt: skip
    (ev,) = extract_events(text, ents(text, spec), "2024-05-21")
    assert ev["visited"] == ["中央苏区历史博物馆"]
    # the same words before the visit verb tell of an earlier visit: not this one's host
    text2 = "20日，总书记习近平来到瑞金市。讲解员回忆当年习近平视察中央苏区历史博物馆时的情景。"
    (ev2,) = extract_events(text2, ents(text2, spec), "2024-05-21")
    assert ev2["visited"] == []


def test_a_body_heading_a_longer_noun_phrase_is_not_visited() -> None:
    text = "20日，总书记习近平来到瑞金市，察看了中央苏区政府旧址和瑞金干部学院。"
    spec = [("习近平", "person", []), ("瑞金市", "place", []), ("中央苏区政府", "organization", []),
            ("瑞金干部学院", "organization", [])]  # fmt: skip
    (ev,) = extract_events(text, ents(text, spec), "2024-05-21")
    assert "中央苏区政府" not in ev["visited"] and "瑞金干部学院" in ev["visited"]
    text2 = "20日，总书记习近平来到中国科协调研。"  # the body itself, then the verb: visited
    spec2 = [("习近平", "person", []), ("中国科协", "organization", [])]
    (ev2,) = extract_events(text2, ents(text2, spec2), "2024-05-21")
    assert ev2["visited"] == ["中国科协"]


def test_a_host_inside_phrase_no_entity_names() -> None:
    text = "20日，总书记习近平来到瑞金市。在红井革命旧址纪念馆内，习近平察看展陈。"
    spec = [("习近平", "person", []), ("瑞金市", "place", [])]
    (ev,) = extract_events(text, ents(text, spec), "2024-05-21")
    assert ev["visited"] == ["红井革命旧址纪念馆"]


def test_a_referred_host_keeps_the_head_the_tagger_cut_off() -> None:
    text = (
        "20日，省长王五来到长沙市。\n梅溪湖国际研发中心汇聚了上百家研发机构。王五来到中心，了解企业研发情况。"
    )
    spec = [("王五", "person", []), ("长沙市", "place", []), ("国际研发中心", "platform", [])]
    (ev,) = extract_events(text, ents(text, spec), "2024-05-21")
    assert ev["visited"] == ["梅溪湖国际研发中心"]
    # a division before the host is where it lies, not part of its name
    text2 = (
        "20日，省长王五来到长沙市。\n岳麓区国际研发中心汇聚了上百家研发机构。王五来到中心，了解企业研发情况。"
    )
    (ev2,) = extract_events(text2, ents(text2, spec), "2024-05-21")
    assert ev2["visited"] == ["国际研发中心"]


def test_sites_halls_streets_and_two_character_villages_are_hosts() -> None:
    text = "20日上午，总书记习近平来到洛阳市，先后考察了洛阳轴承集团、龙门石窟和洛阳规划展示馆。"
    spec = [("习近平", "person", []), ("洛阳市", "place", []), ("洛阳轴承集团", "enterprise", [])]
    (ev,) = extract_events(text, ents(text, spec), "2024-05-21")
    assert ev["visited"] == ["洛阳轴承集团", "龙门石窟", "洛阳规划展示馆"]
    text2 = "19日，省委书记梁言顺在黄山市调研，走访了西递村、宏村和天津古文化街。"
    spec2 = [("梁言顺", "person", []), ("黄山市", "place", []), ("宏村", "place", [])]
    (ev2,) = extract_events(text2, ents(text2, spec2), "2024-05-21")
    assert ev2["visited"] == ["西递村", "宏村", "天津古文化街"]
    text4 = "19日，省委书记梁言顺来到南昌市，来到赣江口，眺望城市风貌。"  # a river mouth looked over
    (ev4,) = extract_events(text4, ents(text4, spec2[:1]), "2024-05-21")
    assert ev4["visited"] == ["赣江口"]
    text3 = "19日，省委书记梁言顺在黄山市调研，走进工厂。"  # a bare two-character word: no host
    (ev3,) = extract_events(text3, ents(text3, spec2), "2024-05-21")
    assert ev3["visited"] == []


def test_a_host_named_again_with_a_tail_and_a_school_of_a_university_are_one_host() -> None:
    text = (
        "10日，总书记习近平来到合肥市。合肥南站枢纽位于新站区核心位置。习近平来到合肥南站，察看客流情况。"
        "随后，习近平来到中国科学技术大学，首先来到物理学院，参观实验室。"
    )
    spec = [("习近平", "person", []), ("合肥市", "place", []), ("中国科学技术大学", "university", [])]
    at = text.index("来到合肥南站") + 2  # tagged where the visit goes, not in the sentence introducing it
    station = Mention("合肥南站", "platform", [], [(at, at + 4)])
    (ev,) = extract_events(text, [*ents(text, spec), station], "2024-05-11")
    assert ev["visited"] == ["合肥南站", "中国科学技术大学"]
    # 宜宾学院 visited without a university is a host of its own
    text2 = "10日，总书记习近平来到宜宾市，走进宜宾学院。"
    spec2 = [("习近平", "person", []), ("宜宾市", "place", [])]
    (ev2,) = extract_events(text2, ents(text2, spec2), "2024-05-11")
    assert ev2["visited"] == ["宜宾学院"]


def test_the_name_after_a_dash_is_the_host() -> None:
    text = "20日，总书记习近平来到全国首个数字经济创新发展试验区——桐乡乌镇，考察互联网产业发展。"
    spec = [("习近平", "person", []), ("乌镇", "place", [])]
    (ev,) = extract_events(text, ents(text, spec), "2024-05-21")
    assert ev["visited"] == ["桐乡乌镇"]


# Shapes of visit reports the CCTV dev items do not show (tests of generality, written by hand, not gold).


def test_a_several_day_tour_gives_one_event_per_day_and_city() -> None:
    text = (
        "9月15日至17日，国务院总理李强在湖南调研。15日下午，李强来到长沙市，先后考察了三一重工股份有限公司、"
        "中南大学和湘江实验室。16日，李强前往株洲市，走进中车株洲电力机车有限公司。"
    )
    spec = [("李强", "person", []), ("湖南", "place", []), ("长沙市", "place", []), ("株洲市", "place", []),
            ("三一重工股份有限公司", "enterprise", []), ("中南大学", "university", []), ("湘江实验室", "lab", []),
            ("中车株洲电力机车有限公司", "enterprise", [])]  # fmt: skip
    evs = extract_events(text, ents(text, spec), "2024-09-18")
    assert [(e["date"], e["visited"]) for e in evs] == [
        ("2024-09-15", ["三一重工股份有限公司", "中南大学", "湘江实验室"]),
        ("2024-09-16", ["中车株洲电力机车有限公司"]),
    ]


def test_a_visit_during_a_stay_takes_the_report_date() -> None:
    text = "近日，省委书记梁言顺在宿州调研期间，来到安徽大学宿州研究院和宿州高新区，察看科研成果展示。"
    spec = [("梁言顺", "person", []), ("宿州", "place", []), ("安徽大学宿州研究院", "research_institute", []),
            ("宿州高新区", "platform", [])]  # fmt: skip
    (ev,) = extract_events(text, ents(text, spec), "2024-05-20")
    assert (ev["date"], ev["visitors"], ev["visited"]) == (
        "2024-05-20",
        ["梁言顺"],
        ["安徽大学宿州研究院", "宿州高新区"],
    )


def test_a_visit_reported_the_next_day() -> None:
    text = "国务院副总理丁薛祥11日在北京调研，先后来到北京大学、中国科学院物理研究所和北京怀柔综合性国家科学中心。"
    spec = [("丁薛祥", "person", []), ("北京", "place", []), ("北京大学", "university", []),
            ("中国科学院物理研究所", "research_institute", []), ("北京怀柔综合性国家科学中心", "platform", [])]  # fmt: skip
    (ev,) = extract_events(text, ents(text, spec), "2024-06-12")
    assert ev["date"] == "2024-06-11"
    assert ev["visited"] == ["北京大学", "中国科学院物理研究所", "北京怀柔综合性国家科学中心"]
    text2 = "昨天（11日），省委书记梁言顺来到合肥市，走访了合肥工业大学以及科大讯飞股份有限公司。"
    spec2 = [("梁言顺", "person", []), ("合肥市", "place", []), ("合肥工业大学", "university", []),
             ("科大讯飞股份有限公司", "enterprise", [])]  # fmt: skip
    (ev2,) = extract_events(text2, ents(text2, spec2), "2024-06-12")
    assert (ev2["date"], ev2["visited"]) == ("2024-06-11", ["合肥工业大学", "科大讯飞股份有限公司"])


def test_a_meeting_in_a_city_is_no_visit_and_the_guest_is_no_visitor() -> None:
    text = "12日，省委书记梁言顺在合肥会见了华为技术有限公司董事长梁华一行。"
    spec = [
        ("梁言顺", "person", []),
        ("合肥", "place", []),
        ("华为技术有限公司", "enterprise", []),
        ("梁华", "person", []),
    ]
    assert extract_events(text, ents(text, spec), "2024-05-12") == []


def test_hosts_joined_by_he_yiji_and_a_town_unit_without_its_county() -> None:
    text = "18日，省委书记梁言顺先后来到庐江县汤池镇果树村、合肥高新区以及安徽江淮汽车集团股份有限公司和安徽大学。"
    spec = [("梁言顺", "person", []), ("庐江县", "place", [], ), ("合肥高新区", "platform", []),
            ("安徽江淮汽车集团股份有限公司", "enterprise", []), ("安徽大学", "university", [])]  # fmt: skip
    ms = ents(text, spec)
    ms[1].attrs["level"] = "county"
    (ev,) = extract_events(text, ms, "2024-05-21")
    assert sorted(ev["visited"]) == sorted(
        ["汤池镇果树村", "合肥高新区", "安徽江淮汽车集团股份有限公司", "安徽大学"]
    )


def test_an_unnamed_host_of_a_kind_is_no_host() -> None:
    text = "近日，省长王清宪深入芜湖市的一家新能源汽车企业和奇瑞汽车股份有限公司调研。"
    spec = [("王清宪", "person", []), ("芜湖市", "place", []), ("奇瑞汽车股份有限公司", "enterprise", [])]
    (ev,) = extract_events(text, ents(text, spec), "2024-03-20")
    assert (ev["date"], ev["visited"]) == ("2024-03-20", ["奇瑞汽车股份有限公司"])


def _tour(second: str) -> list[tuple[str, list[str]]]:
    """A first day in 光山县 (信阳), a long speech, then `second`."""
    speech = "习近平强调，" + "要坚持以人民为中心的发展思想，推动高质量发展。" * 30 + "\n"
    text = "16日，中共中央总书记习近平来到光山县，走进司马光油茶园。\n" + speech + second
    spec = [("习近平", "person", []), ("光山县", "place", []), ("郑州煤矿机械集团股份有限公司", "enterprise", []),
            ("郑州市", "place", [])]  # fmt: skip
    ms = ents(text, spec)
    ms[1].attrs.update(level="county", city="信阳市")
    ms[2].attrs.update(place="郑州市")
    ms[3].attrs.update(level="city")
    return [(e["date"], e["visited"]) for e in extract_events(text, ms, "2019-09-18")]


@pytest.mark.parametrize("subject", ["总书记", "他"])
def test_a_new_day_told_of_the_visitor_without_the_name_after_a_long_speech(subject: str) -> None:
    assert _tour(f"17日下午，{subject}来到郑州煤矿机械集团股份有限公司考察。") == [
        ("2019-09-16", ["司马光油茶园"]),
        ("2019-09-17", ["郑州煤矿机械集团股份有限公司"]),
    ]


def test_travelling_to_another_city_without_a_date_is_the_next_stop_of_the_same_day() -> None:
    assert _tour("离开光山县，习近平来到郑州市，走进郑州煤矿机械集团股份有限公司。") == [
        ("2019-09-16", ["司马光油茶园"]),
        ("2019-09-16", ["郑州煤矿机械集团股份有限公司"]),
    ]
    # a company of another city visited on the way is no move: the sentence names no city after the verb
    assert _tour("随后，习近平走进郑州煤矿机械集团股份有限公司。") == [
        ("2019-09-16", ["司马光油茶园", "郑州煤矿机械集团股份有限公司"]),
    ]


def test_a_dated_stop_in_another_city_stays_a_visit_when_no_host_is_found() -> None:
    assert _tour("17日下午，习近平来到郑州市，了解黄河生态保护情况。") == [
        ("2019-09-16", ["司马光油茶园"]),
        ("2019-09-17", []),
    ]
    # a briefing in the city already visited is no stop of its own
    assert _tour("17日上午，习近平来到光山县，听取当地工作汇报。") == [("2019-09-16", ["司马光油茶园"])]


def test_a_village_or_reserve_opening_a_sentence_is_visited_and_its_facilities_are_the_village() -> None:
    head = "11日下午，总书记习近平来到五指山市。"
    spec = [("习近平", "person", []), ("五指山市", "place", []), ("水满乡毛纳村", "place", []),
            ("五指山国家级自然保护区", "place", []), ("什寒村党群服务中心", "platform", [])]  # fmt: skip
    for body, host in [
        ("在水满乡毛纳村，习近平走进村民家中，察看生活情况。", "水满乡毛纳村"),
        ("在五指山国家级自然保护区，习近平察看热带雨林。", "五指山国家级自然保护区"),
        ("在什寒村党群服务中心，习近平听取村里情况介绍。", "什寒村"),
    ]:
        text = head + body
        ms = ents(text, spec)
        ms[1].attrs["level"] = "city"
        (ev,) = extract_events(text, ms, "2022-04-13")
        assert ev["visited"] == [host], body


def test_divisions_before_a_village_or_a_natural_site_are_not_its_name() -> None:
    text = "20日，总书记习近平来到金寨县大湾村，看望慰问困难群众。随后，习近平来到云南省昆明市滇池星海半岛生态湿地。"
    spec = [("习近平", "person", []), ("金寨县", "place", []), ("大湾村", "place", [])]
    ms = ents(text, spec)
    ms[1].attrs["level"] = "county"
    (ev,) = extract_events(text, ms, "2024-05-21")
    assert ev["visited"] == ["大湾村", "滇池星海半岛生态湿地"]


def test_a_stop_told_of_the_visitor_without_the_name_after_a_long_speech_continues_the_day() -> None:
    assert _tour("随后，总书记来到文殊乡东岳村，看望村民。") == [
        ("2019-09-16", ["司马光油茶园", "文殊乡东岳村"])
    ]
    # without a visitor or a word for them, a sentence that far is no part of the visit
    assert _tour("随后，来到文殊乡东岳村的游客越来越多。") == [("2019-09-16", ["司马光油茶园"])]


def test_a_company_looked_at_in_a_village_is_a_host_of_its_own() -> None:
    text = "11日，总书记习近平来到高州市。在根子镇柏桥村，习近平察看了柏桥荔枝专业合作社。"
    spec = [("习近平", "person", []), ("高州市", "place", []), ("根子镇柏桥村", "place", []),
            ("柏桥荔枝专业合作社", "organization", [])]  # fmt: skip
    (ev,) = extract_events(text, ents(text, spec), "2023-04-12")
    assert ev["visited"] == ["根子镇柏桥村", "柏桥荔枝专业合作社"]


def test_another_leaders_visit_told_after_is_an_event_of_its_own() -> None:
    spec = [("李强", "person", []), ("王沪宁", "person", []), ("江苏", "place", []), ("浙江", "place", []),
            ("南京大学", "university", []), ("浙江大学", "university", [])]  # fmt: skip
    for text in [
        "20日，国务院总理李强在江苏调研，来到南京大学。同日，全国政协主席王沪宁在浙江调研，走进浙江大学。",
        "20日，国务院总理李强在江苏调研，来到南京大学。\n20日，全国政协主席王沪宁在浙江调研，走进浙江大学。",
    ]:
        ms = ents(text, spec)
        ms[2].attrs["level"], ms[3].attrs["level"] = "province", "province"
        evs = extract_events(text, ms, "2024-05-21")
        assert [(e["date"], e["visitors"], e["visited"]) for e in evs] == [
            ("2024-05-20", ["李强"], ["南京大学"]),
            ("2024-05-20", ["王沪宁"], ["浙江大学"]),
        ], text


def test_a_stop_opened_by_what_the_host_is_known_for() -> None:
    text = "20日，省长王五来到长沙市。\n梅溪湖国际研发中心以科技创新为引领，汇聚了上百家研发机构。王五详细了解中心建设情况。"
    spec = [("王五", "person", []), ("长沙市", "place", [])]
    (ev,) = extract_events(text, ents(text, spec), "2024-05-21")
    assert ev["visited"] == ["梅溪湖国际研发中心"]
    # without the visitor in the paragraph it is a description, not a stop
    text2 = "20日，省长王五来到长沙市。\n梅溪湖国际研发中心以科技创新为引领，汇聚了上百家研发机构。"
    (ev2,) = extract_events(text2, ents(text2, spec), "2024-05-21")
    assert ev2["visited"] == []


def test_he_inside_a_word_does_not_split_a_host() -> None:
    from shuanglian.extract.facts.events import _rules, _split_joined

    assert _split_joined(_rules(), "宇通客车和富士康郑州科技园") == ["宇通客车", "富士康郑州科技园"]
    # 太和 and 和平 are words (visits.yaml join_not_after / join_not_before), not a join
    assert _split_joined(_rules(), "中关村国际和平纪念馆") == ["中关村国际和平纪念馆"]
    assert _split_joined(_rules(), "北京市太和文化博物馆") == ["北京市太和文化博物馆"]
