"""Bounded property tests (hypothesis): decoding, reading and cleaning raise only their declared
errors on any input, and never let through text that UTF-8 or PostgreSQL cannot hold."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shuanglian.clean.core import clean_document
from shuanglian.document import Document
from shuanglian.ingest.decode import DecodeError, decode_report, scrub_text
from shuanglian.ingest.readers import InputError, RawInput, iter_inputs

# pieces hostile pages are made of: markup, entities, NUL, lone surrogates, bidi controls, odd charsets
PIECES = [*"中文科技局实验室。，<>/&;#=\"' \n\r\t\x00\ud800\udfff\u202e\u2066\ufeff",
          "<html>", "<body>", "<p>", "</p>", "<div>", "<!--", "-->", "<script>", "</script>", "&#0;",
          "&#xd800;", "&#99999999;", "<meta charset=idna>", "<meta charset=undefined>", "<?xml encoding='utf-7'?>"]
text_st = st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=60).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)


def _holdable(s: str) -> None:
    s.encode("utf-8")  # no lone surrogates
    assert "\x00" not in s


@FUZZ
@given(st.binary(max_size=400) | text_st.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_decode_raises_only_decode_error(data: bytes) -> None:
    try:
        got = decode_report(data, "f.html")
    except DecodeError as exc:
        assert exc.source == "f.html"
        return
    scrubbed, _ = scrub_text(got.text)
    _holdable(scrubbed)


@FUZZ
@given(text_st, st.booleans())
def test_clean_takes_any_text(raw: str, is_html: bool) -> None:
    doc = clean_document(Document(source="x", raw=scrub_text(raw)[0], is_html=is_html))
    _holdable(doc.text)


@FUZZ
@given(st.lists(st.one_of(text_st, st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
                          st.builds(lambda t: json.dumps({"text": t}), text_st),
                          st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)), max_size=6))
def test_jsonl_lines_never_escape_the_reader(tmp_path_factory, lines: list[str]) -> None:
    path: Path = tmp_path_factory.mktemp("fz") / "f.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    for item in iter_inputs([path]):
        assert isinstance(item, RawInput | InputError)
        if isinstance(item, RawInput):
            _holdable(item.raw)


# Chinese sentences the extractors act on (names, figures, dates, policies), mixed with hostile pieces
EXTRACT_PIECES = ["深圳市科技创新局", "比亚迪股份有限公司", "清华大学", "鹏城实验室", "投资5亿元", "增长12.5%",
                  "2025年3月", "印发《关于促进产业发展的若干措施》", "签约", "开工", "。", "，", "（", "）", "\n", "省",
                  "市", "区", "有限公司", "研究院", "第", "亿元", "%", "—", "\u202e", "\ufeff", "\u3000", "𠀀"]
extract_text_st = st.lists(st.sampled_from(EXTRACT_PIECES) | st.sampled_from(PIECES) | st.text(max_size=4),
                           max_size=40).map("".join)
_STAGE: list = []


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(extract_text_st, st.sampled_from(["html", "text", "direct"]))
def test_extract_takes_any_cleaned_text(raw: str, how: str) -> None:
    """Extraction (entities, policies, figures, events, projects) never fails on any cleaned text and
    never points outside it: a failing stage would only mark the document, so assert it did not."""
    from shuanglian.extract.pipeline import ExtractStage

    if not _STAGE:
        _STAGE.append(ExtractStage())
    text = scrub_text(raw)[0]
    if how == "direct":  # cleaning drops most short fuzz pages: hand the extractors the text itself too
        doc = Document(source="x", raw=text, text=text)
    else:
        doc = clean_document(Document(source="x", raw=text, is_html=how == "html"))
    out = _STAGE[0](doc)
    assert out.error is None, out.error
    for m in out.entities:
        assert m.name and all(0 <= a < b <= len(out.text) for a, b in m.spans), (m, out.text)
