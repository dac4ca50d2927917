"""The `Document` every pipeline stage takes and returns enriched (clean -> extract -> resolve -> store)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

# The entity kinds of the `extract --json` contract (issue 3); the graph schema declares the same kinds
# plus graph-only ones (policy, project, fund, chain...) in graph/schema.yaml.
ORG_KINDS = (
    "enterprise",
    "university",
    "research_institute",
    "lab",
    "platform",
    "government",
    "media",
    "organization",
)
ENTITY_KINDS = (*ORG_KINDS, "person", "place", "industry")


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
    confidence: float = 1.0

    def to_json(self) -> dict[str, Any]:
        """Serialise for `extract --json`."""
        return {
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "spans": [list(s) for s in self.spans],
            "attrs": self.attrs,
        }


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
            "policies": self.policies,
            "figures": self.figures,
            "events": self.events,
            "projects": self.projects,
        }
        if self.error:
            obj["error"] = self.error
        if full:
            obj["dropped_lines"] = [asdict(d) for d in self.dropped]
            obj["excluded"] = [list(x) for x in self.excluded]
        return obj
