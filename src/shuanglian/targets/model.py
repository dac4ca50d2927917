"""Typed facts of the targets package: a stated target, a reported actual and a link between them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Figure:
    """A figure of one document, read as a target (goal) or an actual (reported result)."""

    measure: str  # canonical measure key (rules.yaml) or the clause as written
    value: float
    unit: str
    year: int | None
    is_target: bool
    span: tuple[int, int]
    quote: str  # the clause around the figure (short)
    qualifier: str | None = None  # canonical: 左右/以上/以内/不低于/约
    value_max: float | None = None
    deadline: int | None = None  # last year of a multi-year target (今后五年, 到2025年)
    main: bool = False  # in the 主要预期目标 list
    region: str | None = None
    owner: str | None = None
    measure_text: str = ""  # the words the measure was read from
    known_measure: bool = False  # measure matched a rule of rules.yaml

    def to_json(self) -> dict[str, Any]:
        """Plain dict (span as a list)."""
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass
class Link:
    """A proposed (or reviewed) outcome for a target: the actual figure, a score and the evidence."""

    actual: Figure
    document: str
    score: float
    reasons: list[str] = field(default_factory=list)
