"""Load the declared graph schema (schema.yaml) once and validate statements against it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

SCHEMA_PATH = Path(__file__).with_name("schema.yaml")
ANY = "*"
TRAITS = frozenset({"placeable", "figure_subject", "region_derivable"})
# Buckets of a chain link (chain maps); a kind without `chain_role` goes to the last one.
CHAIN_ROLES = ("enterprises", "carriers", "projects", "policies", "funds", "others")


class SchemaError(ValueError):
    """A statement that the declared schema does not allow (unknown kind, property or relation)."""


@dataclass(frozen=True)
class PropertyDef:
    """One property: its name, value type and label."""

    name: str
    type: str
    label: str


@dataclass(frozen=True)
class KindDef:
    """One entity kind with the properties a statement about it may carry."""

    name: str
    label: str
    group: str
    properties: frozenset[str]
    traits: frozenset[str] = frozenset()
    label_en: str = ""
    chain_role: str = "others"  # bucket of a chain link it fills (CHAIN_ROLES)
    registers: tuple[str, ...] = ()  # registers listing entities of this kind


@dataclass(frozen=True)
class RelationDef:
    """One relation (edge) from entities of `sources` kinds to entities of `targets` kinds."""

    name: str
    label: str
    sources: frozenset[str]
    targets: frozenset[str]


@dataclass
class Schema:
    """The whole declared schema."""

    version: int
    properties: dict[str, PropertyDef] = field(default_factory=dict)
    kinds: dict[str, KindDef] = field(default_factory=dict)
    relations: dict[str, RelationDef] = field(default_factory=dict)

    def kind(self, name: str) -> KindDef:
        """Return a kind definition or raise SchemaError naming the unknown kind."""
        try:
            return self.kinds[name]
        except KeyError:
            raise SchemaError(f"unknown entity kind {name!r}; known: {', '.join(sorted(self.kinds))}") from None

    def group(self, kind: str) -> str:
        """Resolution group of a kind (kinds of one group may be merged)."""
        return self.kind(kind).group

    def kinds_with(self, trait: str) -> frozenset[str]:
        """Kinds declaring `trait` in schema.yaml (placeable, figure_subject, region_derivable)."""
        if trait not in TRAITS:
            raise SchemaError(f"unknown kind trait {trait!r}; known: {', '.join(sorted(TRAITS))}")
        return frozenset(k for k, d in self.kinds.items() if trait in d.traits)

    def chain_role(self, kind: str) -> str:
        """Bucket of a chain link an entity of `kind` fills (others for unknown kinds)."""
        kdef = self.kinds.get(kind)
        return kdef.chain_role if kdef else "others"

    def kinds_in_register(self, register: str) -> tuple[str, ...]:
        """Kinds whose schema entry lists `register`, in schema order."""
        return tuple(k for k, d in self.kinds.items() if register in d.registers)

    def issuers(self) -> frozenset[str]:
        """Kinds that may issue a policy (the sources of the `issued` relation)."""
        return self.relation_sources("issued")

    def relation_sources(self, relation: str) -> frozenset[str]:
        """Kinds a relation may start at (e.g. who may issue a policy)."""
        rel = self.relations[relation]
        return frozenset(self.kinds) if ANY in rel.sources else rel.sources

    def is_relation(self, prop: str) -> bool:
        """True when `prop` names a relation rather than a property."""
        return prop in self.relations

    def validate(self, kind: str, prop: str, value: Any = None, target_kind: str | None = None) -> None:
        """Raise SchemaError unless an entity of `kind` may carry `prop` (pointing at `target_kind`)."""
        kdef = self.kind(kind)
        if prop in self.relations:
            rel = self.relations[prop]
            if ANY not in rel.sources and kind not in rel.sources:
                raise SchemaError(f"relation {prop!r} cannot start at a {kind!r} entity")
            if target_kind is None:
                raise SchemaError(f"relation {prop!r} needs a target entity")
            self.kind(target_kind)
            if ANY not in rel.targets and target_kind not in rel.targets:
                raise SchemaError(f"relation {prop!r} cannot point at a {target_kind!r} entity")
            return
        if prop not in self.properties:
            raise SchemaError(f"unknown property {prop!r}")
        if prop not in kdef.properties:
            raise SchemaError(f"property {prop!r} is not declared for kind {kind!r}")
        if value is None:
            return
        ptype = self.properties[prop].type
        if ptype == "number" and not isinstance(value, int | float):
            try:
                float(str(value))
            except ValueError:
                raise SchemaError(f"property {prop!r} needs a number, got {value!r}") from None
        if ptype == "bool" and not isinstance(value, bool) and str(value).lower() not in _BOOL_TEXT:
            raise SchemaError(f"property {prop!r} needs true/false, got {value!r}")


_BOOL_TEXT = {"true", "false", "1", "0", "yes", "no", "是", "否"}


def _expand(names: list[str], kinds: dict[str, KindDef]) -> frozenset[str]:
    out: set[str] = set()
    for n in names:
        if n == "ORG":
            out |= {k for k, d in kinds.items() if d.group == "organization"}
        elif n == ANY or n in kinds:
            out.add(n)
        else:
            raise SchemaError(f"schema.yaml: relation refers to unknown kind {n!r}")
    return frozenset(out)


def parse_schema(data: dict[str, Any]) -> Schema:
    """Build a Schema from the parsed YAML mapping, checking internal consistency."""
    props = {
        name: PropertyDef(name, spec.get("type", "string"), spec.get("label", name))
        for name, spec in data["properties"].items()
    }
    common = list(data.get("common_properties", []))
    kinds: dict[str, KindDef] = {}
    for name, spec in data["kinds"].items():
        plist = common + list(spec.get("properties", []))
        unknown = [p for p in plist if p not in props]
        if unknown:
            raise SchemaError(f"schema.yaml: kind {name!r} uses undeclared properties {unknown}")
        traits = frozenset(spec.get("traits", []))
        if traits - TRAITS:
            raise SchemaError(f"schema.yaml: kind {name!r} has unknown traits {sorted(traits - TRAITS)}")
        role = spec.get("chain_role", "others")
        if role not in CHAIN_ROLES:
            raise SchemaError(f"schema.yaml: kind {name!r} has chain_role {role!r}; known: {', '.join(CHAIN_ROLES)}")
        regs = spec.get("registers") or []
        if not isinstance(regs, list) or not all(isinstance(r, str) for r in regs):
            raise SchemaError(f"schema.yaml: kind {name!r}: registers must be a list of register names")
        kinds[name] = KindDef(
            name, spec.get("label", name), spec.get("group", name), frozenset(plist), traits,
            label_en=str(spec.get("label_en") or name.replace("_", " ")), chain_role=role, registers=tuple(regs),
        )  # fmt: skip
    rels = {
        name: RelationDef(name, spec.get("label", name), _expand(spec["from"], kinds), _expand(spec["to"], kinds))
        for name, spec in data["relations"].items()
    }
    clash = set(rels) & set(props)
    if clash:
        raise SchemaError(f"schema.yaml: names used both as property and relation: {sorted(clash)}")
    return Schema(int(data.get("version", 1)), props, kinds, rels)


@lru_cache(maxsize=1)
def get_schema() -> Schema:
    """The process-wide schema, loaded once from schema.yaml."""
    with SCHEMA_PATH.open(encoding="utf-8") as fh:
        return parse_schema(yaml.safe_load(fh))


EntityKind = enum.StrEnum("EntityKind", {k: k for k in get_schema().kinds})  # type: ignore[misc]
"""Enum of entity kinds derived from schema.yaml (for API models and CLI validation)."""

RelationName = enum.StrEnum("RelationName", {k: k for k in get_schema().relations})  # type: ignore[misc]
"""Enum of relation names derived from schema.yaml."""
