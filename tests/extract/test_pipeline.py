"""ExtractStage: entities first, then the facts stages; one bad document does not stop a batch."""

from __future__ import annotations

import pickle

from shuanglian.document import Document
from shuanglian.extract.pipeline import EXTRACTOR_NAME, EXTRACTOR_VERSION, ExtractStage

TEXT = (
    "9月15日，省委书记梁文华来到合肥综合性国家科学中心调研。"
    "到2025年，合肥新能源汽车产业产值力争达到5000亿元。"
)


def test_entities_then_facts() -> None:
    stage = ExtractStage()
    names = [s.name for s in stage.stages]
    assert names[0] == "entities"
    assert set(names[1:]) == {"policies", "figures", "events", "projects"}
    doc = stage(Document(source="t", text=TEXT, published="2023-09-16"))
    assert doc.error is None
    kinds = {m.name: m.kind for m in doc.entities}
    assert kinds["梁文华"] == "person"
    assert kinds["合肥综合性国家科学中心"] == "platform"
    assert doc.figures, "facts stages ran after entities"
    assert doc.meta["extractor"] == EXTRACTOR_NAME
    assert doc.meta["extractor_version"] == EXTRACTOR_VERSION


def test_failing_document_is_isolated() -> None:
    stage = ExtractStage()

    class Boom:
        name = "boom"

        def __call__(self, doc: Document) -> Document:
            if doc.source == "bad":
                raise ValueError("broken page")
            return doc

        def batch(self, docs: list[Document]) -> list[Document]:
            for d in docs:
                self(d)
            return docs

    stage.stages.insert(1, Boom())
    good, bad = Document(source="good", text=TEXT), Document(source="bad", text=TEXT)
    stage.batch([good, bad])
    assert good.error is None and good.entities
    assert bad.error is not None and "broken page" in bad.error and "boom" in bad.error


def test_stage_pickles_for_process_runners() -> None:
    stage = pickle.loads(pickle.dumps(ExtractStage()))
    doc = stage(Document(source="t", text="天津大学校长金东寒出席会议。"))
    assert any(m.name == "天津大学" for m in doc.entities)
