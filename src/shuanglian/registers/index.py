"""Maintain the register index (registers.tables) from canonical entity views.

A projection (projections.registers.RegisterIndex): `refresh(session, entity_ids)` runs in every
apply_changes for the canonical entities written or deleted, `rebuild_index` on a full rebuild, so the
index always mirrors what the complete listing (listing.select_members + to_row) would compute.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from shuanglian.graph.ids import normalise_name
from shuanglian.graph.tables import LIVE_STATUSES, Entity, EntityMember, Statement, live_clause
from shuanglian.registers import counts
from shuanglian.registers.admission import admitted, retype
from shuanglian.registers.graphview import DIGEST_MIN_MEMBERS, DigestView, EntityView, chunks, digest_views
from shuanglian.registers.listing import (
    CHAIN_PROP,
    DIGEST_CAP,
    HIDDEN_PROP,
    NOT_SEEN,
    chain_keys,
    hidden_in,
    is_member,
    published_dates,
    seen_dates,
    to_row,
)
from shuanglian.registers.pinyin import pinyin_key
from shuanglian.registers.spec import RegisterSpec, register_specs
from shuanglian.registers.tables import EntityChain, RegisterEntry, RegisterSortKey

# Row keys never stored as sort keys: `name` sorts on register_entries itself, `id` is not a column.
_UNSTORED = frozenset({"id", "name", "pinyin", "hidden", "first_seen", "last_seen"})
_BATCH = 2000  # canonical entities per views query when filling the whole index


def row_views(session: Session, ids: Iterable[str], min_members: int = DIGEST_MIN_MEMBERS) -> dict[str, EntityView]:
    """The views register rows are made from: placements whole, every other property folded by value,
    sources and seen days from SQL aggregates (graph.reader.digest_views), so a hub's thousands of pages
    come as a few rows per value and per publication day, never one fact per statement."""
    return digest_views(session, ids, whole=(CHAIN_PROP,), unsourced=(HIDDEN_PROP,), unseen=sorted(NOT_SEEN),
                        cap=DIGEST_CAP, min_members=min_members)  # fmt: skip


def _listed_kinds() -> set[str]:
    return {k for s in register_specs().values() for k in s.kinds}


_REGISTERED_CAP = 20_000  # register statements read whole per batch; past this, per-cluster joins


def _registered_members(session: Session) -> set[str] | None:
    """Source entities holding a live `register` statement, read from the partial index of register
    statements (migration 0025): a handful of imports, never the members of a hub. None when there are
    more than _REGISTERED_CAP of them (then the clusters are joined instead)."""
    q = select(Statement.entity_id).where(Statement.prop == "register", live_clause()).limit(_REGISTERED_CAP + 1)
    rows = set(session.scalars(q))
    return rows if len(rows) <= _REGISTERED_CAP else None


def _candidates(session: Session, entity_ids: set[str]) -> list[str]:
    """Canonical ids among `entity_ids` that some register may list: a listed kind, or a register import."""
    out: set[str] = set()
    kinds = _listed_kinds()
    other: list[str] = []
    for part in chunks(sorted(entity_ids)):
        for eid, kind in session.execute(select(Entity.id, Entity.kind).where(Entity.id.in_(part))):
            if kind in kinds:
                out.add(eid)
            else:
                other.append(eid)
    if not other:
        return sorted(out)
    members = _registered_members(session)
    if members is not None:
        # the register statements' members, then which of the other clusters they belong to
        wanted = set(other)
        for part in chunks(sorted(members)):
            q = select(EntityMember.entity_id).where(EntityMember.member_id.in_(part))
            out.update(e for e in session.scalars(q) if e in wanted)
        return sorted(out)
    for part in chunks(other):
        # One query per chunk, not one per entity; live_clause() keeps SQLite on the entity index
        # (status IN (...) made it scan the review-queue index, slowing every ingest batch).
        registered = (
            select(EntityMember.entity_id)
            .join(Statement, Statement.entity_id == EntityMember.member_id)
            .where(EntityMember.entity_id.in_(part), Statement.prop == "register", live_clause())
            .distinct()
        )
        out.update(session.scalars(registered))
    return sorted(out)


def sort_key(value: Any) -> tuple[int, float, str] | None:
    """(rank, number, text) of a cell as listing.sort_rows orders it; None for an empty cell."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list):
        value = "、".join(map(str, value))
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int | float):
        return (0, float(value), "")
    return (1, 0.0, str(value)[:1000])


def _entry_rows(
    spec: RegisterSpec, view: EntityView, seen: tuple[str | None, str | None] = (None, None)
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The register_entries row and sort-key rows of one view in one register (None: not listed)."""
    registered = spec.name in view.values("register")
    if spec.scope == "external":
        # Resources are decided against the requested region at query time: keep every candidate,
        # including other registers' imports (their chains count as the region's chains).
        eligible = view.kind in spec.kinds and admitted(view)
        if not (eligible or registered or view.values("register")):
            return None, []
    elif not is_member(spec, view):
        return None, []
    else:
        eligible = True
    names = [view.name, *view.names]
    entry = {
        "register": spec.name, "entity_id": view.id, "kind": view.kind, "name": view.name[:512],
        "region": view.region[:128] if view.region else None,
        "search_text": "|" + "|".join(dict.fromkeys(normalise_name(n) for n in names)) + "|",
        "registered": registered, "eligible": eligible, "hidden": spec.name in hidden_in(view),
        "pinyin": pinyin_key(view.name), "seen_first": seen[0], "seen_last": seen[1],
    }  # fmt: skip
    keys = []
    for col, value in to_row(spec, view).items():
        sk = sort_key(value) if col not in _UNSTORED else None
        if sk is not None:
            keys.append({"register": spec.name, "column": col, "entity_id": view.id, "rank": sk[0], "num": sk[1],
                         "text": sk[2], "name": view.name[:512]})  # fmt: skip
    return entry, keys


def _delete(session: Session, ids: Iterable[str], tally: counts.Tally) -> None:
    ids = sorted(set(ids))
    counts.subtract_stored(session, tally, ids)
    for part in chunks(ids):
        session.execute(delete(RegisterEntry).where(RegisterEntry.entity_id.in_(part)))
        session.execute(delete(RegisterSortKey).where(RegisterSortKey.entity_id.in_(part)))
        session.execute(delete(EntityChain).where(EntityChain.entity_id.in_(part)))


def _write(session: Session, views: Iterable[EntityView], tally: counts.Tally) -> int:
    entries: list[dict[str, Any]] = []
    keys: list[dict[str, Any]] = []
    chains: list[dict[str, Any]] = []
    views = list(views)
    retype(views)
    published = published_dates(session, (f.document_id or "" for v in views if not isinstance(v, DigestView)
                                           for f in v.facts))  # fmt: skip
    n_before = 0
    for v in views:
        listed = False
        seen = seen_dates(v, published)
        for spec in register_specs().values():
            entry, ks = _entry_rows(spec, v, seen)
            if entry is not None:
                listed = True
                entries.append(entry)
                keys += ks
        if listed:
            mine = sorted({c[:200] for c in chain_keys(v)})
            chains += [{"entity_id": v.id, "chain": c} for c in mine]
            text = counts.chains_text(mine)
            for e in entries[n_before:]:
                tally.add(e, text)
        n_before = len(entries)
    for table, rows in ((RegisterEntry, entries), (RegisterSortKey, keys), (EntityChain, chains)):
        for i in range(0, len(rows), 5000):
            session.execute(insert(table), rows[i : i + 5000])
    return len(entries)


def refresh(session: Session, entity_ids: Iterable[str]) -> int:
    """Recompute the index rows of these canonical entities (written, changed or deleted); returns the
    number of register entries written."""
    ids = set(entity_ids)
    if not ids:
        return 0
    session.flush()
    views = row_views(session, _candidates(session, ids))
    # A cluster may now be keyed by another canonical id: replace its rows too, never duplicate them.
    existing: set[str] = set()
    for part in chunks(sorted(views)):
        existing |= set(session.scalars(select(Entity.id).where(Entity.id.in_(part))))
    tally = counts.Tally()
    _delete(session, ids | set(views), tally)
    n = _write(session, (v for k, v in views.items() if k in existing), tally)
    counts.apply(session, tally)
    return n


def rebuild_index(session: Session) -> int:
    """Refill the whole index from the canonical entities; returns the number of entries."""
    session.flush()
    for table in (RegisterEntry, RegisterSortKey, EntityChain):
        session.execute(delete(table))
    counts.clear(session)
    tally = counts.Tally()
    kinds = sorted(_listed_kinds())
    ids = list(session.scalars(select(Entity.id).where(Entity.kind.in_(kinds)).order_by(Entity.id)))
    registered = select(EntityMember.entity_id).join(Statement, Statement.entity_id == EntityMember.member_id).where(
        Statement.prop == "register", Statement.status.in_(LIVE_STATUSES)
    )
    ids = sorted(set(ids) | set(session.scalars(registered.distinct())))
    n = 0
    for i in range(0, len(ids), _BATCH):
        part = ids[i : i + _BATCH]
        views = row_views(session, part)
        n += _write(session, (v for k, v in views.items() if k in set(part)), tally)
    counts.write_all(session, tally)
    return n


def index_ready(session: Session) -> bool:
    """False when canonical entities of listed kinds exist but the index was never filled (a database
    made before the index existed; `shuanglian rebuild` fills it). Reads only."""
    if session.scalar(select(RegisterEntry.entity_id).limit(1)) is not None:
        return True
    return session.scalar(select(Entity.id).where(Entity.kind.in_(sorted(_listed_kinds()))).limit(1)) is None
