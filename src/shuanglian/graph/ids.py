"""Deterministic identifiers and name normalisation shared by statements and resolution."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from typing import Any

_SPACE_PUNCT = re.compile(r"[\s\u3000·•・,，.。、:：;；'\"“”‘’《》〈〉<>\[\]【】()（）「」『』!！?？\-—_/\\|]+")


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=200_000)
def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese (OpenCC t2s)."""
    return str(_t2s().convert(text))


@lru_cache(maxsize=200_000)
def normalise_name(name: str) -> str:
    """Canonical form of a name for keys: NFKC, simplified script, lower case, no spaces/punctuation."""
    text = unicodedata.normalize("NFKC", name)
    text = to_simplified(text)
    return _SPACE_PUNCT.sub("", text).lower()


def _h(*parts: object, n: int) -> str:
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:n]


def make_entity_id(kind: str, name: str, scope: str = "") -> str:
    """Deterministic id of a source entity: `ent_<kind>_<sha1(kind, key, scope)[:16]>`.

    `scope` is the document id for document facts (so one document's 王伟 is not silently the
    same person as another's; resolution decides), or e.g. "import:<register>" / "manual".
    """
    return f"ent_{kind}_{_h(kind, normalise_name(name), scope, n=16)}"


def make_statement_id(
    entity_id: str,
    prop: str,
    value: str,
    target_id: str | None = None,
    document_id: str | None = None,
    span: tuple[int, int] | None = None,
    origin: str = "document",
    user: str | None = None,
    supersedes: str | None = None,
    value_json: Any = None,
) -> str:
    """Deterministic statement id from what it says and where it comes from (never the extractor version,
    so re-extracting a document finds the same statements and keeps their review status). A structured
    value counts too: one title held at two organisations is two statements."""
    s0, s1 = span if span else (None, None)
    parts: list[object] = [entity_id, prop, value, target_id, document_id, s0, s1, origin, user, supersedes]
    if value_json is not None:
        parts.append(json.dumps(value_json, ensure_ascii=False, sort_keys=True, default=str))
    return "st_" + _h(*parts, n=24)
