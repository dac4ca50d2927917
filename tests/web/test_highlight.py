"""Span highlighting helpers: segments cover the text exactly, bad spans are dropped, long spans are cut."""

from __future__ import annotations

from shuanglian.web.highlight import MAX_MARK, context_parts, entity_marks, paragraphs, span_segments


def test_segments_cover_text_and_drop_bad_or_overlapping_marks() -> None:
    text = "深圳迈瑞生物医疗电子股份有限公司在深圳市"
    marks = [(0, 16, "org"), (0, 2, "place"), (17, 20, "place"), (18, 99, "bad"), (5, 3, "bad")]
    segs = span_segments(text, marks)
    assert "".join(s for s, _ in segs) == text
    assert [(s, lab) for s, lab in segs if lab] == [("深圳迈瑞生物医疗电子股份有限公司", "org"), ("深圳市", "place")]


def test_entity_marks_and_paragraphs() -> None:
    ents = [{"name": "深圳", "kind": "place", "spans": [[0, 2], [4, 6]]}, {"name": "x", "kind": "org", "spans": ["junk"]}]
    marks = entity_marks(ents)
    assert [(a, b) for a, b, _ in marks] == [(0, 2), (4, 6)]
    paras = paragraphs(span_segments("深圳好\n深圳", marks))
    assert len(paras) == 2 and paras[1] == [("深圳", {"name": "深圳", "kind": "place"})]


def test_context_parts_cuts_long_spans() -> None:
    text = "前" * 50 + "长" * 500 + "后" * 50
    parts = context_parts(text, 50, 550, 10)
    marked = "".join(s for s, hit in parts if hit)
    assert marked == "长" * MAX_MARK and parts[-1][0].endswith("…")
    short = context_parts("abcdefghij", 3, 5, 2)
    assert short == [("bc", None), ("de", True), ("fg", None)]
