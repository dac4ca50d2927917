"""Revision 0027_flat_document_bands adds document_bands to an older database and cuts the stored originals'
LSH bands there; an ingest run then links a copy to a page stored before the upgrade."""

from __future__ import annotations

from sqlalchemy import func, select, text

from shuanglian.document import Document
from shuanglian.services import documents as svc
from shuanglian.store.db import get_engine, init_db, session_scope
from shuanglian.store.documents import DocumentBand
from tests.ingest.articles import ARTICLE_A, edited
from tests.store.test_register_migration import head_revision


def test_0027_cuts_the_bands_of_stored_originals(db_url: str) -> None:
    init_db(db_url)
    first = Document(source="upload:1", raw="x", text="\n".join(ARTICLE_A))
    assert svc.ingest_documents([first], db_url, processed=True).stored == 1
    with session_scope(db_url) as s:
        cut = s.scalar(select(func.count()).select_from(DocumentBand))
    assert cut == 9  # one key per band of the default threshold's layout
    engine = get_engine(db_url)
    with engine.begin() as conn:  # as a database made at revision 0026
        conn.execute(text("DROP TABLE document_bands"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0026_projection_state'"))
    init_db(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    with session_scope(db_url) as s:
        assert s.scalar(select(func.count()).select_from(DocumentBand)) == cut
    copy = Document(source="upload:2", raw="y", text="\n\n".join(edited(ARTICLE_A)))
    later = svc.ingest_documents([copy], db_url, processed=True)
    assert [(c, o) for c, o, _ in later.copy_links] == [(copy.doc_id, first.doc_id)]


def test_bands_are_cut_again_for_another_threshold(sqlite_url: str) -> None:
    """The band layout follows near_duplicate_threshold: a changed setting cuts every original's bands again."""
    from shuanglian.ingest.near_dup import band_ranges, recut_bands

    init_db(sqlite_url)
    first = Document(source="upload:1", raw="x", text="\n".join(ARTICLE_A))
    svc.ingest_documents([first], sqlite_url, processed=True)
    with session_scope(sqlite_url) as s:
        assert recut_bands(s, 0.8) == 0  # already cut for the default threshold
        assert recut_bands(s, 0.6) == 1
        keys = list(s.scalars(select(DocumentBand.key)))
    layout = band_ranges(0.6)[0]
    assert keys and all(k.startswith(layout + ":") for k in keys) and layout != band_ranges(0.8)[0]
