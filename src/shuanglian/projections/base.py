"""What a projector is, what changed, and the ordered list of projectors (the registry).

A projection is state derived from the statements log (canonical entities, chain placements, the
register index, the search index, ...). Each projector can `rebuild()` from scratch and `update()` from
what changed; `update` must leave exactly what `rebuild` would (tests/projections check every
registered projector after random sequences of service calls).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.orm import Session

# What entity resolution reads (graph.views.load_profiles): a change here may move a source entity to
# another canonical entity. Any other statement only changes its entity's summary and what derives from it.
IDENTITY_PROPS = frozenset({"name", "alias", "role"})
# Statements written by projectors themselves (chain placements): they change summaries and indexes,
# never the projector that wrote them.
DERIVED_PROPS = frozenset({"on_chain_link"})


@dataclass
class Changes:
    """What a write changed, grown by each projector with what it changed in turn."""

    members: set[str] = field(default_factory=set)  # source entities whose identity statements changed
    facts: set[str] = field(default_factory=set)  # source entities whose other statements changed
    derived: set[str] = field(default_factory=set)  # source entities whose derived statements changed
    entities: set[str] = field(default_factory=set)  # canonical entities written or deleted
    summarised: set[str] = field(default_factory=set)  # canonical rows written and current since
    documents: set[str] = field(default_factory=set)
    chains: set[str] = field(default_factory=set)  # chain templates added or edited
    full: bool = False  # a projector fell back to a rebuild: the ones after it rebuild too
    hierarchy: set[str] = field(default_factory=set)  # region keys of place names whose parents changed
    counted: set[str] = field(default_factory=set)  # source entities whose counters resolution brought up to date
    stats: dict[str, int] = field(default_factory=dict)

    def absorb(self, log: dict[str, list[Any]]) -> Changes:
        """Fold in a drained change log (store.changes)."""
        for entity_id, prop in log.get("statements", ()):
            if prop in IDENTITY_PROPS:
                self.members.add(entity_id)
            elif prop in DERIVED_PROPS:
                self.derived.add(entity_id)
            else:
                self.facts.add(entity_id)
        for ids in log.get("judgements", ()):
            self.members.update(ids)
        self.documents.update(log.get("documents", ()))
        self.chains.update(log.get("user_chains", ()))
        return self

    def count(self, key: str, n: int) -> None:
        """Add to a counter reported back to the caller (e.g. entities placed)."""
        self.stats[key] = self.stats.get(key, 0) + n

    def placement_stats(self) -> dict[str, int]:
        """What chain placement did in this apply (entities placed, statements created, retracted)."""
        return {k: self.stats.get(k, 0) for k in ("entities", "placed", "statements_created", "retracted")}

    def __bool__(self) -> bool:
        return bool(self.members or self.facts or self.derived or self.entities or self.documents or self.chains
                    or self.hierarchy or self.full)  # fmt: skip


class Projector(Protocol):
    """One derived state kept equal to a full recomputation from the statements."""

    name: str

    def rebuild(self, session: Session) -> None:
        """Recompute everything from the statements (and judgements, templates...)."""

    def update(self, session: Session, changed: Changes) -> Changes:
        """Bring the projection up to date with `changed`; return it grown with what this changed."""


@dataclass
class _Entry:
    name: str
    factory: Callable[[], Projector]
    instance: Projector | None = None


_REGISTRY: list[_Entry] = []


def register(name: str, factory: Callable[[], Projector], *, before: str | None = None, after: str | None = None) -> None:
    """Add a projector (built lazily by `factory`) to the ordered list; `before`/`after` name another
    projector it must run before or after (default: last). Registering a name again replaces it."""
    for i, e in enumerate(_REGISTRY):
        if e.name == name:
            _REGISTRY[i] = _Entry(name, factory)
            return
    entry = _Entry(name, factory)
    names = [e.name for e in _REGISTRY]
    if before is not None:
        _REGISTRY.insert(names.index(before), entry)
    elif after is not None:
        _REGISTRY.insert(names.index(after) + 1, entry)
    else:
        _REGISTRY.append(entry)


def unregister(name: str) -> None:
    """Remove a projector (tests)."""
    _REGISTRY[:] = [e for e in _REGISTRY if e.name != name]


def projectors() -> list[Projector]:
    """The registered projectors in order."""
    out = []
    for e in _REGISTRY:
        if e.instance is None:
            e.instance = e.factory()
        out.append(e.instance)
    return out


def projector_names() -> list[str]:
    """Names of the registered projectors in order."""
    return [e.name for e in _REGISTRY]
