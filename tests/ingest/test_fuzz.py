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
