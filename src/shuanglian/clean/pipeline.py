"""The cleaning stages: `CleanStage` (article body, metadata, script, repairs) and `PlainStage` (verbatim)."""

from __future__ import annotations

from shuanglian.clean.site_memory import SiteBoilerplate
from shuanglian.document import Document


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
