"""Ad-law / SEO word repairs: data-driven contexts, offsets into the final text."""

from __future__ import annotations

import pytest

from shuanglian.clean.repairs import apply_repairs


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("科技是头部生产力、人才是头部资源、创新是头部动力", "科技是第一生产力、人才是第一资源、创新是第一动力"),
        ("发展是头部要务。", "发展是第一要务。"),
        ("数量连续6年位居全国头部。", "数量连续6年位居全国第一。"),
        ("研发投入排名头部，", "研发投入排名第一，"),
        ("出口额稳居全省头部", "出口额稳居全省第一"),
        ("抢救心源性猝死蕞有效的设备", "抢救心源性猝死最有效的设备"),
        ("书记是抓党建的头部责任人", "书记是抓党建的第一责任人"),
    ],
)
def test_swaps_are_repaired(before: str, after: str) -> None:
    text, repairs = apply_repairs(before)
    assert text == after
    assert repairs
    for r in repairs:
        assert text[r.at : r.at + len(r.to)] == r.to


@pytest.mark.parametrize(
    "text",
    [
        "吸引了一批头部企业落户。",
        "头部主播带货能力强。",
        "行业出现明显的头部效应。",
        "跻身头部阵营的券商不多。",
        "位居行业头部的企业率先布局。",
        "运动员头部受伤，被送往医院。",
    ],
)
def test_real_head_words_are_left_alone(text: str) -> None:
    assert apply_repairs(text) == (text, [])


def test_offsets_are_in_the_repaired_text() -> None:
    text, repairs = apply_repairs("蕞大的平台，位居全国头部；蕞新的成果")
    assert text == "最大的平台，位居全国第一；最新的成果"
    assert [(r.at, r.from_, r.to) for r in repairs] == [(0, "蕞", "最"), (10, "头部", "第一"), (13, "蕞", "最")]
