"""Per-entity summaries kept as data (issue 11): counters of live statements per canonical entity
(`entity_aggregates`) and per source entity (`member_aggregates`), so an entity's summary row (name,
kind, counts, region) is computed from a handful of counter rows instead of every statement of a hub.

Counters move by differences: when a source entity's statements or its canonical entity change, its
counters are recomputed from its own live statements (a source entity is one document's mention of a
name: small) and the difference is added to the old and new canonical entities. Hub entities
(深圳市, 中华人民共和国, 习近平 …) are never re-read whole. Only a decrease of a name's or a user kind's
latest time (a statement rejected, a member moved away) re-reads that one key across the entity's members.

Slots (`slot`, `key`) -> (`n`, `last`), as graph.summary.Aggregate folds statements:
  total ''                      live statements
  kind  <source kind>           statements per source-entity kind
  name  prop␟origin␟value       names and aliases (`last`: latest statement)
  kov   <kind value>            user kind overrides (`last`: latest statement)
  place <value>                 `place` values
  pin   place␟rank             `located_in` statements per canonical place of their target and evidence
                                rank (graph/region_evidence.py: the region by evidence); a target without
                                a canonical entity is not counted
  doc   <document id>           statements per document
  par   <value>                 `parent` / `located_in` / `part_of` values (graph/places.py: place_parents)
  ctx   <person context>        `role` statements per resolution context (graph.keys.role_context)
  nctx  ''                      people without any role context (one per source entity)
  mem   ''                      1 per source entity with live statements
and on entities only: docs '' (distinct documents).

What graph.reader.digest_views folds a big cluster's statements into (register rows, chain members), so
neither re-reads a hub's statements on every write; these slots also keep `last` (latest time), `first`
(earliest), `least` (smallest source entity id) and `doc` (smallest document id) where noted:
  fg    JSON [kind, prop, value, origin, user, confidence]   every statement but placements (on_chain_link),
                                one per digest group (n, last, least, doc)
  hdoc  <document id>           register_hidden statements per document (not a source of the row)
  bl    origin:user             statements without a document per source label
  bh    origin:user             register_hidden statements without a document per source label
  day   <published or ''>       seen statements (neither placements nor register_hidden) with a document,
                                per publication text of the document (first, last)
  und   ''                      seen statements without a document (first, last)
A decrease (a member moved away, a statement no longer live) recomputes those extremes of that key
across the entity's members' counters, as for `name`. Source entities always count these slots; entities
keep them only from DIGEST_MEMBERS counted members (`mem`) on, the clusters digest_views folds (a smaller
one is read whole, cheaply): one that grows past it sums its members' slots once, one that shrinks below
it drops them, so most entities never write a row per statement.

`pin` depends on the canonical entity of another source entity (the located_in target: a per-page place
mention): when a source entity's canonical entity may have changed, the source entities with located_in
statements pointing at it are recounted too (sync), so their counters move from the old place to the new.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    bindparam,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.orm import Mapped, Session, aliased, mapped_column

from shuanglian.graph.keys import role_context
from shuanglian.graph.reader import DIGEST_MIN_MEMBERS, chunks
from shuanglian.graph.region_evidence import fold_evidence, rank_of
from shuanglian.graph.summary import _EPOCH, USER_ORIGINS, Aggregate, aware
from shuanglian.graph.tables import EntityMember, Statement, live_clause
from shuanglian.store.db import Base
from shuanglian.store.documents import DocumentRow

SEP = "\x1f"
LAST_SLOTS = frozenset({"name", "kov"})  # slots whose rows keep the latest statement time
# slots whose rows keep [n, last, first, least member, least document] (the digest groups, seen days)
EXT_SLOTS = frozenset({"fg", "day", "und"})
WHOLE_PROP = "on_chain_link"  # placements: read whole by digest_views, never folded into `fg`
HIDDEN_PROP = "register_hidden"  # analysts' hide judgements: no source of a register row, never seen
DIGEST_SLOTS = ("fg", "hdoc", "bl", "bh", "day", "und")
DIGEST_MEMBERS = DIGEST_MIN_MEMBERS  # entities keep digest slots from this many counted members (`mem`)
# read whole by a counter update and a summary; `pin` has one key per canonical place (and rank) an
# entity is located in, not one per page placing it: few even on a hub
SMALL_SLOTS = ("total", "kind", "name", "kov", "place", "docs", "pin", "mem")
PARENT_PROPS = ("parent", "located_in", "part_of")  # statements naming a place's parent (graph/places.py)
# slots with many keys on a hub, and the people's role contexts (read by resolution, never by summaries):
# read by touched key, never whole
KEYED_SLOTS = ("doc", "par", "ctx", "nctx", *DIGEST_SLOTS)

Counters = dict[tuple[str, str], list[Any]]  # (slot, key) -> [n, last or None] (EXT_SLOTS: 5 values)


def _ckey() -> Any:
    """Key column: code-point order on every backend (PostgreSQL "C" collation, SQLite BINARY), so the
    database orders located targets as Python does."""
    return Text().with_variant(Text(collation="C"), "postgresql")


class EntityAggregateRow(Base):
    """One counter of one canonical entity (see the module docstring for slots and keys)."""

    __tablename__ = "entity_aggregates"
    # migration 0022 (a hub's most cited located_in targets when they were counted per page); unused since
    # `pin` counts per canonical place (0023), kept so a fresh schema equals a migrated one
    __table_args__ = (Index("ix_entity_aggregates_rank", "entity_id", "slot", text("n DESC"), "key"),)

    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    slot: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(_ckey(), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)
    last: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # EXT_SLOTS only (migration 0030): earliest time, smallest source entity id, smallest document id
    first: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    least: Mapped[str | None] = mapped_column(String(64), nullable=True)
    doc: Mapped[str | None] = mapped_column(String(64), nullable=True)


class MemberAggregateRow(Base):
    """The counters of one source entity and the canonical entity they are counted in."""

    __tablename__ = "member_aggregates"

    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # "slot␟key" -> [n, last iso or None]


def fold(out: Counters, r: Any) -> None:
    """Add one live statement row (kind, prop, value, origin, document_id, target_id, created_at,
    value_json, place: the canonical entity of target_id or None)."""

    def bump(slot: str, key: str, last: datetime | None = None) -> None:
        c = out.setdefault((slot, key), [0, None])
        c[0] += 1
        if last is not None and (c[1] is None or last > c[1]):
            c[1] = last

    bump("total", "")
    bump("kind", r.kind)
    if r.document_id:
        bump("doc", r.document_id)
    if r.prop in PARENT_PROPS and r.value:
        bump("par", r.value)  # the place hierarchy's parents, counted so a hub place is never re-read
    if r.prop in ("name", "alias"):
        bump("name", f"{r.prop}{SEP}{r.origin}{SEP}{r.value}", aware(r.created_at))
    elif r.prop == "located_in" and r.target_id:
        if r.place:  # choose_region skips a target without a canonical place
            bump("pin", f"{r.place}{SEP}{rank_of(r.origin, r.value_json)}")
    elif r.prop == "place":
        bump("place", r.value)
    elif r.prop == "kind" and r.origin in USER_ORIGINS:
        bump("kov", r.value, aware(r.created_at))
    elif r.prop == "role":
        for c in sorted(role_context(r.value, r.value_json)):
            bump("ctx", c)  # what a new namesake's roles are matched against (views._attach_person)
    _fold_digest(out, r)


def _hi(a: Any, b: Any) -> Any:
    """The larger of two values, None standing for none."""
    return b if a is None or (b is not None and b > a) else a


def _lo(a: Any, b: Any) -> Any:
    """The smaller of two values, None standing for none."""
    return b if a is None or (b is not None and b < a) else a


def _merge_ext(c: list[Any], o: list[Any]) -> None:
    """Fold the extremes of `o` ([n, last, first, least, doc]) into `c` (counts left alone)."""
    c[1], c[2], c[3], c[4] = _hi(c[1], o[1]), _lo(c[2], o[2]), _lo(c[3], o[3]), _lo(c[4], o[4])


def _dominates(new: list[Any] | None, old: list[Any]) -> bool:
    """Whether `new` holds every extreme of `old` (a member's key only grew: the entity's extremes are
    the old ones folded with the new, no recomputation)."""
    if new is None:
        return False
    return (_hi(new[1], old[1]) == new[1] and _lo(new[2], old[2]) == new[2] and _lo(new[3], old[3]) == new[3]
            and _lo(new[4], old[4]) == new[4])  # fmt: skip


def digest_key(kind: str, prop: str, value: str | None, origin: str, user: str | None, confidence: float) -> str:
    """The `fg` key of a digest group (JSON: the confidence's repr survives the round trip)."""
    return json.dumps([kind, prop, value, origin, user, confidence], ensure_ascii=False)


def _fold_digest(out: Counters, r: Any) -> None:
    """The digest slots of one live statement (module docstring)."""

    def ext(slot: str, key: str, at: datetime | None, member: str | None, doc: str | None) -> None:
        c = out.get((slot, key))
        if c is None:
            out[(slot, key)] = [1, at, at, member, doc]
        else:
            c[0] += 1
            _merge_ext(c, [0, at, at, member, doc])

    def bump(slot: str, key: str) -> None:
        c = out.setdefault((slot, key), [0, None])
        c[0] += 1

    at = aware(r.created_at) if r.created_at is not None else None
    if r.prop != WHOLE_PROP:
        ext("fg", digest_key(r.kind, r.prop, r.value, r.origin, r.user, r.confidence), at, r.entity_id, r.document_id)
    seen = r.prop not in (WHOLE_PROP, HIDDEN_PROP)
    if r.document_id:
        if r.prop == HIDDEN_PROP:
            bump("hdoc", r.document_id)
        if seen:
            ext("day", r.published or "", at, None, None)
    else:
        label = f"{r.origin}:{r.user or 'unknown'}"
        bump("bl", label)
        if r.prop == HIDDEN_PROP:
            bump("bh", label)
        if seen:
            ext("und", "", at, None, None)


def _finish(c: Counters) -> None:
    """Per source entity, after its statements are folded: a person without any role context counts once
    in `nctx` (resolution treats contextless namesakes apart)."""
    if ("kind", "person") in c and not any(s == "ctx" for s, _ in c):
        c[("nctx", "")] = [1, None]
    c[("mem", "")] = [1, None]  # entities count their members with live statements (digest slots: big ones)


_TARGET = aliased(EntityMember)
_COLS = (Statement.entity_id, Statement.kind, Statement.prop, Statement.value, Statement.origin,
         Statement.document_id, Statement.target_id, Statement.created_at, Statement.value_json,
         _TARGET.entity_id.label("place"), Statement.user, Statement.confidence,
         DocumentRow.published)  # fmt: skip


def member_counters(session: Session, member_ids: Iterable[str] | None) -> dict[str, Counters]:
    """Counters of these source entities (None: of all) from their live statements."""
    out: dict[str, Counters] = defaultdict(dict)
    base = (select(*_COLS).outerjoin(_TARGET, _TARGET.member_id == Statement.target_id)
            .outerjoin(DocumentRow, DocumentRow.id == Statement.document_id).where(live_clause()))  # fmt: skip
    if member_ids is None:
        for r in session.execute(base):
            fold(out[r.entity_id], r)
    else:
        for part in chunks(sorted(set(member_ids))):
            for r in session.execute(base.where(Statement.entity_id.in_(part))):
                fold(out[r.entity_id], r)
    for c in out.values():
        _finish(c)
    return out


def _iso(t: datetime | None) -> str | None:
    return t.isoformat() if t else None


def _time(t: str | None) -> datetime | None:
    return aware(datetime.fromisoformat(t)) if t else None


def _encode(c: Counters) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for (s, k), v in sorted(c.items()):
        out[f"{s}{SEP}{k}"] = [v[0], _iso(v[1])] if len(v) == 2 else [v[0], _iso(v[1]), _iso(v[2]), v[3], v[4]]
    return out


def _decode(data: dict[str, Any] | None) -> Counters:
    out: Counters = {}
    for sk, v in (data or {}).items():
        s, _, k = sk.partition(SEP)
        out[(s, k)] = [int(v[0]), _time(v[1])] if len(v) == 2 else [int(v[0]), _time(v[1]), _time(v[2]), v[3], v[4]]
    return out


def rebuild(session: Session) -> None:
    """Recompute both tables from every live statement and the current entity_members."""
    session.flush()
    session.execute(delete(EntityAggregateRow))
    session.execute(delete(MemberAggregateRow))
    per_member = member_counters(session, None)
    canon = dict(session.execute(select(EntityMember.member_id, EntityMember.entity_id)).all())
    _store_members(session, {m: (canon.get(m), c) for m, c in per_member.items()})
    totals: dict[str, Counters] = defaultdict(dict)
    for m, c in per_member.items():
        eid = canon.get(m)
        if eid is not None:
            _add(totals[eid], c, 1)
    rows = []
    for eid, c in totals.items():
        _count_distinct(c)
        big = c.get(("mem", ""), [0])[0] >= DIGEST_MEMBERS
        rows += [_row(eid, s, k, v) for (s, k), v in c.items() if big or s not in DIGEST_SLOTS]
    _insert(session, EntityAggregateRow, rows)


def _row(eid: str, slot: str, key: str, v: list[Any]) -> dict[str, Any]:
    """An entity_aggregates row of counter `v` ([n, last] or, EXT_SLOTS, [n, last, first, least, doc])."""
    n, last = v[0], v[1] if slot in LAST_SLOTS or slot in EXT_SLOTS else None
    first, least, doc = (v[2], v[3], v[4]) if len(v) == 5 else (None, None, None)
    return {"entity_id": eid, "slot": slot, "key": key, "n": n, "last": last, "first": first, "least": least, "doc": doc}


def _count_distinct(c: Counters) -> None:
    """Set the docs counter of an entity's full counters."""
    n = sum(1 for s, _ in c if s == "doc")
    if n:
        c[("docs", "")] = [n, None]


def _add(into: Counters, c: Counters, sign: int) -> None:
    for sk, v in c.items():
        n, last = v[0], v[1]
        slot = into.setdefault(sk, [0, None, None, None, None] if len(v) == 5 else [0, None])
        slot[0] += sign * n
        if sign > 0 and len(v) == 5:
            _merge_ext(slot, v)
        elif sign > 0 and last is not None and (slot[1] is None or last > slot[1]):
            slot[1] = last


def _insert(session: Session, table: Any, rows: list[dict[str, Any]], batch: int = 5000) -> None:
    for i in range(0, len(rows), batch):
        session.execute(insert(table), rows[i : i + batch])


def _store_members(session: Session, members: dict[str, tuple[str | None, Counters]]) -> None:
    rows = [{"member_id": m, "entity_id": eid, "data": _encode(c)} for m, (eid, c) in sorted(members.items()) if c]
    _insert(session, MemberAggregateRow, rows)


def sync(session: Session, changed: Iterable[str], moved: Iterable[str] = ()) -> set[str]:
    """Bring the counters up to date for source entities whose statements changed (`changed`: recounted
    from their statements) or whose canonical entity may have changed (`moved`: their stored counters
    move along). Source entities with located_in statements pointing at any of them are recounted too
    (their `pin` counters name the target's canonical place). Returns the canonical entities whose
    counters changed."""
    session.flush()
    moved = set(moved)
    changed = set(changed)
    changed |= _holders(session, changed | moved)
    ids = sorted(changed | moved)
    if not ids:
        return set()
    stored: dict[str, tuple[str | None, Counters]] = {}
    canon: dict[str, str] = {}
    for part in chunks(ids):
        q = select(MemberAggregateRow.member_id, MemberAggregateRow.entity_id, MemberAggregateRow.data)
        for m, eid, data in session.execute(q.where(MemberAggregateRow.member_id.in_(part))):
            stored[m] = (eid, _decode(data))
        canon.update(session.execute(select(EntityMember.member_id, EntityMember.entity_id).where(EntityMember.member_id.in_(part))).all())
    recount = changed | {m for m in ids if m not in stored}
    fresh = member_counters(session, recount)
    deltas: dict[str, Counters] = defaultdict(dict)
    lowered: dict[str, set[tuple[str, str]]] = defaultdict(set)  # entity -> keys whose latest time may drop
    new_rows: dict[str, tuple[str | None, Counters]] = {}
    gone: list[str] = []
    for m in ids:
        old_eid, old = stored.get(m, (None, {}))
        new = fresh.get(m, {}) if m in recount else old
        eid = canon.get(m)
        if old_eid == eid and old == new:
            continue
        if old_eid is not None:
            _add(deltas[old_eid], old, -1)
            for sk, v in old.items():
                if sk[0] in LAST_SLOTS:
                    drop = old_eid != eid or new.get(sk, [0, None])[1] != v[1]
                else:
                    drop = sk[0] in EXT_SLOTS and (old_eid != eid or not _dominates(new.get(sk), v))
                if drop:
                    lowered[old_eid].add(sk)
        if eid is not None:
            _add(deltas[eid], new, 1)
        if new:
            new_rows[m] = (eid, new)
        if m in stored:
            gone.append(m)
    for part in chunks(sorted(gone)):
        session.execute(delete(MemberAggregateRow).where(MemberAggregateRow.member_id.in_(part)))
    _store_members(session, new_rows)
    _apply(session, deltas, lowered)
    return {e for e, d in deltas.items() if any(v[0] for v in d.values())} | set(lowered)


def _holders(session: Session, targets: set[str]) -> set[str]:
    """Source entities with live located_in statements naming one of these targets (by the target_id
    index: a target is a per-page place mention, pointed at from a few statements)."""
    out: set[str] = set()
    for part in chunks(sorted(targets)):
        q = select(Statement.entity_id).where(Statement.target_id.in_(part), Statement.prop == "located_in", live_clause())
        out |= set(session.scalars(q.distinct()))
    return out


def _apply(session: Session, deltas: dict[str, Counters], lowered: dict[str, set[tuple[str, str]]]) -> None:
    """Add the deltas to the stored entity counters (rows at zero go); recompute lowered latest times."""
    if not deltas:
        return
    touched = {eid: {sk for sk, v in d.items() if v[0] or any(x is not None for x in v[1:])} | lowered.get(eid, set())
               for eid, d in deltas.items()}  # fmt: skip
    plain = {e: {sk for sk in ks if sk[0] not in DIGEST_SLOTS} for e, ks in touched.items()}
    current = _current(session, plain)
    # digest slots are kept by entities of DIGEST_MEMBERS counted members or more: moved by the deltas while
    # they stay that big, recounted whole from their members when they grow past it, dropped below it
    size = {e: current.get((e, "mem", ""), [0])[0] for e in touched}
    after = {e: size[e] + deltas[e].get(("mem", ""), [0])[0] for e in touched}
    kept = {e for e in touched if min(size[e], after[e]) >= DIGEST_MEMBERS}
    grown = sorted(e for e in touched if size[e] < DIGEST_MEMBERS <= after[e])
    shrunk = sorted(e for e in touched if after[e] < DIGEST_MEMBERS <= size[e])
    digest = {e: touched[e] - plain[e] for e in kept}
    current.update(_current(session, digest, small=False))
    touched = {e: plain[e] | digest.get(e, set()) for e in touched}
    result: dict[tuple[str, str, str], list[Any]] = {}
    recompute: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for eid, sks in touched.items():
        d = deltas[eid]
        for s, k in sks:
            if s in EXT_SLOTS:
                old = current.get((eid, s, k), [0, None, None, None, None])
                got = d.get((s, k), [0, None, None, None, None])
                v = [old[0] + got[0], *old[1:]]
                _merge_ext(v, got)
                if (s, k) in lowered.get(eid, set()) and v[0] > 0:
                    recompute[eid].add((s, k))
                result[(eid, s, k)] = v
                continue
            old = current.get((eid, s, k), [0, None])
            dn, dlast = d.get((s, k), [0, None])[:2]
            n = old[0] + dn
            last = old[1]
            if dlast is not None and (last is None or dlast > last):
                last = dlast
            if (s, k) in lowered.get(eid, set()) and n > 0:
                recompute[eid].add((s, k))
            result[(eid, s, k)] = [n, last if s in LAST_SLOTS else None]
            if s == "doc" and (old[0] > 0) != (n > 0):
                t = result.setdefault((eid, "docs", ""), list(current.get((eid, "docs", ""), [0, None])))
                t[0] += 1 if n > 0 else -1
    for eid, sks in recompute.items():
        for (s, k), got in _latest(session, eid, sks).items():
            if s in EXT_SLOTS:
                result[(eid, s, k)][1:] = got[1:]
            else:
                result[(eid, s, k)][1] = got[1]
    _write(session, result, current)
    T = EntityAggregateRow
    for part in chunks(shrunk):
        session.execute(delete(T).where(T.entity_id.in_(part), T.slot.in_(DIGEST_SLOTS)))
    for eid in grown:
        _insert(session, T, [_row(eid, s, k, v) for (s, k), v in _digest_total(session, eid).items()])


def _digest_total(session: Session, eid: str) -> Counters:
    """The digest slots of an entity summed from its members' counters (it just grew big enough)."""
    total: Counters = {}
    q = select(MemberAggregateRow.data).where(MemberAggregateRow.entity_id == eid)
    for data in session.scalars(q):
        _add(total, {sk: v for sk, v in _decode(data).items() if sk[0] in DIGEST_SLOTS}, 1)
    return total


def _current(
    session: Session, touched: dict[str, set[tuple[str, str]]], small: bool = True
) -> dict[tuple[str, str, str], list[Any]]:
    """Stored counters of the touched entities: every small slot, and the touched doc/par/ctx keys (read
    by entity chunk x key chunk through the primary key: never every document row of a hub)."""
    T = EntityAggregateRow
    current: dict[tuple[str, str, str], list[Any]] = {}
    cols = (T.entity_id, T.slot, T.key, T.n, T.last, T.first, T.least, T.doc)

    def keep(eid: str, s: str, k: str, n: int, last: Any, first: Any, least: Any, doc: Any) -> None:
        v = [int(n), aware(last) if last else None]
        if s in EXT_SLOTS:
            v += [aware(first) if first else None, least, doc]
        current[(eid, s, k)] = v

    eids = sorted(touched)
    for part in chunks(eids, 500):
        if small:
            for row in session.execute(select(*cols).where(T.entity_id.in_(part), T.slot.in_(SMALL_SLOTS))):
                keep(*row)
        for slot in KEYED_SLOTS:
            wanted = {(e, k) for e in part for s, k in touched[e] if s == slot}
            keys = sorted({k for _, k in wanted})
            owners = sorted({e for e, _ in wanted})
            for kpart in chunks(keys, 400):
                q = select(*cols).where(T.entity_id.in_(owners), T.slot == slot, T.key.in_(kpart))
                for row in session.execute(q):
                    if (row[0], row[2]) in wanted:
                        keep(*row)
    return current


def _write(session: Session, result: dict[tuple[str, str, str], list[Any]], current: dict[tuple[str, str, str], list[Any]]) -> None:
    """Store new counter values: UPDATE rows that exist, INSERT new ones, DELETE those at zero (by key)."""
    T = EntityAggregateRow
    table: Any = T.__table__
    ups, ext_ups, news, gone = [], [], [], []
    for (e, s, k), v in sorted(result.items()):
        n = v[0]
        if (e, s, k) in current:
            if n <= 0:
                gone.append({"e": e, "s": s, "k": k})
            elif current[(e, s, k)] != v:
                if len(v) == 5:
                    ext_ups.append({"e": e, "s": s, "k": k, "nn": n, "ll": v[1], "ff": v[2], "mm": v[3], "dd": v[4]})
                else:
                    ups.append({"e": e, "s": s, "k": k, "nn": n, "ll": v[1]})
        elif n > 0:
            news.append(_row(e, s, k, v))
    where = (T.entity_id == bindparam("e"), T.slot == bindparam("s"), T.key == bindparam("k"))
    conn = session.connection()  # Core executemany by primary key (the ORM bulk path wants mapped keys)
    if ups:
        conn.execute(update(table).where(*where).values(n=bindparam("nn"), last=bindparam("ll")), ups)
    if ext_ups:
        conn.execute(update(table).where(*where).values(n=bindparam("nn"), last=bindparam("ll"), first=bindparam("ff"),
                                                        least=bindparam("mm"), doc=bindparam("dd")), ext_ups)  # fmt: skip
    if gone:
        conn.execute(delete(table).where(*where), gone)
    _insert(session, T, news)


def _latest(session: Session, eid: str, keys: set[tuple[str, str]]) -> dict[tuple[str, str], list[Any]]:
    """Latest time (EXT_SLOTS: every extreme, as [n, last, first, least, doc]) of these keys across the
    entity's members (after a decrease: the rare path)."""
    members = list(session.scalars(select(EntityMember.member_id).where(EntityMember.entity_id == eid)))
    out: dict[tuple[str, str], list[Any]] = {sk: [0, None, None, None, None] for sk in keys}
    for part in chunks(sorted(members)):
        q = select(MemberAggregateRow.data).where(MemberAggregateRow.member_id.in_(part))
        for data in session.scalars(q):
            for sk, v in _decode(data).items():
                if sk in out and v[0] > 0:
                    if len(v) == 5:
                        _merge_ext(out[sk], v)
                    else:
                        out[sk][1] = _hi(out[sk][1], v[1])
    return out


def load(session: Session, entity_ids: Sequence[str]) -> tuple[dict[str, Aggregate], set[str]]:
    """Aggregates (graph.summary) of these canonical entities from their counters (every small slot:
    `located` and `evidence` keyed by canonical place, see graph.views._place_names), and the ids of
    entities read in part (none: kept for callers)."""
    out: dict[str, Aggregate] = {}
    cols = (EntityAggregateRow.entity_id, EntityAggregateRow.slot, EntityAggregateRow.key, EntityAggregateRow.n,
            EntityAggregateRow.last)  # fmt: skip
    for part in chunks(sorted(set(entity_ids))):
        q = select(*cols).where(EntityAggregateRow.entity_id.in_(part), EntityAggregateRow.slot.in_(SMALL_SLOTS))
        for eid, s, k, n, last in session.execute(q):
            _fold_counter(out.setdefault(eid, Aggregate(doc_count=0)), s, k, int(n), last)
    return out, set()


def _fold_counter(a: Aggregate, slot: str, key: str, n: int, last: datetime | None) -> None:
    if slot == "total":
        a.statements = n
    elif slot == "kind":
        a.kinds[key] += n
    elif slot == "docs":
        a.doc_count = n
    elif slot == "name":
        prop, origin, value = key.split(SEP, 2)
        a.names[(value, prop, origin)] = [n, aware(last) if last else _EPOCH]
    elif slot == "place":
        a.places[key] += n
    elif slot == "pin" and n > 0:
        place, rank = key.split(SEP, 1)
        a.located[place] += n
        fold_evidence(a.evidence, place, int(rank), _EPOCH, "")  # the region reads the rank alone
    elif slot == "kov":
        cand = (aware(last) if last else _EPOCH, key, key)
        if a.kind_override is None or cand[:2] > a.kind_override[:2]:
            a.kind_override = cand


def digest_parts(
    session: Session, cids: Sequence[str], hidden_unsourced: bool, cap: int | None, seen: bool
) -> tuple[set[str], dict[str, list[Any]], dict[str, tuple[list[str], int]], dict[str, set[str]],
           dict[str, list[tuple[str | None, Any, Any]]], dict[str, tuple[Any, Any]]]:  # fmt: skip
    """What graph.reader.digest_views folds these canonical entities' statements into, read from their
    counters (index range reads, never a hub's statements), for those that keep digest slots (the first
    value: of DIGEST_MEMBERS counted members or more): per entity its `fg` rows (key, n, last,
    least, doc), its source documents (the first `cap` in code-point order, None: all) with their
    count, its other source labels, and (`seen`) its (publication, first, last) days and its undated
    (first, last). `hidden_unsourced`: register_hidden statements are no source. Times as the database
    hands them back (as the statements' aggregates would be)."""
    T = EntityAggregateRow
    groups: dict[str, list[Any]] = defaultdict(list)
    labels: dict[str, dict[str, int]] = defaultdict(dict)
    hidden: dict[str, dict[str, int]] = defaultdict(dict)
    days: dict[str, list[tuple[str | None, Any, Any]]] = {}
    undated: dict[str, tuple[Any, Any]] = {}
    count: dict[str, int] = {}
    slots = ["fg", "bl", "docs", "mem", *(("hdoc", "bh") if hidden_unsourced else ()), *(("day", "und") if seen else ())]
    big: set[str] = set()
    cols = (T.entity_id, T.slot, T.key, T.n, T.last, T.first, T.least, T.doc)
    for part in chunks(sorted(set(cids))):
        for eid, slot, key, n, last, first, least, doc in session.execute(select(*cols).where(T.entity_id.in_(part), T.slot.in_(slots))):
            if n <= 0:
                continue
            if slot == "fg":
                groups[eid].append((key, int(n), last, least, doc))
            elif slot == "docs":
                count[eid] = int(n)
            elif slot == "mem":
                if n >= DIGEST_MEMBERS:
                    big.add(eid)
            elif slot in ("bl", "bh"):
                (labels if slot == "bl" else hidden)[eid][key] = int(n)
            elif slot == "hdoc":
                hidden[eid]["\x00" + key] = int(n)
            elif slot == "day":
                days.setdefault(eid, []).append((key or None, first, last))
            else:
                undated[eid] = (first, last)
    count = {e: n for e, n in count.items() if e in big}
    other = {e: {k for k, n in ls.items() if n > hidden.get(e, {}).get(k, 0)} for e, ls in labels.items()}
    # documents whose every statement is a register_hidden one are no source (hardly ever any)
    gone: dict[str, set[str]] = defaultdict(set)
    for eid, hs in hidden.items():
        keys = sorted(k[1:] for k in hs if k.startswith("\x00"))
        for kpart in chunks(keys):
            q = select(T.key, T.n).where(T.entity_id == eid, T.slot == "doc", T.key.in_(kpart))
            gone[eid].update(k for k, n in session.execute(q) if n <= hs["\x00" + k])
    docs: dict[str, tuple[list[str], int]] = {}
    if cap == 0:  # the count alone
        return big, groups, {e: ([], n - len(gone.get(e, ()))) for e, n in count.items()}, other, days, undated
    whole = [e for e in count if cap is None or count[e] <= cap + len(gone.get(e, ()))]
    for part in chunks(sorted(whole)):
        got: dict[str, list[str]] = defaultdict(list)
        for eid, key in session.execute(select(T.entity_id, T.key).where(T.entity_id.in_(part), T.slot == "doc", T.n > 0)):
            if key not in gone.get(eid, ()):
                got[eid].append(key)
        for eid, ds in got.items():
            ds.sort()  # code-point order, as SQLite's BINARY and PostgreSQL's "C" collation rank documents
            docs[eid] = (ds if cap is None else ds[:cap], len(ds))
    for eid in sorted(set(count) - set(whole)):  # a hub's first `cap` documents by the key order (C collation)
        skip = gone.get(eid, set())
        lowest = (select(T.key).where(T.entity_id == eid, T.slot == "doc", T.n > 0).order_by(T.key)
                  .limit((cap or 0) + len(skip)))  # fmt: skip
        ds = [k for k in session.scalars(lowest) if k not in skip]
        docs[eid] = (ds[:cap], count[eid] - len(skip))
    return big, groups, docs, other, days, undated


def missing_digest_columns(bind: Any) -> list[Any]:
    """The entity_aggregates columns of the digest slots (migration 0030) that a database lacks, as
    columns to add (a migration that recounts the counters before 0030 adds them first)."""
    from sqlalchemy import Column, inspect

    have = {c["name"] for c in inspect(bind).get_columns("entity_aggregates")}
    cols = (Column("first", DateTime(timezone=True), nullable=True), Column("least", String(64), nullable=True),
            Column("doc", String(64), nullable=True))  # fmt: skip
    return [c for c in cols if c.name not in have]


def strip_digest_slots(session: Session) -> None:
    """Remove the digest slots from both tables (downgrading below 0030: older code reads two-value
    counters only). Every member keeps its `total` counter: no row is left empty."""
    session.execute(delete(EntityAggregateRow).where(EntityAggregateRow.slot.in_(DIGEST_SLOTS)))
    M = MemberAggregateRow
    table: Any = M.__table__
    prefixes = tuple(f"{s}{SEP}" for s in DIGEST_SLOTS)
    ups = []
    for m, data in session.execute(select(M.member_id, M.data)):
        kept = {k: v for k, v in (data or {}).items() if not k.startswith(prefixes)}
        if kept != data:
            ups.append({"m": m, "d": kept})
    for i in range(0, len(ups), 5000):
        session.connection().execute(update(table).where(table.c.member_id == bindparam("m"))
                                     .values(data=bindparam("d")), ups[i : i + 5000])  # fmt: skip
