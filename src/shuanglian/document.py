"""The `Document` every pipeline stage takes and returns enriched (clean -> extract -> resolve -> store)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeVar

# The entity kinds of the `extract --json` contract (issue 3); the graph schema declares the same kinds
# plus graph-only ones (policy, project, chain...) in graph/schema.yaml.
ORG_KINDS = (
    "enterprise",
    "university",
    "research_institute",
    "lab",
    "platform",
    "government",
    "media",
    "organization",
    "fund",
)
ENTITY_KINDS = (*ORG_KINDS, "person", "place", "industry")
# The one pair of keys under which a processed document names the program that extracted it
# (extract/pipeline.py sets them in `meta`; store/documents.py keeps the version in its own column;
# graph/build.py puts both on every statement of the document).
EXTRACTOR_KEY = "extractor"
EXTRACTOR_VERSION_KEY = "extractor_version"


@dataclass
class Dropped:
    """A line or block removed by cleaning, kept aside with the reason so users can see why."""

    text: str
    reason: str  # e.g. "footer", "byline", "hot_list", "related", "spam_title", "share", "contact"
    line: int = -1  # line number in the decoded input, -1 when not line based (HTML)


@dataclass
class Repair:
    """A word repaired in the cleaned text (ad-law swaps, spinner substitutions)."""

    at: int  # offset in the cleaned `text`
    from_: str
    to: str

    def to_json(self) -> dict[str, Any]:
        """Serialise with the public key names `at`, `from`, `to`."""
        return {"at": self.at, "from": self.from_, "to": self.to}


@dataclass
class Mention:
    """An extracted entity within one document."""

    name: str
    kind: str  # enterprise|university|research_institute|lab|platform|government|media|organization|person|place|industry
    aliases: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    confidence: float | None = 1.0  # None: the extractor gave none (the graph's default applies)

    def to_json(self) -> dict[str, Any]:
        """Serialise for `extract --json`."""
        return {
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "spans": [list(s) for s in self.spans],
            "attrs": self.attrs,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Mention:
        """Read a stored entity fact (`to_json` plus `confidence`); spans that are not pairs are dropped."""
        spans = [(int(sp[0]), int(sp[1])) for sp in d.get("spans") or [] if isinstance(sp, list | tuple) and len(sp) == 2]
        conf = d.get("confidence")
        return cls(str(d["name"]), str(d["kind"]), [str(a) for a in d.get("aliases") or [] if a], spans,
                   dict(d.get("attrs") or {}), float(conf) if conf is not None else None)  # fmt: skip


F = TypeVar("F", bound="FactRecord")
_DECLARED: dict[type, frozenset[str]] = {}  # declared field names per fact class


@dataclass
class FactRecord:
    """Base of the typed facts that cross extract -> store -> graph.

    Extractors still build plain dicts (`doc.policies.append({...})`); `from_json` reads such a dict
    (keys it does not declare are kept in `extra`) and `to_json` gives back the same dict, key order
    included, so stored facts and statement values stay byte-identical. A typed fact also answers the
    dict calls older code makes on it (`f["value"]`, `f.get("span")`, `"unit" in f`)."""

    extra: dict[str, Any] = field(default_factory=dict, repr=False)
    _keys: list[str] = field(default_factory=list, repr=False, compare=False)

    @classmethod
    def _declared(cls) -> frozenset[str]:
        names = _DECLARED.get(cls)
        if names is None:
            names = _DECLARED[cls] = frozenset(f.name for f in fields(cls) if f.name not in ("extra", "_keys"))
        return names

    @classmethod
    def from_json(cls: type[F], d: Mapping[str, Any] | FactRecord) -> F:
        """A typed fact from an extractor's dict (or the fact itself)."""
        if isinstance(d, cls):
            return d
        if isinstance(d, FactRecord):
            d = d.to_json()
        if not isinstance(d, Mapping):
            raise TypeError(f"{cls.__name__}: expected a mapping, got {type(d).__name__}")
        names = cls._declared()
        obj = cls(**{k: v for k, v in d.items() if k in names})
        obj.extra = {k: v for k, v in d.items() if k not in names}
        obj._keys = list(d)
        return obj

    def to_json(self) -> dict[str, Any]:
        """The plain dict (the stored and `extract --json` form)."""
        names = self._declared()
        keys = self._keys or [f.name for f in fields(self) if f.name in names and getattr(self, f.name) is not None]
        keys = keys + [k for k in self.extra if k not in keys]
        return {k: getattr(self, k) if k in names else self.extra[k] for k in keys}

    # dict-compatible shim
    def __getitem__(self, key: str) -> Any:
        if key in self._declared():
            return getattr(self, key)
        return self.extra[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if key in self._declared():
            setattr(self, key, value)
        else:
            self.extra[key] = value
        if self._keys and key not in self._keys:
            self._keys.append(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self.to_json()

    def __iter__(self) -> Iterator[str]:
        return iter(self.to_json())

    def get(self, key: str, default: Any = None) -> Any:
        """Like dict.get on the dict form."""
        return self.to_json().get(key, default)

    def keys(self) -> list[str]:
        """Keys of the dict form."""
        return list(self.to_json())

    def items(self) -> list[tuple[str, Any]]:
        """Items of the dict form."""
        return list(self.to_json().items())

    @property
    def span_pair(self) -> tuple[int, int] | None:
        """The fact's (start, end) in the text, when it has a well-formed one."""
        sp = self.get("span")
        return (int(sp[0]), int(sp[1])) if isinstance(sp, list | tuple) and len(sp) == 2 else None


@dataclass
class PolicyFact(FactRecord):
    """A policy document named in the text (《…》), its issuer(s) and period."""

    title: str = ""
    issuer: str | list[str] | None = None
    period: str | None = None
    span: list[int] | None = None

    @property
    def issuers(self) -> list[str]:
        """The issuer(s) as a list."""
        v = self.issuer
        return [v] if isinstance(v, str) and v else [str(x) for x in v or [] if x]


@dataclass
class FigureFact(FactRecord):
    """A number with unit and measure (a statistic or a target)."""

    value: float | int | None = None
    unit: str | None = None
    measure: str | None = None
    measure_text: str | None = None
    specific: str | None = None
    written: str | None = None
    year: int | None = None
    target: bool | None = None
    qualifier: str | None = None
    approx: bool | None = None
    span: list[int] | None = None
    text: str | None = None
    subject: str | None = None  # the entity the figure measures, when the extractor names it


@dataclass
class EventFact(FactRecord):
    """An event (a leaders' visit): who visited what, when and where."""

    kind: str = "visit"
    date: str | None = None
    date_text: str | None = None
    visitors: list[Any] = field(default_factory=list)  # names, or {"name": ...} objects
    visited: list[Any] = field(default_factory=list)
    place: str | None = None
    span: list[int] | None = None


@dataclass
class ProjectFact(FactRecord):
    """A project: name, investment, status on this page, place, lead organisation, industry."""

    name: str = ""
    investment: float | int | None = None
    investment_text: str | None = None
    currency: str | None = None
    status: str | None = None
    date: str | None = None
    place: str | None = None
    org: str | None = None
    industry: str | None = None
    span: list[int] | None = None


FACT_TYPES: dict[str, type[FactRecord]] = {
    "policies": PolicyFact, "figures": FigureFact, "events": EventFact, "projects": ProjectFact,
}  # fmt: skip


@dataclass
class DocumentFacts:
    """Everything extraction found in one document, typed: what the graph builds statements from."""

    entities: list[Mention] = field(default_factory=list)
    policies: list[PolicyFact] = field(default_factory=list)
    figures: list[FigureFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    projects: list[ProjectFact] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # facts that could not be read, with the reason

    @classmethod
    def from_json(cls, facts: Mapping[str, Any] | None) -> DocumentFacts:
        """Read stored facts (DocumentRow.facts); a malformed fact is reported in `errors`, not raised."""
        out = cls()
        facts = facts or {}
        for i, e in enumerate(facts.get("entities") or []):
            if not isinstance(e, Mapping) or not e.get("name") or not e.get("kind"):
                continue  # nameless or kindless entities were never facts
            try:
                out.entities.append(Mention.from_json(e))
            except (TypeError, ValueError) as exc:
                out.errors.append(f"entities[{i}]: {exc}")
        for key, typ in FACT_TYPES.items():
            target: list[Any] = getattr(out, key)
            for i, f in enumerate(facts.get(key) or []):
                try:
                    target.append(typ.from_json(f))
                except (TypeError, ValueError) as exc:
                    out.errors.append(f"{key}[{i}]: {exc}")
        return out

    @classmethod
    def of(cls, doc: Document) -> DocumentFacts:
        """The typed facts of an in-memory document (its fact lists may hold dicts or typed facts)."""
        return cls.from_json({"entities": [{**m.to_json(), "confidence": m.confidence} for m in doc.entities],
                              **{k: getattr(doc, k) for k in FACT_TYPES}})  # fmt: skip


@dataclass
class Document:
    """One input document and everything the pipeline learned about it."""

    source: str  # path or URL as given by the user (for jsonl: "path#lineno")
    raw: str = ""  # decoded input (HTML or text), before cleaning
    is_html: bool = False
    encoding: str | None = None
    url: str | None = None
    # filled by cleaning
    title: str | None = None
    published: str | None = None  # ISO date or datetime
    media: str | None = None
    text: str = ""
    flags: list[str] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    # character ranges of `text` excluded from extraction (e.g. mojibake)
    excluded: list[tuple[int, int]] = field(default_factory=list)
    # filled by extraction
    entities: list[Mention] = field(default_factory=list)
    policies: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    projects: list[dict[str, Any]] = field(default_factory=list)
    # pipeline bookkeeping
    error: str | None = None  # set when a stage failed; later stages skip the document
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the raw decoded input: the identity used for idempotent ingest."""
        return hashlib.sha256(self.raw.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def doc_id(self) -> str:
        """Deterministic document id (first 16 hex of the content hash)."""
        return self.content_hash[:16]

    def flag(self, name: str) -> None:
        """Add a flag once."""
        if name not in self.flags:
            self.flags.append(name)

    def dropped_counts(self) -> dict[str, int]:
        """Count dropped lines by reason."""
        out: dict[str, int] = {}
        for d in self.dropped:
            out[d.reason] = out.get(d.reason, 0) + 1
        return out

    def to_json(self, *, full: bool = False) -> dict[str, Any]:
        """The stable `shuanglian extract --json` object."""
        obj: dict[str, Any] = {
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "media": self.media,
            "url": self.url,
            "text": self.text,
            "flags": list(self.flags),
            "repairs": [r.to_json() for r in self.repairs],
            "dropped": self.dropped_counts(),
            "entities": [m.to_json() for m in self.entities],
            "policies": _plain(self.policies),
            "figures": _plain(self.figures),
            "events": _plain(self.events),
            "projects": _plain(self.projects),
        }
        if self.error:
            obj["error"] = self.error
        if full:
            obj["dropped_lines"] = [asdict(d) for d in self.dropped]
            obj["excluded"] = [list(x) for x in self.excluded]
        return obj


def _plain(facts: list[Any]) -> list[Any]:
    """Fact lists as plain dicts (extractors may have put typed facts in them)."""
    return [f.to_json() if isinstance(f, FactRecord) else f for f in facts]
