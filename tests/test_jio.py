"""jionlp access: data files read from the zip a fresh install ships, and imports never print on stdout."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from shuanglian import jio


def test_dictionary_text_reads_the_zip_of_a_fresh_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "jionlp" / "dictionary"
    folder.mkdir(parents=True)
    with zipfile.ZipFile(folder / "char_distribution.zip", "w") as zf:
        zf.writestr("char_distribution.json", '["中", 5]\n["国", 3]\n')
    fake = SimpleNamespace(submodule_search_locations=[str(tmp_path / "jionlp")])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: fake if name == "jionlp" else None)
    assert jio.dictionary_text("char_distribution.json").splitlines() == ['["中", 5]', '["国", 3]']
    (folder / "char_distribution.json").write_text('["plain", 1]\n', encoding="utf-8")
    assert jio.dictionary_text("char_distribution.json") == '["plain", 1]\n'  # unpacked file wins
    with pytest.raises(RuntimeError, match="missing"):
        jio.dictionary_text("nope.json")


def test_jionlp_import_is_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    mod = jio.jionlp()
    assert hasattr(mod, "parse_time")
    assert jio.quiet(mod.parse_location, "深圳市光明区")["county"] == "光明区"
    assert capsys.readouterr().out == ""


def test_may_name_division_skips_only_texts_the_parser_finds_nothing_in() -> None:
    """The prefilter of graph.regions: a text with no division name or alias goes nowhere near the slow
    parser, and for such texts the parser itself finds no province, city or county."""
    parse = jio.jionlp().parse_location
    named = ["深圳市发展和改革委员会", "南山区", "广东", "合肥高新区", "重庆路"]
    plain = ["国务院", "华为技术有限公司", "中国科学院", "和", "经济", "新时代", ""]
    assert all(jio.may_name_division(t) for t in named)
    for t in plain:
        assert not jio.may_name_division(t)
        r = jio.quiet(parse, t) if t else {"province": None, "city": None, "county": None}
        assert (r["province"], r["city"], r["county"]) == (None, None, None)
    from shuanglian.graph.regions import _division_chain

    assert _division_chain("国务院") == ()
    assert _division_chain("深圳市发展和改革委员会")[:2] == ("广东", "深圳")


def test_parse_location_equals_the_library_full_scan() -> None:
    """jio.parse_location scans only the divisions whose names occur in the text: the same answer as jionlp's
    scan of every division, on every division name, pairs of them, addresses, alias traps and plain words."""
    index = jio._division_index()
    assert index is not None
    parser, _auto, where = index
    names = sorted(where)
    texts = names[::7] + [a + b for a, b in zip(names[::53], names[::-61], strict=False)] + [n + "路99号" for n in names[::97]] + [
        "北海市重庆路其仓11号", "西安交通大学", "海南大学", "青海西宁", "湖南省长沙市", "海南藏族自治州",
        "科尔沁左翼后旗", "喀左旗覃家岗街道梨树湾村", "深圳市发展和改革委员会", "黑龙江伊春市美溪区",
        "成都和西安是西部大开发先锋城市。", "国务院", "和", "经济", "美国波士顿"]
    full = type(parser)()  # a parser of its own: the library's scan, never the instance jio.parse_location cuts
    for t in texts:
        assert jio.parse_location(t) == jio.quiet(full, t), t


def test_location_parsing_from_many_threads_gives_the_single_thread_answers() -> None:
    """jionlp's parser writes scan state into shared lists and `quiet` swaps the process's stdout: the web app's
    request threads must still get each text's own answer and leave sys.stdout as it was."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"{p}{n}" for n in range(250) for p in ("广东省深圳市南山区", "山东省青岛市市南区", "四川省成都市武侯区")]
    expected = {t: jio.jionlp().parse_location(t)["city"] for t in set(texts)}  # the library, one call at a time
    jio._parse_location.cache_clear()
    stdout = sys.stdout
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda t: jio.parse_location(t)["city"], texts))
    assert got == [expected[t] for t in texts]
    assert sys.stdout is stdout
