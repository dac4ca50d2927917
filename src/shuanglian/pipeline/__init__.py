"""Stage contract and pipeline composition: every stage takes a Document and returns it enriched."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, runtime_checkable

from shuanglian.document import Document


@runtime_checkable
class Stage(Protocol):
    """A pipeline step (spaCy-component style): Document in, the same Document enriched out."""

    name: str

    def __call__(self, doc: Document) -> Document: ...


class FunctionStage:
    """Wrap a plain function `Document -> Document` as a named stage."""

    def __init__(self, name: str, fn: Callable[[Document], Document]) -> None:
        self.name = name
        self.fn = fn

    def __call__(self, doc: Document) -> Document:
        return self.fn(doc)


class Pipeline:
    """An ordered list of stages; a failing stage marks the document with an error instead of raising."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = list(stages)

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            if doc.error:
                break
            try:
                doc = stage(doc)
            except Exception as exc:  # noqa: BLE001 - one bad page must not stop the batch
                doc.error = f"{stage.name}: {type(exc).__name__}: {exc}"
        return doc

    def batch(self, docs: Iterable[Document]) -> list[Document]:
        """Run stages batch-wise where a stage offers `batch` (e.g. NER), else one by one."""
        items = list(docs)
        for stage in self.stages:
            live = [d for d in items if not d.error]
            batch_fn = getattr(stage, "batch", None)
            if batch_fn is not None:
                try:
                    batch_fn(live)
                    continue
                except Exception:  # noqa: BLE001 - fall back to per-document to isolate the bad one
                    pass
            for d in live:
                try:
                    stage(d)
                except Exception as exc:  # noqa: BLE001
                    d.error = f"{stage.name}: {type(exc).__name__}: {exc}"
        return items
