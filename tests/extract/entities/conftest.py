"""Helpers for entity tests: run the extractor and look entities up by name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from shuanglian.document import Mention
from shuanglian.extract.entities import extract_entities


def by_name(mentions: list[Mention]) -> dict[str, Mention]:
    """Index mentions by canonical name and by every alias."""
    out: dict[str, Mention] = {}
    for m in mentions:
        out[m.name] = m
        for a in m.aliases:
            out.setdefault(a, m)
    return out


@pytest.fixture
def ents() -> Callable[[str], dict[str, Mention]]:
    """Extract from a text and return the name/alias index."""
    return lambda text: by_name(extract_entities(text))
