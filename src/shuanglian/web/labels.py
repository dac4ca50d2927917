"""Readable labels for internal codes (kinds, properties, relations, statuses, flags, reasons) per UI language.

Labels of kinds (Chinese and English) and Chinese labels of properties and relations come from the one
graph schema; the rest from
`data/labels.yaml`. An unknown code in the Chinese UI is shown as 「其他」 rather than leaking the code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from shuanglian.graph.schema import get_schema

_DATA = Path(__file__).parent / "data" / "labels.yaml"
UNKNOWN = {"zh": "其他", "en": "other"}


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, dict[str, str]]]:
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))


def _humanise(code: str) -> str:
    return code.replace("_", " ")


@lru_cache(maxsize=1)
def _schema_labels() -> dict[str, dict[str, str]]:
    sch = get_schema()
    out: dict[str, dict[str, str]] = {"kind": {}, "prop": {}, "rel": {}}
    for group, defs in (("kind", sch.kinds), ("prop", sch.properties), ("rel", sch.relations)):
        for name, spec in defs.items():
            out[group][name] = _label_of(spec) or name
    return out


def _label_of(spec: Any) -> str | None:
    if isinstance(spec, dict):
        return spec.get("label")
    return getattr(spec, "label", None)


def label(group: str, code: str | None, lang: str = "zh") -> str:
    """The label of `code` in `group` (kind, prop, rel, status, origin, flag, reason, sort) for `lang`."""
    if code is None or code == "":
        return ""
    code = str(code)
    if group in ("kind", "prop", "rel"):
        if lang == "zh":
            return _schema_labels()[group].get(code) or UNKNOWN["zh"]
        kdef = get_schema().kinds.get(code) if group == "kind" else None
        return kdef.label_en if kdef else _humanise(code)
    table = _table().get(lang, {}).get(group, {})
    if code in table:
        return table[code]
    if lang == "zh":
        return _table()["zh"].get(group, {}).get(code) or UNKNOWN["zh"]
    return _humanise(code)


@lru_cache(maxsize=1)
def english_terms() -> dict[str, str]:
    """Chinese label values with an English label: chain and link names (chain templates' `name_en`),
    `chain/link` pairs, and the `term` table of labels.yaml (project statuses, levels)."""
    from shuanglian.chains.templates import shipped_templates

    out: dict[str, str] = {}
    for tpl in shipped_templates().values():
        out.setdefault(tpl.name, tpl.name_en)
        for ln in tpl.links:
            out.setdefault(ln.name, ln.name_en)
            out[f"{tpl.name}/{ln.name}"] = f"{tpl.name_en}/{ln.name_en}"
    out.update(_table()["en"].get("term", {}))
    return out


_LIST_SEP = re.compile(r"([、，,；;]\s*)")


def term(value: Any, lang: str = "zh") -> str:
    """A value as shown: on English pages a chain, link or `chain/link` name and a status or level by its
    English label, each part of a list (、) on its own; anything else (names, free text) unchanged."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(term(v, lang) for v in value)
    text = str(value)
    if lang == "zh" or not text:
        return text
    table = english_terms()
    if text in table:
        return table[text]
    parts = _LIST_SEP.split(text)
    if not any(p.strip() in table for p in parts[::2]):
        return text  # free text or names: left exactly as written
    return "".join(", " if i % 2 else table.get(p.strip(), p) for i, p in enumerate(parts))


def known_codes() -> set[str]:
    """Every internal code that must never appear verbatim in the Chinese UI (for tests)."""
    codes: set[str] = set()
    for grp in _schema_labels().values():
        codes.update(grp)
    for name, grp in _table()["zh"].items():
        if name != "field":
            codes.update(grp)
    return codes


class Labels:
    """Template helper: `lab.kind(code)`, `lab.prop(code)`, … bound to the page language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def ident(self, value: str | None) -> str:
        """An object id as shown: a schema code (a relation named as the object) by its label, else the id."""
        v = value or ""
        for group in ("rel", "prop", "kind"):
            if v in _schema_labels()[group]:
                return label(group, v, self.lang)
        return v[:32]

    def field(self, key: str | None) -> str:
        """A record field named in the audit diff: a schema property's label, a known field's, else as is."""
        k = key or ""
        table = _table().get(self.lang, {}).get("field", {}) or _table()["zh"].get("field", {})
        if k in table:
            return str(table[k])
        if k in _schema_labels()["prop"]:
            return label("prop", k, self.lang)
        return k if self.lang != "zh" or k not in known_codes() else label("reason", k, self.lang)

    def why(self, reason: str | None) -> str:
        """Why a source entity was merged (`level:key` or `judgement:split#3`), as a label and the key."""
        code, _, key = (reason or "").partition(":")
        shown = label("merge_reason", code, self.lang)
        return f"{shown}「{key}」" if key and code != "judgement" else shown

    def failure(self, reason: str | None) -> str:
        """An ingest failure's reason: on Chinese pages the label of its leading words (the English message,
        with its numbers, stays in the cell's title), elsewhere the message itself."""
        text = reason or ""
        if self.lang != "zh":
            return text
        table = _table()["zh"].get("failure", {})
        for head in sorted(table, key=len, reverse=True):
            if text.startswith(head):
                return str(table[head])
        return UNKNOWN["zh"] if re.match(r"[A-Za-z]", text) else text

    def term(self, value: Any) -> str:
        """A chain/link name, status or level in the page language (see `term`)."""
        return term(value, self.lang)

    def __getattr__(self, group: str) -> Any:
        if group.startswith("_"):
            raise AttributeError(group)
        return lambda code: label(group, code, self.lang)


def audit_diff(before: Any, after: Any, lang: str = "zh") -> list[tuple[str, str, str]]:
    """Before/after of an audit entry as rows (field, before, after): changed fields only, nested records
    flattened one level (实体·名称), field names and code values shown by their labels."""
    lab = Labels(lang)

    def flat(v: Any) -> dict[str, str]:
        if v is None:
            return {}
        if not isinstance(v, dict):
            return {"": _text(v, lang)}
        out: dict[str, str] = {}
        for k, x in v.items():
            if isinstance(x, dict):
                for k2, x2 in x.items():
                    out[f"{lab.field(str(k))}·{lab.field(str(k2))}"] = _text(x2, lang)
            else:
                out[lab.field(str(k))] = _text(x, lang)
        return out

    b, a = flat(before), flat(after)
    rows = []
    for key in list(dict.fromkeys([*b, *a])):
        if b.get(key) != a.get(key):
            rows.append((key, b.get(key, ""), a.get(key, "")))
    return rows


def _text(v: Any, lang: str = "zh") -> str:
    if isinstance(v, dict):
        return "；".join(f"{Labels(lang).field(str(k))}: {_text(x, lang)}" for k, x in v.items())[:300]
    if isinstance(v, list):
        return "、".join(_text(x, lang) for x in v)[:300]
    if v is None:
        return ""
    text = str(v)
    if lang == "zh" and text in _schema_labels()["kind"]:
        return label("kind", text, lang)  # a kind code as a value (类型: enterprise) reads as its label
    if lang == "zh" and text in _table()["zh"]["status"]:
        return label("status", text, lang)
    if lang == "zh" and text in _table()["zh"]["action"]:
        return label("action", text, lang)  # a judgement's action (判断·操作: split) by its label
    return text[:300]
