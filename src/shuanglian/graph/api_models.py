"""Pydantic models for the HTTP API, derived from the declared schema (kinds enum, property names).

Response models declare (and document in OpenAPI) every field a route answers with; `extra="allow"`
keeps a field a service adds before its model does, instead of silently dropping it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shuanglian.graph.schema import EntityKind, get_schema


class ApiModel(BaseModel):
    """Base of the response models."""

    model_config = ConfigDict(extra="allow")


class Page(ApiModel):
    """The paging part of every list response."""

    total: int | None
    limit: int
    offset: int
    next_offset: int | None = None


class EntitySummary(ApiModel):
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


class StatementOut(ApiModel):
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


class EntityPage(Page):
    """A page of canonical entities; `next_after` is the keyset cursor of the next page."""

    items: list[EntitySummary]
    next_after: str | None = None


class MemberOut(ApiModel):
    """A source entity merged into a canonical one, with the merge score and reason."""

    id: str
    kind: str
    name: str | None = None
    score: float | None = None
    reason: str | None = None


class AttributeValue(ApiModel):
    """One live value of an entity property and the statement behind it."""

    value: str
    value_json: Any = None
    statement_id: str
    origin: str
    status: str


class RelationOut(ApiModel):
    """A live relation from this entity to another."""

    relation: str
    target_id: str
    target_name: str | None = None
    target_kind: str | None = None
    value_json: Any = None
    statement_id: str


class RelationIn(ApiModel):
    """A live relation from another entity to this one."""

    relation: str
    source_id: str
    source_name: str | None = None
    source_kind: str | None = None
    value_json: Any = None
    statement_id: str


class EntityDetail(EntitySummary):
    """One canonical entity with its members, attributes, statements (with provenance) and relations."""

    members: list[MemberOut]
    attributes: dict[str, list[AttributeValue]]
    statements: list[StatementOut]
    statements_total: int | None = None  # all statements of the entity (the list is one page of them)
    statements_offset: int = 0  # this page of statements starts here (oldest first)
    statements_limit: int | None = None  # statements per page asked for
    relations_out: list[RelationOut]
    relations_in: list[RelationIn]
    redirected_from: str | None = None


class NodeOut(ApiModel):
    """A node of a neighbourhood graph."""

    id: str
    name: str
    kind: EntityKind
    statement_count: int


class EdgeOut(ApiModel):
    """An edge of a neighbourhood graph and the statements behind it."""

    source: str
    target: str
    relation: str
    statement_ids: list[str]


class Neighbourhood(ApiModel):
    """Nodes and edges within some relation hops of `center`."""

    center: str
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class EntityRef(ApiModel):
    """The canonical entity a statement belongs to."""

    id: str
    name: str
    kind: EntityKind


class ReviewItem(StatementOut):
    """A proposed statement waiting for review, with its canonical entity."""

    entity: EntityRef | None = None


class ReviewPage(Page):
    """A page of the review queue."""

    items: list[ReviewItem]


class RegisterTitle(ApiModel):
    """A register's title in both UI languages."""

    zh: str
    en: str


class RegisterPage(Page):
    """A page of a register: its title, column keys and rows as `items` (each row: `id`, every column
    key, `kind`, `kind_label`, `sources`)."""

    register_name: str = Field(alias="register")  # `register` would shadow BaseModel.register
    title: RegisterTitle
    columns: list[str]
    items: list[dict[str, Any]]


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
