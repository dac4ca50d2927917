"""ExtractStage: entities first (facts read them), then the facts stages when they are installed."""

from __future__ import annotations

import importlib
import logging
from typing import Any

from shuanglian.document import EXTRACTOR_KEY, EXTRACTOR_VERSION_KEY, Document
from shuanglian.extract.entities.stage import EntityStage

EXTRACTOR_NAME = "shuanglian.extract"
# Stored on every document and statement it produced: bump when extraction output changes.
EXTRACTOR_VERSION = "0.6"  # 0.6: places, industries, carrier kinds, tagger combination, figure years, projects of session 6 (issues 8, 9); 0.5: figures, projects, visits and register admission of session 5 (issue 9); 0.4: kind fund (issue 8)

log = logging.getLogger(__name__)
_FACT_STAGES = ("PolicyStage", "FigureStage", "EventStage", "ProjectStage")


def _fact_stages() -> list[Any]:
    """Instantiate the facts stages from `shuanglian.extract.facts` if that package provides them."""
    try:
        facts = importlib.import_module("shuanglian.extract.facts")
    except ImportError:
        log.debug("shuanglian.extract.facts not available; extracting entities only")
        return []
    return [getattr(facts, n)() for n in _FACT_STAGES if hasattr(facts, n)]


class ExtractStage:
    """The `extract` pipeline stage: EntityStage, then PolicyStage, FigureStage, EventStage, ProjectStage."""

    name = "extract"

    def __init__(self) -> None:
        self.stages: list[Any] = [EntityStage(), *_fact_stages()]
        self.version = EXTRACTOR_VERSION

    def __call__(self, doc: Document) -> Document:
        """Extract entities and facts of one document."""
        return self.batch([doc])[0]

    def batch(self, docs: list[Document]) -> list[Document]:
        """Extract a batch; a stage failing on one document marks that document and the rest go on."""
        for stage in self.stages:
            live = [d for d in docs if not d.error]
            batch_fn = getattr(stage, "batch", None)
            if batch_fn is not None:
                try:
                    batch_fn(live)
                    continue
                except Exception:  # noqa: BLE001 - retry one by one to isolate the bad document
                    log.debug("batch %s failed; retrying per document", stage.name, exc_info=True)
            for d in live:
                try:
                    stage(d)
                except Exception as exc:  # noqa: BLE001 - one bad page must not stop the batch
                    d.error = f"{stage.name}: {type(exc).__name__}: {exc}"
        for d in docs:
            # the store keeps the version in its own column and the name in meta; the graph puts both
            # on every statement of the document
            d.meta.setdefault(EXTRACTOR_KEY, EXTRACTOR_NAME)
            d.meta.setdefault(EXTRACTOR_VERSION_KEY, EXTRACTOR_VERSION)
        return docs
