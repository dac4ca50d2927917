"""Register counts kept as data (issue 11): how many entries of each register share a region, a chain
set, a kind and the hidden / registered / eligible flags, in three group tables (registers.tables):

  register_counts          register, region, chain set, kind, flags     -> n
  register_region_counts   register, region, kind, flags                -> n   (summed over chain sets)
  register_totals          register, has a region, chain set, kind, flags -> n (summed over regions)

Page totals, facets and the resources register's test (outside the region, imported or on a chain the
region has) are sums over these groups, so a request costs the number of groups it touches (regions
inside the filter times the chain sets there), never the number of entries.

Maintenance: registers.index writes and deletes entries; each write adds the groups of the entries it
wrote and subtracts those of the entries it deleted (`Tally`), so the tables always equal a count of
register_entries (+ register_entity_chains), which `recount` recomputes from scratch.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, bindparam, delete, event, func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from shuanglian.registers.graphview import chunks
from shuanglian.registers.tables import (
    EntityChain,
    RegisterCount,
    RegisterEntry,
    RegisterRegionCount,
    RegisterTotal,
)

C, R, T = RegisterCount, RegisterRegionCount, RegisterTotal
_FLAGS = ("kind", "hidden", "registered", "eligible")
# key columns of each table, in primary-key order
KEYS: dict[Any, tuple[str, ...]] = {
    C: ("register", "region", "chains_key", *_FLAGS),
    R: ("register", "region", *_FLAGS),
    T: ("register", "has_region", "chains_key", *_FLAGS),
}


def chains_text(chains: Iterable[str]) -> str:
    """`|a|b|` of a chain set (sorted), '' for none."""
    cs = sorted(set(chains))
    return "|" + "|".join(cs) + "|" if cs else ""


def chains_key(text: str) -> str:
    """A short fixed-width key of a chain set's text ('' for none)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16] if text else ""


@lru_cache(maxsize=4096)
def chain_set(text: str) -> frozenset[str]:
    """The chain keys of a chain set's text."""
    return frozenset(c for c in text.split("|") if c)


@dataclass
class Tally:
    """Signed group counts of written (+1) and deleted (-1) entries, per table."""

    groups: dict[Any, Counter[tuple[Any, ...]]] = field(default_factory=lambda: {C: Counter(), R: Counter(), T: Counter()})
    chains: dict[str, str] = field(default_factory=dict)  # chains_key -> chains text

    def add(self, entry: Mapping[Any, Any], chains: str, sign: int = 1) -> None:
        """Count one entry (register_entries row as a mapping) with its entity's chain-set text."""
        region = entry["region"] or ""
        flags = (entry["kind"], bool(entry["hidden"]), bool(entry["registered"]), bool(entry["eligible"]))
        ck = chains_key(chains)
        self.chains[ck] = chains
        self.groups[C][(entry["register"], region, ck, *flags)] += sign
        self.groups[R][(entry["register"], region, *flags)] += sign
        self.groups[T][(entry["register"], bool(region), ck, *flags)] += sign

    def rows(self, table: Any) -> list[dict[str, Any]]:
        """Non-zero groups of one table as rows."""
        out = []
        for key, n in self.groups[table].items():
            if n:
                row = dict(zip(KEYS[table], key, strict=True))
                if "chains_key" in row:
                    row["chains"] = self.chains[row["chains_key"]]
                out.append({**row, "n": n})
        return out


def entity_chains(session: Session, entity_ids: Iterable[str]) -> dict[str, str]:
    """Entity id -> chain-set text, from register_entity_chains."""
    sets: dict[str, set[str]] = defaultdict(set)
    for part in chunks(sorted(set(entity_ids))):
        for eid, chain in session.execute(select(EntityChain.entity_id, EntityChain.chain).where(EntityChain.entity_id.in_(part))):
            sets[eid].add(chain)
    return {k: chains_text(v) for k, v in sets.items()}


_ENTRY_COLS = [RegisterEntry.register, RegisterEntry.entity_id, RegisterEntry.region, RegisterEntry.kind,
               RegisterEntry.hidden, RegisterEntry.registered, RegisterEntry.eligible]  # fmt: skip


def subtract_stored(session: Session, tally: Tally, entity_ids: Iterable[str]) -> None:
    """Subtract the stored entries of these entities (before they are deleted)."""
    ids = sorted(set(entity_ids))
    chains = entity_chains(session, ids)
    for part in chunks(ids):
        for row in session.execute(select(*_ENTRY_COLS).where(RegisterEntry.entity_id.in_(part))).mappings():
            tally.add(row, chains.get(row["entity_id"], ""), -1)


def apply(session: Session, tally: Tally) -> None:
    """Add a tally's differences to the three tables (groups that reach zero are removed)."""
    forget(session)
    for table in (C, R, T):
        delta = {k: n for k, n in tally.groups[table].items() if n}
        if not delta:
            continue
        keys = KEYS[table]
        cols = [getattr(table, k) for k in keys]
        current: dict[tuple[Any, ...], int] = {}
        # read the stored groups of each (register, region / has_region) touched, a chunk of regions at once
        for reg in sorted({k[0] for k in delta}):
            seconds = sorted({k[1] for k in delta if k[0] == reg}, key=str)
            thirds = sorted({k[2] for k in delta if k[0] == reg})  # chain sets (kinds): a hub region's other groups stay unread
            for part in chunks(seconds):
                q = select(*cols, table.n).where(cols[0] == reg, cols[1].in_(part), cols[2].in_(thirds))
                for row in session.execute(q):
                    key = tuple(row[:-1])
                    if key in delta:
                        current[key] = int(row[-1])
        ins, upd, dele = [], [], []
        for key, d in delta.items():
            new = current.get(key, 0) + d
            params = {f"b_{c}": v for c, v in zip(keys, key, strict=True)}
            if key not in current:
                if new:  # a group seen only now (a negative count would mean the tables went wrong)
                    fresh = dict(zip(keys, key, strict=True))
                    if "chains_key" in fresh:
                        fresh["chains"] = tally.chains[fresh["chains_key"]]
                    ins.append({**fresh, "n": new})
            elif new == 0:
                dele.append(params)
            else:
                upd.append({**params, "b_n": new})
        core: Any = table.__table__  # core statements: executemany, no ORM session synchronisation
        where = and_(*[core.c[k] == bindparam(f"b_{k}") for k in keys])
        if dele:
            session.execute(delete(core).where(where), dele)
        if upd:
            session.execute(update(core).where(where).values(n=bindparam("b_n")), upd)
        for i in range(0, len(ins), 5000):
            session.execute(insert(table), ins[i : i + 5000])


def write_all(session: Session, tally: Tally) -> None:
    """Fill the (emptied) tables with a tally of every entry."""
    forget(session)
    for table in (C, R, T):
        rows = tally.rows(table)
        for i in range(0, len(rows), 5000):
            session.execute(insert(table), rows[i : i + 5000])


def clear(session: Session) -> None:
    """Empty the three tables."""
    forget(session)
    for table in (C, R, T):
        session.execute(delete(table))


def recount(session: Session, batch: int = 20_000) -> int:
    """Recompute the tables from register_entries and register_entity_chains; returns the groups written."""
    session.flush()
    clear(session)
    tally = Tally()
    last = ""
    while True:  # entries in entity order, one batch of entities (and their chains) at a time
        ids = list(session.scalars(select(RegisterEntry.entity_id).where(RegisterEntry.entity_id > last)
                                   .distinct().order_by(RegisterEntry.entity_id).limit(batch)))  # fmt: skip
        if not ids:
            break
        last = ids[-1]
        chains = entity_chains(session, ids)
        q = select(*_ENTRY_COLS).where(RegisterEntry.entity_id >= ids[0], RegisterEntry.entity_id <= last)
        for row in session.execute(q).mappings():
            tally.add(row, chains.get(row["entity_id"], ""))
    write_all(session, tally)
    return sum(len(tally.rows(t)) for t in (C, R, T))


def counts_ready(session: Session) -> bool:
    """Whether the tables cover the register index (filled, or the index is empty). Reads only."""
    if session.scalar(select(T.register).limit(1)) is not None:
        return True
    return session.scalar(select(RegisterEntry.entity_id).limit(1)) is None


# ---- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """Entries summed over regions (the SQL sums them): chain set, kind, flags and how many."""

    chains: str
    kind: str
    hidden: bool
    registered: bool
    eligible: bool
    n: int


def _groups(session: Session, table: Any, where: list[Any]) -> list[Group]:
    """Groups of `table` under `where`, summed over regions by the database (a few rows per chain set)."""
    chains = table.chains if table is not R else None
    sel = [c for c in (chains, table.kind, table.hidden, table.registered, table.eligible) if c is not None]
    q = select(*sel, func.sum(table.n)).where(*where).group_by(*sel)
    out = []
    for row in session.execute(q):
        vals = list(row) if chains is not None else ["", *row]
        out.append(Group(vals[0], vals[1], bool(vals[2]), bool(vals[3]), bool(vals[4]), int(vals[5] or 0)))
    return out


def local_chains(session: Session, register: str, inside: Any) -> set[str]:
    """Chain keys of the register's entries inside the region (the distinct chain sets there)."""
    q = select(C.chains).where(C.register == register, C.region.in_(inside), C.chains != "").distinct()
    out: set[str] = set()
    for text in session.scalars(q):
        out |= chain_set(text)
    return out


def local_groups(session: Session, register: str, region_cond: Any | None, chains: bool, hidden: bool,
                 kind: str | None = None, chain: str | None = None) -> list[Group]:  # fmt: skip
    """Groups of a register with this hidden flag (kind, chain: only those), inside the region condition
    (a function of a table's region column; None: every region); chains: with their chain sets."""
    if region_cond is None:
        table: Any = T
        where = [T.register == register]
    else:
        table = C if chains or chain else R
        where = [table.register == register, region_cond(table.region)]
    where.append(table.hidden.is_(hidden))
    if kind:
        where.append(table.kind == kind)
    if chain:
        where.append(table.chains.contains(f"|{chain}|", autoescape=True))
    return _groups(session, table, where)


def region_counts(session: Session, register: str, hidden: bool, kind: str | None = None,
                  registered_only: bool = False, chain: str | None = None, top: int = 12) -> list[tuple[str, int]]:  # fmt: skip
    """The `top` regions with the most entries (the region facet), most first then by region: from
    register_region_counts, or register_counts under a chain filter."""
    table: Any = C if chain else R
    where = [table.register == register, table.hidden.is_(hidden), table.region != ""]
    if kind:
        where.append(table.kind == kind)
    if registered_only:
        where.append(table.registered.is_(True))
    if chain:
        where.append(table.chains.contains(f"|{chain}|", autoescape=True))
    n = func.sum(table.n)
    q = select(table.region, n).where(*where).group_by(table.region).order_by(n.desc(), table.region).limit(top)
    return [(r, int(c)) for r, c in session.execute(q)]


_MEMO = "register_counts_memo"


def _memo(session: Session) -> dict[Any, Any]:
    """Answers kept for the rest of this transaction (a web request asks the resources register's outside
    groups for its page, its facets and the rows-held counts); any count write or transaction end drops them."""
    return session.info.setdefault(_MEMO, {})


def forget(session: Session) -> None:
    """Drop the answers kept for this session."""
    session.info.pop(_MEMO, None)


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _transaction_end(session: Session) -> None:
    forget(session)


def outside_groups(session: Session, register: str, inside: Any, memo: bool = False) -> tuple[list[Group], set[str]]:
    """The resources register against a region: the groups of entries with a region outside it (all
    regions minus the inside ones, per chain set, kind and flags) and the chain keys the region has
    (every chain of an entry inside it). memo: kept for the rest of the transaction, keyed by the region
    values inside (a hierarchy change gives other values, a count write drops the memo)."""
    if not memo:
        return _outside_groups(session, register, inside)
    values = list(session.scalars(inside)) if isinstance(inside, Select) else list(inside)
    key = ("outside", register, hash(tuple(sorted(values))), len(values))
    found = _memo(session).get(key)
    if found is None:
        found = _memo(session)[key] = _outside_groups(session, register, inside)
    return found


def _outside_groups(session: Session, register: str, inside: Any) -> tuple[list[Group], set[str]]:
    inner = _groups(session, C, [C.register == register, C.region.in_(inside)])
    local: set[str] = set()
    total: Counter[tuple[Any, ...]] = Counter()
    for g in _groups(session, T, [T.register == register, T.has_region.is_(True)]):
        total[(g.chains, g.kind, g.hidden, g.registered, g.eligible)] += g.n
    for g in inner:
        local |= chain_set(g.chains)
        total[(g.chains, g.kind, g.hidden, g.registered, g.eligible)] -= g.n
    out = [Group(chains=k[0], kind=k[1], hidden=k[2], registered=k[3], eligible=k[4], n=n)
           for k, n in total.items() if n > 0]
    return out, local


def resource_ok(g: Group, local: set[str]) -> bool:
    """The resources test of an outside group: imported, or eligible and on a chain the region has."""
    return g.registered or (g.eligible and bool(chain_set(g.chains) & local))


def select_groups(groups: Iterable[Group], hidden: bool, kind: str | None = None, chain: str | None = None,
                  test: Any = None) -> list[Group]:  # fmt: skip
    """The groups that pass the hidden / kind / chain filters and an extra test."""
    out = []
    for g in groups:
        if g.hidden != hidden or (kind and g.kind != kind):
            continue
        if chain and chain not in chain_set(g.chains):
            continue
        if test is not None and not test(g):
            continue
        out.append(g)
    return out


def region_condition(inside: Any, wider: Any | None = None) -> Any:
    """A function of a region column: inside the region (or one of the wider regions)."""
    if wider is None:
        return lambda col: col.in_(inside)
    return lambda col: or_(col.in_(inside), col.in_(wider))
