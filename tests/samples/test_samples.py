"""The bundled sample corpus: every file decodes, is documented, has the encoding it claims, and covers
what the demo and the knowledge-graph checks need (name variants, a near-duplicate pair, registers)."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import opencc
import pytest
import yaml

from shuanglian.ingest.decode import decode_bytes
from shuanglian.ingest.near_dup import shingles
from shuanglian.registers.spec import register_specs
from shuanglian.registers.tabular import parse_table
from shuanglian.samples import page_files, pages_dir, register_files, registers_dir, samples_dir

EXPECT: dict[str, dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "expectations.yaml").read_text(encoding="utf-8")
)["pages"]
PAGES = page_files()
_T2S = opencc.OpenCC("t2s")
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def _decoded(p: Path) -> tuple[str, str]:
    return decode_bytes(p.read_bytes(), str(p))


def _normalised(p: Path) -> str:
    """The page as the cleaner should see its words: simplified, no pinyin residue, repaired, NFKC."""
    text, _ = _decoded(p)
    text = html.unescape(_PINYIN.sub("", _T2S.convert(text)))
    return _fold(text)


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKC", s).replace("蕞", "最").replace("头部", "第一")


def test_corpus_size_and_location() -> None:
    assert samples_dir().is_dir() and (samples_dir() / "README.md").is_file()
    assert pages_dir().parent == samples_dir() and registers_dir().parent == samples_dir()
    assert 14 <= len(PAGES) <= 18
    assert sum(p.suffix in (".html", ".htm") for p in PAGES) >= 3


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_decodes(page: Path) -> None:
    text, enc = _decoded(page)
    assert "\ufffd" not in text, f"{page.name}: replacement characters after decoding as {enc}"
    assert sum("\u4e00" <= ch <= "\u9fff" for ch in text) > 300, page.name
    if page.suffix != ".jsonl":
        assert enc == EXPECT[page.name]["encoding"], page.name


def test_readme_lists_every_file() -> None:
    readme = (samples_dir() / "README.md").read_text(encoding="utf-8")
    for p in [*PAGES, *register_files().values()]:
        assert f"`{p.name}`" in readme, f"README.md does not describe {p.name}"
    on_disk = {p.name for p in pages_dir().iterdir()}
    assert on_disk == {p.name for p in PAGES}, "stray files in pages/ that the ingester would skip"


def test_gbk_page_is_really_gbk() -> None:
    data = (pages_dir() / "04_hefei_quantum_gbk.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("gbk")  # strict: every byte is valid GBK
    assert "本源量子计算科技(合肥)股份有限公司" in text.replace("（", "(").replace("）", ")")
    assert "charset=gb2312" in text


@pytest.mark.parametrize(
    ("name", "codec", "marker"),
    [
        ("03_repost_tianjin_universities_big5.txt", "big5hkscs", "網(wǎng)"),  # HKSCS has the pinyin letters
        ("15_hk_daily_hsitp_big5.html", "big5", "charset=big5"),
    ],
)
def test_big5_pages_are_really_big5(name: str, codec: str, marker: str) -> None:
    data = (pages_dir() / name).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode(codec)  # strict
    assert marker in text
    assert "學" in text or "創" in text, "expected traditional characters"
    assert _T2S.convert(text) != text


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_expectations_match_the_page(name: str) -> None:
    """Every snippet the cleaning tests rely on really occurs in the page (after normalisation)."""
    page = pages_dir() / name
    assert page in PAGES
    norm = _normalised(page)
    exp = EXPECT[name]
    for key in ("title", "body_first", "body_last"):
        assert _fold(exp[key]) in norm, f"{name}: {key} {exp[key]!r} not in page"
    for snippet in [*exp["keep"], *exp["drop"]]:
        assert isinstance(snippet, str), f"{name}: quote {snippet!r} in expectations.yaml"
        assert _fold(snippet) in norm, f"{name}: {snippet!r} not in page"
    start, end = norm.index(_fold(exp["body_first"])), norm.index(_fold(exp["body_last"]))
    assert start < end, name
    for snippet in exp["keep"]:
        assert start <= norm.index(_fold(snippet)) <= end, f"{name}: keep snippet outside the body"
    raw = _decoded(page)[0]
    for frm, _to, count in exp["repairs"]:
        assert raw.count(frm) >= count, f"{name}: fewer than {count} x {frm}"


def test_every_non_jsonl_page_has_expectations() -> None:
    assert {p.name for p in PAGES if p.suffix != ".jsonl"} == set(EXPECT)


def test_jsonl_feed_records() -> None:
    feed = pages_dir() / "17_feed_short_news.jsonl"
    rows = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 2
    for r in rows:
        assert r["text"] and r["title"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["published"])


def _body(name: str) -> str:
    norm = _normalised(pages_dir() / name)
    exp = EXPECT[name]
    last = _fold(exp["body_last"])
    return norm[norm.index(_fold(exp["body_first"])) : norm.index(last) + len(last)]


def _jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_near_duplicate_pair() -> None:
    """07 and 08 are one article on two sites: near-identical bodies, clearly different pages."""
    a, b = "07_portal_hetao_plan.txt", "08_repost_hetao_plan_copy.txt"
    body = _jaccard(_body(a), _body(b))
    assert 0.8 <= body < 1.0, body
    whole = _jaccard(_normalised(pages_dir() / a), _normalised(pages_dir() / b))
    assert whole < 0.7, whole
    for other in EXPECT:
        if other not in (a, b):
            assert _jaccard(_body(a), _body(other)) < 0.2, other


# name -> minimum number of pages (incl. the jsonl feed) mentioning it, after normalisation
COVERAGE = {
    "深圳迈瑞生物医疗电子股份有限公司": 2, "迈瑞医疗": 3, "除颤仪": 2, "病人监护仪": 2, "麻醉机": 2,
    "中国科学院": 4, "中科院": 2, "中国科学院深圳先进技术研究院": 3, "深圳先进院": 3,
    "深圳光明科学城": 3, "光明科学城": 5, "华为技术有限公司": 1, "华为": 2, "比亚迪股份有限公司": 1,
    "比亚迪": 2, "鹏城实验室": 3, "深圳湾实验室": 4, "河套深港科技创新合作区": 3, "南山区": 3,
    "光明区": 4, "坪山区": 4, "黄埔": 1, "天津": 1, "合肥": 2, "苏州": 1, "量子": 3, "到2025年": 6,
    "研发投入强度": 4, "孵化器": 3, "天使投资引导基金": 2,
}  # fmt: skip


def test_entity_and_fact_coverage_across_pages() -> None:
    texts = [_normalised(p) for p in PAGES]
    for name, need in COVERAGE.items():
        n = sum(_fold(name) in t for t in texts)
        assert n >= need, f"{name} on {n} pages, need {need}"
    tianjin = _normalised(pages_dir() / "03_repost_tianjin_universities_big5.txt")
    assert "南开大学" in tianjin and "天津大学" in tianjin
    # a visit date without a year, on a page whose publication date resolves it
    assert re.search(r"(?<![\d年])6月12日", texts[0]) and "2024-06-13" in texts[0]


@pytest.mark.parametrize("register", ["projects", "enterprises", "resources"])
def test_register_files_validate_against_the_register_layout(register: str) -> None:
    files = register_files()
    assert register in files
    table = parse_table(register_specs()[register], files[register].read_bytes(), "csv")
    assert not table.errors, [str(e) for e in table.errors]
    assert len(table.rows) >= 8
