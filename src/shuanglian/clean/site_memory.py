"""Lines that repeat across documents of the same site are boilerplate (menus, slogans, footers)."""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from urllib.parse import urlparse

from shuanglian.document import Document

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def normalise_for_memory(line: str) -> str:
    """Normalise a line so trivially varying copies (dates, counters, spacing) compare equal."""
    return _DIGITS.sub("0", _SPACE.sub("", line))


def site_key(doc: Document) -> str | None:
    """Which site a document comes from: URL host, else an explicit meta 'site', else its media name."""
    if doc.url:
        host = urlparse(doc.url).hostname
        if host:
            return host.removeprefix("www.")
    site = doc.meta.get("site")
    if isinstance(site, str) and site:
        return site
    return doc.media or None


class SiteBoilerplate:
    """Counts normalised lines per site; a line seen in >= `min_docs` documents of a site is boilerplate."""

    def __init__(self, min_docs: int = 3, max_line_len: int = 200) -> None:
        self.min_docs = min_docs
        # Long paragraphs are article text even when a site reposts them; only short lines count.
        self.max_line_len = max_line_len
        self._counts: dict[str, Counter[str]] = defaultdict(Counter)
        self._seen_docs: dict[str, set[str]] = defaultdict(set)
        self._lock = threading.Lock()

    def observe(self, key: str, doc_id: str, lines: list[str]) -> None:
        """Count each distinct line of one document once (idempotent per document id)."""
        with self._lock:
            if doc_id in self._seen_docs[key]:
                return
            self._seen_docs[key].add(doc_id)
            norm = {normalise_for_memory(x) for x in lines if 0 < len(x) <= self.max_line_len}
            self._counts[key].update(norm)

    def is_repeated(self, key: str, line: str) -> bool:
        """True when the line appeared in at least `min_docs` documents of this site."""
        if len(line) > self.max_line_len:
            return False
        return self._counts[key][normalise_for_memory(line)] >= self.min_docs

    def documents(self, key: str) -> int:
        """How many documents of this site were observed."""
        return len(self._seen_docs[key])
