"""HTML main text from several candidates: readability-style scoring, the gold-free choice, decoding."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shuanglian.clean.choose import choose, choose_rules
from shuanglian.clean.pipeline import CleanStage
from shuanglian.clean.readable import main_lines, readability_lxml_lines
from shuanglian.document import Document

WEB = Path(__file__).resolve().parents[3] / "shared" / "data" / "web-extraction"

PARAS = [
    "本报讯 园区相关负责人介绍，今年以来园区新增科技型企业一百余家，研发投入持续增长。",
    "据介绍，园区将围绕集成电路、生物医药等产业，完善上下游配套，推动产业链协同发展。",
    "下一步，园区还将加快建设公共技术服务平台，为中小企业提供检测、中试等服务。",
]
SIDEBAR = "".join(f'<a href="/n{i}">园区新闻标题第{i}条热门推荐链接</a><br>' for i in range(12))


def _layout_page() -> str:
    """An old portal: a layout table whose one cell holds the article as <br>-separated paragraphs."""
    body = "<br><br>".join(PARAS)
    return (
        "<html><head><title>园区新增企业</title></head><body>"
        f'<table><tr><td class="left">{SIDEBAR}</td>'
        f'<td class="zhengwen">{body}</td></tr></table>'
        '<div id="footer">版权所有 某某网 <a href="/a">关于我们</a></div></body></html>'
    )


def test_readability_takes_the_br_laid_out_cell_not_the_link_list() -> None:
    lines = main_lines(_layout_page())
    assert lines == PARAS


def test_readability_takes_p_siblings_and_skips_a_link_sidebar() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    page = (
        f'<html><body><div class="nav">{SIDEBAR}</div><div class="article">'
        f'<h1>标题</h1>{paras}</div><div class="related">{SIDEBAR}</div></body></html>'
    )
    lines = main_lines(page)
    assert PARAS[0] in lines and PARAS[2] in lines
    assert not any("热门推荐链接" in ln for ln in lines)


def test_readability_lxml_candidate_lays_out_lines() -> None:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    page = f'<html><body><div class="nav">{SIDEBAR}</div><div class="article">{paras}</div></body></html>'
    assert readability_lxml_lines(page) == PARAS
    assert readability_lxml_lines("<html><body></body></html>") == []


def test_readability_empty_page_gives_nothing() -> None:
    assert main_lines("<html><body><a href='/'>首页</a></body></html>") == []
    assert main_lines("") == [] and main_lines("<!-- 注释 -->") == []


def test_readability_xml_prolog_with_charset() -> None:
    page = f'<?xml version="1.0" encoding="gb2312"?><html><body><div><p>{PARAS[1]}</p><p>{PARAS[2]}</p></div></body></html>'
    assert main_lines(page) == PARAS[1:]


def test_choice_follows_the_consensus_and_an_empty_body_never_wins() -> None:
    article = "".join(PARAS)
    texts = {
        "trafilatura": "首页 新闻 园区 导航 登录 注册 关于我们",
        "readability": article,
        "precision": article[:-10],
        "recall": "",
    }
    choice = choose(texts)
    assert choice.name in ("readability", "precision")
    assert choice.scores["recall"] == float("-inf")
    assert choice.features["readability"]["agreement"] > choice.features["trafilatura"]["agreement"]


def test_choice_ties_go_to_the_configured_order() -> None:
    article = "".join(PARAS)
    order = choose_rules().order
    texts = {name: article for name in reversed(order[:3])}
    assert choose(texts).name == order[0]


def test_clean_stage_records_the_extractor_and_text_input_does_not_use_candidates() -> None:
    doc = CleanStage()(Document(source="p.html", raw=_layout_page(), is_html=True))
    assert doc.meta["html_extractor"].split("/")[0] in {k.split("/")[0] for k in choose_rules().order}
    # the "本报讯" lead is cut as a dateline on both paths
    expected = [PARAS[0].removeprefix("本报讯 "), *PARAS[1:]]
    assert doc.text.split("\n") == expected
    plain = CleanStage()(Document(source="p.txt", raw="\n".join(PARAS)))
    assert "html_extractor" not in plain.meta
    assert plain.text.split("\n") == expected


def _shared_pages() -> list[Path]:
    if not (WEB / "html").is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the shared web-extraction pages are missing: {WEB}")
        pytest.skip(f"shared web-extraction pages not found at {WEB}")
    return sorted((WEB / "html").glob("*.html"))


def test_shared_pages_decode_by_their_declared_charset_or_fall_back_to_gb() -> None:
    """GB2312/GBK declarations decode as GB18030 (their superset), UTF-8 ones as UTF-8, and pages
    without a charset land on the family their bytes show; nothing turns into replacement characters
    beyond the few truncated byte sequences the pages really contain."""
    from shuanglian.ingest.decode import _declared, decode_bytes

    pages = _shared_pages()
    assert len(pages) == 35
    for page in pages:
        data = page.read_bytes()
        text, enc = decode_bytes(data, str(page))
        declared = (_declared(data) or "").lower()
        if declared.startswith(("gb", "gbk")):
            assert enc == "gb18030", page.name
        elif declared == "utf-8":
            assert enc == "utf-8", page.name
        else:
            assert enc in ("gb18030", "utf-8"), page.name
        assert text.count("\ufffd") <= 0.001 * len(text), page.name


def test_bench_split_is_fixed_and_both_halves_are_used() -> None:
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "bench" / "web_extraction.py"
    spec = importlib.util.spec_from_file_location("web_extraction", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    halves = [bench.split_of(p.name) for p in _shared_pages()]
    assert halves.count("tuning") == 16 and halves.count("untouched") == 19
    assert bench.split_of("05e98007-d810-4036-b154-2ef2fe68c2af.html") == "untouched"
