"""One organisation suffix classifier: extraction and the graph's guess for names met inside facts agree."""

from __future__ import annotations

import pytest

from shuanglian.extract.entities.orgs import kind_of
from shuanglian.graph.build import guess_kind
from shuanglian.suffixes import SuffixDataError, kind_by_suffix, parse_suffixes, suffixes


def test_the_issue_example_is_a_platform_on_both_sides() -> None:
    name = "合肥综合性国家科学中心"
    assert kind_by_suffix(name) == "platform"
    assert guess_kind(name) == "platform"
    assert kind_of(name) == "platform"


def test_graph_and_extraction_agree_on_every_declared_suffix() -> None:
    sx = suffixes()
    assert len(sx.kind_of) > 200
    disagree = []
    for suffix, kind in sx.kind_of.items():
        name = "测试" + suffix  # not in the gazetteer: extraction decides by the suffix alone
        if not (guess_kind(name) == kind_of(name) == kind_by_suffix(name) == kind):
            disagree.append((name, guess_kind(name), kind_of(name), kind_by_suffix(name)))
    assert disagree == []


def test_places_and_unknown_names_fall_back() -> None:
    assert guess_kind("南山区") == "place" and guess_kind("深圳市") == "place"
    assert guess_kind("前海合作区") == "platform"  # the organisation suffix wins over the place suffix 区
    assert guess_kind("比亚迪") == "organization" and guess_kind("比亚迪", default="enterprise") == "enterprise"


def test_bad_suffix_data_names_the_file() -> None:
    with pytest.raises(SuffixDataError, match="x.yaml"):
        parse_suffixes(["not", "a", "mapping"], "x.yaml")
    with pytest.raises(SuffixDataError, match="kind 'lab'"):
        parse_suffixes({"lab": ["实验室"]}, "x.yaml")
