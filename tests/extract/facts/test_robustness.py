"""The fact stages never fail on odd text: empty, punctuation only, huge numbers, broken brackets."""

from __future__ import annotations

import pytest

from shuanglian.document import Document, Mention
from shuanglian.extract.facts import EventStage, FigureStage, PolicyStage

ODD = [
    "",
    "。。。，，，\n\n\n",
    "123456789012345678901234567890亿元",
    "《《《》》》《未闭合的书名号",
    "“未闭合的引号计划",
    "0.0%和.5%以及5.%",
    "9月31日调研，2月30日考察，13月1日来到。",
    "数万亿元数十亿美元几百家",
    "\ufeff\u200b零〇一二两三四五六七八九十百千万亿家",
]


@pytest.mark.parametrize("text", ODD)
def test_stages_survive_odd_text(text: str) -> None:
    doc = Document(source="odd", text=text, published="not a date")
    doc.entities = [Mention("某人", "person", spans=[(0, min(2, len(text)))])]
    for stage in (PolicyStage(), FigureStage(), EventStage()):
        stage(doc)
    for fig in doc.figures:
        s, e = fig["span"]
        assert 0 <= s < e <= len(text)
    for ev in doc.events:
        assert ev["date"] is None or len(ev["date"]) == 10
