"""Extraction quality on the hand-annotated gold set must not fall below the pinned floors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from shuanglian.evaluation.eval import evaluate

GOLD = Path(__file__).parent / "fixtures" / "gold"


def lookup(obj: dict[str, Any], dotted: str) -> float:
    """Value at a dotted path of the eval JSON (KeyError names the missing part)."""
    cur: Any = obj
    for part in dotted.split("."):
        cur = cur[part]
    return float(cur)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    """One evaluation of the whole gold set for all floor checks."""
    return evaluate(GOLD).to_json()


def test_gold_set_is_complete(report: dict[str, Any]) -> None:
    assert report["pages"] >= 30
    assert report["failed_pages"] == 0


def test_quality_stays_above_pinned_floors(report: dict[str, Any]) -> None:
    floors = yaml.safe_load((GOLD / "floors.yaml").read_text(encoding="utf-8"))
    assert floors, "floors.yaml is empty"
    below = {
        key: (round(lookup(report, key), 4), floor) for key, floor in floors.items() if lookup(report, key) < floor
    }
    assert not below, f"below the pinned floor (measured, floor): {below}"
