"""Pinyin sort keys for register names (jionlp's dictionary, shipped with the package: no download)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=100_000)
def pinyin_key(name: str) -> str:
    """A sort key that orders Chinese names by pinyin then tone (长安 before 重庆: chang2 < chong2);
    letters and digits stand for themselves, lower-cased, so 3M中国 sorts under 3."""
    from shuanglian.jio import jionlp

    name = (name or "").strip()
    if not name:
        return ""
    try:
        syllables = jionlp().pinyin(name, formater="simple")
    except Exception:  # noqa: BLE001 - a sort key must never break indexing
        syllables = []
    if len(syllables) != len(name):
        syllables = ["<py_unk>"] * len(name)
    out = [ch.lower() if s == "<py_unk>" else s for ch, s in zip(name, syllables, strict=True)]
    return " ".join(out)[:1000]
