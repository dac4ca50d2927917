"""The team's own pages (tests/fixtures/pages): the cleaned text is exactly the expected body paragraphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shuanglian.clean.pipeline import CleanStage
from shuanglian.document import Document
from shuanglian.ingest.decode import decode_bytes

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
NAMES = sorted(
    p.name for p in PAGES.iterdir() if p.suffix in (".txt", ".html") and not p.name.endswith(".expected.txt")
)


def _clean(name: str) -> tuple[Document, str]:
    path = PAGES / name
    text, encoding = decode_bytes(path.read_bytes(), str(path))
    doc = CleanStage()(Document(source=str(path), raw=text, is_html=path.suffix == ".html"))
    return doc, encoding


def test_enough_pages_in_every_style() -> None:
    assert len(NAMES) >= 15
    assert sum(n.startswith("gbk_") for n in NAMES) >= 2
    assert sum(n.startswith("big5_") for n in NAMES) >= 2
    assert sum(n.endswith(".html") for n in NAMES) >= 4


@pytest.mark.parametrize("name", NAMES)
def test_body_paragraphs_exact(name: str) -> None:
    """Paragraph-level precision and recall are both 1.0."""
    doc, _ = _clean(name)
    expected = (PAGES / name).with_suffix("").name + ".expected.txt"
    want = (PAGES / expected).read_text(encoding="utf-8").splitlines()
    got = doc.text.split("\n")
    assert got == want


@pytest.mark.parametrize("name", NAMES)
def test_metadata_and_flags(name: str) -> None:
    doc, encoding = _clean(name)
    meta = json.loads((PAGES / (Path(name).stem + ".meta.json")).read_text(encoding="utf-8"))
    for key in ("title", "published", "media"):
        if key in meta:
            assert getattr(doc, key) == meta[key], key
    assert set(doc.flags) == set(meta.get("flags", []))
    if name.startswith("gbk_"):
        assert encoding == "gb18030"
    if name.startswith("big5_"):
        assert encoding == "big5"
    # everything dropped has a reason
    assert all(d.reason for d in doc.dropped)


def test_ad_law_repairs_keep_real_head_words() -> None:
    doc, _ = _clean("ad_swaps_park.txt")
    assert "头部企业" in doc.text and "头部主播" in doc.text
    assert "第一动力" in doc.text and "位居全省第一" in doc.text and "排名第一" in doc.text
    assert "蕞" not in doc.text
    assert len(doc.repairs) == 5
    for r in doc.repairs:
        assert doc.text[r.at : r.at + len(r.to)] == r.to


def test_mojibake_range_covers_the_garbled_name() -> None:
    doc, _ = _clean("mojibake_segment.txt")
    garbled = json.loads((PAGES / "mojibake_segment.meta.json").read_text(encoding="utf-8"))["garbled"]
    assert len(doc.excluded) == 1
    start, end = doc.excluded[0]
    at = doc.text.index(garbled)
    assert start <= at + 1 and end >= at + len(garbled) - 1
    # clean text around it is not excluded
    assert "南京紫金山实验室" in doc.text[: start]


def test_spam_and_pinyin_are_kept_aside() -> None:
    doc, _ = _clean("spam_title_repost.txt")
    assert [d.text for d in doc.dropped if d.reason == "spam_title"] == [
        "澳门葡京娱乐城_百家乐真人娱乐开户_时时彩投注平台_注册送彩金"
    ]
    doc, _ = _clean("traditional_pinyin_repost.txt")
    removed = " ".join(d.text for d in doc.dropped if d.reason == "pinyin")
    assert "(wǎng)" in removed and "(xué)" in removed
    assert "(" not in doc.text
