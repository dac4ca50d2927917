"""Near-duplicate detection: MinHash over character shingles of the cleaned text, with an LSH index.

Chinese has no spaces between words, so whitespace tokens would make every sentence one "word";
character n-grams of the text with whitespace and punctuation removed survive re-layout, a
different site's boilerplate (already removed by cleaning) and small edits.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
# The hash scheme is stored implicitly with the values: signatures written by one scheme cannot be
# compared with another, so it is pinned here rather than left to the library default.
SCHEME = "affine32"
# Below this many shingles a text is too short for a meaningful Jaccard estimate (a title-only
# page would "match" every other page with the same headline).
MIN_SHINGLES = 20


def normalise_for_shingles(text: str) -> str:
    """Drop whitespace, punctuation and symbols and fold width/case, keeping letters and digits."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Character k-grams of the normalised text, UTF-8 encoded for hashing."""
    s = normalise_for_shingles(text)
    if len(s) < k:
        return {s.encode("utf-8")} if s else set()
    return {s[i : i + k].encode("utf-8") for i in range(len(s) - k + 1)}


@lru_cache(maxsize=1)
def _permutations() -> Any:
    """The (seeded, deterministic) permutations, generated once instead of per signature."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def signature(text: str) -> MinHash | None:
    """MinHash of the text's shingles, or None when the text is too short to compare."""
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations())
    m.update_batch(sh)
    return m


def from_values(values: Iterable[int]) -> MinHash:
    """Rebuild a MinHash from the hash values stored on a document row."""
    return MinHash(num_perm=NUM_PERM, hashvalues=list(values), scheme=SCHEME)


@dataclass
class Match:
    """The earlier document a new one copies, and the estimated Jaccard similarity."""

    doc_id: str
    similarity: float


@lru_cache(maxsize=8)
def band_ranges(threshold: float) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The band layout MinHashLSH picks for this threshold: its name ("<b>x<r>") and the hash-value ranges."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return f"{lsh.b}x{lsh.r}", tuple((int(a), int(b)) for a, b in lsh.hashranges)


def band_keys(values: Sequence[int], threshold: float) -> list[str]:
    """The band keys of a signature's hash values: two signatures share a key exactly when MinHashLSH puts
    them in one bucket of one band (a 128-bit digest of the band's values stands for the values)."""
    layout, ranges = band_ranges(threshold)
    out = []
    for i, (a, b) in enumerate(ranges):
        digest = hashlib.blake2b(",".join(str(int(v)) for v in values[a:b]).encode(), digest_size=16).hexdigest()
        out.append(f"{layout}:{i}:{digest}")
    return out


class NearDuplicateIndex:
    """An in-memory LSH index over documents (those of one ingest run, or a set a caller adds)."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, doc_id: str, sig: MinHash | None, copy_of: str | None = None) -> None:
        """Index a stored original; copies are not indexed, so later copies link to the first publication."""
        # Skipping copies also keeps a story reposted a thousand times one LSH candidate, not a thousand.
        if copy_of or sig is None or doc_id in self._sigs:
            return
        self._sigs[doc_id] = sig
        self._lsh.insert(doc_id, sig)

    def remove(self, doc_id: str) -> None:
        """Forget a document (its transaction was rolled back)."""
        if self._sigs.pop(doc_id, None) is not None:
            self._lsh.remove(doc_id)

    def find(self, sig: MinHash | None) -> Match | None:
        """The most similar indexed original at or above the threshold, if any."""
        if sig is None or not self._sigs:
            return None
        best: Match | None = None
        for cand in self._lsh.query(sig):
            # LSH only proposes candidates; confirm with the signature estimate.
            sim = float(sig.jaccard(self._sigs[cand]))
            if sim >= self.threshold and (
                best is None or sim > best.similarity or (sim == best.similarity and cand < best.doc_id)
            ):
                best = Match(cand, sim)
        return best


def band_rows(rows: Iterable[Any], threshold: float) -> list[dict[str, str]]:
    """DocumentBand rows of stored documents (objects with id, minhash, copy_of): originals with a signature."""
    return [{"key": k, "doc_id": r.id} for r in rows if r.minhash and not r.copy_of
            for k in band_keys(r.minhash, threshold)]  # fmt: skip


class StoredNearDuplicateIndex(NearDuplicateIndex):
    """The near-duplicate index of a database: the documents of this run in memory (a copy later in the same
    batch links to an earlier one before it is committed), the stored originals read by band key from
    `document_bands` (store.documents.DocumentBand) when a page is looked up, never loaded whole. Finds
    what NearDuplicateIndex finds with every stored original added."""

    def __init__(self, threshold: float, session_factory: Any) -> None:
        super().__init__(threshold)
        self._session = session_factory  # () -> context manager yielding a Session

    def find(self, sig: MinHash | None) -> Match | None:
        """The most similar original (stored or of this run) at or above the threshold, if any."""
        if sig is None:
            return None
        from sqlalchemy import select

        from shuanglian.store.documents import DocumentBand, DocumentRow

        cands = set(self._lsh.query(sig)) if self._sigs else set()
        keys = band_keys([int(v) for v in sig.hashvalues], self.threshold)
        with self._session() as s:
            stored = set(s.scalars(select(DocumentBand.doc_id).where(DocumentBand.key.in_(keys))))
            sigs = dict(self._sigs)
            todo = sorted(stored - set(sigs))
            if todo:
                q = select(DocumentRow.id, DocumentRow.minhash).where(DocumentRow.id.in_(todo))
                sigs.update({d: from_values(mh) for d, mh in s.execute(q) if mh})
        best: Match | None = None
        for cand in sorted((cands | stored) & set(sigs)):
            sim = float(sig.jaccard(sigs[cand]))
            if sim >= self.threshold and (
                best is None or sim > best.similarity or (sim == best.similarity and cand < best.doc_id)
            ):
                best = Match(cand, sim)
        return best


def recut_bands(session: Any, threshold: float, force: bool = False) -> int:
    """Cut every stored original's LSH bands again when they were cut for another threshold (a changed
    setting: the band layout follows it) or `force`; returns the documents indexed (0: nothing to do)."""
    from sqlalchemy import delete, insert, select

    from shuanglian.store.documents import DocumentBand, DocumentRow

    q = (select(DocumentRow.id, DocumentRow.minhash, DocumentRow.copy_of)
         .where(DocumentRow.copy_of.is_(None), DocumentRow.minhash.is_not(None)))  # fmt: skip
    key = session.scalar(select(DocumentBand.key).limit(1))
    if key is None:  # none cut yet (a database from before migration 0027_flat_document_bands)
        force = force or session.execute(q.limit(1)).first() is not None
    elif not key.startswith(band_ranges(threshold)[0] + ":"):
        force = True
    if not force:
        return 0
    session.execute(delete(DocumentBand))
    ids = list(session.scalars(select(DocumentRow.id).where(DocumentRow.copy_of.is_(None),
                                                            DocumentRow.minhash.is_not(None))))  # fmt: skip
    for i in range(0, len(ids), 1000):  # a thousand signatures at a time: a big database never in memory whole
        rows = band_rows(session.execute(q.where(DocumentRow.id.in_(ids[i : i + 1000]))), threshold)
        if rows:
            session.execute(insert(DocumentBand), rows)
    return len(ids)
