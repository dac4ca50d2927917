"""Issue 11: digest_views reads a big cluster's folded facts, sources and seen days from the entity
counters (graph.aggregates' digest slots), and they equal the statements' aggregates it computed before,
after new pages, a hide judgement and its undoing, a rejected statement and a split (the counters' rare
recomputation of a key across the entity's members)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.chains.gaps import source_count
from shuanglian.chains.placement import PROP
from shuanglian.document import Document, Mention
from shuanglian.graph import aggregates, reader
from shuanglian.graph.judge import split_entity
from shuanglian.graph.tables import Entity, EntityMember, Statement, live_clause
from shuanglian.graph.writer import set_status
from shuanglian.projections import apply_changes, rebuild_all
from shuanglian.registers.listing import CHAIN_PROP, DIGEST_CAP, HIDDEN_PROP, NOT_SEEN
from shuanglian.services.documents import ingest_documents
from shuanglian.services.registers import hide_row, unhide_row
from shuanglian.store.db import init_db, session_scope
from tests.projections.snapshot import diff, snapshot

PERSON, ORG = "王伟", "深圳迈瑞科技有限公司"


def _page(n: int) -> Document:
    """A page naming the person and the enterprise (a hub of both after a few dozen pages)."""
    city = ("深圳市", "广州市", "东莞市")[n % 3]
    text = (f"第{n}篇。{ORG}董事长{PERSON}在{city}表示，将加快发展新能源汽车和动力电池，"
            f"今年投资{10 + n % 4}亿元。{PERSON}强调，要抓好落实。")  # fmt: skip
    roles: dict[str, Any] = {"roles": [{"title": "董事长", "org": ORG}]}
    if n % 5 == 0:
        roles["industry"] = "新能源汽车"
    spans = [(i, i + len(PERSON)) for i in (text.find(PERSON), text.rfind(PERSON))]
    ents = [
        Mention(name=PERSON, kind="person", spans=spans, attrs=roles, confidence=0.95),
        Mention(name=ORG, kind="enterprise", spans=[(text.find(ORG), text.find(ORG) + len(ORG))],
                attrs={"place": city, "industry": "动力电池"} if n % 2 else {}, confidence=0.9 if n % 4 else 0.95),
    ]  # fmt: skip
    doc = Document(source=f"digest://{n}", raw=text, text=text, entities=ents)
    doc.meta.update(extractor="test.generator", extractor_version="1")
    if n % 3:
        doc.published = f"2026-0{1 + n % 9}-1{n % 10}"
    return doc


def _flat(views: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for eid, v in views.items():
        facts = sorted((f.id, f.member_id, f.kind, f.prop, f.value, f.origin, f.document_id, f.user, repr(f.confidence),
                        f.status, f.created_at, f.__dict__.get("n")) for f in v.facts)  # fmt: skip
        d = getattr(v, "digest", None)
        dig = None if d is None else (list(d.doc_ids), d.doc_count, sorted(d.other_labels), sorted(d.days, key=str),
                                      d.undated)  # fmt: skip
        out[eid] = (v.kind, v.name, list(v.names), v.region, sorted(v.member_ids), facts, dig)
    return out


def _both(session: Session, monkeypatch: pytest.MonkeyPatch, **kw: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    ids = list(session.scalars(select(EntityMember.member_id)))
    real, done = reader._counted_digests, list[str]()

    def spy(*a: Any, **k: Any) -> set[str]:
        got = real(*a, **k)
        done.extend(got)
        return got

    with monkeypatch.context() as m:
        m.setattr(reader, "_counted_digests", spy)
        counted = _flat(reader.digest_views(session, ids, min_members=1, **kw))
    big = {e for e, n in session.execute(select(EntityMember.entity_id, func.count()).group_by(EntityMember.entity_id))
           if n >= aggregates.DIGEST_MEMBERS}  # fmt: skip
    assert set(done) == big  # every member has statements here: the big clusters come from their counters
    with monkeypatch.context() as m:
        m.setattr(reader, "_from_counters", lambda *a: False)
        scanned = _flat(reader.digest_views(session, ids, min_members=1, **kw))
    return counted, scanned


def _check(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """Register rows' and chain members' digests: counters == statements' aggregates."""
    for kw in (dict(whole=(CHAIN_PROP,), unsourced=(HIDDEN_PROP,), unseen=sorted(NOT_SEEN), cap=DIGEST_CAP),
               dict(whole=(CHAIN_PROP,), unsourced=(HIDDEN_PROP,), unseen=sorted(NOT_SEEN), cap=3),
               dict(whole=(PROP,), cap=None, label_facts=True, seen=False),
               dict(whole=(PROP,), cap=0, seen=False)):  # fmt: skip
        counted, scanned = _both(session, monkeypatch, **kw)
        assert counted.keys() == scanned.keys() and any((f[11] or 0) >= 10 for v in counted.values() for f in v[5])
        for eid in counted:
            assert counted[eid] == scanned[eid], eid
    # chain members count a digest's sources (gaps.source_count): as many as the whole view's facts have
    ids = list(session.scalars(select(EntityMember.member_id)))
    digests = reader.digest_views(session, ids, min_members=1, whole=(PROP,), cap=0, seen=False)
    whole = reader.views_for_members(session, ids)
    assert any(isinstance(v, reader.DigestView) for v in digests.values())
    for eid, v in digests.items():
        assert source_count(v) == len({f.source_label for f in whole[eid].facts}), eid


def test_digests_from_counters_equal_the_statements(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    db = db_url
    init_db(db)
    ingest_documents([_page(n) for n in range(16)], db, processed=True, batch_size=5)
    with session_scope(db) as s:
        _check(s, monkeypatch)
    ingest_documents([_page(n) for n in range(16, 30)], db, processed=True, batch_size=4)
    with session_scope(db) as s:
        _check(s, monkeypatch)
        org = s.scalars(select(Entity.id).where(Entity.name == ORG)).one()
        hide_row(s, "enterprises", org, "analyst", reason="test")
        _check(s, monkeypatch)
        unhide_row(s, "enterprises", org, "analyst")
        _check(s, monkeypatch)
        members = select(EntityMember.member_id).where(EntityMember.entity_id == org)
        st = s.scalars(select(Statement).where(Statement.entity_id.in_(members), Statement.prop != PROP, live_clause())
                       .order_by(Statement.created_at.desc(), Statement.id)).first()  # the newest: its key's last drops
        assert st is not None
        set_status(st, "rejected")
        apply_changes(s)
        _check(s, monkeypatch)
        person = s.scalars(select(Entity.id).where(Entity.name == PERSON)).one()
        last = s.scalars(select(Statement.id).where(Statement.entity_id.in_(
            select(EntityMember.member_id).where(EntityMember.entity_id == person)), live_clause())
            .order_by(Statement.created_at.desc(), Statement.id)).first()  # fmt: skip
        assert last is not None
        split_entity(s, person, "analyst", statement_ids=[last], settle=apply_changes)
        _check(s, monkeypatch)
        # the enterprise shrinks below the digest size: its digest counters go, its digest is scanned
        owners = s.scalars(select(Statement.id).where(Statement.entity_id.in_(
            select(EntityMember.member_id).where(EntityMember.entity_id == org)), Statement.prop == "name")
            .order_by(Statement.entity_id).limit(9)).all()  # fmt: skip
        split_entity(s, org, "analyst", statement_ids=list(owners), settle=apply_changes)
        T = aggregates.EntityAggregateRow
        sizes = dict(s.execute(select(T.entity_id, T.n).where(T.slot == "mem")).all())
        assert any(0 < n < aggregates.DIGEST_MEMBERS for e, n in sizes.items() if e != person)
        _check(s, monkeypatch)
        incremental = snapshot(s)
        rebuild_all(s)
        assert diff(incremental, snapshot(s)) == {}
        _check(s, monkeypatch)
