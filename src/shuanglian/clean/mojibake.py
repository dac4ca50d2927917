"""Find garbled (mojibake) segments: wrong-codec artefacts that must not feed fact extraction.

Kept in the text (so offsets and what the page said stay visible) but reported as excluded ranges.
Signals: U+FFFD and private-use characters, known artefacts (锟斤拷, 烫烫烫, Latin-1 renderings of
UTF-8 such as é¦), Greek/Cyrillic/Latin-1 letters wedged between CJK, and runs of rare CJK
characters (outside the 4,000 most frequent), which is what UTF-8 read as GBK produces.
"""

from __future__ import annotations

import re
from functools import lru_cache

from shuanglian.jio import common_chars

_ARTEFACTS = re.compile(
    r"锟斤拷|烫烫烫|屯屯屯|(?:[ÃÂâåæçèéäï][\u0080-\u00ff\u2013-\u2026\u20ac\u2122\u0152\u0153\u017e\u0161]{1,2}){2,}"
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GAP = 3  # suspicious characters closer than this belong to one segment
_MIN_SUSPICIOUS = 3


@lru_cache(maxsize=1)
def _suspicious_re() -> re.Pattern[str]:
    """One regex for likely codec artefacts: marks, private use, Greek/Cyrillic/Latin-1 letters, box
    drawing, and CJK characters outside the 4,000 most frequent."""
    common = "".join(sorted(common_chars(4000)))
    return re.compile(
        "[?？\ufffd\ue000-\uf8ff\u0370-\u04ff\u00c0-\u00ff\u2500-\u259f]"
        f"|(?![{re.escape(common)}])[\u3400-\u9fff\uf900-\ufaff]"
    )


def find_mojibake(text: str) -> list[tuple[int, int]]:
    """Return sorted, merged [start, end) ranges of garbled text."""
    spans: list[tuple[int, int]] = [m.span() for m in _ARTEFACTS.finditer(text)]
    positions = [m.start() for m in _suspicious_re().finditer(text)]
    start = prev = -10
    count = 0
    for i in positions + [len(text) + _GAP + 10]:
        if i - prev <= _GAP:
            count += 1
        else:
            if count >= _MIN_SUSPICIOUS:
                spans.append(_extend(text, start, prev + 1))
            start, count = i, 1
        prev = i
    return _merge(s for s in spans if _plausible(text, s))


def _plausible(text: str, span: tuple[int, int]) -> bool:
    """Reject clusters that are ordinary text: a few rare name characters, or question marks only."""
    seg = text[span[0] : span[1]]
    if _ARTEFACTS.search(seg):
        return True
    cjk = _CJK.findall(seg)
    common = common_chars(4000)
    rare = sum(1 for c in cjk if c not in common)
    foreign = sum(1 for c in seg if 0x0370 <= ord(c) <= 0x04FF or 0x00C0 <= ord(c) <= 0x00FF)
    marks = sum(1 for c in seg if c in "\ufffd?？" or 0xE000 <= ord(c) <= 0xF8FF)
    # Garble mixes kinds of artefact, or is a dense run of rare characters.
    kinds = (rare > 0) + (foreign > 0) + (marks > 0)
    return kinds >= 2 or rare >= 4 or marks >= 3


def _extend(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a segment over adjacent pinyin-like leftovers (letters, tone marks, brackets)."""
    while end < len(text) and (text[end].isascii() and text[end].isalpha() or text[end] in ")）" or
                               0x00C0 <= ord(text[end]) <= 0x00FF):
        end += 1
    while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    return start, end


def _merge(spans: object) -> list[tuple[int, int]]:
    """Sort and merge overlapping ranges."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):  # type: ignore[call-overload]
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
