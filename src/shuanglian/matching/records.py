"""Typed demand (技术需求) and supply (科技成果 / capability) records that cross every boundary."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from typing import Any

DEMAND_KINDS = ("need", "hard_problem", "bottleneck")  # 技术需求, 攻关需求, 卡脖子
SUPPLY_KINDS = ("result", "patent", "lab_capability", "expert")  # 科技成果, 专利, 实验室能力, 专家
CONFIDENTIALITY = ("public", "internal", "confidential")


@dataclass
class Evidence:
    """Where a record came from: a document and the character span of its sentence (or a user/import)."""

    source: str  # document id, "form:<user>", "import:<file>:<row>", or a real-data reference
    start: int | None = None
    end: int | None = None
    text: str = ""


@dataclass
class Demand:
    """A technical need or hard problem put by an enterprise or a government."""

    id: str
    statement: str
    kind: str = "need"
    title: str = ""
    field: str = ""
    chain_id: str | None = None
    link_id: str | None = None
    requester: str = ""
    requester_entity: str | None = None
    region: str = ""
    budget: float | None = None  # yuan
    deadline: str | None = None  # ISO date
    contact: str = ""
    confidentiality: str = "public"
    evidence: list[Evidence] = dc_field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Plain-dict form (evidence as dicts)."""
        return asdict(self)


@dataclass
class Supply:
    """A research result, patent, lab capability or expert, linked to a graph entity when known."""

    id: str
    statement: str
    kind: str = "result"
    title: str = ""
    field: str = ""
    chain_id: str | None = None
    link_id: str | None = None
    provider: str = ""
    provider_entity: str | None = None
    region: str = ""
    contact: str = ""
    evidence: list[Evidence] = dc_field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Plain-dict form (evidence as dicts)."""
        return asdict(self)


def text_of(rec: Demand | Supply) -> str:
    """The text the rankers read: title, field and statement."""
    return " ".join(x for x in (rec.title, rec.field, rec.statement) if x)
