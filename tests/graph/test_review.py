"""Review queue: accept / reject / edit, nothing overwritten, every change in the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph import build, review
from shuanglian.graph.audit import audit_log
from shuanglian.graph.tables import ACCEPTED, EDITED, REJECTED, Statement
from shuanglian.services import graph as service  # writes end with apply_changes there
from tests.graph.factories import ent, entity_named, make_doc

T = "深圳湾实验室与深圳市第三人民医院合作，深圳湾实验室位于光明区。"


def _setup(session: Session) -> None:
    row = make_doc(session, T, [ent("深圳湾实验室", "lab", T, place="光明区"), ent("深圳市第三人民医院", "organization", T)])
    build.add_document_statements(session, row)


def test_queue_lists_proposed_facts_without_mentions(session: Session) -> None:
    _setup(session)
    page = review.review_queue(session, limit=2)
    assert page["total"] >= 4 and len(page["items"]) == 2
    assert all(i["status"] == "proposed" and i["prop"] != "mention" for i in page["items"])
    assert all(i["entity"]["id"] for i in page["items"])
    labs = review.review_queue(session, kind="lab", limit=100)
    assert labs["items"] and all(i["kind"] == "lab" for i in labs["items"])
    rest = review.review_queue(session, limit=100, offset=2)
    assert len(rest["items"]) == page["total"] - 2


def test_accept_reject_edit_are_audited(session: Session) -> None:
    _setup(session)
    name = session.scalar(select(Statement).where(Statement.prop == "name", Statement.value == "深圳湾实验室"))
    assert name is not None
    out = service.accept(session, name.id, "alice")
    assert out["status"] == ACCEPTED
    hospital = session.scalar(select(Statement).where(Statement.prop == "name", Statement.value == "深圳市第三人民医院"))
    assert hospital is not None
    service.reject(session, hospital.id, "bob")
    assert hospital.status == REJECTED
    # a rejected name withdraws the entity from the canonical view; the statement stays stored
    assert session.get(Statement, hospital.id) is not None
    with pytest.raises(AssertionError):
        entity_named(session, "深圳市第三人民医院")

    new = service.edit(session, name.id, "鹏城深圳湾实验室", "carol")
    old = session.get(Statement, name.id)
    assert old is not None and old.status == EDITED and old.superseded_by == new["id"]
    assert new["origin"] == "manual" and new["user"] == "carol" and new["supersedes"] == name.id
    assert new["document_id"] == old.document_id and new["span"] == [old.span_start, old.span_end]
    lab = entity_named(session, "鹏城深圳湾实验室")
    assert lab.name == "鹏城深圳湾实验室"  # a person's edit wins over extracted names
    with pytest.raises(review.GraphError, match="already edited"):
        service.edit(session, name.id, "x", "carol")
    with pytest.raises(review.GraphError, match="no statement"):
        service.accept(session, "st_missing", "alice")

    # the reviewers' actions (the chain placer's own system entries are audited apart from them)
    log = [e for e in audit_log(session)["items"] if not e["user"].startswith("system:")]
    assert [e["action"] for e in log] == ["edit", "reject", "accept"]
    edit_entry = log[0]
    assert edit_entry["user"] == "carol" and edit_entry["at"]
    assert edit_entry["before"]["value"] == "深圳湾实验室" and edit_entry["after"]["value"] == "鹏城深圳湾实验室"
    assert log[1]["before"]["status"] == "proposed" and log[1]["after"]["status"] == REJECTED
    assert audit_log(session, object_id=hospital.id)["total"] == 1


def test_edit_of_a_chain_link_relation_keeps_its_target_and_schema_refusals_are_graph_errors(
    session: Session,
) -> None:
    from shuanglian.graph.build import Provenance, new_statement
    from shuanglian.graph.ids import make_entity_id

    _setup(session)
    lab = session.scalar(select(Statement).where(Statement.prop == "name", Statement.value == "深圳湾实验室"))
    assert lab is not None
    # a placement points at a template chain link, which is not a stored entity
    link = make_entity_id("chain_link", "biomedicine/upstream_rd", "template")
    placed = new_statement(
        Provenance(origin="document", document_id=lab.document_id, extractor="placement", extractor_version="1"),
        entity_id=lab.entity_id, kind="lab", prop="on_chain_link", value="生物医药/研发",
        target_id=link, target_kind="chain_link", confidence=0.5,
    )  # fmt: skip
    session.add(placed)
    session.flush()
    new = service.edit(session, placed.id, "生物医药/上游研发", "dora")
    assert new["target_id"] == link and new["value"] == "生物医药/上游研发"
    # a value the schema refuses (a relation whose target is unknown) surfaces as a GraphError, not a crash
    orphan = new_statement(
        Provenance(origin="document", document_id=lab.document_id, extractor="placement", extractor_version="1"),
        entity_id=lab.entity_id, kind="lab", prop="on_chain_link", value="x",
        target_id="not-an-entity", target_kind="chain_link", confidence=0.5,
    )  # fmt: skip
    session.add(orphan)
    session.flush()
    with pytest.raises(review.GraphError, match="cannot edit"):
        service.edit(session, orphan.id, "y", "dora")
