"""Issue 11: a hub person (named on every page) is placed on chains from the few statements placement
uses, not from their whole history, and the projections still equal a full rebuild."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from shuanglian.chains import placement
from shuanglian.document import Document, Mention
from shuanglian.graph.tables import Entity, EntityMember, Statement, live_clause
from shuanglian.projections import rebuild_all
from shuanglian.services.documents import ingest_documents
from shuanglian.store.db import init_db, session_scope
from tests.projections.snapshot import diff, snapshot

PERSON = "王伟"


def _page(n: int, industry: bool) -> Document:
    """A page naming the person (with a role); the first one also says what industry they work on."""
    org = "深圳迈瑞科技有限公司"  # one role context: every page's 王伟 is one person
    text = f"第{n}篇。{org}董事长{PERSON}表示，将加快发展新能源汽车和动力电池。{PERSON}强调，要抓好落实。"
    attrs: dict[str, Any] = {"roles": [{"title": "董事长", "org": org}]}
    if industry:
        attrs["industry"] = "新能源汽车"
    spans = [(i, i + len(PERSON)) for i in (text.find(PERSON), text.rfind(PERSON))]  # named twice
    ents = [
        Mention(name=PERSON, kind="person", spans=spans, attrs=attrs, confidence=0.95),
        Mention(name=org, kind="enterprise", spans=[(text.find(org), text.find(org) + len(org))], attrs={},
                confidence=0.95),
    ]  # fmt: skip
    doc = Document(source=f"hub://{n}", raw=text, text=text, entities=ents)
    doc.meta.update(extractor="test.generator", extractor_version="1")
    return doc


def test_a_hub_person_is_placed_from_few_statements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Placement reads the person's FACT_PROPS / names / placements only, and still equals a rebuild."""
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    init_db(db)
    ingest_documents([_page(n, n == 0) for n in range(12)], db, processed=True, batch_size=4)
    seen: list[dict[str, Any]] = []
    real = placement.views_for_members

    def spy(session: Any, ids: Any, props: Any = None, **kw: Any) -> Any:
        got = real(session, ids, props=props, **kw)
        seen.append(got)
        return got

    monkeypatch.setattr(placement, "views_for_members", spy)
    ingest_documents([_page(12, False)], db, processed=True)
    monkeypatch.undo()
    with session_scope(db) as s:
        eid = s.scalar(select(Entity.id).where(Entity.name == PERSON, Entity.kind == "person"))
        assert eid is not None
        members = select(EntityMember.member_id).where(EntityMember.entity_id == eid)
        total = s.scalar(select(func.count()).select_from(Statement).where(Statement.entity_id.in_(members), live_clause()))
        read = [len(v[eid].facts) for v in seen if eid in v]
        assert read, "the hub person was not re-placed by the write that named them"
        assert max(read) < total  # roles and mentions of 13 pages are not read
        placed = s.scalar(select(func.count()).select_from(Statement).where(
            Statement.entity_id.in_(members), Statement.prop == placement.PROP, live_clause()))  # fmt: skip
        assert placed, "the industry statement places the person on a chain"
        incremental = snapshot(s)
        rebuild_all(s)
        assert diff(incremental, snapshot(s)) == {}


def test_folded_mentions_give_the_same_register_rows(tmp_path: Path) -> None:
    """Register rows (sources, first/last seen, every column) and chain-member rows are the same from
    views with mentions folded as from whole views; the folded views hold fewer facts."""
    from shuanglian.chains.members import member_rows
    from shuanglian.graph.reader import views_for_members
    from shuanglian.registers.listing import published_dates, seen_dates, to_row
    from shuanglian.registers.spec import register_specs

    db = f"sqlite:///{tmp_path / 'fold.db'}"
    init_db(db)
    ingest_documents([_page(n, n % 3 == 0) for n in range(8)], db, processed=True, batch_size=3)
    with session_scope(db) as s:
        ids = list(s.scalars(select(Entity.id)))
        whole = views_for_members(s, ids)
        folded = views_for_members(s, ids, fold=("mention",))
        assert set(whole) == set(folded)
        assert sum(len(v.facts) for v in folded.values()) < sum(len(v.facts) for v in whole.values())
        published = published_dates(s, (f.document_id or "" for v in whole.values() for f in v.facts))
        for eid, v in whole.items():
            f = folded[eid]
            assert seen_dates(v, published) == seen_dates(f, published)
            for spec in register_specs().values():
                assert to_row(spec, v, published) == to_row(spec, f, published)
        assert member_rows(whole.values()) == member_rows(folded.values())


def test_view_facts_decode_structured_values_when_read(tmp_path: Path) -> None:
    """Views keep each fact's value_json as stored text until it is read (most are never read); read,
    it equals the statement's decoded value (roles as dicts, plain values, nulls)."""
    from shuanglian.graph.reader import views_for_members

    db = f"sqlite:///{tmp_path / 'lazy.db'}"
    init_db(db)
    ingest_documents([_page(n, n == 0) for n in range(3)], db, processed=True)
    with session_scope(db) as s:
        views = views_for_members(s, list(s.scalars(select(Entity.id))))
        facts = [f for v in views.values() for f in v.facts]
        assert any(isinstance(f.__dict__["_value_json"], str) for f in facts)  # not decoded yet
        stored = {st.id: st.value_json for st in s.scalars(select(Statement).where(Statement.id.in_([f.id for f in facts])))}
        assert any(isinstance(v, dict) for v in stored.values())
        assert {f.id: f.value_json for f in facts} == stored


def test_a_new_member_of_a_hub_key_is_attached_from_the_key_counters(tmp_path: Path) -> None:
    """Attaching a new mention of a hub organisation reads the key -> entity counters (graph.keyhits),
    never entity_keys joined to every member of the key; the counters equal a rebuild."""
    from sqlalchemy import event

    from shuanglian.graph import keyhits
    from shuanglian.graph.tables import EntityKey
    from shuanglian.store.db import get_engine

    db = f"sqlite:///{tmp_path / 'keys.db'}"
    init_db(db)
    ingest_documents([_page(n, False) for n in range(10)], db, processed=True, batch_size=4)
    seen: list[str] = []

    def spy(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    engine = get_engine(db)
    event.listen(engine, "before_cursor_execute", spy)
    try:
        ingest_documents([_page(10, False)], db, processed=True)
    finally:
        event.remove(engine, "before_cursor_execute", spy)
    # joined by member (the new member's own keys) only, never by key (every member holding it)
    assert not [q for q in seen if "JOIN entity_members" in q and 'WHERE entity_keys."key" IN' in q]
    assert any("entity_key_hits" in q for q in seen)
    with session_scope(db) as s:
        org = s.scalar(select(Entity.id).where(Entity.kind == "enterprise"))
        members = s.scalar(select(func.count()).select_from(EntityMember).where(EntityMember.entity_id == org))
        assert members == 11
        hits = list(keyhits.entities_by_key(s, s.scalars(select(EntityKey.key).distinct())))
        assert len([h for h in hits if h[3] == org]) == len({h[:3] for h in hits if h[3] == org})  # one row per key
        n = s.scalar(select(keyhits.EntityKeyHit.n).where(keyhits.EntityKeyHit.entity_id == org,
                                                          keyhits.EntityKeyHit.key == keyhits.KIND_KEY))  # fmt: skip
        assert n == 11
        incremental = snapshot(s)
        rebuild_all(s)
        assert diff(incremental, snapshot(s)) == {}


def _org_page(n: int) -> Document:
    """A page naming a hub organisation in a sentence with chain terms (its context evidence)."""
    org = "深圳迈瑞科技有限公司"
    text = f"第{n}篇。{org}加快发展新能源汽车和动力电池，建设医疗器械产业园。"
    ents = [Mention(name=org, kind="enterprise", spans=[(text.find(org), text.find(org) + len(org))], attrs={},
                    confidence=0.95)]  # fmt: skip
    doc = Document(source=f"org://{n}", raw=text, text=text, entities=ents)
    doc.meta.update(extractor="test.generator", extractor_version="1")
    return doc


def test_a_hub_organisation_is_placed_from_stored_claims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write naming a hub organisation reads the texts of its new pages only (the older pages' context
    evidence comes from chain_context_claims), places it as a full run does, and equals a rebuild."""
    db = f"sqlite:///{tmp_path / 'org.db'}"
    init_db(db)
    ingest_documents([_org_page(n) for n in range(10)], db, processed=True, batch_size=4)
    read: list[set[Any]] = []
    real = placement._doc_texts_of

    def spy(session: Any, ids: Any) -> Any:
        read.append(set(ids))
        return real(session, ids)

    monkeypatch.setattr(placement, "_doc_texts_of", spy)
    ingest_documents([_org_page(10)], db, processed=True)
    monkeypatch.undo()
    assert read and all(len({d for d in ids if d}) <= 1 for ids in read)  # the new page, never the 10 older ones
    with session_scope(db) as s:
        placed = select(Statement.id, Statement.status).where(Statement.prop == placement.PROP)
        got = set(s.execute(placed))
        assert any(status in ("accepted", "proposed") for _, status in got)
        incremental = snapshot(s)
        rebuild_all(s)
        assert diff(incremental, snapshot(s)) == {}
        assert set(s.execute(placed)) == got


def test_digest_views_give_the_same_rows(tmp_path: Path) -> None:
    """Register rows and chain-member rows are the same from digest views (placements whole, the rest
    folded by value, sources and seen days by SQL) as from whole views, with far fewer facts for a hub."""
    from shuanglian.chains.members import member_rows
    from shuanglian.graph.reader import DigestView, digest_views, views_for_members
    from shuanglian.registers import index
    from shuanglian.registers.listing import published_dates, seen_dates
    from shuanglian.registers.spec import register_specs

    db = f"sqlite:///{tmp_path / 'digest.db'}"
    init_db(db)
    ingest_documents([_page(n, n % 3 == 0) for n in range(8)] + [_org_page(n) for n in range(8)], db, processed=True,
                     batch_size=3)  # fmt: skip
    with session_scope(db) as s:
        ids = list(s.scalars(select(Entity.id)))
        whole = views_for_members(s, ids)
        rows = index.row_views(s, ids, min_members=1)  # every cluster by aggregates (not only big ones)
        labelled = digest_views(s, ids, whole=(placement.PROP,), cap=None, label_facts=True, min_members=1, seen=False)
        # what chain members read: the number of source documents alone, counted in SQL (gaps.source_count)
        counted = digest_views(s, ids, whole=(placement.PROP,), cap=0, min_members=1, seen=False)
        assert set(whole) == set(rows) == set(labelled) == set(counted)
        for unsourced in ((), ("mention",)):
            listed = digest_views(s, ids, whole=(placement.PROP,), unsourced=unsourced, cap=None, min_members=1, seen=False)
            only = digest_views(s, ids, whole=(placement.PROP,), unsourced=unsourced, cap=0, min_members=1, seen=False)
            for eid, v in listed.items():
                assert isinstance(v, DigestView) and isinstance(only[eid], DigestView)
                assert only[eid].digest.doc_count == v.digest.doc_count == len(v.digest.doc_ids)
                assert only[eid].digest.doc_ids == [] and only[eid].digest.other_labels == v.digest.other_labels
        assert sum(len(v.facts) for v in rows.values()) < sum(len(v.facts) for v in whole.values()) / 2
        published = published_dates(s, (f.document_id or "" for v in whole.values() for f in v.facts))
        for eid, v in whole.items():
            assert seen_dates(v, published) == seen_dates(rows[eid], {})
            for spec in register_specs().values():
                assert index._entry_rows(spec, v, seen_dates(v, published)) == index._entry_rows(
                    spec, rows[eid], seen_dates(rows[eid], {}))  # fmt: skip
            assert member_rows([v]) == member_rows([labelled[eid]]) == member_rows([counted[eid]])
