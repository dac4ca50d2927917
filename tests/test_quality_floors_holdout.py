"""Extraction quality on the held-out gold set (pages the extractor was not tuned on) stays above its floors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from shuanglian.document import Document
from shuanglian.evaluation.eval import load_gold, run_pages, score

HOLDOUT = Path(__file__).parent / "fixtures" / "gold_holdout"
MAIN_GOLD = Path(__file__).parent / "fixtures" / "gold"


def lookup(obj: dict[str, Any], dotted: str) -> float:
    """Value at a dotted path of the eval JSON (KeyError names the missing part)."""
    cur: Any = obj
    for part in dotted.split("."):
        cur = cur[part]
    return float(cur)


@pytest.fixture(scope="module")
def evaluated() -> tuple[list[tuple[Path, dict[str, Any]]], list[Document], dict[str, Any]]:
    """One clean + extract run over the held-out pages: (gold pairs, documents, eval JSON)."""
    pairs = load_gold(HOLDOUT)
    docs, _ = run_pages(pairs)
    return pairs, docs, score(pairs, docs).to_json()


def test_holdout_set_is_complete_and_separate(
    evaluated: tuple[list[tuple[Path, dict[str, Any]]], list[Document], dict[str, Any]],
) -> None:
    pairs, _, report = evaluated
    assert report["pages"] >= 15
    assert report["failed_pages"] == 0
    main_stems = {p.name.split(".")[0] for p in MAIN_GOLD.glob("*.gold.json")}
    assert not main_stems & {page.name.split(".")[0] for page, _ in pairs}


def test_gold_names_occur_in_cleaned_text(
    evaluated: tuple[list[tuple[Path, dict[str, Any]]], list[Document], dict[str, Any]],
) -> None:
    """Every annotated name form is in the cleaned body (catches typos in the gold and lost body lines)."""
    pairs, docs, _ = evaluated
    absent = [
        (page.name, name)
        for (page, gold), doc in zip(pairs, docs, strict=True)
        for ent in gold["entities"]
        for name in [ent["name"], *ent.get("aliases", [])]
        if name not in doc.text
    ]
    assert not absent, f"gold names not found in the cleaned text: {absent}"


def test_holdout_quality_stays_above_pinned_floors(
    evaluated: tuple[list[tuple[Path, dict[str, Any]]], list[Document], dict[str, Any]],
) -> None:
    _, _, report = evaluated
    floors = yaml.safe_load((HOLDOUT / "floors.yaml").read_text(encoding="utf-8"))
    assert floors, "floors.yaml is empty"
    below = {
        key: (round(lookup(report, key), 4), floor) for key, floor in floors.items() if lookup(report, key) < floor
    }
    assert not below, f"held-out set below the pinned floor (measured, floor): {below}"
