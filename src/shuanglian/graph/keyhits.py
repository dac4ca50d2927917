"""Which canonical entities hold a resolution key, kept as data (issue 11): `entity_key_hits` counts, per
(key, level, qualifier, entity), the source entities of that entity holding that key, and, under the empty
key (no real key is empty: keys are "<group>|<text>"), per (member kind, entity) its members of that kind.

A new source entity's attachment (graph.views._attach_new) reads the entities its name keys meet and
their member kinds from here: O(entities per key), never every member of a hub key (中国 has >1,400).

It is a projection of entity_keys x entity_members: `rebuild` recounts it from them (one GROUP BY);
`snapshot` / `apply` move it by differences for the source entities whose keys or entity changed
(before and after the change; each source entity holds a handful of keys), so the incremental state
equals the rebuild.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Integer, String, bindparam, delete, func, insert, literal, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from shuanglian.graph.reader import chunks
from shuanglian.graph.tables import EntityKey, EntityMember, _keytype
from shuanglian.store.db import Base

KIND_KEY = ""  # the rows counting members per kind: key '', level = member kind, qual ''

Hits = Counter[tuple[str, str, str, str]]  # (key, level, qual, entity id) -> members


class EntityKeyHit(Base):
    """How many members of one canonical entity hold one key (or, under key '', are of one kind)."""

    __tablename__ = "entity_key_hits"

    key: Mapped[str] = mapped_column(_keytype(600), primary_key=True)
    level: Mapped[str] = mapped_column(String(64), primary_key=True)
    qual: Mapped[str] = mapped_column(String(200), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)


def _queries(where_keys: Any = None, where_members: Any = None) -> tuple[Any, Any]:
    k = select(EntityKey.key, EntityKey.level, EntityKey.qual, EntityMember.entity_id, func.count()).join(
        EntityMember, EntityMember.member_id == EntityKey.member_id
    )
    m = select(literal(KIND_KEY), EntityMember.kind, literal(""), EntityMember.entity_id, func.count())
    if where_keys is not None:
        k = k.where(where_keys)
        m = m.where(where_members)
    k = k.group_by(EntityKey.key, EntityKey.level, EntityKey.qual, EntityMember.entity_id)
    m = m.group_by(EntityMember.kind, EntityMember.entity_id)
    return k, m


def rebuild(session: Session) -> None:
    """Recount every row from entity_keys and entity_members."""
    session.flush()
    session.execute(delete(EntityKeyHit))
    rows = []
    for q in _queries():
        rows += [_row(key, level, qual, eid, int(n)) for key, level, qual, eid, n in session.execute(q)]
    _insert(session, rows)


def snapshot(session: Session, member_ids: Iterable[str]) -> Hits:
    """What these source entities contribute now (their keys x their entity, their kind x their entity)."""
    out: Hits = Counter()
    for part in chunks(sorted(set(member_ids))):
        for q in _queries(EntityKey.member_id.in_(part), EntityMember.member_id.in_(part)):
            for key, level, qual, eid, n in session.execute(q):
                out[(key, level, qual, eid)] += int(n)
    return out


def apply(session: Session, before: Hits, after: Hits) -> None:
    """Move the stored counts by `after - before` (rows reaching zero go)."""
    delta: dict[tuple[str, str, str, str], int] = {}
    for k in set(before) | set(after):
        d = after.get(k, 0) - before.get(k, 0)
        if d:
            delta[k] = d
    if not delta:
        return
    T = EntityKeyHit
    current: dict[tuple[str, str, str, str], int] = {}
    by_entity: dict[str, set[str]] = {}
    for key, _, _, eid in delta:
        by_entity.setdefault(eid, set()).add(key)
    eids = sorted(by_entity)
    for epart in chunks(eids, 400):
        keys = sorted({k for e in epart for k in by_entity[e]})
        for kpart in chunks(keys, 400):
            q = select(T.key, T.level, T.qual, T.entity_id, T.n).where(T.entity_id.in_(epart), T.key.in_(kpart))
            for key, level, qual, eid, n in session.execute(q):
                if (key, level, qual, eid) in delta:
                    current[(key, level, qual, eid)] = int(n)
    ups, news, gone = [], [], []
    for k, d in sorted(delta.items()):
        n = current.get(k, 0) + d
        args = {"k": k[0], "l": k[1], "q": k[2], "e": k[3]}
        if k in current:
            if n <= 0:
                gone.append(args)
            else:
                ups.append({**args, "nn": n})
        elif n > 0:
            news.append(_row(*k, n))
    where = (T.key == bindparam("k"), T.level == bindparam("l"), T.qual == bindparam("q"), T.entity_id == bindparam("e"))
    table: Any = T.__table__
    conn = session.connection()
    if ups:
        conn.execute(update(table).where(*where).values(n=bindparam("nn")), ups)
    if gone:
        conn.execute(delete(table).where(*where), gone)
    _insert(session, news)


def entities_by_key(session: Session, keys: Iterable[str]) -> Iterator[tuple[str, str, str, str]]:
    """(key, level, qual, entity id) of every entity holding one of these keys."""
    T = EntityKeyHit
    for part in chunks(sorted(set(keys) - {KIND_KEY})):
        yield from session.execute(select(T.key, T.level, T.qual, T.entity_id).where(T.key.in_(part), T.n > 0))


def member_kinds(session: Session, entity_ids: Iterable[str]) -> dict[str, set[str]]:
    """Entity id -> the kinds of its members."""
    T = EntityKeyHit
    out: dict[str, set[str]] = {}
    for part in chunks(sorted(set(entity_ids))):
        q = select(T.entity_id, T.level).where(T.key == KIND_KEY, T.entity_id.in_(part), T.n > 0)
        for eid, kind in session.execute(q):
            out.setdefault(eid, set()).add(kind)
    return out


def _row(key: str, level: str, qual: str, eid: str, n: int) -> dict[str, Any]:
    return {"key": key, "level": level, "qual": qual, "entity_id": eid, "n": n}


def _insert(session: Session, rows: list[dict[str, Any]], batch: int = 5000) -> None:
    for i in range(0, len(rows), batch):
        session.execute(insert(EntityKeyHit), rows[i : i + batch])
