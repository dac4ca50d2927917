"""On the bundled samples (real extraction, sample register imports): `rebuild` right after ingest
changes nothing, and every statement and document carries its extractor's name and version."""

from __future__ import annotations

from sqlalchemy import func, select

from shuanglian.document import EXTRACTOR_KEY
from shuanglian.extract.pipeline import EXTRACTOR_NAME, EXTRACTOR_VERSION
from shuanglian.graph.tables import Statement
from shuanglian.projections import DERIVED_PROPS, rebuild_all
from shuanglian.samples import samples_dir
from shuanglian.services.documents import ingest_paths
from shuanglian.services.registers import import_register
from shuanglian.store.db import init_db, session_scope
from shuanglian.store.documents import DocumentRow
from tests.projections.snapshot import diff, snapshot


def test_rebuild_after_ingesting_the_samples_changes_nothing(db_url: str) -> None:
    init_db(db_url)
    report = ingest_paths([samples_dir() / "pages"], db_url, batch_size=4)
    assert report.stored >= 15 and not report.failed
    with session_scope(db_url) as s:
        data = (samples_dir() / "registers" / "enterprises.csv").read_bytes()
        assert import_register(s, "enterprises", data, "csv", "tester").rows_ok >= 2
    with session_scope(db_url) as s:
        before = snapshot(s)
        assert len(before["entities"]) > 100 and before["derived_statements"] and before["register_entries"]
        rebuild_all(s)
        assert diff(before, snapshot(s)) == {}
        # provenance: the extractor's name and version on every statement that a program wrote
        missing = select(func.count()).select_from(Statement).where(
            Statement.origin.in_(["document", "import"]),
            (Statement.extractor.is_(None)) | (Statement.extractor_version.is_(None)),
        )
        assert s.scalar(missing) == 0
        docs = select(func.count()).select_from(DocumentRow).where(DocumentRow.extractor_version.is_(None))
        assert s.scalar(docs) == 0
        # ... and they are the running pipeline's (one key from extract/pipeline.py through the store to the graph)
        extracted = (Statement.origin == "document") & Statement.prop.notin_(DERIVED_PROPS)  # not chain placements
        stamped = set(s.execute(select(Statement.extractor, Statement.extractor_version).where(extracted).distinct()))
        assert stamped == {(EXTRACTOR_NAME, EXTRACTOR_VERSION)}
        assert set(s.scalars(select(DocumentRow.extractor_version).distinct())) == {EXTRACTOR_VERSION}
        assert all((r.meta or {}).get(EXTRACTOR_KEY) == EXTRACTOR_NAME for r in s.scalars(select(DocumentRow)))
        assert s.scalar(select(func.count()).select_from(Statement).where(Statement.origin == "document")) > 1000
