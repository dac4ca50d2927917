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

from sqlalchemy import Text, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from shuanglian.graph.regions import place_in_text
from shuanglian.graph.schema import get_schema
from shuanglian.graph.tables import ACCEPTED, LIVE_STATUSES, Entity, EntityMember, Statement, live_clause

__all__ = [
    "LIVE_STATUSES", "DigestView", "EntityView", "Fact", "SourceDigest", "chunks", "digest_views", "live_clause",
    "load_views", "member_facts", "views_for_members",
]  # fmt: skip
DIGEST_MIN_MEMBERS = 24  # digest_views reads clusters of this many source entities or more by aggregates
SOURCE_PROP = "~source"  # digest_views' label facts: one per source of a folded view (no statement has it)
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


def _ranked(session: Session, where: Any, ranked: Sequence[str]) -> list[Any]:
    """Live statements of the `ranked` properties reduced in SQL to the few rows per cluster that
    EntityView.values and a last-fact-per-value lookup can tell apart: per (cluster, property, value,
    origin) the latest (ties: smallest source entity and id), and per (cluster, property, value) the one
    of the largest (source entity, id). A hub's thousands of identical name statements come as a few rows."""
    S = Statement
    cid = func.coalesce(EntityMember.entity_id, S.entity_id)
    eid: Any = S.entity_id
    sid: Any = S.id
    if session.get_bind().dialect.name == "postgresql":
        eid, sid = eid.collate("C"), sid.collate("C")  # code-point order, as Python sorts the facts
    first = func.row_number().over(partition_by=(cid, S.prop, S.value, S.origin), order_by=(S.created_at.desc(), eid, sid))
    last = func.row_number().over(partition_by=(cid, S.prop, S.value), order_by=(eid.desc(), sid.desc()))
    inner = (select(*_FACT_COLUMNS, first.label("rn_first"), last.label("rn_last"))
             .outerjoin(EntityMember, EntityMember.member_id == S.entity_id)
             .where(where, S.prop.in_(list(ranked)), live_clause())).subquery()  # fmt: skip
    cols = [c for c in inner.c if c.name not in ("rn_first", "rn_last")]
    return list(session.execute(select(*cols).where(or_(inner.c.rn_first == 1, inner.c.rn_last == 1))))


def views_for_members(
    session: Session,
    member_ids: Iterable[str],
    props: Iterable[str] | None = None,
    fold: Sequence[str] = (),
    region: bool = True,
    ranked: Sequence[str] = (),
) -> dict[str, EntityView]:
    """Canonical views for the given source entity ids (their whole clusters included); with `props`,
    only facts of those properties are read (the (entity_id, prop) index: a reader that needs a few
    properties of a hub never reads its whole history). Facts of the `fold` properties come folded
    (_folded): for readers that use them only for their sources and dates (registers, chain members).
    `region` False: a view without an entities row region is left without one (for readers that never
    look at it, e.g. chain placement: guessing it from a few properties' texts costs more than the read).
    Facts of the `ranked` properties come reduced (_ranked): for readers that use them only through
    EntityView.values / first and the last fact of each value (chain placement's names), never per member;
    the view's member_ids then lists only the members of the facts read."""
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
        if ranked:
            rows += [Fact.from_raw_row(r) for r in _ranked(session, where, ranked)]
            where = and_(where, Statement.prop.not_in(list(ranked)))
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
        _finish_view(v, region)
    return views




def entity_kinds(session: Session, entity_ids: Iterable[str]) -> dict[str, str]:
    """Kind of each canonical entity among `entity_ids` (ids that are not canonical are left out)."""
    out: dict[str, str] = {}
    for part in chunks(sorted(set(entity_ids))):
        out.update({i: k for i, k in session.execute(select(Entity.id, Entity.kind).where(Entity.id.in_(part)))})
    return out


@dataclass
class SourceDigest:
    """Where a canonical entity's facts come from, read by SQL aggregates instead of one fact per
    statement (a hub's thousands of pages): the smallest `cap` document ids, the other source labels,
    and the (publication text, earliest, latest statement time) groups of its documents."""

    doc_ids: list[str] = field(default_factory=list)  # sorted, at most `cap` (the first ones)
    other_labels: set[str] = field(default_factory=set)  # origin:user of statements without a document
    doc_count: int = 0  # distinct documents (exact)
    days: list[tuple[str | None, datetime | None, datetime | None]] = field(default_factory=list)
    undated: tuple[datetime | None, datetime | None] | None = None  # statements without a document


@dataclass
class DigestView(EntityView):
    """A canonical view whose facts are the `whole` properties' statements plus one folded fact per
    (kind, prop, value, origin, user, confidence) of the others (document-less, `n` = statements folded,
    latest time, smallest member id); sources and seen days come from `digest`. `member_ids` holds the
    members those facts name, not every member."""

    digest: SourceDigest = field(default_factory=SourceDigest)


def _digest_view(views: dict[str, DigestView], entities: dict[str, Any], cid: str) -> DigestView:
    """The view of `cid` in `views`, made from its entities row on first use."""
    v = views.get(cid)
    if v is None:
        ent = entities[cid]
        v = views[cid] = DigestView(id=cid, kind=ent.kind, name=ent.name or "", names=list(ent.names or []),
                                    region=ent.region)  # fmt: skip
    return v


def _joined(where: Any, cids: Sequence[str], *cols: Any) -> Any:
    """Statements of the members of these canonical entities (live), with the canonical id as `cid`."""
    return (select(EntityMember.entity_id.label("cid"), *cols)
            .join(EntityMember, EntityMember.member_id == Statement.entity_id)
            .where(EntityMember.entity_id.in_(list(cids)), where, live_clause()))  # fmt: skip


def digest_views(
    session: Session,
    member_ids: Iterable[str],
    whole: Sequence[str],
    unsourced: Sequence[str] = (),
    unseen: Sequence[str] = (),
    cap: int | None = 200,
    label_facts: bool = False,
    min_members: int = DIGEST_MIN_MEMBERS,
    seen: bool = True,
) -> dict[str, EntityView]:
    """Canonical views as views_for_members gives them, without one fact per statement for clusters that
    have an `entities` row: `whole` properties are read whole, the others folded (DigestView). Sources
    leave out `unsourced` properties, seen days `unseen` ones; `cap` None reads every document id (0: none,
    their count alone, counted in SQL when `seen` is False), and
    `label_facts` then adds one fact (prop SOURCE_PROP) per source label, so the source labels of the
    view's facts are exactly those of its statements (a folded fact carries its group's smallest document).
    Ids of no canonical entity, and clusters of fewer than `min_members` source entities (a handful of
    statements: one plain read costs less than the aggregates), come as whole views (mentions folded).
    `seen` False: digests without seen days (`days`, `undated`), for readers that never look at them."""

    seed = sorted(set(member_ids))
    canon: dict[str, str] = {}
    pair = select(EntityMember.member_id, EntityMember.entity_id)
    for part in chunks(seed):
        canon.update({m: e for m, e in session.execute(pair.where(EntityMember.member_id.in_(part)))})
    entities: dict[str, Any] = {}
    cols = select(Entity.id, Entity.kind, Entity.name, Entity.names, Entity.region)
    for part in chunks(sorted(set(canon.values()))):
        for e in session.execute(cols.where(Entity.id.in_(part))):
            entities[e.id] = e
    size: dict[str, int] = {}
    if min_members > 1:
        count = select(EntityMember.entity_id, func.count()).group_by(EntityMember.entity_id)
        for part in chunks(sorted(entities)):
            size.update({e: int(n) for e, n in session.execute(count.where(EntityMember.entity_id.in_(part)))})
        entities = {e: row for e, row in entities.items() if size.get(e, 0) >= min_members}
    rest = [m for m in seed if canon.get(m) not in entities]
    out: dict[str, EntityView] = dict(views_for_members(session, rest, fold=("mention",))) if rest else {}
    S = Statement
    whole_l, unsourced_l, unseen_l = list(whole), list(unsourced), list(unseen)
    for part in chunks(sorted(set(entities) - set(out)), 500):
        views: dict[str, DigestView] = {}

        q = _joined(S.prop.in_(whole_l), part, *_FACT_COLUMNS)
        for r in session.execute(q):
            f = Fact.from_raw_row(r)
            v = _digest_view(views, entities, r.cid)
            v.member_ids.add(f.member_id)
            v.facts.append(f)
        keys = (S.kind, S.prop, S.value, S.origin, S.user, S.confidence)
        q = _joined(S.prop.not_in(whole_l), part, *keys, func.max(S.created_at).label("last"),
                    func.min(S.entity_id).label("member"), func.count().label("n"),
                    func.min(S.document_id).label("doc")).group_by(EntityMember.entity_id, *keys)  # fmt: skip
        for r in session.execute(q):
            fid = "\x1e" + "\x1f".join((r.prop, r.value or "", r.kind, r.origin, r.user or "", repr(r.confidence)))
            f = Fact(fid, r.member, r.kind, r.prop, r.value, None, None, r.origin, r.doc, None, r.user, r.confidence,
                     ACCEPTED, r.last)  # fmt: skip
            f.__dict__["n"] = int(r.n)
            v = _digest_view(views, entities, r.cid)
            v.member_ids.add(r.member)
            v.facts.append(f)
        if not views:
            continue
        ids = sorted(views)
        _digest_sources(session, views, ids, unsourced_l, unseen_l, cap, seen)
        for v in views.values():
            v.digest.doc_ids.sort()
            if label_facts:
                v.facts += [_label_fact(v.kind, "document", d, None) for d in v.digest.doc_ids]
                for label in sorted(v.digest.other_labels):
                    origin, _, user = label.partition(":")
                    v.facts.append(_label_fact(v.kind, origin, None, None if user == "unknown" else user))
            _finish_view(v)
        out.update(views)
    return out


def _digest_sources(
    session: Session, views: dict[str, DigestView], ids: list[str], unsourced: list[str], unseen: list[str],
    cap: int | None, with_days: bool = True,
) -> None:
    """Fill the digests of these views by two scans of their statements: one row per (entity, document)
    (with its publication text, whether a statement there is sourced, the earliest and latest time of its
    seen statements) and one per (entity, origin, user) of the statements without a document. Sources
    leave out `unsourced` properties, seen days `unseen` ones (none without `with_days`). What five
    GROUP BY scans of a hub's statements gave (documents ranked, counted, per publication text;
    document-less labels and times), by two."""
    from shuanglian.store.documents import DocumentRow

    S = Statement
    if cap == 0 and not with_days:  # the number of source documents alone: counted in SQL, no row per document
        counted = (_joined(and_(S.document_id.is_not(None), S.prop.not_in(unsourced)), ids,
                           func.count(func.distinct(S.document_id))).group_by(EntityMember.entity_id))  # fmt: skip
        for cid, n in session.execute(counted):
            views[cid].digest.doc_count = int(n)
    sourced = func.max(case((S.prop.in_(unsourced), 0), else_=1)).label("src")
    seen = S.prop.not_in(unseen)
    lo = func.min(case((seen, S.created_at))).label("lo")
    hi = func.max(case((seen, S.created_at))).label("hi")
    if with_days:
        per_doc = (_joined(S.document_id.is_not(None), ids, S.document_id, DocumentRow.published, sourced, lo, hi)
                   .outerjoin(DocumentRow, DocumentRow.id == S.document_id)
                   .group_by(EntityMember.entity_id, S.document_id, DocumentRow.published))  # fmt: skip
    else:
        none = literal(None, S.created_at.type)
        per_doc = (_joined(S.document_id.is_not(None), ids, S.document_id, literal(None, DocumentRow.published.type),
                           sourced, none, none).group_by(EntityMember.entity_id, S.document_id))  # fmt: skip
    docs: dict[str, list[str]] = {}
    days: dict[str, dict[str | None, list[Any]]] = {}
    for cid, doc, published, src, first, last in session.execute(per_doc) if cap != 0 or with_days else ():
        if src:
            docs.setdefault(cid, []).append(doc)
        if first is not None:
            day = days.setdefault(cid, {}).get(published)
            if day is None:
                days[cid][published] = [first, last]
            else:
                day[0], day[1] = min(day[0], first), max(day[1], last)
    for cid, ds in docs.items():
        ds.sort()  # code-point order, as SQLite's BINARY and PostgreSQL's "C" collation rank documents
        d = views[cid].digest
        d.doc_count = len(ds)
        d.doc_ids = ds if cap is None else ds[:cap]
    for cid, groups in days.items():
        views[cid].digest.days = [(p, a, b) for p, (a, b) in groups.items()]
    bare = _joined(S.document_id.is_(None), ids, S.origin, S.user, sourced, *((lo, hi) if with_days else
                   (literal(None, S.created_at.type), literal(None, S.created_at.type)))).group_by(
        EntityMember.entity_id, S.origin, S.user
    )  # fmt: skip
    undated: dict[str, list[Any]] = {}
    for cid, origin, user, src, first, last in session.execute(bare):
        if src:
            views[cid].digest.other_labels.add(f"{origin}:{user or 'unknown'}")
        if first is not None:
            u = undated.get(cid)
            if u is None:
                undated[cid] = [first, last]
            else:
                u[0], u[1] = min(u[0], first), max(u[1], last)
    for cid, (first, last) in undated.items():
        views[cid].digest.undated = (first, last)


def _label_fact(kind: str, origin: str, document_id: str | None, user: str | None) -> Fact:
    """A fact standing for one source of a digest view (its source_label is that source's)."""
    fid = "\x1d" + (document_id or f"{origin}:{user}")
    return Fact(fid, "", kind, SOURCE_PROP, "", None, None, origin, document_id, None, user, 1.0, ACCEPTED, None)


def _finish_view(v: EntityView, region: bool = True) -> None:
    """What views_for_members derives once a view's facts are read: fact order, name, names, region."""
    v.facts.sort(key=lambda f: (f.member_id, f.id))
    if not v.name:
        v.name = v.first("name") or v.first("mention") or v.id
    for n in v.values("name") + v.values("alias"):
        if n not in v.names:
            v.names.append(n)
    if not region:
        return
    if not v.region:
        v.region = v.first("place") or v.first("region") or v.first("located_in")
    if not v.region and v.kind in get_schema().kinds_with("region_derivable"):
        v.region = place_in_text(v.first("issuer")) or place_in_text(v.name)


def member_facts(session: Session, member_ids: Iterable[str]) -> dict[str, list[Fact]]:
    """The live facts of these source entities alone (not their clusters), each list in statement id order."""
    out: dict[str, list[Fact]] = {}
    for part in chunks(sorted(set(member_ids))):
        for st in _live_statements(session, Statement.entity_id.in_(part)):
            f = Fact.from_raw_row(st)
            out.setdefault(f.member_id, []).append(f)
    for facts in out.values():
        facts.sort(key=lambda f: f.id)
    return out
