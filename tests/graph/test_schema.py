"""The declared schema: loaded once, kinds enum derived from it, statements validated against it."""

from __future__ import annotations

import pytest

from shuanglian.graph.build import Provenance, new_statement
from shuanglian.graph.schema import EntityKind, SchemaError, get_schema, parse_schema


def test_kinds_and_relations_declared() -> None:
    s = get_schema()
    for k in ("enterprise", "university", "research_institute", "lab", "platform", "government", "media",
              "organization", "person", "place", "industry", "policy", "project", "fund", "chain", "chain_link"):  # fmt: skip
        assert k in s.kinds and EntityKind(k) == k
    for r in ("located_in", "part_of", "affiliated_with", "holds_role", "visited", "issued", "funds",
              "works_on_industry", "on_chain_link", "upstream_of", "leads", "manages"):  # fmt: skip
        assert s.is_relation(r)
    assert "chain_leader" in s.kind("enterprise").properties
    assert {"investment", "period", "project_manager", "status"} <= s.kind("project").properties


def test_validation_errors_name_the_problem() -> None:
    s = get_schema()
    with pytest.raises(SchemaError, match="unknown entity kind 'spaceship'"):
        s.validate("spaceship", "name")
    with pytest.raises(SchemaError, match="unknown property 'colour'"):
        s.validate("enterprise", "colour", "red")
    with pytest.raises(SchemaError, match="not declared for kind 'person'"):
        s.validate("person", "chain_leader", True)
    with pytest.raises(SchemaError, match="cannot point at a 'person'"):
        s.validate("enterprise", "located_in", "x", "person")
    with pytest.raises(SchemaError, match="needs a number"):
        s.validate("project", "investment", "lots")
    s.validate("person", "holds_role", "天津大学", "university")
    with pytest.raises(SchemaError, match="need the user"):
        new_statement(Provenance(origin="manual"), entity_id="e", kind="enterprise", prop="name", value="x")


def test_schema_file_consistency_checked() -> None:
    bad = {"properties": {"name": {}}, "kinds": {"x": {"properties": ["nope"]}}, "relations": {}}
    with pytest.raises(SchemaError, match="undeclared properties"):
        parse_schema(bad)
