"""Extraction work grows linearly with page length: a page twice as long costs about twice the steps.

Work is counted (Python calls and loop iterations in `shuanglian.extract`), not timed, so the test is
deterministic; a reintroduced per-mention or per-sentence rescan of the whole page doubles the ratio.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

from shuanglian.document import Document
from shuanglian.extract.pipeline import ExtractStage

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold"


def _work(stage: ExtractStage, text: str) -> int:
    """Trace events (calls, lines, loop iterations) executed in shuanglian.extract for one page."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        count += 1
        return local

    def glob(frame: FrameType, event: str, arg: Any) -> Any:
        # only the extractor's own code is counted: model and library internals are linear anyway
        if "shuanglian/extract" in frame.f_code.co_filename.replace("\\", "/"):
            return local(frame, event, arg)
        return None

    doc = Document(source="scaling", text=text, published="2023-09-16")
    sys.settrace(glob)
    try:
        stage(doc)
    finally:
        sys.settrace(None)
    assert doc.error is None
    return count


def test_twice_the_page_costs_about_twice_the_work() -> None:
    # a few real pages repeated: many organisations, back-references (公司/企业), industries and visits
    pages = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("g0*.txt"))[:4]]
    base = "\n".join(pages * 6)
    stage = ExtractStage()
    _work(stage, pages[0])  # load lexicons and models outside the measurement
    one, two = _work(stage, base), _work(stage, base + "\n" + base)
    assert one > 10_000
    # linear work gives ~2.0; the quadratic paths this guards against gave 2.7 here
    assert two / one < 2.3, (one, two, two / one)
