"""Entity counters (graph.aggregates): a hub's summary follows its new members without re-reading the
hub, and equals the counters and rows a full rebuild computes."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph import aggregates, build, views
from shuanglian.graph.tables import Entity, EntityMember, Statement
from tests.graph.factories import ent, make_doc


def _hub_doc(session: Session, i: int):  # type: ignore[no-untyped-def]
    text = f"深圳市第{i}号报告：深圳市推进新型工业化，深圳第{i}家企业投产。"
    return make_doc(session, text, [ent("深圳市", "place", text, ["深圳"], parent="广东省")])


def _rows(session: Session) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    ents = {(e.id, e.name, e.kind, e.region, e.statement_count, e.document_count, e.member_count)
            for e in session.scalars(select(Entity))}  # fmt: skip
    cols = (aggregates.EntityAggregateRow.entity_id, aggregates.EntityAggregateRow.slot,
            aggregates.EntityAggregateRow.key, aggregates.EntityAggregateRow.n)  # fmt: skip
    return ents, {tuple(r) for r in session.execute(select(*cols))}


def test_a_hub_gains_a_member_from_its_counters(session: Session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for i in range(12):
        build.add_document_statements(session, _hub_doc(session, i))
    hub = session.scalars(select(Entity).where(Entity.name == "深圳市")).one()
    before = hub.statement_count
    recounted: list[str] = []
    real = aggregates.member_counters

    def spy(s: Session, member_ids):  # type: ignore[no-untyped-def]
        ids = None if member_ids is None else sorted(set(member_ids))
        recounted.extend(ids or ["<all>"])
        return real(s, ids)

    monkeypatch.setattr(aggregates, "member_counters", spy)
    row = _hub_doc(session, 99)
    build.add_document_statements(session, row)
    new_members = set(session.scalars(select(Statement.entity_id).where(Statement.document_id == row.id)))
    assert set(recounted) <= new_members, "only the new document's source entities are recounted"
    session.expire_all()
    hub = session.scalars(select(Entity).where(Entity.name == "深圳市")).one()
    own = session.scalars(select(EntityMember.member_id).where(EntityMember.entity_id == hub.id,
                                                                EntityMember.member_id.in_(new_members))).all()  # fmt: skip
    gained = session.scalars(select(Statement.id).where(Statement.entity_id.in_(own))).all()
    assert own and gained
    assert hub.statement_count == before + len(gained) and hub.document_count == 13 and hub.member_count == 13
    monkeypatch.setattr(aggregates, "member_counters", real)
    incremental = _rows(session)
    views.rebuild(session)
    assert _rows(session) == incremental


def test_a_rejected_name_lowers_the_counters(session: Session) -> None:
    rows = [_hub_doc(session, i) for i in range(3)]
    for r in rows:
        build.add_document_statements(session, r)
    st = session.scalars(select(Statement).where(Statement.document_id == rows[1].id, Statement.prop == "alias")).first()
    assert st is not None
    st.status = "rejected"
    session.flush()
    views.update(session, {st.entity_id})
    incremental = _rows(session)
    views.rebuild(session)
    assert _rows(session) == incremental


def test_a_counter_update_reads_only_the_located_evidence_it_touches(session: Session) -> None:
    """Issue 11: `lrk` has one key per located_in target of a hub (a per-document place mention), so a
    counter update reads the lrk keys it changes, not the hub's whole evidence; a summary still reads it."""
    T = aggregates.EntityAggregateRow
    rows = [T(entity_id="e", slot="total", key="", n=50), T(entity_id="e", slot="locs", key="", n=50)]
    rows += [T(entity_id="e", slot="lrk", key=f"t{i:02d}\x1f2\x1fstated", n=1) for i in range(50)]
    session.add_all(rows)
    session.flush()
    got = aggregates._current(session, {"e": {("total", ""), ("lrk", "t07\x1f2\x1fstated")}})
    assert {(s, k) for _, s, k in got if s == "lrk"} == {("lrk", "t07\x1f2\x1fstated")}
    assert got[("e", "total", "")][0] == 50
    agg = aggregates.load(session, ["e"])[0]["e"]
    assert len(agg.evidence) == 50


def test_a_hub_summary_reads_the_evidence_of_its_most_cited_targets_only(session: Session) -> None:
    """Issue 11: past TOP_LOCATED targets a summary reads the most cited ones (the rank index) and the
    `lrk` evidence of those alone, by key: never one evidence row per page that places the hub."""
    T = aggregates.EntityAggregateRow
    n = aggregates.TOP_LOCATED + 40
    rows = [T(entity_id="e", slot="total", key="", n=n), T(entity_id="e", slot="locs", key="", n=n)]
    for i in range(n):
        cited = 2 if i % 3 == 0 else 1
        rows += [T(entity_id="e", slot="loc", key=f"t{i:03d}", n=cited),
                 T(entity_id="e", slot="lrk", key=f"t{i:03d}\x1f2\x1fstated", n=cited)]  # fmt: skip
    rows.append(T(entity_id="e", slot="lrk", key="t000\x1f0\x1fanalyst", n=1))
    session.add_all(rows)
    session.flush()
    keys: list[int] = []
    real = aggregates._fold_counter

    def spy(a, slot, key, n, last):  # type: ignore[no-untyped-def]
        keys.append(slot == "lrk")
        real(a, slot, key, n, last)

    aggregates._fold_counter = spy  # type: ignore[assignment]
    try:
        aggs, more = aggregates.load(session, ["e"])
    finally:
        aggregates._fold_counter = real  # type: ignore[assignment]
    agg = aggs["e"]
    assert more == {"e"} and len(agg.located) == aggregates.TOP_LOCATED
    assert sum(keys) == aggregates.TOP_LOCATED + 1, "only the read targets' evidence rows"
    assert set(agg.evidence) == set(agg.located)
    assert agg.evidence["t000"][0] == 0 and agg.evidence["t003"][0] == 2  # the best rank per target
    full = {k: v for k, v in agg.evidence.items()}
    aggregates.located_all(session, "e", agg)
    assert len(agg.located) == n and len(agg.evidence) == n
    assert all(agg.evidence[t] == full[t] for t in full)
