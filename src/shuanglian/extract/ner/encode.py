"""Character encoding shared by training and run time: normalised chars, char bigrams, sentence cuts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np

PAD, UNK = 0, 1
BOS, EOS = "<s>", "</s>"
# A sentence longer than MAX_LEN is cut at soft punctuation: a BiLSTM sees enough context in
# 120 chars, and shorter rows pad less in a batch.
MAX_LEN = 120
_SENT_END = re.compile(r"[。！？；!?;\n]")
_SOFT = re.compile(r"[，,、：:）)]")


def norm_char(c: str) -> str:
    """Fold full-width ASCII to half-width, digits to 0 and Latin letters to lower case."""
    o = ord(c)
    if 0xFF01 <= o <= 0xFF5E:
        c = chr(o - 0xFEE0)
    elif o == 0x3000:
        c = " "
    if c.isdigit():
        return "0"
    return c.lower()


class _Fold(dict[int, str]):
    """`str.translate` table of `norm_char`, filled on first sight of each character."""

    def __missing__(self, o: int) -> str:
        c = self[o] = norm_char(chr(o))
        return c


_FOLD = _Fold()


def norm_chars(text: str) -> list[str]:
    """`norm_char` of every character of `text` (one C-level pass once the characters were seen)."""
    folded = text.translate(_FOLD)
    if len(folded) == len(text):
        return list(folded)
    return [norm_char(c) for c in text]  # some char lower-cases to two (İ): fold one by one


def bigrams(chars: Sequence[str]) -> list[str]:
    """Right bigram of every position (the char and the next one, EOS after the last)."""
    return [a + b for a, b in zip(chars, [*chars[1:], EOS], strict=True)]


def encode(text: str, chars: dict[str, int], bis: dict[str, int]) -> tuple[list[int], list[int], list[int]]:
    """Ids of the chars, left bigrams and right bigrams of `text`."""
    cs = norm_chars(text)
    right = [bis.get(b, UNK) for b in bigrams(cs)]
    # the left bigram of a position is the right bigram of the one before it
    left = [bis.get(BOS + cs[0], UNK), *right[:-1]] if cs else []
    return [chars.get(c, UNK) for c in cs], left, right


def pad_batch(rows: Sequence[tuple[list[int], list[int], list[int]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Stack encoded rows into int64 arrays [B, T] padded with PAD, and their lengths."""
    n = max((len(r[0]) for r in rows), default=0)
    arr = np.zeros((3, len(rows), max(n, 1)), dtype=np.int64)
    lens = np.array([len(r[0]) for r in rows], dtype=np.int64)
    for i, r in enumerate(rows):
        for k in range(3):
            arr[k, i, : len(r[k])] = r[k]
    return arr[0], arr[1], arr[2], lens


def cut_sentences(text: str, max_len: int = MAX_LEN) -> Iterable[tuple[int, int]]:
    """[start, end) pieces of `text`: sentences, long ones cut at soft punctuation, then hard."""
    start = 0
    ends = [m.end() for m in _SENT_END.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    for end in ends:
        s = start
        while end - s > max_len:
            cut = 0
            for m in _SOFT.finditer(text, s, s + max_len):
                cut = m.end()
            if cut - s < max_len // 3:
                cut = s + max_len
            yield s, cut
            s = cut
        if text[s:end].strip():
            yield s, end
        start = end
