"""Pydantic models for the HTTP API, derived from the declared schema (kinds enum, property names)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

from shuanglian.graph.schema import EntityKind, get_schema


class EntitySummary(BaseModel):
    """One canonical entity in a listing."""

    id: str
    kind: EntityKind
    name: str
    names: list[str]
    region: str | None = None
    region_id: str | None = None
    statement_count: int
    document_count: int
    member_count: int
    score: float


class StatementOut(BaseModel):
    """One statement with its provenance."""

    id: str
    entity_id: str
    kind: EntityKind
    prop: str
    value: str
    value_json: Any = None
    target_id: str | None = None
    origin: str
    document_id: str | None = None
    span: list[int] | None = None
    extractor: str | None = None
    extractor_version: str | None = None
    user: str | None = None
    created_at: str | None = None
    status: str
    confidence: float
    supersedes: str | None = None
    superseded_by: str | None = None
    snippet: str | None = None


class FactIn(BaseModel):
    """A fact a person adds to an entity (property value or relation to another entity)."""

    prop: str = Field(description="a property or relation declared in schema.yaml")
    value: str = ""
    value_json: Any = None
    target_id: str | None = Field(default=None, description="target entity id, for relations")

    @field_validator("prop")
    @classmethod
    def _declared(cls, v: str) -> str:
        s = get_schema()
        if v not in s.properties and v not in s.relations:
            raise ValueError(f"unknown property or relation {v!r}")
        return v


class EditIn(BaseModel):
    """A reviewer's new value for a statement."""

    value: str
    value_json: Any = None
