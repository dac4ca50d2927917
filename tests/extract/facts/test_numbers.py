"""Chinese and Arabic number parsing."""

from __future__ import annotations

import pytest

from shuanglian.extract.facts.numbers import parse_cn_integer, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("二十四", 24), ("一千一百", 1100), ("四万", 40000), ("三亿五千万", 350_000_000), ("两百", 200)],
)
def test_chinese_integers(text: str, value: int) -> None:
    assert parse_cn_integer(text) == value


@pytest.mark.parametrize(
    ("text", "value", "approx"),
    [
        ("1,100", 1100, False),
        ("3.4万", 34000, False),
        ("2000亿", 2e11, False),
        ("数千万", 1e7, True),
        ("几十", 10, True),
        ("千", 1000, False),
    ],
)
def test_numbers_with_multipliers(text: str, value: float, approx: bool) -> None:
    assert parse_number(text) == (pytest.approx(value), approx)


def test_not_a_number_raises() -> None:
    with pytest.raises(ValueError):
        parse_number("万a")


def test_chinese_decimal_after_dian() -> None:
    assert parse_number("八点五") == (8.5, False)
    assert parse_number("二十点四") == (20.4, False)


def test_percent_with_a_chinese_decimal_is_one_figure() -> None:
    from shuanglian.extract.facts.figures import extract_figures

    figs = extract_figures("钢三千九百万吨，增长百分之五点一。")
    assert [(f["value"], f["unit"]) for f in figs] == [(39000000, "吨"), (5.1, "%")]


def test_more_than_written_before_the_magnitude_is_read() -> None:
    from shuanglian.extract.facts.figures import extract_figures

    got = {(f["value"], f["unit"], f["qualifier"]) for f in extract_figures("新增就业1300多万人，建设保障房600余万套，投资8000多亿元。")}
    assert got == {(13_000_000, "人", "多"), (6_000_000, "套", "余"), (800_000_000_000, "元", "多")}
