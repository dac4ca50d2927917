"""Provisional cleaning core: keeps non-empty lines (replaced by the full rule set in the next commit)."""

from __future__ import annotations

from shuanglian.document import Document


def clean_document(doc: Document, site_memory: object | None = None) -> Document:
    """Fill `doc.text` from `doc.raw` (provisional: strips blank lines only)."""
    doc.text = "\n".join(line.strip() for line in doc.raw.splitlines() if line.strip())
    return doc
