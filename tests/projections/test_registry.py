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


def test_deferred_projections_run_nothing_until_the_rebuild(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside projections.deferred() a write runs no projector (bulk seeding); rebuild_all then fills
    the projections as projecting every write would have."""
    import datetime

    from shuanglian.graph import build
    from shuanglian.store import documents

    class Frozen(datetime.datetime):  # both databases' statements at one time (counters keep latest times)
        @classmethod
        def now(cls, tz: datetime.tzinfo | None = None) -> Frozen:
            return cls(2026, 1, 1, tzinfo=tz)

    monkeypatch.setattr(documents, "datetime", Frozen)
    from shuanglian.graph.tables import Entity
    from tests.projections.snapshot import diff, snapshot

    rec = _Recorder()
    projections.register("recorder", lambda: rec)
    t = "深圳湾实验室位于光明区。"
    snaps = []
    try:
        for defer in (True, False):
            url = sqlite_url.replace(".db", f"-{defer}.db")
            init_db(url)
            with session_scope(url) as s:
                if defer:
                    with projections.deferred():
                        build.add_document_statements(s, make_doc(s, t, [ent("深圳湾实验室", "lab", t, place="光明区")]),
                                                      resolve=False)  # fmt: skip
                        assert not apply_changes(s) and not rec.seen  # drained, no projector ran
                    assert s.query(Entity).count() == 0
                    assert not apply_changes(s)  # the drained log is not applied later either
                    rebuild_all(s)
                else:
                    build.add_document_statements(s, make_doc(s, t, [ent("深圳湾实验室", "lab", t, place="光明区")]),
                                                  resolve=False)  # fmt: skip
                    apply_changes(s)
                snaps.append(snapshot(s))
    finally:
        projections.unregister("recorder")
    assert snaps[0]["entities"] and not diff(snaps[0], snaps[1])


def _schema_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, entry: dict[str, object]) -> None:
    """Point the process at a copy of graph/schema.yaml with one more kind; drop every cache built on it."""
    from shuanglian.registers import spec as spec_mod
    from shuanglian.web import labels as labels_mod

    data = yaml.safe_load(schema_mod.SCHEMA_PATH.read_text(encoding="utf-8"))
    data["kinds"][name] = entry
    path = tmp_path / "schema.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(schema_mod, "SCHEMA_PATH", path)
    for cached in (schema_mod.get_schema, spec_mod.register_specs, labels_mod._schema_labels):
        cached.cache_clear()


def _clear_caches() -> None:
    from shuanglian.registers import spec as spec_mod
    from shuanglian.web import labels as labels_mod

    for cached in (schema_mod.get_schema, spec_mod.register_specs, labels_mod._schema_labels):
        cached.cache_clear()


INCUBATOR = {"label": "孵化器", "label_en": "Incubator", "group": "organization", "chain_role": "carriers",
             "registers": ["carriers"], "traits": ["placeable", "figure_subject"],
             "properties": ["place", "region", "industry", "products", "register", "domestic"]}  # fmt: skip


def test_a_new_kind_is_one_schema_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _schema_with(tmp_path, monkeypatch, "incubator", INCUBATOR)
    try:
        sch = schema_mod.get_schema()
        assert "incubator" in sch.kinds_with("placeable") and "incubator" in sch.kinds_with("figure_subject")
        assert "incubator" in sch.relation_sources("located_in")
        assert "incubator" in sch.relations["affiliated_with"].sources  # ORG relations include it
        assert "incubator" in sch.issuers()  # ORG may issue policies
        st = new_statement(Provenance("document", "d1", "test", "1"), entity_id="e1", kind="incubator",
                           prop="products", value="孵化服务")  # fmt: skip
        assert st.kind == "incubator" and st.extractor_version == "1"
        with pytest.raises(schema_mod.SchemaError, match="extractor"):
            new_statement(Provenance("document", "d1"), entity_id="e1", kind="incubator", prop="name", value="x")
    finally:
        _clear_caches()


def test_a_new_kind_reaches_registers_chain_maps_and_labels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    """The one schema entry (with its labels) puts the kind in its register, chain-map bucket and UI labels."""
    from shuanglian.graph import build
    from shuanglian.graph.reader import load_views
    from shuanglian.registers.spec import get_spec, register_specs
    from shuanglian.services.registers import import_register, list_register
    from shuanglian.web.labels import label

    _schema_with(tmp_path, monkeypatch, "incubator", INCUBATOR)
    try:
        carriers = register_specs()["carriers"]
        assert "incubator" in carriers.kinds and carriers.kind_labels["incubator"] == "孵化器"
        assert "incubator" not in register_specs()["enterprises"].kinds
        assert get_spec("carriers").kind_from_label("孵化器") == "incubator"
        assert label("kind", "incubator") == "孵化器" and label("kind", "incubator", "en") == "Incubator"
        assert schema_mod.get_schema().chain_role("incubator") == "carriers"
        init_db(sqlite_url)
        with session_scope(sqlite_url) as s:
            t = "南山区的深圳湾创新孵化器为初创企业提供服务。"
            build.add_document_statements(s, make_doc(s, t, [ent("深圳湾创新孵化器", "incubator", t, place="南山区"),
                                                             ent("南山区", "place", t)]))  # fmt: skip
            # an imported row names the kind by its label
            csv = "名称,类型,所在地\n前海青年创业孵化器,孵化器,深圳市\n".encode()
            assert import_register(s, "carriers", csv, "csv", "tester").rows_ok == 1
            apply_changes(s)
        with session_scope(sqlite_url) as s:
            rows = list_register(s, "carriers", limit=None)["rows"]
            by_name = {r["name"]: r for r in rows}
            assert {"深圳湾创新孵化器", "前海青年创业孵化器"} <= set(by_name)
            assert by_name["深圳湾创新孵化器"]["kind_label"] == "孵化器"
            assert by_name["前海青年创业孵化器"]["kind"] == "incubator"
            assert not list_register(s, "enterprises", limit=None)["total"]
            from shuanglian.chains.maps import Placement

            view = next(v for v in load_views(s, kinds=["incubator"]).values() if v.name == "深圳湾创新孵化器")
            assert Placement(view, "c", None, 1.0).role == "carriers"
    finally:
        _clear_caches()
