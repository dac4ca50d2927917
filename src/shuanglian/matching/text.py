"""Tokens for BM25 without a word segmenter: CJK character bigrams plus ASCII words, and shared spans."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_RUN = re.compile(rf"[{_CJK}]+|[A-Za-z][A-Za-z0-9+\-]*|[0-9]+(?:\.[0-9]+)?")
_IS_CJK = re.compile(rf"[{_CJK}]")
STOP_FILE = Path(__file__).parent / "data" / "stop_bigrams.txt"


@lru_cache(maxsize=1)
def stop_bigrams() -> frozenset[str]:
    """Bigrams that carry no topic (我们, 加快, 推动...): read from data/stop_bigrams.txt."""
    lines = STOP_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def tokens(text: str) -> list[str]:
    """Character bigrams of each CJK run (a lone character stays a unigram) and lower-cased ASCII words."""
    out: list[str] = []
    stop = stop_bigrams()
    for m in _RUN.finditer(text):
        run = m.group(0)
        if _IS_CJK.match(run):
            if len(run) == 1:
                continue  # single characters (的, 和) are noise for BM25
            out.extend(b for b in (run[i : i + 2] for i in range(len(run) - 1)) if b not in stop)
        else:
            out.append(run.lower())
    return out


def shared_spans(a: str, b: str, min_len: int = 2, limit: int = 8) -> list[str]:
    """Maximal substrings of `a` (≥ min_len CJK chars or an ASCII word) that also occur in `b`: the
    human-readable 'shared terms' of a match explanation (merged bigrams rather than raw bigrams)."""
    stop = stop_bigrams()
    out: list[str] = []
    seen: set[str] = set()
    for m in _RUN.finditer(a):
        run = m.group(0)
        if not _IS_CJK.match(run):
            if run.lower() in b.lower() and run.lower() not in seen:
                seen.add(run.lower())
                out.append(run)
            continue
        i = 0
        while i < len(run) - 1:
            j = i + min_len
            if run[i:j] not in b:
                i += 1
                continue
            while j < len(run) and run[i : j + 1] in b:
                j += 1
            piece = run[i:j]
            if piece not in seen and not (len(piece) == 2 and piece in stop):
                seen.add(piece)
                out.append(piece)
            i = j
    out.sort(key=len, reverse=True)
    return out[:limit]
