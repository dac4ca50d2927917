"""Script normalisation: strip pinyin annotations (網(wǎng)) and convert traditional to simplified (OpenCC)."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

# A CJK character followed by a parenthesised pinyin syllable carrying a tone mark, as inserted by some
# repost sites. Requiring a tone mark keeps real parentheses such as (AED) or (de facto) intact.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN_RE = re.compile(
    rf"(?<=[\u3400-\u9fff])[(（]\s*([a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*)\s*[)）]"
)
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _converter() -> Any:
    """The OpenCC t2s converter, built once per process (it loads dictionaries)."""
    import opencc

    return opencc.OpenCC("t2s")


def t2s(text: str) -> str:
    """Convert traditional Chinese to simplified (OpenCC `t2s`); other characters are unchanged."""
    if not _CJK_RE.search(text):
        return text
    if _SURROGATE_RE.search(text):  # OpenCC takes UTF-8: a lone surrogate cannot cross; same length
        text = _SURROGATE_RE.sub("\ufffd", text)
    conv = _converter()
    with _lock:  # OpenCC objects are not documented as thread-safe
        return str(conv.convert(text))


def strip_pinyin(line: str) -> tuple[str, list[str]]:
    """Remove `字(pīn)` annotations; return the new line and the removed annotations."""
    removed: list[str] = []

    def _cut(m: re.Match[str]) -> str:
        removed.append(m.group(0))
        return ""

    return PINYIN_RE.sub(_cut, line), removed


def changed_share(before: str, after: str) -> tuple[int, int]:
    """Count CJK characters changed by conversion (same-length texts compared position-wise)."""
    n_cjk = len(_CJK_RE.findall(before))
    if len(before) != len(after):
        # Phrase conversions can change length; fall back to a multiset difference.
        diff = sum(1 for a in before if _CJK_RE.match(a) and a not in after)
        return diff, n_cjk
    return sum(1 for a, b in zip(before, after, strict=True) if a != b), n_cjk
