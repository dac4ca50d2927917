"""A new projector is one `register` call; a new kind is one schema.yaml entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sqlalchemy.orm import Session

from shuanglian import projections
from shuanglian.graph import schema as schema_mod
from shuanglian.graph.writer import Provenance, new_statement
from shuanglian.projections import Changes, apply_changes, rebuild_all
from shuanglian.store.db import init_db, session_scope
from tests.graph.factories import ent, make_doc


class _Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.rebuilt = 0
        self.seen: list[set[str]] = []

    def rebuild(self, session: Session) -> None:
        self.rebuilt += 1

    def update(self, session: Session, changed: Changes) -> Changes:
        self.seen.append(set(changed.entities))
        return changed


def test_a_registered_projector_runs_after_the_builtin_ones(sqlite_url: str) -> None:
    rec = _Recorder()
    projections.register("recorder", lambda: rec, after="entity_summaries")
    try:
        names = projections.projector_names()
        assert names.index("recorder") == names.index("entity_summaries") + 1
        init_db(sqlite_url)
        with session_scope(sqlite_url) as s:
            from shuanglian.graph import build

            t = "深圳湾实验室位于光明区。"
            build.add_document_statements(s, make_doc(s, t, [ent("深圳湾实验室", "lab", t, place="光明区")]), resolve=False)
            out = apply_changes(s)
            assert rec.seen and rec.seen[-1] == out.entities and out.entities  # it saw the written entities
            assert not apply_changes(s)  # nothing pending: projectors are not run for nothing
            rebuild_all(s)
            assert rec.rebuilt == 1
    finally:
        projections.unregister("recorder")
    assert "recorder" not in projections.projector_names()


def test_a_new_kind_is_one_schema_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = yaml.safe_load(schema_mod.SCHEMA_PATH.read_text(encoding="utf-8"))
    data["kinds"]["incubator"] = {"label": "孵化器", "group": "organization", "traits": ["placeable", "figure_subject"],
                                  "properties": ["place", "products"]}  # fmt: skip
    path = tmp_path / "schema.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(schema_mod, "SCHEMA_PATH", path)
    schema_mod.get_schema.cache_clear()
    try:
        sch = schema_mod.get_schema()
        assert "incubator" in sch.kinds_with("placeable") and "incubator" in sch.kinds_with("figure_subject")
        assert "incubator" in sch.relation_sources("located_in")
        assert "incubator" in sch.relations["affiliated_with"].sources  # ORG relations include it
        st = new_statement(Provenance("document", "d1", "test", "1"), entity_id="e1", kind="incubator",
                           prop="products", value="孵化服务")  # fmt: skip
        assert st.kind == "incubator" and st.extractor_version == "1"
        with pytest.raises(schema_mod.SchemaError, match="extractor"):
            new_statement(Provenance("document", "d1"), entity_id="e1", kind="incubator", prop="name", value="x")
    finally:
        schema_mod.get_schema.cache_clear()
