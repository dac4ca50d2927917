"""Alias linking on a page with thousands of organisation names does work linear in the names (issue 12:
a 5 MB single-line page compared every name with every other). Counted, not timed."""

from __future__ import annotations

import pytest

from shuanglian.extract.entities import aliases


class _Budget(Exception):
    pass


def _names(n: int) -> list[str]:
    """n distinct organisation names, in pairs of a full name and its short form."""
    out = []
    for i in range(n // 2):
        a, b = chr(0x4E00 + 2 * i), chr(0x4E01 + 2 * i)
        out += [f"{a}{b}科技集团有限公司", f"{a}{b}科技集团"]
    return out


def test_link_compares_only_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    names = _names(4000)
    calls = 0
    real = aliases.is_alias

    def counted(short: str, full: str) -> bool:
        nonlocal calls
        calls += 1
        if calls > 20 * len(names):
            raise _Budget(f"{calls} comparisons for {len(names)} names")
        return real(short, full)

    monkeypatch.setattr(aliases, "is_alias", counted)
    out = aliases.link(names)
    assert out[names[1]] == names[0] and out[names[-1]] == names[-2]
    assert calls <= 20 * len(names)


def test_link_finds_the_same_pairs_as_every_pair() -> None:
    names = ["深圳迈瑞生物医疗电子股份有限公司", "迈瑞医疗", "迈瑞", "中国科学院", "中科院", "东湖高新区",
             "武汉东湖新技术开发区", "市发改委", "深圳市发展和改革委员会", "四川大学华西医院", "华西医院",
             "中国长江三峡集团有限公司", "三峡集团", "中汽中心", "中国汽车技术研究中心有限公司", "南开大学",
             "天津大学", "光明科学城", "深圳光明科学城", "海信集团", "海信集团控股股份有限公司"]
    every = {}
    for s in names:
        fulls = [f for f in names if f != s and aliases.is_alias(s, f)]
        if fulls:
            every[s] = fulls
    linked = aliases.link(names)
    assert set(linked) <= set(every)
    assert all(linked[s] in every[s] or linked[s] in linked.values() for s in linked)
    assert linked["华西医院"] == "四川大学华西医院" and linked["东湖高新区"] == "武汉东湖新技术开发区"
