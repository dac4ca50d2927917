"""Scoring rubric of a challenge: criteria with weights and a maximum, and score aggregation."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

DEFAULT_RUBRIC: list[dict[str, Any]] = [
    {"name": "技术方案", "weight": 0.4, "max": 10},
    {"name": "团队能力", "weight": 0.3, "max": 10},
    {"name": "实施计划与成本", "weight": 0.3, "max": 10},
]


class RubricError(ValueError):
    """A rubric or a score sheet that does not fit the rules."""


def check_rubric(rubric: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Validated rubric: 1-10 named criteria, positive weights summing to 1 (±0.01), max > 0."""
    if not rubric or len(rubric) > 10:
        raise RubricError("a rubric needs 1 to 10 criteria")
    out: list[dict[str, Any]] = []
    names: set[str] = set()
    for i, c in enumerate(rubric):
        name = str(c.get("name", "")).strip()
        if not name or name in names:
            raise RubricError(f"criterion {i + 1}: empty or repeated name")
        try:
            w, mx = float(c.get("weight", 0)), float(c.get("max", 10))
        except (TypeError, ValueError) as exc:
            raise RubricError(f"criterion {name!r}: weight and max must be numbers") from exc
        if w <= 0 or mx <= 0:
            raise RubricError(f"criterion {name!r}: weight and max must be positive")
        names.add(name)
        out.append({"name": name, "weight": w, "max": mx})
    total = sum(float(c["weight"]) for c in out)
    if abs(total - 1.0) > 0.01:
        raise RubricError(f"weights sum to {total:.2f}, not 1")
    return out


def weighted_total(rubric: Sequence[Mapping[str, Any]], scores: Mapping[str, Any]) -> tuple[dict[str, float], float]:
    """Checked scores and their weighted total on a 0-100 scale; every criterion must be scored in range."""
    clean: dict[str, float] = {}
    total = 0.0
    for c in rubric:
        if c["name"] not in scores:
            raise RubricError(f"missing score for {c['name']!r}")
        try:
            v = float(scores[c["name"]])
        except (TypeError, ValueError) as exc:
            raise RubricError(f"score for {c['name']!r} is not a number") from exc
        if not 0 <= v <= c["max"]:
            raise RubricError(f"score for {c['name']!r} must be between 0 and {c['max']:g}")
        clean[c["name"]] = v
        total += c["weight"] * v / c["max"] * 100
    extra = set(scores) - {c["name"] for c in rubric}
    if extra:
        raise RubricError(f"unknown criteria {sorted(extra)}")
    return clean, round(total, 2)
