"""services.graph: search with pagination, entity view with provenance, neighbourhood."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from shuanglian.graph import build
from shuanglian.services import graph as svc
from shuanglian.store.db import init_db, session_scope
from tests.graph.factories import ent, make_doc

T = "王传福是比亚迪股份有限公司董事长。比亚迪位于深圳市坪山区，从事新能源汽车。南方科技大学位于深圳市南山区。"


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    """A session on a freshly migrated database (both backends)."""
    init_db(db_url)
    with session_scope(db_url) as s:
        yield s


def _setup(session: Session) -> None:
    row = make_doc(session, T, [
        ent("王传福", "person", T, roles=[{"title": "董事长", "org": "比亚迪股份有限公司"}]),
        ent("比亚迪股份有限公司", "enterprise", T, ["比亚迪"], place="深圳市坪山区", industries=["新能源汽车"]),
        ent("南方科技大学", "university", T, place="深圳市南山区"),
        ent("深圳市坪山区", "place", T),
    ])  # fmt: skip
    build.add_document_statements(session, row)


def test_search_filters_and_pages(session: Session) -> None:
    _setup(session)
    every = svc.search_entities(session, limit=500)
    assert every["total"] == len(every["items"]) >= 6
    byd = svc.search_entities(session, name="比亞迪")  # traditional query, alias match
    assert [e["name"] for e in byd["items"]] == ["比亚迪股份有限公司"]
    assert byd["items"][0]["statement_count"] > 0
    unis = svc.search_entities(session, kind="university", region="深圳")
    assert [e["name"] for e in unis["items"]] == ["南方科技大学"]
    # keyset pages walk the whole list without overlap
    seen, after = [], None
    while True:
        page = svc.search_entities(session, limit=2, after=after)
        seen += [e["id"] for e in page["items"]]
        after = page["next_after"]
        if not after:
            break
    assert seen == [e["id"] for e in every["items"]]
    offset_page = svc.search_entities(session, limit=2, offset=2)
    assert [e["id"] for e in offset_page["items"]] == seen[2:4]
    # prefix search over every name form (index range scans): brand, name without place or legal form
    for q in ("比亚迪", "比亞迪股份", "比亚"):
        assert [e["name"] for e in svc.search_entities(session, name=q, match="prefix")["items"]] == ["比亚迪股份有限公司"]
    assert [e["name"] for e in svc.search_entities(session, name="坪山", match="prefix")["items"]] == ["深圳市坪山区"]
    assert svc.search_entities(session, name="科技大学", match="prefix")["total"] == 0
    assert svc.search_entities(session, name="科技大学", match="contains")["total"] == 1
    top = svc.search_entities(session, sort="statements", limit=1)["items"][0]
    assert top["statement_count"] == max(e["statement_count"] for e in every["items"])
    with pytest.raises(svc.GraphError):
        svc.search_entities(session, sort="colour")


def test_get_entity_has_provenance_and_relations(session: Session) -> None:
    _setup(session)
    byd_id = svc.search_entities(session, name="比亚迪")["items"][0]["id"]
    e = svc.get_entity(session, byd_id)
    assert e is not None and e["kind"] == "enterprise"
    for st in e["statements"]:
        assert st["document_id"] and st["span"] and st["extractor"]
        assert st["snippet"] and T[st["span"][0] : st["span"][1]] in st["snippet"]
    assert {r["relation"] for r in e["relations_out"]} >= {"located_in", "works_on_industry"}
    assert [r["source_name"] for r in e["relations_in"] if r["relation"] == "holds_role"] == ["王传福"]
    assert e["members"][0]["reason"] == "anchor"
    assert svc.get_entity(session, "ent_nope") is None


def test_neighbourhood(session: Session) -> None:
    _setup(session)
    person = svc.search_entities(session, name="王传福")["items"][0]["id"]
    g1 = svc.neighbourhood(session, person, depth=1)
    assert {n["name"] for n in g1["nodes"]} == {"王传福", "比亚迪股份有限公司"}
    assert g1["edges"][0]["relation"] == "holds_role" and g1["edges"][0]["statement_ids"]
    g2 = svc.neighbourhood(session, person, depth=2)
    assert {"深圳市坪山区", "新能源汽车"} <= {n["name"] for n in g2["nodes"]}


def test_add_fact_manual_statements(session: Session) -> None:
    _setup(session)
    byd = svc.search_entities(session, name="比亚迪")["items"][0]["id"]
    place = svc.search_entities(session, name="坪山")["items"][0]["id"]
    st = svc.add_fact(session, byd, "chain_leader", "true", "alice")
    assert st["origin"] == "manual" and st["user"] == "alice" and st["status"] == "accepted"
    svc.add_fact(session, byd, "located_in", "深圳市坪山区", "alice", target_id=place)
    with pytest.raises(svc.GraphError, match="already stated"):
        svc.add_fact(session, byd, "chain_leader", "true", "alice")
    from shuanglian.graph.schema import SchemaError

    with pytest.raises(SchemaError):
        svc.add_fact(session, place, "chain_leader", "true", "alice")  # places have no chain leader flag
    uni = svc.search_entities(session, name="南方科技大学")["items"][0]["id"]
    svc.add_fact(session, uni, "kind", "research_institute", "bob")
    assert svc.get_entity(session, uni)["kind"] == "research_institute"  # type: ignore[index]
    e = svc.get_entity(session, byd)
    assert e is not None and e["attributes"]["chain_leader"][0]["origin"] == "manual"
    assert [a["action"] for a in svc.audit_log(session)["items"]] == ["add_fact"] * 3
