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
