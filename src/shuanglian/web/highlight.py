"""Split untrusted text into plain and highlighted segments by character spans (templates escape each)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def span_segments(text: str, marks: Iterable[tuple[int, int, Any]]) -> list[tuple[str, Any]]:
    """Cut `text` at (start, end, label) marks; overlapping or out-of-range marks are dropped.

    Returns (segment, label-or-None) pairs; the template wraps labelled segments in <mark>,
    escaping the segment text, so page text can never inject markup.
    """
    n = len(text)
    clean = sorted(
        ((max(0, int(s)), min(n, int(e)), lab) for s, e, lab in marks if 0 <= int(s) < int(e) <= n),
        key=lambda m: (m[0], -(m[1] - m[0])),
    )
    out: list[tuple[str, Any]] = []
    pos = 0
    for start, end, label in clean:
        if start < pos:
            continue  # overlaps a longer earlier mark: keep the first, never nest
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], label))
        pos = end
    if pos < n:
        out.append((text[pos:], None))
    return out


def entity_marks(entities: Iterable[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    """Marks for every span of every extracted entity (`facts.entities` of a stored document)."""
    marks: list[tuple[int, int, dict[str, Any]]] = []
    for ent in entities:
        label = {"name": ent.get("name"), "kind": ent.get("kind")}
        for span in ent.get("spans") or []:
            if isinstance(span, list | tuple) and len(span) == 2:
                marks.append((int(span[0]), int(span[1]), label))
    return marks


def paragraphs(segments: list[tuple[str, Any]]) -> list[list[tuple[str, Any]]]:
    """Group segments into paragraphs at newlines so the page keeps the article's layout."""
    paras: list[list[tuple[str, Any]]] = [[]]
    for seg, label in segments:
        parts = seg.split("\n")
        for i, part in enumerate(parts):
            if i > 0:
                paras.append([])
            if part:
                paras[-1].append((part, label))
    return [p for p in paras if p]


MAX_MARK = 120  # a fact's span can be a whole paragraph (visits): show its start, not a wall of yellow


def context_parts(text: str, start: int, end: int, radius: int) -> list[tuple[str, Any]]:
    """`radius` characters around text[start:end], the span marked (long spans cut after MAX_MARK)."""
    start, end = max(0, start), min(len(text), end)
    if end - start > MAX_MARK:
        a = max(0, start - radius)
        return span_segments(text[a : start + MAX_MARK] + "…", [(start - a, start - a + MAX_MARK, True)])
    a = max(0, start - radius)
    return span_segments(text[a : end + radius], [(start - a, end - a, True)])


SENTENCE_STOPS = "。！？!?；;\n"


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] (cut at 。！？；, newlines), so a source opens on its sentence."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    a = max((text.rfind(c, 0, start) for c in SENTENCE_STOPS), default=-1) + 1
    ends = [i for i in (text.find(c, end) for c in SENTENCE_STOPS) if i >= 0]
    b = min(ends) + 1 if ends else len(text)
    return a, max(a, b)


def overlay(segments: list[tuple[str, Any]], start: int, end: int) -> list[tuple[str, Any]]:
    """Mark the segments inside [start, end) as the highlighted source sentence (label gets `hl`;
    the first highlighted piece also `first`, the page's scroll anchor); entity labels are kept."""
    out: list[tuple[str, Any]] = []
    pos = 0
    first = True
    for seg, label in segments:
        a, b = pos, pos + len(seg)
        pos = b
        if b <= start or a >= end:
            out.append((seg, label))
            continue
        cuts = sorted({a, b, max(a, start), min(b, end)})
        for x, y in zip(cuts, cuts[1:], strict=False):
            piece = seg[x - a : y - a]
            if start <= x and y <= end:
                hl = {**(label or {}), "hl": True, "first": first}
                first = False
                out.append((piece, hl))
            else:
                out.append((piece, label))
    return out
