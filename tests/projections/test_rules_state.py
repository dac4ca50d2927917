"""A rules update (data/rule_files.yaml) makes a stored projection stale: the next write rebuilds it and
every projector after it, then records the new digest; projectors whose rules did not change keep updating."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian import projections
from shuanglian.graph import build
from shuanglian.projections import Changes, apply_changes, rebuild_all, rules_state
from shuanglian.projections.tables import ProjectionState
from shuanglian.store.db import init_db, session_scope
from tests.graph.factories import ent, make_doc


class _Recorder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.rebuilt = 0
        self.updated = 0

    def rebuild(self, session: Session) -> None:
        self.rebuilt += 1

    def update(self, session: Session, changed: Changes) -> Changes:
        self.updated += 1
        return changed


def _write(s: Session, name: str) -> None:
    t = f"{name}位于光明区。"
    build.add_document_statements(s, make_doc(s, t, [ent(name, "lab", t, place="光明区")]), resolve=False)


def _digests(s: Session) -> dict[str, str]:
    return {n: d for n, d in s.execute(select(ProjectionState.name, ProjectionState.rules_digest))}


def test_digest_follows_the_rule_files_and_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    a = rules_state.digest("register_index")
    assert a == rules_state.digest("register_index") and len(a) == 64
    assert a != rules_state.digest("official_figures")  # other files
    assert rules_state.digest("no_such_projector") != a  # the version alone
    rules_state.digest.cache_clear()
    monkeypatch.setattr("shuanglian.__version__", "99.0")
    try:
        assert rules_state.digest("register_index") != a  # a new release is a rules change
    finally:
        rules_state.digest.cache_clear()


def test_rule_files_name_existing_files() -> None:
    """Every glob of data/rule_files.yaml matches a file (a renamed rule file would silently stop counting)."""
    from importlib import resources
    from pathlib import Path

    root = Path(str(resources.files("shuanglian")))
    for name, globs in rules_state._globs().items():
        for g in globs:
            assert list(root.glob(g)), f"rule_files.yaml: {name}: {g} matches nothing"


def test_a_stale_projection_is_rebuilt_at_the_next_write(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before, after = _Recorder("rec_before"), _Recorder("rec_after")
    projections.register("rec_before", lambda: before, after="entity_summaries")
    projections.register("rec_after", lambda: after, after="search_index")
    try:
        init_db(sqlite_url)
        with session_scope(sqlite_url) as s:
            _write(s, "深圳湾实验室")
            apply_changes(s)
            recorded = _digests(s)
            assert set(projections.projector_names()) <= set(recorded)  # a new database records every projector
            assert (before.rebuilt, after.rebuilt) == (0, 0)

            real = rules_state.digest

            def changed(name: str) -> str:
                return "new-rules" if name == "register_index" else real(name)

            monkeypatch.setattr(rules_state, "digest", changed)
            _write(s, "鹏城实验室")
            apply_changes(s)
            # rules of register_index changed: it and everything after it rebuilt, nothing before it
            assert before.rebuilt == 0 and before.updated == 2
            assert after.rebuilt == 1 and after.updated == 1
            now = _digests(s)
            assert now["register_index"] == "new-rules"
            assert now["rec_before"] == recorded["rec_before"]

            _write(s, "河套实验室")
            apply_changes(s)  # current again: plain updates
            assert after.rebuilt == 1 and after.updated == 2
    finally:
        projections.unregister("rec_before")
        projections.unregister("rec_after")


def test_a_database_without_records_keeps_its_rows_and_rebuild_all_records(sqlite_url: str) -> None:
    init_db(sqlite_url)
    with session_scope(sqlite_url) as s:
        _write(s, "深圳湾实验室")
        apply_changes(s)
        s.query(ProjectionState).delete()  # as a database made before revision 0026
        s.flush()
        assert rules_state.stale(rules_state.stored(s), projections.projector_names()) == []
        s.add(ProjectionState(name="register_index", rules_digest="old"))
        s.flush()
        assert rules_state.stale(rules_state.stored(s), projections.projector_names()) == ["register_index"]
        rebuild_all(s)
        assert _digests(s)["register_index"] == rules_state.digest("register_index")
        assert set(projections.projector_names()) <= set(_digests(s))


def test_a_database_migrated_with_documents_rebuilds_once_at_its_next_write(sqlite_url: str) -> None:
    """Migration 0026 marks a database that already held documents (`*`): its projections were built by older
    code, so the first write rebuilds every projector, records them all and drops the marker."""
    from sqlalchemy import text

    from shuanglian.store.db import get_engine

    rec = _Recorder("rec_first")
    projections.register("rec_first", lambda: rec, before="resolution")
    try:
        init_db(sqlite_url)
        with session_scope(sqlite_url) as s:
            _write(s, "深圳湾实验室")
            apply_changes(s)
        with get_engine(sqlite_url).begin() as conn:  # as a database made at revision 0025
            conn.execute(text("DROP TABLE projection_state"))
            conn.execute(text("UPDATE alembic_version SET version_num = '0025_register_statement_index'"))
        init_db(sqlite_url)
        with session_scope(sqlite_url) as s:
            assert _digests(s) == {rules_state.UNKNOWN: "before-0026"}
            _write(s, "鹏城实验室")
            apply_changes(s)
            assert rec.rebuilt == 1 and rec.updated == 1  # the first projector already rebuilt: all after it too
            assert set(_digests(s)) == set(projections.projector_names())
            _write(s, "河套实验室")
            apply_changes(s)
            assert rec.rebuilt == 1 and rec.updated == 2
    finally:
        projections.unregister("rec_first")
