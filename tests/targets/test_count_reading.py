"""Counts with no measure word: Chinese numerals and 近 (number reading), X多/X余 (a floor: 以上)."""

from __future__ import annotations

from shuanglian.targets.derive import derive_figures


def _counts(text: str, published: str) -> list[tuple[float, str | None, bool]]:
    return [(f.value, f.qualifier, f.is_target) for f in derive_figures(text, published) if f.unit == "人"]


def test_chinese_numeral_count_with_jin_is_approximate() -> None:
    text = "二、今后五年的主要任务\n今后五年要通过普通高等学校和成人高等教育共培养近五百万高级专门人才。"
    assert (5_000_000.0, "约", True) in _counts(text, "1986-03-25")


def test_many_count_before_the_counted_noun_is_a_floor() -> None:
    text = "二、今年工作安排\n新农村建设要惠及广大农民。力争让最后20多万无电人口都能用上电。"
    assert (200_000.0, "以上", True) in _counts(text, "2015-03-05")


def test_many_with_an_unread_unit_is_a_floor() -> None:
    text = "二、今年工作安排\n今年新建改建农村公路1万多公里。"
    assert [(f.value, f.qualifier) for f in derive_figures(text, "2015-03-05") if f.unit == "公里"] == [(10_000.0, "以上")]


def test_yi_inside_a_noun_modifier_is_no_result_cue() -> None:
    text = ("二、今年工作安排\n重大水利工程已开工的57个项目要加快建设，今年再开工27个项目，"
            "在建重大水利工程投资规模超过8000亿元。")
    figs = [f for f in derive_figures(text, "2015-03-05") if f.unit == "元"]
    assert [(f.value, f.qualifier, f.is_target) for f in figs] == [(8e11, "以上", True)]


def test_population_without_a_measure_and_an_attributive_result_stay_as_they_were() -> None:
    assert _counts("三、今年的任务\n首先充分发挥八亿农民的积极性。", "1979-06-18") == []
    text = "一、两年来的工作\n共建设5100多个项目。已建成的主要有：加固大江大河大湖堤防近6100公里；新增公路通车里程1.2万公里。"
    assert not any(f.is_target for f in derive_figures(text, "2000-03-05") if f.unit == "公里")
