"""Bytes -> str for Chinese web pages: BOMs, UTF-8, GB18030/GBK/GB2312, Big5, declared charsets checked.

Declared charsets are often wrong on Chinese sites (GB2312 declared, GBK/GB18030 bytes; no declaration
at all; UTF-8 pages served with a stale `gb2312` meta), so a declaration is honoured only when the text
it yields looks like Chinese; otherwise candidates are scored by how much of their CJK text is made of
common characters (after folding traditional to simplified, so Big5 pages are not penalised).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from shuanglian.clean.script import t2s
from shuanglian.jio import common_chars

__all__ = [
    "DecodeError",
    "Decoded",
    "common_chars",
    "decode_bytes",
    "decode_report",
    "normalise_encoding",
    "plausibility",
    "scrub_text",
]


class DecodeError(ValueError):
    """Input that cannot be turned into text; the message names the file and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


# Family names -> the codec we really decode with: GB2312/GBK are subsets of GB18030, and pages that
# declare GB2312 routinely contain GBK-only characters.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "cp936": "gb18030",
    "x-gbk": "gb18030",
    "hz-gb-2312": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode": "utf-8",
    "utf-8-sig": "utf-8",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
}

_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_RE = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13, 27}
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


# Codecs Python knows that are not page charsets: a page declaring one of these gets them ignored
# (idna/punycode raise on lenient decoding, "undefined" always raises, utf-7 and the raw escapes turn
# ASCII markup into something else).
_NOT_PAGE_CHARSETS = {
    "undefined",
    "idna",
    "punycode",
    "utf-7",
    "raw-unicode-escape",
    "unicode-escape",
    "palmos",
    "mbcs",
    "oem",
}


def normalise_encoding(name: str | None) -> str | None:
    """Map a declared charset name to the codec used to decode it (GB* -> gb18030), or None if unknown."""
    if not name:
        return None
    key = name.strip().strip("\"'").lower().replace("_", "-")
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        info = codecs.lookup(key)
    except (LookupError, ValueError, TypeError):  # odd names (NUL, too long) are simply unknown
        return None
    # bytes-to-bytes codecs (hex, zlib, base64, rot13) are not text encodings
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_PAGE_CHARSETS:
        return None
    return info.name


def _public_name(codec: str) -> str:
    """The encoding name reported to callers (family name rather than our superset codec)."""
    return {"big5hkscs": "big5", "cp1252": "windows-1252"}.get(codec, codec)




def plausibility(text: str) -> float:
    """Score how much `text` looks like real Chinese: share of common chars minus garbage penalties."""
    sample = text[:20000]
    cjk = _CJK_RE.findall(sample)
    bad = sample.count("\ufffd") + sum(1 for c in sample if "\ue000" <= c <= "\uf8ff")
    if not cjk:
        # No CJK at all: fine for ASCII/Latin pages; only replacement chars make it bad.
        return 0.5 - bad / max(len(sample), 1)
    simplified = t2s("".join(cjk))
    common = common_chars()
    share = sum(1 for c in simplified if c in common) / len(simplified)
    return share - 3.0 * bad / (len(cjk) + bad)


def _looks_binary(data: bytes) -> str | None:
    """Return a reason when bytes are not text at all (NUL bytes, many control characters)."""
    head = data[:8192]
    if b"\x00" in head:
        return "binary content (NUL bytes)"
    ctrl = sum(1 for b in head if b in _CONTROL)
    if ctrl / len(head) > 0.05:
        return f"binary content ({ctrl} control bytes in the first {len(head)})"
    return None


def _declared(data: bytes) -> str | None:
    """Charset declared inside an HTML/XML head (meta charset, http-equiv content, xml prolog)."""
    head = data[:4096]
    m = _META_RE.search(head) or _XML_RE.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def _try(data: bytes, codec: str) -> tuple[str, int] | None:
    """Decode leniently; return the text and the number of replacement characters introduced."""
    try:
        text = data.decode(codec, errors="replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        # some codecs refuse the "replace" handler or raise on any byte: not a candidate
        return None
    return text, text.count("\ufffd")


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def scrub_text(text: str) -> tuple[str, list[str]]:
    """Remove what no stage or database can hold: NUL (PostgreSQL text) and lone surrogates (UTF-8,
    OpenCC); returns the text and flags naming what was done (`nul_removed`, `surrogates_replaced`)."""
    flags: list[str] = []
    if "\x00" in text:
        text = text.replace("\x00", "")
        flags.append("nul_removed")
    if _SURROGATE_RE.search(text):
        text = _SURROGATE_RE.sub("\ufffd", text)
        flags.append("surrogates_replaced")
    return text, flags


@dataclass
class Decoded:
    """Decoded text, the encoding used, and how many undecodable bytes were replaced by U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode a page's bytes to text; returns (text, encoding). Raises DecodeError naming `source`."""
    got = decode_report(data, source, declared)
    return got.text, got.encoding


def _replaced(data: bytes, codec: str, text: str) -> int:
    """How many U+FFFD the lenient decode introduced (0 when the bytes decode strictly)."""
    try:
        data.decode(codec)
    except (UnicodeError, ValueError, LookupError):
        return max(text.count("\ufffd"), 1)
    return 0


def decode_report(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """Like `decode_bytes`, also counting replaced bytes: a UTF-8 page with a few bad bytes (or a
    truncated last character) is decoded with U+FFFD in their place, not refused."""
    if not data or not data.strip():
        raise DecodeError(source, "empty input")
    for bom, codec, name in (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(source, f"invalid {name} after byte-order mark: {exc.reason}") from exc
            if not text.strip():
                raise DecodeError(source, "empty input")
            return Decoded(text, name)
    reason = _looks_binary(data)
    if reason:
        raise DecodeError(source, reason)
    # Strict UTF-8 success on non-ASCII bytes is almost never an accident, so it wins outright.
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few broken bytes competes like any other candidate: the plausibility penalty for
    # its replacement characters is small when they are few, and GB decodings of UTF-8 bytes score low.
    candidates: list[str] = []
    for label in (declared, _declared(data)):
        norm = normalise_encoding(label)
        if norm and norm not in candidates:
            candidates.append(norm)
    first_declared = candidates[0] if candidates else None
    for codec in ("gb18030", "big5hkscs", "utf-8"):
        if codec not in candidates:
            candidates.append(codec)
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
        guess = normalise_encoding(best.encoding) if best is not None else None
        if guess and guess not in candidates and guess != "utf-8":
            candidates.append(guess)
    except Exception:  # noqa: BLE001 - detection is a hint only; the scoring below decides
        pass
    scored: list[tuple[float, str, str]] = []
    for codec in candidates:
        got = _try(data, codec)
        if got is None:
            continue
        text, _ = got
        score = plausibility(text)
        # A consistent declaration gets a small bonus so near-ties keep what the page said.
        if codec == first_declared:
            score += 0.05
        scored.append((score, codec, text))
    if not scored:
        raise DecodeError(source, "undecodable: no candidate encoding applies")
    scored.sort(key=lambda s: -s[0])
    score, codec, text = scored[0]
    nonascii = sum(1 for c in text[:20000] if ord(c) > 127) or 1
    if text[:20000].count("\ufffd") / nonascii > 0.2 or score < 0.2:
        raise DecodeError(
            source,
            f"undecodable: no encoding yields readable text (best {_public_name(codec)}, score {score:.2f})",
        )
    return Decoded(text, _public_name(codec), _replaced(data, codec, text))
