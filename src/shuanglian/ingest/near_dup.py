"""Near-duplicate detection: MinHash over character shingles of the cleaned text, with an LSH index.

Chinese has no spaces between words, so whitespace tokens would make every sentence one "word";
character n-grams of the text with whitespace and punctuation removed survive re-layout, a
different site's boilerplate (already removed by cleaning) and small edits.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
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


class NearDuplicateIndex:
    """An in-memory LSH index over stored documents; rebuilt from the database at each batch start."""

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
