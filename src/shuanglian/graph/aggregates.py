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
and on entities only: docs '' (distinct documents).

`pin` depends on the canonical entity of another source entity (the located_in target: a per-page place
mention): when a source entity's canonical entity may have changed, the source entities with located_in
statements pointing at it are recounted too (sync), so their counters move from the old place to the new.
"""

from __future__ import annotations

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
from shuanglian.graph.reader import chunks
from shuanglian.graph.region_evidence import fold_evidence, rank_of
from shuanglian.graph.summary import _EPOCH, USER_ORIGINS, Aggregate, aware
from shuanglian.graph.tables import EntityMember, Statement, live_clause
from shuanglian.store.db import Base

SEP = "\x1f"
LAST_SLOTS = frozenset({"name", "kov"})  # slots whose rows keep the latest statement time
# read whole by a counter update and a summary; `pin` has one key per canonical place (and rank) an
# entity is located in, not one per page placing it: few even on a hub
SMALL_SLOTS = ("total", "kind", "name", "kov", "place", "docs", "pin")
PARENT_PROPS = ("parent", "located_in", "part_of")  # statements naming a place's parent (graph/places.py)
# slots with many keys on a hub, and the people's role contexts (read by resolution, never by summaries):
# read by touched key, never whole
KEYED_SLOTS = ("doc", "par", "ctx", "nctx")

Counters = dict[tuple[str, str], list[Any]]  # (slot, key) -> [n, last or None]


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


def _finish(c: Counters) -> None:
    """Per source entity, after its statements are folded: a person without any role context counts once
    in `nctx` (resolution treats contextless namesakes apart)."""
    if ("kind", "person") in c and not any(s == "ctx" for s, _ in c):
        c[("nctx", "")] = [1, None]


_TARGET = aliased(EntityMember)
_COLS = (Statement.entity_id, Statement.kind, Statement.prop, Statement.value, Statement.origin,
         Statement.document_id, Statement.target_id, Statement.created_at, Statement.value_json,
         _TARGET.entity_id.label("place"))  # fmt: skip


def member_counters(session: Session, member_ids: Iterable[str] | None) -> dict[str, Counters]:
    """Counters of these source entities (None: of all) from their live statements."""
    out: dict[str, Counters] = defaultdict(dict)
    base = select(*_COLS).outerjoin(_TARGET, _TARGET.member_id == Statement.target_id).where(live_clause())
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


def _encode(c: Counters) -> dict[str, Any]:
    return {f"{s}{SEP}{k}": [n, last.isoformat() if last else None] for (s, k), (n, last) in sorted(c.items())}


def _decode(data: dict[str, Any] | None) -> Counters:
    out: Counters = {}
    for sk, (n, last) in (data or {}).items():
        s, _, k = sk.partition(SEP)
        out[(s, k)] = [int(n), aware(datetime.fromisoformat(last)) if last else None]
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
        rows += [_row(eid, s, k, n, last) for (s, k), (n, last) in c.items()]
    _insert(session, EntityAggregateRow, rows)


def _row(eid: str, slot: str, key: str, n: int, last: datetime | None) -> dict[str, Any]:
    return {"entity_id": eid, "slot": slot, "key": key, "n": n, "last": last}


def _count_distinct(c: Counters) -> None:
    """Set the docs counter of an entity's full counters."""
    n = sum(1 for s, _ in c if s == "doc")
    if n:
        c[("docs", "")] = [n, None]


def _add(into: Counters, c: Counters, sign: int) -> None:
    for sk, (n, last) in c.items():
        slot = into.setdefault(sk, [0, None])
        slot[0] += sign * n
        if sign > 0 and last is not None and (slot[1] is None or last > slot[1]):
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
            for sk, (_n, last) in old.items():
                if sk[0] in LAST_SLOTS and (old_eid != eid or new.get(sk, [0, None])[1] != last):
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
    return {e for e, d in deltas.items() if any(n for n, _ in d.values())} | set(lowered)


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
    touched = {eid: {sk for sk, (n, last) in d.items() if n or last is not None} | lowered.get(eid, set())
               for eid, d in deltas.items()}  # fmt: skip
    current = _current(session, touched)
    result: dict[tuple[str, str, str], list[Any]] = {}
    recompute: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for eid, sks in touched.items():
        d = deltas[eid]
        for s, k in sks:
            old = current.get((eid, s, k), [0, None])
            dn, dlast = d.get((s, k), [0, None])
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
        for (s, k), last in _latest(session, eid, sks).items():
            result[(eid, s, k)][1] = last
    _write(session, result, current)


def _current(session: Session, touched: dict[str, set[tuple[str, str]]]) -> dict[tuple[str, str, str], list[Any]]:
    """Stored counters of the touched entities: every small slot, and the touched doc/par/ctx keys (read
    by entity chunk x key chunk through the primary key: never every document row of a hub)."""
    T = EntityAggregateRow
    current: dict[tuple[str, str, str], list[Any]] = {}
    cols = (T.entity_id, T.slot, T.key, T.n, T.last)
    eids = sorted(touched)
    for part in chunks(eids, 500):
        for eid, s, k, n, last in session.execute(select(*cols).where(T.entity_id.in_(part), T.slot.in_(SMALL_SLOTS))):
            current[(eid, s, k)] = [int(n), aware(last) if last else None]
        for slot in KEYED_SLOTS:
            wanted = {(e, k) for e in part for s, k in touched[e] if s == slot}
            keys = sorted({k for _, k in wanted})
            owners = sorted({e for e, _ in wanted})
            for kpart in chunks(keys, 400):
                q = select(*cols).where(T.entity_id.in_(owners), T.slot == slot, T.key.in_(kpart))
                for eid, s, k, n, last in session.execute(q):
                    if (eid, k) in wanted:
                        current[(eid, s, k)] = [int(n), aware(last) if last else None]
    return current


def _write(session: Session, result: dict[tuple[str, str, str], list[Any]], current: dict[tuple[str, str, str], list[Any]]) -> None:
    """Store new counter values: UPDATE rows that exist, INSERT new ones, DELETE those at zero (by key)."""
    T = EntityAggregateRow
    table: Any = T.__table__
    ups, news, gone = [], [], []
    for (e, s, k), (n, last) in sorted(result.items()):
        if (e, s, k) in current:
            if n <= 0:
                gone.append({"e": e, "s": s, "k": k})
            elif current[(e, s, k)] != [n, last]:
                ups.append({"e": e, "s": s, "k": k, "nn": n, "ll": last})
        elif n > 0:
            news.append(_row(e, s, k, n, last))
    where = (T.entity_id == bindparam("e"), T.slot == bindparam("s"), T.key == bindparam("k"))
    conn = session.connection()  # Core executemany by primary key (the ORM bulk path wants mapped keys)
    if ups:
        conn.execute(update(table).where(*where).values(n=bindparam("nn"), last=bindparam("ll")), ups)
    if gone:
        conn.execute(delete(table).where(*where), gone)
    _insert(session, T, news)


def _latest(session: Session, eid: str, keys: set[tuple[str, str]]) -> dict[tuple[str, str], datetime | None]:
    """Latest time of these keys across the entity's members (after a decrease: the rare path)."""
    members = list(session.scalars(select(EntityMember.member_id).where(EntityMember.entity_id == eid)))
    out: dict[tuple[str, str], datetime | None] = dict.fromkeys(keys)
    for part in chunks(sorted(members)):
        q = select(MemberAggregateRow.data).where(MemberAggregateRow.member_id.in_(part))
        for data in session.scalars(q):
            for sk, (n, last) in _decode(data).items():
                if sk in out and n > 0 and last is not None and (out[sk] is None or last > out[sk]):  # type: ignore[operator]
                    out[sk] = last
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
