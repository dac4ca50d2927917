"""Items of a …等领域 list are industries when they are sectors and the list is of fields of economic activity, not
of government work (real_gold README, session-13 rule 6; entities/field_lists.py)."""

from __future__ import annotations

from shuanglian.extract.entities.field_lists import fields_of_work, never_sector, reading


def _industries(ents, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.name for m in ents(text).values() if m.kind == "industry"}


def _reading(text: str, item: str) -> str | None:
    i = text.index(item)
    return reading(text, i, i + len(item))


def test_the_clause_says_what_the_fields_are_fields_of() -> None:
    assert _reading("空天动力实验室正围绕航空宇航、空天能源等领域展开科技攻关", "航空宇航") == "economic"
    assert _reading("重大项目签约落地，涉及低空经济、商业航天等多个领域", "低空经济") == "economic"
    assert _reading("打好安全生产攻坚战，紧盯道路交通、消防、文化旅游等重点领域，深入排查", "文化旅游") == "governance"
    assert _reading("推动工业、城乡建设、交通运输、能源等重点领域绿色低碳转型", "交通运输") == "governance"
    assert _reading("拓展农业、文旅、教育等多领域AI场景应用", "文旅") == "governance"
    assert _reading("发展海洋、航运等产业", "海洋") is None  # not a 领域 list
    # a later item's own words are no cue (网络安全 is an item, not the clause's safety work)
    assert _reading("在集成电路、网络安全、人工智能等领域开展技术攻关", "人工智能") == "economic"


def test_items_of_an_economic_field_list_are_industries(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "刚刚成立的空天动力实验室正围绕航空宇航、空天能源等领域展开科技攻关。")
    assert {"航空宇航", "空天能源"} <= got


def test_items_of_a_field_list_of_government_work_are_no_industries(ents) -> None:  # type: ignore[no-untyped-def]
    got = _industries(ents, "打好安全生产攻坚战，紧盯道路交通、消防、危险化学品、文化旅游等重点领域，深入排查隐患。")
    assert not got & {"危险化学品", "文化旅游"}


def test_aggregates_public_services_and_tasks_are_no_sectors() -> None:
    assert never_sector("工业") and never_sector("教育") and never_sector("民生保障") and never_sector("产业发展")
    assert not never_sector("海洋") and not never_sector("养老")
    assert fields_of_work(["教育", "医疗", "养老", "社保"])
    assert not fields_of_work(["科技", "海洋", "农业", "养老", "低空经济", "智能驾驶"])
