"""Chain templates: load and validate the YAML chain files (shipped in `chains/data/` or user-supplied)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"
STAGES = ("upstream", "midstream", "downstream")
CATEGORIES = ("strategic_emerging", "future", "other")
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_TERM_FIELDS = ("products", "technologies", "keywords", "names")
# Singular label of each term field, as stored in placement evidence.
FIELD_LABEL = {"products": "product", "technologies": "technology", "keywords": "keyword", "names": "name"}


class TemplateError(ValueError):
    """A chain template is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class ChainLink:
    """One link (环节) of a chain: a stage and the terms that place an entity on it."""

    id: str
    name: str
    name_en: str
    stage: str
    feeds: tuple[str, ...]
    products: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    # Terms that place an entity only when they are part of its own name (医院, 检测中心): in running
    # text they usually name a customer ("进入国内绝大多数医院"), not what the entity is.
    names: tuple[str, ...] = ()

    def terms(self) -> dict[str, str]:
        """Every placing term mapped to the field it came from (products win over keywords)."""
        out: dict[str, str] = {}
        for fld in reversed(_TERM_FIELDS):
            for t in getattr(self, fld):
                out[t] = FIELD_LABEL[fld]
        return out

    def to_json(self) -> dict[str, Any]:
        """Plain dict (API / CLI)."""
        return {
            "id": self.id,
            "name": self.name,
            "name_en": self.name_en,
            "stage": self.stage,
            "feeds": list(self.feeds),
            "products": list(self.products),
            "technologies": list(self.technologies),
            "keywords": list(self.keywords),
            "names": list(self.names),
        }


@dataclass(frozen=True)
class ChainTemplate:
    """An industry chain: identity, category, the industry terms tying entities to it, and its links."""

    id: str
    name: str
    name_en: str
    set: str
    category: str
    industries: tuple[str, ...]
    links: tuple[ChainLink, ...]
    origin: str = "shipped"  # "shipped" or "user"
    source: str = ""  # file path or "db"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def link(self, link_id: str) -> ChainLink:
        """The link with this id (KeyError if absent)."""
        for ln in self.links:
            if ln.id == link_id:
                return ln
        raise KeyError(link_id)

    def links_at(self, stage: str) -> list[ChainLink]:
        """Links of one stage, in file order."""
        return [ln for ln in self.links if ln.stage == stage]

    def to_json(self) -> dict[str, Any]:
        """Plain dict (API / CLI)."""
        return {
            "id": self.id,
            "name": self.name,
            "name_en": self.name_en,
            "set": self.set,
            "category": self.category,
            "industries": list(self.industries),
            "origin": self.origin,
            "links": [ln.to_json() for ln in self.links],
        }


def _str_list(value: Any, where: str, src: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TemplateError(f"{src}: field '{where}' must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _req_str(obj: dict[str, Any], key: str, where: str, src: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TemplateError(f"{src}: field '{where}{key}' is required and must be a non-empty string")
    return value.strip()


def parse_template(obj: Any, source: str = "<template>", origin: str = "shipped") -> ChainTemplate:
    """Validate a decoded YAML mapping and build a ChainTemplate (TemplateError names file and field)."""
    src = source
    if not isinstance(obj, dict):
        raise TemplateError(f"{src}: a chain template must be a YAML mapping")
    cid = _req_str(obj, "id", "", src)
    if not _SLUG.match(cid):
        raise TemplateError(f"{src}: field 'id' must be an ascii slug (a-z, 0-9, _), got {cid!r}")
    name = _req_str(obj, "name", "", src)
    category = str(obj.get("category") or "other")
    if category not in CATEGORIES:
        raise TemplateError(f"{src}: field 'category' must be one of {', '.join(CATEGORIES)}, got {category!r}")
    industries = _str_list(obj.get("industries"), "industries", src)
    raw_links = obj.get("links")
    if not isinstance(raw_links, list) or not raw_links:
        raise TemplateError(f"{src}: field 'links' must be a non-empty list")
    parsed: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, rl in enumerate(raw_links):
        where = f"links[{i}]."
        if not isinstance(rl, dict):
            raise TemplateError(f"{src}: field 'links[{i}]' must be a mapping")
        lid = _req_str(rl, "id", where, src)
        if not _SLUG.match(lid):
            raise TemplateError(f"{src}: field '{where}id' must be an ascii slug, got {lid!r}")
        if lid in seen:
            raise TemplateError(f"{src}: field '{where}id' duplicates link id {lid!r}")
        seen.add(lid)
        stage = _req_str(rl, "stage", where, src)
        if stage not in STAGES:
            raise TemplateError(f"{src}: field '{where}stage' must be one of {', '.join(STAGES)}, got {stage!r}")
        terms = {f: _str_list(rl.get(f), where + f, src) for f in _TERM_FIELDS}
        if not any(terms.values()):
            raise TemplateError(f"{src}: link {lid!r} needs at least one of products, technologies, keywords, names")
        parsed.append(
            {
                "id": lid,
                "name": _req_str(rl, "name", where, src),
                "name_en": str(rl.get("name_en") or ""),
                "stage": stage,
                "feeds": None if rl.get("feeds") is None else _str_list(rl.get("feeds"), where + "feeds", src),
                **terms,
                "_where": where,
            }
        )
    links: list[ChainLink] = []
    for p in parsed:
        feeds = p.pop("feeds")
        where = p.pop("_where")
        if feeds is None:
            # Default: a link feeds every link of the next stage (upstream -> midstream -> downstream).
            nxt = STAGES.index(p["stage"]) + 1
            feeds = tuple(q["id"] for q in parsed if nxt < len(STAGES) and q["stage"] == STAGES[nxt])
        for f in feeds:
            if f not in seen:
                raise TemplateError(f"{src}: field '{where}feeds' names unknown link {f!r}")
            if f == p["id"]:
                raise TemplateError(f"{src}: field '{where}feeds' makes link {f!r} feed itself")
        links.append(ChainLink(feeds=tuple(feeds), **p))
    known = {"id", "name", "name_en", "set", "category", "industries", "links"}
    return ChainTemplate(
        id=cid,
        name=name,
        name_en=str(obj.get("name_en") or ""),
        set=str(obj.get("set") or "user"),
        category=category,
        industries=industries,
        links=tuple(links),
        origin=origin,
        source=source,
        extra={k: v for k, v in obj.items() if k not in known},
    )


def load_template_text(text: str, source: str = "<template>", origin: str = "user") -> ChainTemplate:
    """Parse YAML text into a validated template."""
    try:
        obj = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise TemplateError(f"{source}: not valid YAML: {exc}") from exc
    return parse_template(obj, source, origin)


def load_template_file(path: str | Path, origin: str = "user") -> ChainTemplate:
    """Read and validate one template file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{p}: cannot read: {exc}") from exc
    return load_template_text(text, str(p), origin)


@lru_cache(maxsize=1)
def shipped_templates() -> dict[str, ChainTemplate]:
    """All templates shipped in `chains/data/`, keyed by id (duplicate ids are an error)."""
    out: dict[str, ChainTemplate] = {}
    for p in sorted(DATA_DIR.glob("*.yaml")):
        t = load_template_file(p, origin="shipped")
        if t.id in out:
            raise TemplateError(f"{p}: field 'id' {t.id!r} already used by {out[t.id].source}")
        out[t.id] = t
    return out
