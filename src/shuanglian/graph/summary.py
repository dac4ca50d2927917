"""Summaries of canonical entities (display name, kind, names, counts, region) from aggregated live
statements. The same aggregate is built in Python (rebuilds) or in SQL (one entity, incremental), so
both paths give the same row."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.graph.ids import normalise_name
from shuanglian.graph.region_evidence import choose_region, fold_evidence, rank_of, reason_of
from shuanglian.graph.resolve import choose_kind, summarise_names
from shuanglian.graph.tables import EntityMember, Statement, live_clause

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
USER_ORIGINS = ("manual", "import")


def aware(ts: datetime | None) -> datetime:
    """Timezone-aware timestamp (SQLite hands back naive UTC datetimes)."""
    if ts is None:
        return _EPOCH
    return ts if ts.tzinfo else ts.replace(tzinfo=UTC)


@dataclass
class Aggregate:
    """Live statements of one source entity or one cluster, aggregated."""

    names: dict[tuple[str, str, str], list[Any]] = field(default_factory=dict)  # (value, prop, origin) -> [n, last]
    kinds: Counter[str] = field(default_factory=Counter)  # statements per source-entity kind
    kind_override: tuple[datetime, str, str] | None = None  # (created_at, kind, kind) of a user's latest kind
    statements: int = 0
    doc_ids: set[str] = field(default_factory=set)
    doc_count: int | None = None  # set by the SQL path instead of doc_ids
    # located_in target source ids (graph.aggregates.load: canonical place ids, counted per place)
    located: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    # located_in target -> (best evidence rank, latest time at that rank, reason): region by evidence
    evidence: dict[str, tuple[int, datetime, str]] = field(default_factory=dict)

    def add_evidence(self, target: str, origin: str, value_json: Any, created_at: datetime | None) -> None:
        """Fold the evidence (reason) of one located_in statement."""
        # time is not evidence: an analyst's correction supersedes the earlier one, so one is live
        fold_evidence(self.evidence, target, rank_of(origin, value_json), _EPOCH, reason_of(origin, value_json))

    def add_row(self, r: Any) -> None:
        """Fold in one statement row (entity_id, kind, prop, value, origin, document_id, target_id, created_at, id)."""
        self.statements += 1
        self.kinds[r.kind] += 1
        if r.document_id:
            self.doc_ids.add(r.document_id)
        if r.prop in ("name", "alias"):
            slot = self.names.setdefault((r.value, r.prop, r.origin), [0, _EPOCH])
            slot[0] += 1
            slot[1] = max(slot[1], aware(r.created_at))
        elif r.prop == "located_in" and r.target_id:
            self.located[r.target_id] += 1
            self.add_evidence(r.target_id, r.origin, r.value_json, r.created_at)
        elif r.prop == "place":
            self.places[r.value] += 1
        elif r.prop == "kind" and r.origin in USER_ORIGINS:
            cand = (aware(r.created_at), r.value, r.value)  # latest wins; same instant: larger value (as in SQL)
            if self.kind_override is None or cand[:2] > self.kind_override[:2]:
                self.kind_override = cand

    def merge(self, other: Aggregate) -> None:
        """Fold another aggregate into this one."""
        for k, (n, last) in other.names.items():
            slot = self.names.setdefault(k, [0, _EPOCH])
            slot[0] += n
            slot[1] = max(slot[1], last)
        self.kinds.update(other.kinds)
        if other.kind_override and (self.kind_override is None or other.kind_override[:2] > self.kind_override[:2]):
            self.kind_override = other.kind_override
        self.statements += other.statements
        self.doc_ids |= other.doc_ids
        self.located.update(other.located)
        self.places.update(other.places)
        for t, (rank, when, reason) in other.evidence.items():
            fold_evidence(self.evidence, t, rank, when, reason)

    @property
    def documents(self) -> int:
        """Distinct documents behind the statements."""
        return self.doc_count if self.doc_count is not None else len(self.doc_ids)

    def located_targets(self) -> list[str]:
        """located_in targets, most cited first (ties by id, so every path agrees)."""
        return [t for t, _ in sorted(self.located.items(), key=lambda x: (-x[1], x[0]))]

    def top_place(self) -> str | None:
        """Most cited `place` value."""
        return min(self.places.items(), key=lambda x: (-x[1], x[0]))[0] if self.places else None


def _fold_group(agg: Aggregate, prop: str, value: str, origin: str, kind: str, target: str | None, n: int, last: datetime) -> None:
    """Fold one grouped row (distinct prop/value/origin/kind/target with its count and latest time)."""
    agg.statements += n
    agg.kinds[kind] += n
    if prop in ("name", "alias"):
        slot = agg.names.setdefault((value, prop, origin), [0, _EPOCH])
        slot[0] += n
        slot[1] = max(slot[1], last)
    elif prop == "located_in" and target:
        agg.located[target] += n
    elif prop == "place":
        agg.places[value] += n
    elif prop == "kind" and origin in USER_ORIGINS:
        cand = (last, value, value)
        if agg.kind_override is None or cand[:2] > agg.kind_override[:2]:
            agg.kind_override = cand


def aggregate_sql(session: Session, entity_id: str) -> Aggregate:
    """Aggregate of one canonical entity computed by the database (see aggregate_many)."""
    return aggregate_many(session, [entity_id]).get(entity_id, Aggregate(doc_count=0))


def aggregate_many(session: Session, entity_ids: Sequence[str], chunk: int = 900) -> dict[str, Aggregate]:
    """Aggregates of many canonical entities computed by the database: per IN-chunk one grouped query
    (rows = distinct values per entity, not statements) and one distinct-document count; entities
    without live statements are absent."""
    out: dict[str, Aggregate] = {}
    cols = (Statement.prop, Statement.value, Statement.origin, Statement.kind, Statement.target_id)
    for i in range(0, len(entity_ids), chunk):
        part = list(entity_ids[i : i + chunk])
        # driven from entity_members (indexed on entity_id) into the statements entity index
        where = (EntityMember.entity_id.in_(part), live_clause())
        join = (Statement, Statement.entity_id == EntityMember.member_id)
        q = (
            select(EntityMember.entity_id, *cols, func.count(), func.max(Statement.created_at))
            .select_from(EntityMember).join(*join).where(*where).group_by(EntityMember.entity_id, *cols)
        )  # fmt: skip
        for eid, prop, value, origin, kind, target, n, last in session.execute(q):
            _fold_group(out.setdefault(eid, Aggregate()), prop, value, origin, kind, target, int(n), aware(last))
        docs = (
            select(EntityMember.entity_id, func.count(func.distinct(Statement.document_id)))
            .select_from(EntityMember).join(*join).where(*where).group_by(EntityMember.entity_id)
        )  # fmt: skip
        for eid, n in session.execute(docs):
            out.setdefault(eid, Aggregate()).doc_count = int(n or 0)
        # located_in statements with their reasons (few per entity): the region by evidence
        located = (
            select(EntityMember.entity_id, Statement.target_id, Statement.origin, Statement.value_json,
                   Statement.created_at)
            .select_from(EntityMember).join(*join).where(*where, Statement.prop == "located_in",
                                                         Statement.target_id.is_not(None))
        )  # fmt: skip
        for eid, target, origin, vj, created in session.execute(located):
            out.setdefault(eid, Aggregate()).add_evidence(target, origin, vj, created)
    for agg in out.values():
        if agg.doc_count is None:
            agg.doc_count = 0
    return out


def entity_values(
    eid: str, agg: Aggregate, members: int, score: float, targets: dict[str, tuple[str, str]], now: datetime
) -> dict[str, Any]:
    """Column values of the `entities` row for one cluster; `targets` maps place source ids to
    (canonical id, name) for the region (the keys of agg.located: canonical place ids from the counters)."""
    names = [(v, p, o, n, last) for (v, p, o), (n, last) in agg.names.items()]
    name, all_names = summarise_names(names)
    kind = choose_kind(dict(agg.kinds), agg.kind_override[2] if agg.kind_override else None)
    region_id = choose_region(agg.located, agg.evidence, targets)
    region = targets[region_id][1] if region_id else agg.top_place()
    if region is None and kind == "place":
        region = name
    return {
        "id": eid, "kind": kind, "name": name[:512], "name_key": normalise_name(name)[:512],
        "names": all_names[:50], "search_text": "|" + "|".join(normalise_name(n) for n in all_names) + "|",
        "region": str(region)[:128] if region else None,
        "region_id": targets[region_id][0] if region_id else None,
        "statement_count": agg.statements, "document_count": agg.documents, "member_count": members,
        "score": score, "updated_at": now,
    }  # fmt: skip
