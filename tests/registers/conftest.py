"""Helpers for register/chain tests: a migrated database and a way to add document statements."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from shuanglian.graph.ids import make_entity_id
from shuanglian.projections import apply_changes
from shuanglian.registers.graphview import put_statement
from shuanglian.store.db import init_db, session_scope
from shuanglian.store.documents import DocumentRow


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    """A session on a freshly migrated database (SQLite and PostgreSQL)."""
    init_db(db_url)
    with session_scope(db_url) as s:
        yield s


def add_doc(session: Session, doc_id: str, text: str) -> None:
    """Store a minimal document row whose text spans refer to."""
    session.add(DocumentRow(id=doc_id, content_hash=doc_id * 4, source=f"{doc_id}.txt", raw=text, text=text))
    session.flush()


def add_entity(
    session: Session, kind: str, name: str, doc_id: str | None = None, text: str | None = None, **props: object
) -> str:
    """Add a document entity: its name statement at its first mention in `text`, plus property statements."""
    eid = make_entity_id(kind, name, doc_id or "manual")
    span = None
    if doc_id and text and name in text:
        i = text.index(name)
        span = (i, i + len(name))
    origin = "document" if doc_id else "manual"
    prov = {"extractor": "test", "extractor_version": "1"} if doc_id else {}
    put_statement(session, entity_id=eid, kind=kind, prop="name", value=name, origin=origin, document_id=doc_id,
                  span=span, user=None if doc_id else "tester", confidence=0.95, **prov)
    for prop, vals in props.items():
        for v in vals if isinstance(vals, list) else [vals]:
            put_statement(session, entity_id=eid, kind=kind, prop=prop, value=v, origin=origin, document_id=doc_id,
                          user=None if doc_id else "tester", confidence=0.95, **prov)
    # Every write path of the product resolves what it wrote into canonical entities; so does this one.
    apply_changes(session)
    return eid
