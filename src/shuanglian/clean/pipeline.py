"""The cleaning stages: `CleanStage` (article body, metadata, script, repairs) and `PlainStage` (verbatim)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shuanglian.clean.site_memory import SiteBoilerplate
from shuanglian.document import Document

if TYPE_CHECKING:
    from shuanglian.clean.html import HtmlParts
    from shuanglian.clean.lines import Line


class PlainStage:
    """For `extract --plain`: the input already is the text; nothing is dropped or rewritten."""

    name = "clean"

    def __call__(self, doc: Document) -> Document:
        """Copy `raw` to `text` verbatim so extraction spans index the input exactly."""
        doc.text = doc.raw
        return doc


class CleanStage:
    """Keep the article body of a noisy page (HTML or text dump) and fill metadata, flags and repairs."""

    name = "clean"

    def __init__(self, site_memory: SiteBoilerplate | None = None) -> None:
        self.site_memory = site_memory

    def __call__(self, doc: Document) -> Document:
        """Clean one document in place and return it."""
        from shuanglian.clean.core import clean_document

        return clean_document(doc, self.site_memory)

    def batch(self, docs: list[Document]) -> list[Document]:
        """Clean many documents; with site memory, every document's lines are counted first, so the
        first pages of a site benefit from what later pages show is boilerplate. A failing document
        gets `error` set and the others go on."""
        from shuanglian.clean.core import finish_document, observe_lines, prepare_document

        prepared: list[tuple[Document, HtmlParts | None, list[Line]]] = []
        for doc in docs:
            try:
                parts, lines = prepare_document(doc)
            except Exception as exc:  # noqa: BLE001 - one bad page must not stop the batch
                doc.error = f"{self.name}: {type(exc).__name__}: {exc}"
                continue
            if self.site_memory is not None:
                observe_lines(doc, lines, self.site_memory)
            prepared.append((doc, parts, lines))
        for doc, parts, lines in prepared:
            try:
                finish_document(doc, parts, lines, self.site_memory)
            except Exception as exc:  # noqa: BLE001
                doc.error = f"{self.name}: {type(exc).__name__}: {exc}"
        return docs
