"""Body-block selection: the article is the densest run of body-like lines between end markers.

Each line scores +CJK characters when it reads as running text and a small cost otherwise; the best
block (maximum-sum run, Kadane) that does not cross an end-of-article line (footer, editor chain,
related list) is the body. Body-like lines elsewhere (user posts, teasers after the footer) are not.
"""

from __future__ import annotations

from shuanglian.clean.lines import Line, body_score
from shuanglian.clean.rules import page_parts

_HEADING_MAX = 40  # short lines inside the body block are kept as subheadings up to this length
# A headline ends in ” or ！ and so scores like a sentence; the date/source line under it shows that
# it is the page header. Only this many lines before such a line are taken as header.
_HEADER_LINES = 4
_HEADER_REASONS = ("meta", "byline")


def _cost(line: Line) -> float:
    """Score of one line for the block search."""
    if line.reason is None:
        s = body_score(line.text)
        if s:
            return float(s)
    return -(4.0 + 0.5 * len(line.text))


def select_body(lines: list[Line]) -> tuple[int, int]:
    """Index range [start, end) of the body block among `lines` (reasons already set by rules)."""
    best = (0.0, 0, 0)
    seg_start = 0
    total = 0.0
    cur_start = 0
    for i, line in enumerate(lines):
        if line.end:
            total, cur_start, seg_start = 0.0, i + 1, i + 1
            continue
        c = _cost(line)
        if total <= 0:
            total, cur_start = c, i
        else:
            total += c
        if total > best[0]:
            best = (total, cur_start, i + 1)
    del seg_start
    start, end = best[1], best[2]
    start = _skip_header(lines, start, end)
    return _extend_to_heading(lines, start), end


def _skip_header(lines: list[Line], start: int, end: int) -> int:
    """Move the start past a headline and its date/source line when the block begins with them."""
    for i in range(start, min(end, start + _HEADER_LINES + 1)):
        line = lines[i]
        if line.reason in _HEADER_REASONS:
            return i + 1
        if line.reason is None and "。" in line.text:
            break  # a real paragraph comes first: the block starts with the body
    return start


def _extend_to_heading(lines: list[Line], start: int) -> int:
    """Take the numbered section heading ("一、出台背景") right above the block into the body."""
    heading = page_parts().section_heading
    while start > 0 and lines[start - 1].reason is None and heading.match(lines[start - 1].text):
        start -= 1
    return start


def mark_outside(lines: list[Line], start: int, end: int) -> None:
    """Give every line outside the body block, or noise inside it, a drop reason."""
    for i, line in enumerate(lines):
        if line.reason is not None:
            continue
        if i < start:
            line.reason = "header"
        elif i >= end:
            line.reason = "after_body"
        elif not body_score(line.text) and not _heading_like(line):
            line.reason = "noise"


def _heading_like(line: Line) -> bool:
    """A subheading inside the body: short, mostly Chinese, not a list of links."""
    t = line.text
    return line.n_cjk >= 2 and len(t) <= _HEADING_MAX and line.n_cjk / max(len(t), 1) >= 0.5
