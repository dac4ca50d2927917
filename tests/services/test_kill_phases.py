"""Crash safety of derived data (issue 12): an ingest killed at any phase (a process exit with no
cleanup, like kill -9) and then re-run ends with exactly the state of an uninterrupted ingest:
documents, statements, canonical entities, chain placements and register entries. Both backends.

The pages are processed once by the real pipeline; the killed child stores them (`processed=True`)
and calls `os._exit(137)` at the chosen phase: inside each projector (before/after its update), in
the graph batch hook, after the first commit, and after the last
commit (where placements used to be computed outside the batch transaction and were lost)."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from shuanglian.samples import pages_dir
from shuanglian.services import documents as svc
from shuanglian.store.db import get_engine, session_scope

REPO = Path(__file__).resolve().parents[2]
BATCH = 4

CHILD = textwrap.dedent("""
    import os, pickle, sys
    from shuanglian.services import documents as svc
    from shuanglian import projections
    docs = pickle.load(open(sys.argv[1], "rb"))
    url, phase, when, nth = sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    if nth == 0:  # the last batch
        nth = -(-len(docs) // BATCH_SIZE)
    calls = 0

    def wrap(owner, attr):
        real = getattr(owner, attr)

        def killer(*a, **k):
            global calls
            calls += 1
            if calls == nth and when == "before":
                os._exit(137)
            out = real(*a, **k)
            if calls == nth and when == "after":
                os._exit(137)
            return out
        setattr(owner, attr, killer)

    if phase.startswith("projector:"):
        name = phase.split(":", 1)[1]
        proj = next(p for p in projections.projectors() if p.name == name)
        wrap(type(proj), "update")
    elif phase == "graph_hook":
        import shuanglian.graph.build as build
        wrap(build, "add_documents_statements")
    elif phase == "write":
        wrap(svc._Ingester, "_write")
    elif phase == "end":
        wrap(svc, "ingest_documents")
    svc.ingest_documents(docs, url, processed=True, batch_size=BATCH_SIZE)
    os._exit(0 if phase != "end" else 137)
""").replace("BATCH_SIZE", str(BATCH))


def _phases() -> list[tuple[str, str, int]]:
    from shuanglian import projections

    # nth 0 = the last batch: killed right after the last commit, before anything else runs
    out = [("write", "after", 1), ("write", "after", 0), ("graph_hook", "after", 2), ("end", "after", 1)]
    # inside the batch transaction, after the first batch committed
    out += [(f"projector:{name}", "before", 2) for name in projections.projector_names()]
    return out


def snapshot(url: str) -> dict[str, Any]:
    """Everything derived from the ingest, as sets (order-free, comparable across backends)."""
    from shuanglian.chains.placement import EXTRACTOR
    from shuanglian.graph.tables import Entity, Statement
    from shuanglian.registers.tables import RegisterEntry
    from shuanglian.store.documents import DocumentRow

    with session_scope(url) as s:
        return {
            "documents": set(s.scalars(select(DocumentRow.id))),
            "statements": set(s.scalars(select(Statement.id).where(Statement.extractor != EXTRACTOR))),
            "entities": set(s.scalars(select(Entity.id))),
            "placements": set(s.execute(
                select(Statement.entity_id, Statement.prop, Statement.value, Statement.target_id, Statement.status)
                .where(Statement.extractor == EXTRACTOR, Statement.superseded_by.is_(None))).all()),
            "register_entries": int(s.scalar(select(func.count()).select_from(RegisterEntry)) or 0),
        }


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample pages run once through the real pipeline, pickled for the children."""
    from shuanglian.ingest.readers import RawInput, iter_inputs
    from shuanglian.pipeline.default import build_pipeline

    pipe = build_pipeline()
    docs = [pipe(svc.document_from_input(i)) for i in iter_inputs([pages_dir()]) if isinstance(i, RawInput)]
    assert len(docs) >= 12 and not [d.source for d in docs if d.error]
    path = tmp_path_factory.mktemp("kill") / "docs.pkl"
    path.write_bytes(pickle.dumps(docs))
    return path


def _kill_and_rerun(processed: Path, url: str, phase: str, when: str, nth: int) -> int:
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    child = subprocess.run([sys.executable, "-c", CHILD, str(processed), url, phase, when, str(nth)],
                           env=env, capture_output=True, timeout=600)
    assert child.returncode == 137, (phase, when, child.returncode, child.stderr.decode()[-2000:])
    get_engine(url).dispose()
    svc.ingest_documents(pickle.loads(processed.read_bytes()), url, processed=True, batch_size=BATCH)
    return child.returncode


def _empty(url: str) -> None:
    """Drop everything a previous round wrote."""
    from sqlalchemy import text

    engine = get_engine(url)
    if url.startswith("sqlite"):
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + suffix).unlink(missing_ok=True)
    else:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()


def test_kill_at_every_phase_then_rerun_restores_everything(processed: Path, db_url: str) -> None:
    # the reference: one uninterrupted ingest on this backend
    svc.ingest_documents(pickle.loads(processed.read_bytes()), db_url, processed=True, batch_size=BATCH)
    reference = snapshot(db_url)
    assert reference["placements"], "the sample pages must place entities on chains for the test to mean anything"
    for phase, when, nth in _phases():
        _empty(db_url)
        _kill_and_rerun(processed, db_url, phase, when, nth)
        got = snapshot(db_url)
        for key, want in reference.items():
            assert got[key] == want, f"killed at {phase} ({when} call {nth}): {key} differs after the re-run"
