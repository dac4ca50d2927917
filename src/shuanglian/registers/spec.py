"""Register declarations: load `data/registers.yaml` into typed specs (columns, kinds, validation rules)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from shuanglian.graph.schema import get_schema

SPEC_FILE = Path(__file__).parent / "data" / "registers.yaml"
TYPES = ("string", "number", "bool", "period", "enum", "year")
BUILTIN_PROPS = ("name", "kind", "region", "chains", "sources")


class RegisterSpecError(ValueError):
    """The register declaration file is malformed (names file and field)."""


class UnknownRegister(KeyError):
    """No register of that name; the message lists the valid names."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown register"


@dataclass(frozen=True)
class Column:
    """One register column: header (zh/en), the graph property behind it, type and validation rules."""

    key: str
    header: str
    header_en: str
    prop: str
    type: str = "string"
    required: bool = False
    choices: tuple[str, ...] = ()
    unit: str | None = None
    multi: bool = False
    importable: bool = True
    scale: float = 1.0  # stored value = cell value * scale (亿元 cells, yuan in the graph)
    values: dict[str, Any] | None = None  # enum choice -> stored value (国内 -> true)
    fallback_prop: str | None = None  # used for kinds the schema does not give `prop` (产品 -> 技术 for a lab)
    header_aliases: tuple[str, ...] = ()  # older or common headers read as this column (国内外 for 境内外)


@dataclass(frozen=True)
class RegisterSpec:
    """A register: which entity kinds it lists, its scope (local/external) and its columns."""

    name: str
    title_zh: str
    title_en: str
    kinds: tuple[str, ...]
    scope: str
    columns: tuple[Column, ...]
    kind_labels: dict[str, str]
    name_patterns: tuple[str, ...] = ()
    # A provincial or national policy applies inside each of its cities: region filters include
    # entities whose region contains the requested one.
    wider_regions_apply: bool = False

    def column(self, key: str) -> Column:
        """The column with this key (KeyError if absent)."""
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def kind_from_label(self, label: str) -> str | None:
        """Map a 类型 cell (Chinese label or kind key) to an entity kind of this register."""
        label = label.strip()
        if label in self.kinds:
            return label
        for k, v in self.kind_labels.items():
            if v == label:
                return k
        return None

    def to_json(self) -> dict[str, Any]:
        """Plain dict for the API (column headers, types, choices)."""
        return {
            "name": self.name,
            "title": {"zh": self.title_zh, "en": self.title_en},
            "kinds": list(self.kinds),
            "scope": self.scope,
            "kind_labels": dict(self.kind_labels),
            "columns": [
                {
                    "key": c.key,
                    "header": c.header,
                    "header_en": c.header_en,
                    "type": c.type,
                    "required": c.required,
                    "choices": list(c.choices) or (list(self.kind_labels.values()) if c.key == "kind" else []),
                    "unit": c.unit,
                    "scale": c.scale,
                    "multi": c.multi,
                    "import": c.importable,
                }
                for c in self.columns
            ],
        }


def _kinds_of(r: dict[str, Any], where: str, src: str) -> tuple[str, ...]:
    """The kinds a register lists: those whose graph/schema.yaml entry names it (`registers:`), the
    optional `default_kind` first (the kind of an imported row without a 类型 cell)."""
    declared = get_schema().kinds_in_register(r["name"])
    if not declared:
        raise RegisterSpecError(f"{src}: register {r['name']!r}: no kind in graph/schema.yaml lists it under `registers`")
    for k in r.get("kinds") or []:  # an explicit list may only order them, never add a kind
        if k not in declared:
            raise RegisterSpecError(f"{src}: field '{where}.kinds': kind {k!r} does not list register {r['name']!r} "
                                    "under `registers` in graph/schema.yaml")  # fmt: skip
    order = [*(r.get("kinds") or []), *declared]
    default = r.get("default_kind")
    if default is not None:
        if default not in declared:
            raise RegisterSpecError(f"{src}: field '{where}.default_kind': {default!r} is not a kind of this register")
        order.insert(0, default)
    return tuple(dict.fromkeys(order))


def _parse(obj: Any, src: str) -> dict[str, RegisterSpec]:
    if not isinstance(obj, dict) or not isinstance(obj.get("registers"), list):
        raise RegisterSpecError(f"{src}: top-level field 'registers' must be a list")
    out: dict[str, RegisterSpec] = {}
    for i, r in enumerate(obj["registers"]):
        where = f"registers[{i}]"
        try:
            cols = []
            for j, c in enumerate(r["columns"]):
                if c.get("type", "string") not in TYPES:
                    raise RegisterSpecError(f"{src}: field '{where}.columns[{j}].type' must be one of {TYPES}")
                cols.append(
                    Column(
                        key=c["key"],
                        header=c["header"],
                        header_en=c.get("header_en", c["key"]),
                        prop=c["prop"],
                        type=c.get("type", "string"),
                        required=bool(c.get("required", False)),
                        choices=tuple(c.get("choices") or (c.get("values") or {}).keys()),
                        unit=c.get("unit"),
                        multi=bool(c.get("multi", False)),
                        importable=bool(c.get("import", True)),
                        scale=float(c.get("scale", 1.0)),
                        values=dict(c["values"]) if c.get("values") else None,
                        fallback_prop=c.get("fallback_prop"),
                        header_aliases=tuple(c.get("header_aliases") or ()),
                    )
                )
            kinds = _kinds_of(r, where, src)
            labels = dict(r.get("kind_labels") or {})
            sch = get_schema()
            for k in kinds:  # a kind without a register-specific label shows its schema label
                labels.setdefault(k, sch.kinds[k].label)
            spec = RegisterSpec(
                name=r["name"],
                title_zh=r["title"]["zh"],
                title_en=r["title"]["en"],
                kinds=kinds,
                scope=r.get("scope", "local"),
                columns=tuple(cols),
                kind_labels=labels,
                name_patterns=tuple(r.get("name_patterns") or ()),
                wider_regions_apply=bool(r.get("wider_regions_apply", False)),
            )
        except (KeyError, TypeError) as exc:
            raise RegisterSpecError(f"{src}: field '{where}' is missing or malformed: {exc}") from exc
        if spec.scope not in ("local", "external"):
            raise RegisterSpecError(f"{src}: field '{where}.scope' must be local or external")
        if not any(c.key == "name" for c in spec.columns):
            raise RegisterSpecError(f"{src}: register {spec.name!r} needs a 'name' column")
        out[spec.name] = spec
    return out


@lru_cache(maxsize=1)
def register_specs() -> dict[str, RegisterSpec]:
    """All declared registers keyed by name, in file order."""
    return _parse(yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8")), str(SPEC_FILE))


def get_spec(name: str) -> RegisterSpec:
    """The spec of one register, or UnknownRegister naming the valid ones."""
    specs = register_specs()
    if name not in specs:
        raise UnknownRegister(f"unknown register {name!r}; one of: {', '.join(specs)}")
    return specs[name]
