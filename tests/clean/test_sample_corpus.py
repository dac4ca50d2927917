"""The bundled sample corpus (src/shuanglian/samples/pages), cleaned, against tests/samples/expectations.yaml.

The pages were written by another engineer after the cleaner was built: a generalisation test, checked
for title, date, media, first and last body sentence, snippets kept and dropped, flags and repairs.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from shuanglian.clean.pipeline import CleanStage
from shuanglian.document import Document
from shuanglian.ingest.decode import decode_bytes
from shuanglian.samples import pages_dir

EXPECT: dict[str, dict[str, Any]] = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "samples" / "expectations.yaml").read_text(encoding="utf-8")
)["pages"]
NAMES = sorted(EXPECT)
# pinyin residue is flagged whenever annotations are stripped; the expectations list only the flags
# that a page must get, so this one may come on top (with the pinyin-annotated repost).
_INCIDENTAL_FLAGS = {"pinyin_residue"}


def _fold(s: str) -> str:
    """Compare after NFKC: the pages use full-width punctuation, the expectations half-width."""
    return unicodedata.normalize("NFKC", s)


@pytest.fixture(scope="module")
def cleaned() -> dict[str, Document]:
    """Every sample page, cleaned once for all tests of this module."""
    out: dict[str, Document] = {}
    stage = CleanStage()
    for name in NAMES:
        path = pages_dir() / name
        text, _ = decode_bytes(path.read_bytes(), str(path))
        out[name] = stage(Document(source=str(path), raw=text, is_html=path.suffix in (".html", ".htm")))
    return out


def test_every_text_and_html_page_has_expectations() -> None:
    on_disk = {p.name for p in pages_dir().iterdir() if p.suffix in (".txt", ".html", ".htm")}
    assert on_disk == set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name: str, cleaned: dict[str, Document]) -> None:
    doc, exp = cleaned[name], EXPECT[name]
    assert doc.error is None
    assert _fold(doc.title or "") == _fold(exp["title"]), "title"
    # the expectations give the day; the cleaner adds the time when the page prints one
    published = doc.published[:10] if doc.published else None
    assert published == exp["published"], "published"
    assert (_fold(doc.media) if doc.media else None) == (_fold(exp["media"]) if exp["media"] else None), "media"


@pytest.mark.parametrize("name", NAMES)
def test_body_starts_and_ends_with_the_article(name: str, cleaned: dict[str, Document]) -> None:
    paras = _fold(cleaned[name].text).split("\n")
    exp = EXPECT[name]
    assert paras[0].startswith(_fold(exp["body_first"])), paras[0][:60]
    assert paras[-1].endswith(_fold(exp["body_last"])), paras[-1][-60:]
    assert all(p.strip() for p in paras), "empty paragraph"


@pytest.mark.parametrize("name", NAMES)
def test_kept_and_dropped_snippets(name: str, cleaned: dict[str, Document]) -> None:
    doc, exp = cleaned[name], EXPECT[name]
    text = _fold(doc.text)
    for snippet in exp["keep"]:
        assert _fold(snippet) in text, f"lost body snippet {snippet!r}"
    for snippet in exp["drop"]:
        assert _fold(snippet) not in text, f"kept boilerplate {snippet!r}"
    # the title is metadata, not a body paragraph
    assert _fold(exp["title"]) not in text.split("\n")
    # nothing is lost: dropped boilerplate is kept aside with a reason (text dumps: every line is
    # accounted for; in HTML, snippets may sit in attributes such as an image's alt text)
    assert all(d.reason for d in doc.dropped)
    if name.endswith(".txt"):
        aside = _fold("\n".join(d.text for d in doc.dropped)).replace(" ", "")
        for snippet in exp["drop"]:
            assert _fold(snippet).replace(" ", "") in aside, f"dropped snippet {snippet!r} not kept aside"


@pytest.mark.parametrize("name", NAMES)
def test_flags_and_repairs(name: str, cleaned: dict[str, Document]) -> None:
    doc, exp = cleaned[name], EXPECT[name]
    assert set(doc.flags) - _INCIDENTAL_FLAGS == set(exp["flags"])
    got = Counter((r.from_, r.to) for r in doc.repairs)
    assert got == Counter({(frm, to): count for frm, to, count in exp["repairs"]})
    for r in doc.repairs:
        assert doc.text[r.at : r.at + len(r.to)] == r.to


def test_near_duplicate_pair_cleans_to_near_identical_bodies(cleaned: dict[str, Document]) -> None:
    """07 and 08 are one article on two sites: after cleaning, the same date, media and paragraphs count."""
    a, b = cleaned["07_portal_hetao_plan.txt"], cleaned["08_repost_hetao_plan_copy.txt"]
    assert a.media == b.media
    assert (a.published or "")[:10] == (b.published or "")[:10]
    assert len(a.text.split("\n")) == len(b.text.split("\n"))


def test_jsonl_feed_records_keep_their_text() -> None:
    """Short feed items are all body: cleaning keeps every paragraph."""
    feed = pages_dir() / "17_feed_short_news.jsonl"
    stage = CleanStage()
    for line in feed.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        doc = stage(Document(source=rec["source"], raw=rec["text"], title=rec["title"], published=rec["published"]))
        assert doc.text.split("\n") == [p.strip() for p in rec["text"].split("\n") if p.strip()]
        assert doc.title == rec["title"] and doc.published == rec["published"]
