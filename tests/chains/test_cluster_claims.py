"""Chain placement keeps each canonical entity's context evidence merged (chain_cluster_claims) for the
members that joined, left or changed: after ingests, a merge of two organisations named in the same
sentences, a rejected mention and a split, the stored rows equal the rows merged from scratch, the
placements equal a full rebuild, and a hub's new page merges only that page."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from shuanglian.chains import placement
from shuanglian.chains.tables import ClusterClaims, ContextClaims
from shuanglian.document import Document, Mention
from shuanglian.graph import judge
from shuanglian.graph.tables import MemberMove, Statement, live_clause
from shuanglian.projections import rebuild_all
from shuanglian.services import graph as graph_service
from shuanglian.services.documents import ingest_documents
from shuanglian.store.db import init_db, session_scope
from tests.projections.snapshot import diff, snapshot

ORG_A = "深圳迈瑞科技有限公司"
ORG_B = "深圳开立医疗有限公司"


def _page(n: int, both: bool) -> Document:
    """A page naming organisation A (and B in the same sentences when `both`) beside chain terms."""
    names = [ORG_A, ORG_B] if both else [ORG_A]
    text = f"第{n}篇。{'与'.join(names)}加快发展医疗器械和动力电池。{ORG_A}建设新能源汽车产业园。"
    ents = []
    for name in names:
        spans = [(i, i + len(name)) for i in dict.fromkeys((text.find(name), text.rfind(name)))]
        ents.append(Mention(name=name, kind="enterprise", spans=spans, attrs={}, confidence=0.95))
    doc = Document(source=f"claims://{n}", raw=text, text=text, entities=ents)
    doc.meta.update(extractor="test.generator", extractor_version="1")
    return doc


def _check(db: str, rebuild: bool = True) -> None:
    """Stored merged claims equal the ones merged from scratch; placements equal a full rebuild."""
    with session_scope(db) as s:
        ids = {c for c in s.scalars(select(ContextClaims.cluster_id)) if c}
        stored = placement.cluster_claims_stored(s, set(s.scalars(select(ClusterClaims.entity_id))))
        assert stored == placement.cluster_claims_rebuilt(s, ids)
        assert any(row[4] for row in stored)  # some sentence carries link terms
        if not rebuild:
            return
        incremental = snapshot(s)
        rebuild_all(s)
        assert diff(incremental, snapshot(s)) == {}
        s.rollback()


def test_merged_claims_follow_joins_merges_rejections_and_splits(db_url: str) -> None:
    db = db_url
    init_db(db)
    ingest_documents([_page(n, n % 2 == 1) for n in range(6)], db, processed=True, batch_size=2)
    _check(db)
    with session_scope(db) as s:
        a = judge.canonical_id(
            s, s.scalars(select(Statement.entity_id).where(Statement.value == ORG_A)).first() or ""
        )
        b = judge.canonical_id(
            s, s.scalars(select(Statement.entity_id).where(Statement.value == ORG_B)).first() or ""
        )
        assert a != b
        graph_service.merge_entities(s, [a, b], "t")  # B's members claim A's sentences: the first member wins
    _check(db)
    with session_scope(db) as s:
        merged = judge.canonical_id(s, a)
        rows = placement.cluster_claims_stored(s, {merged})
        assert any(
            len(json.loads(claimants)) == 2 for _, _, claimants, _, _ in rows
        )  # documents with two claimants
        mention = s.scalars(select(Statement.id).where(Statement.value == ORG_B, Statement.prop == "mention",
                                                       live_clause())).first()  # fmt: skip
        assert mention is not None
        graph_service.reject(s, mention, "t")  # that member's claims change: the other claimant takes over
    _check(db)
    ingest_documents([_page(n, True) for n in range(6, 9)], db, processed=True, batch_size=2)
    _check(db)
    with session_scope(db) as s:
        merged = judge.canonical_id(s, a)
        owners = select(Statement.id).where(Statement.value == ORG_B, Statement.prop == "name", live_clause())
        graph_service.split_entity(s, merged, "t", statement_ids=list(s.scalars(owners)))
    _check(db)


def test_a_hub_page_merges_only_its_own_document(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The members of a hub's older pages are neither re-read nor re-merged when it gains a page."""
    db = db_url
    init_db(db)
    ingest_documents([_page(n, False) for n in range(8)], db, processed=True, batch_size=4)
    merged: list[Any] = []
    real = placement._merge_document

    def spy(doc: str, claimants: list[str], claims: Any) -> Any:
        merged.append(doc)
        return real(doc, claimants, claims)

    monkeypatch.setattr(placement, "_merge_document", spy)
    ingest_documents([_page(8, False)], db, processed=True)
    monkeypatch.undo()
    assert len(set(merged)) == 1  # the new page's document only
    _check(db)


def test_moves_resolved_outside_the_projections_are_taken_in_later(db_url: str) -> None:
    """A merge settled by resolution alone (graph.judge's default: no placement) leaves its moves in the
    log; the next write's placement takes them in, and the merged claims equal the ones from scratch."""
    db = db_url
    init_db(db)
    ingest_documents([_page(n, n % 2 == 1) for n in range(4)], db, processed=True, batch_size=2)
    with session_scope(db) as s:
        a = judge.canonical_id(
            s, s.scalars(select(Statement.entity_id).where(Statement.value == ORG_A)).first() or ""
        )
        b = judge.canonical_id(
            s, s.scalars(select(Statement.entity_id).where(Statement.value == ORG_B)).first() or ""
        )
        judge.merge_entities(s, [a, b], "t")  # resolution only: chain placement does not run
        assert s.scalars(select(MemberMove.member_id)).all()
    ingest_documents([_page(4, True)], db, processed=True)
    with session_scope(db) as s:
        assert not s.scalars(select(MemberMove.member_id)).all()
    _check(db, rebuild=False)  # what else derives from the merge was never brought up to date here


def test_claims_warmed_after_a_rebuild_equal_incremental_ones(sqlite_url: str) -> None:
    """A rebuild empties the merged claims (recomputed on next use); warm_claims merges them for every
    placeable entity at once, equal to the rows merged from scratch and to what incremental ingest kept,
    and changes no placement."""
    from shuanglian.chains.store import all_templates

    init_db(sqlite_url)
    ingest_documents([_page(n, n % 2 == 1) for n in range(6)], sqlite_url, processed=True, batch_size=2)
    with session_scope(sqlite_url) as s:
        kept = placement.cluster_claims_stored(s, set(s.scalars(select(ClusterClaims.entity_id))))
        rebuild_all(s)
        assert not s.scalars(select(ClusterClaims.entity_id)).first()
        before = snapshot(s)
        assert placement.warm_claims(s, all_templates(s)) > 0
        ids = set(s.scalars(select(ClusterClaims.entity_id)))
        assert placement.cluster_claims_stored(s, ids) == kept
        assert diff(before, snapshot(s)) == {}
    _check(sqlite_url, rebuild=False)
