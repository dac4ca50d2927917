"""A 5 MB single-line page: building its figure statements is linear in the text (issue 12).

Work is counted, not timed: characters the sentence regex scans and mentions visited per document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from shuanglian.graph import build
from shuanglian.store.documents import DocumentRow

UNIT = "甲公司今年产值增长，"  # 10 chars, no sentence end: the whole page is one sentence
FIGURE = "产值达到100亿元，"


class _Budget(Exception):
    pass


class CountingRegex:
    """Wraps the sentence regex: counts scanned characters and stops the test once over budget."""

    def __init__(self, inner: re.Pattern[str], budget: int) -> None:
        self.inner, self.budget, self.scanned = inner, budget, 0

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else min(endpos, len(text))
        self.scanned += max(0, end - pos)
        if self.scanned > self.budget:
            raise _Budget(f"scanned {self.scanned} chars")
        return self.inner.finditer(text, pos, end)


class CountingList(list):  # type: ignore[type-arg]
    """A list that counts how many items are walked over, stopping once over budget."""

    def __init__(self, items: list[Any], budget: int) -> None:
        super().__init__(items)
        self.budget, self.walked = budget, 0

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            self.walked += 1
            if self.walked > self.budget:
                raise _Budget(f"walked {self.walked} mentions")
            yield item


def _long_line_row(chars: int = 5 * 1024 * 1024 // 3) -> tuple[DocumentRow, int]:
    """One line of ~5 MB UTF-8 with a company mention and a figure every 100 characters."""
    block = UNIT * 8 + FIGURE + "的" * (100 - 8 * len(UNIT) - len(FIGURE))
    n = chars // len(block)
    text = block * n
    spans = [[i * len(block), i * len(block) + 3] for i in range(n)]
    figs = [{"value": 1e10, "unit": "元", "measure": "产值", "span": [i * len(block) + 80, i * len(block) + 86]}
            for i in range(n)]
    facts = {"entities": [{"name": "甲公司", "kind": "enterprise", "spans": spans}], "figures": figs}
    row = DocumentRow(id="f" * 16, content_hash="f" * 64, source="long", raw=text, text=text, facts=facts,
                      extractor_version="t")
    return row, n


def test_figure_statements_on_a_5mb_line_are_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    row, n = _long_line_row()
    assert len(row.text.encode()) >= 5_000_000
    counter = CountingRegex(build._SENTENCE_END, budget=2 * len(row.text))
    monkeypatch.setattr(build, "_SENTENCE_END", counter)
    orig = build._DocFacts.__init__

    def counted_init(self: Any, r: DocumentRow) -> None:
        orig(self, r)
        self.mentions = CountingList([], budget=4 * n)

    monkeypatch.setattr(build._DocFacts, "__init__", counted_init)
    statements, errors = build.document_statements(row)
    assert not errors
    figures = [s for s in statements if s.prop == "figure"]
    assert len(figures) == n  # every figure found its company
    assert counter.scanned <= 2 * len(row.text)
