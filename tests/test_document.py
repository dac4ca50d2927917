"""The Document contract: JSON keys, dropped counts, and entity kinds that the graph schema knows."""

from __future__ import annotations

from shuanglian.document import ENTITY_KINDS, ORG_KINDS, Document, Dropped, Mention, Repair
from shuanglian.graph.schema import get_schema


def test_every_extraction_kind_is_declared_in_the_graph_schema() -> None:
    assert set(ORG_KINDS) < set(ENTITY_KINDS)
    assert set(ENTITY_KINDS) <= set(get_schema().kinds)


def test_to_json_contract_keys_and_counts() -> None:
    doc = Document(source="a.txt", raw="x", text="迈瑞医疗")
    doc.dropped = [Dropped("ICP备", "footer", 9), Dropped("编辑 张三", "editor", 8), Dropped("粤公网安备", "footer")]
    doc.repairs = [Repair(0, "蕞", "最")]
    doc.entities = [Mention("迈瑞医疗", "enterprise", spans=[(0, 4)])]
    doc.flag("traditional")
    doc.flag("traditional")
    out = doc.to_json()
    assert {"source", "title", "published", "media", "text", "flags", "repairs", "dropped",
            "entities", "policies", "figures", "events"} <= set(out)  # fmt: skip
    assert out["dropped"] == {"footer": 2, "editor": 1} and out["flags"] == ["traditional"]
    assert out["repairs"] == [{"at": 0, "from": "蕞", "to": "最"}]
    assert out["entities"][0]["spans"] == [[0, 4]]
    assert "dropped_lines" in doc.to_json(full=True) and doc.doc_id == doc.content_hash[:16]
