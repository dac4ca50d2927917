"""The one reader of the graph: canonical entity views built from live statements, canonical ids, and
the live predicate. Other packages read graph tables only through this module.

A view groups the live statements of every source entity that resolution put in one canonical entity
(`entity_members`); a source entity not (yet) resolved stands for itself, so registers work straight
after an import even before the canonical tables are rebuilt.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Text, and_, cast, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from shuanglian.graph.regions import place_in_text
from shuanglian.graph.schema import get_schema
from shuanglian.graph.tables import ACCEPTED, LIVE_STATUSES, Entity, EntityMember, Statement, live_clause

__all__ = ["LIVE_STATUSES", "EntityView", "Fact", "chunks", "live_clause", "load_views", "views_for_members"]
_CHUNK = 900  # IN-list size under the 999 bound-parameter limit of older SQLite builds


def chunks(items: Sequence[str], n: int = _CHUNK) -> Iterator[Sequence[str]]:
    """Split a list for IN queries."""
    for i in range(0, len(items), n):
        yield items[i : i + n]


class _RawJSON(str):
    """A statement's value_json as stored (JSON text), decoded on first read (graph.reader.Fact)."""


class _LazyJSON:
    """Fact.value_json: kept as the stored JSON text until read. A hub's views hold tens of thousands of
    facts whose structured values no reader looks at (only roles and placements are), and decoding them
    all was a fifth of reading a hub."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        v = obj.__dict__[self.slot]
        if isinstance(v, _RawJSON):
            v = obj.__dict__[self.slot] = json.loads(v)
        return v

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.slot] = value


@dataclass
class Fact:
    """One live statement, as registers and chain maps need it (with its provenance)."""

    id: str
    member_id: str
    kind: str
    prop: str
    value: str
    value_json: Any  # the stored JSON text until read (_LazyJSON, set below)
    target_id: str | None
    origin: str
    document_id: str | None
    span: tuple[int, int] | None
    user: str | None
    confidence: float
    status: str
    created_at: datetime | None

    @property
    def source_label(self) -> str:
        """Where the fact comes from: `doc:<id>`, `import:<user>` or `manual:<user>`."""
        if self.document_id:
            return f"doc:{self.document_id}"
        return f"{self.origin}:{self.user or 'unknown'}"

    @classmethod
    def from_row(cls, st: Any) -> Fact:
        """Copy the fields of a Statement (an ORM object or a row of its columns)."""
        span = (st.span_start, st.span_end) if st.span_start is not None and st.span_end is not None else None
        return cls(
            st.id, st.entity_id, st.kind, st.prop, st.value, st.value_json, st.target_id, st.origin, st.document_id,
            span, st.user, st.confidence, st.status, st.created_at,
        )

    @classmethod
    def from_raw_row(cls, st: Any) -> Fact:
        """A row of _FACT_COLUMNS, whose value_json is the stored JSON text (decoded when read)."""
        span = (st.span_start, st.span_end) if st.span_start is not None and st.span_end is not None else None
        f = cls.__new__(cls)  # the fields set directly: a hub's views make tens of thousands of facts
        f.__dict__.update(
            id=st.id, member_id=st.entity_id, kind=st.kind, prop=st.prop, value=st.value,
            _value_json=None if st.value_json is None else _RawJSON(st.value_json), target_id=st.target_id,
            origin=st.origin, document_id=st.document_id, span=span, user=st.user, confidence=st.confidence,
            status=st.status, created_at=st.created_at,
        )  # fmt: skip
        return f


_lazy = _LazyJSON()
_lazy.__set_name__(Fact, "value_json")
Fact.value_json = _lazy  # type: ignore[method-assign,assignment]


@dataclass
class EntityView:
    """A canonical entity with the live facts of all its members."""

    id: str
    kind: str
    name: str = ""
    names: list[str] = field(default_factory=list)
    region: str | None = None
    member_ids: set[str] = field(default_factory=set)
    facts: list[Fact] = field(default_factory=list)

    def values(self, prop: str) -> list[str]:
        """Distinct display values of a property/relation, manual and imported values first."""
        rank = {"manual": 0, "import": 1, "document": 2}
        facts = sorted(
            (f for f in self.facts if f.prop == prop),
            key=lambda f: (rank.get(f.origin, 3), -(f.created_at.timestamp() if f.created_at else 0)),
        )
        out: list[str] = []
        for f in facts:
            if f.value and f.value not in out:
                out.append(f.value)
        return out

    def first(self, prop: str) -> str | None:
        """The preferred single value of a property (manual > import > document, newest first)."""
        vals = self.values(prop)
        return vals[0] if vals else None

    def sources(self) -> list[str]:
        """Every distinct source of the entity's facts (documents and importing users)."""
        out: list[str] = []
        for f in self.facts:
            if f.source_label not in out:
                out.append(f.source_label)
        return sorted(out)


_FACT_COLUMNS = (
    Statement.id, Statement.entity_id, Statement.kind, Statement.prop, Statement.value,
    cast(Statement.value_json, Text).label("value_json"),  # JSON text: Fact decodes it when read
    Statement.target_id, Statement.origin, Statement.document_id, Statement.span_start, Statement.span_end,
    Statement.user, Statement.confidence, Statement.status, Statement.created_at,
)  # fmt: skip


def _live_statements(session: Session, where: Any) -> list[Any]:
    # Plain rows, not ORM objects: views are read-only, and the identity map made loading a hub entity's
    # statements several times slower. live_clause, not status IN (...): SQLite would otherwise scan the
    # review-queue index (status, kind) instead of probing by entity id (0.6 s vs 0.06 s at 100k).
    return list(session.execute(select(*_FACT_COLUMNS).where(where, live_clause())))


def load_views(session: Session, kinds: Iterable[str] | None = None, props: Iterable[str] = ()) -> dict[str, EntityView]:
    """Canonical views of every entity with a live statement of one of `kinds` (None: all kinds), plus
    every entity carrying a live statement of one of `props` (e.g. `register` memberships)."""
    conds = []
    if kinds is not None:
        conds.append(Statement.kind.in_(list(kinds)))
    if props:
        conds.append(Statement.prop.in_(list(props)))
    if kinds is None:
        seed = list(session.scalars(select(Statement.entity_id).where(Statement.status.in_(LIVE_STATUSES)).distinct()))
    elif conds:
        from sqlalchemy import or_

        seed = list(
            session.scalars(select(Statement.entity_id).where(or_(*conds), Statement.status.in_(LIVE_STATUSES)).distinct())
        )
    else:
        seed = []
    return views_for_members(session, seed)


def _folded(session: Session, where: Any, fold: Sequence[str]) -> list[Any]:
    """Live statements of the `fold` properties, one row per (source entity, property, value, origin,
    document, user) with its latest time, and its earliest one when that fell on another day (a hub
    person's thousands of mentions, as the few rows that sources and first/last-seen days can tell apart)."""
    S = Statement
    keys = (S.entity_id, S.kind, S.prop, S.value, S.origin, S.document_id, S.user)
    q = (select(*keys, func.min(S.created_at).label("first"), func.max(S.created_at).label("last"))
         .where(where, S.prop.in_(list(fold)), live_clause()).group_by(*keys))  # fmt: skip
    out = []
    for r in session.execute(q):
        # readers tell times apart by their day only (first/last seen); the latest keeps first() exact
        same_day = r.first is not None and r.last is not None and r.first.date() == r.last.date()
        for i, at in enumerate([r.last] if same_day else dict.fromkeys((r.first, r.last))):
            fid = "\x1f".join((r.entity_id, r.prop, r.value or "", r.origin, r.document_id or "", r.user or "", str(i)))
            out.append(Fact(fid, r.entity_id, r.kind, r.prop, r.value, None, None, r.origin, r.document_id, None,
                            r.user, 1.0, ACCEPTED, at))  # fmt: skip
    return out


def views_for_members(
    session: Session, member_ids: Iterable[str], props: Iterable[str] | None = None, fold: Sequence[str] = ()
) -> dict[str, EntityView]:
    """Canonical views for the given source entity ids (their whole clusters included); with `props`,
    only facts of those properties are read (the (entity_id, prop) index: a reader that needs a few
    properties of a hub never reads its whole history). Facts of the `fold` properties come folded
    (_folded): for readers that use them only for their sources and dates (registers, chain members)."""
    seed = sorted(set(member_ids))
    canon: dict[str, str] = {}
    pair = select(EntityMember.member_id, EntityMember.entity_id)
    for part in chunks(seed):
        canon.update({m: e for m, e in session.execute(pair.where(EntityMember.member_id.in_(part)))})
    cluster_ids = sorted(set(canon.values()))
    # Pull in cluster members that the seed query did not reach (e.g. an alias with another kind).
    for part in chunks(cluster_ids):
        canon.update({m: e for m, e in session.execute(pair.where(EntityMember.entity_id.in_(part)))})
    all_members = sorted(set(seed) | set(canon))
    entities: dict[str, Any] = {}
    cols = select(Entity.id, Entity.kind, Entity.name, Entity.names, Entity.region)
    for part in chunks(cluster_ids):
        for e in session.execute(cols.where(Entity.id.in_(part))):
            entities[e.id] = e
    views: dict[str, EntityView] = {}
    wanted = None if props is None else sorted(set(props))
    for part in chunks(all_members):
        where: ColumnElement[bool] = Statement.entity_id.in_(part)
        if wanted is not None:
            where = and_(where, Statement.prop.in_(wanted))
        rows: list[Any] = []
        if fold:
            rows += _folded(session, where, fold)
            where = and_(where, Statement.prop.not_in(list(fold)))
        for st in [*_live_statements(session, where), *rows]:
            fact = st if isinstance(st, Fact) else Fact.from_raw_row(st)
            cid = canon.get(fact.member_id, fact.member_id)
            v = views.get(cid)
            if v is None:
                ent = entities.get(cid)
                v = views[cid] = EntityView(
                    id=cid,
                    kind=ent.kind if ent else fact.kind,
                    name=ent.name if ent else "",
                    names=list(ent.names or []) if ent else [],
                    region=ent.region if ent else None,
                )
            v.member_ids.add(fact.member_id)
            v.facts.append(fact)
    for v in views.values():
        # one order on every backend (rows come in whatever order the database likes, and PostgreSQL's
        # collation would order ids differently from SQLite): placement evidence and display values
        # break ties by this order, so SQLite and PostgreSQL place the same links
        v.facts.sort(key=lambda f: (f.member_id, f.id))
        if not v.name:
            v.name = v.first("name") or v.first("mention") or v.id
        for n in v.values("name") + v.values("alias"):
            if n not in v.names:
                v.names.append(n)
        if not v.region:
            v.region = v.first("place") or v.first("region") or v.first("located_in")
        # policies and funds rarely state a place; their issuer or title does (深圳市…若干措施)
        if not v.region and v.kind in get_schema().kinds_with("region_derivable"):
            v.region = place_in_text(v.first("issuer")) or place_in_text(v.name)
    return views




def entity_kinds(session: Session, entity_ids: Iterable[str]) -> dict[str, str]:
    """Kind of each canonical entity among `entity_ids` (ids that are not canonical are left out)."""
    out: dict[str, str] = {}
    for part in chunks(sorted(set(entity_ids))):
        out.update({i: k for i, k in session.execute(select(Entity.id, Entity.kind).where(Entity.id.in_(part)))})
    return out
