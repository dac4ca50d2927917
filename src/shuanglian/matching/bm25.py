"""BM25 over token lists as a sparse inverted index (term columns of a CSC matrix of precomputed weights).

Each column holds the postings of one term with its BM25 weight already folded in (idf · saturated tf ·
length norm), so a query is the sum of a few columns: time grows with the postings of the query terms,
not with the number of records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse


class BM25Index:
    """Okapi BM25 (k1, b) over documents given as token lists."""

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        tfs: list[float] = []
        lengths = np.zeros(len(docs), dtype=np.float32)
        for i, toks in enumerate(docs):
            lengths[i] = len(toks)
            for term, n_term in Counter(toks).items():
                j = self.vocab.setdefault(term, len(self.vocab))
                rows.append(i)
                cols.append(j)
                tfs.append(n_term)
        self.n = len(docs)
        r = np.asarray(rows, dtype=np.int32)
        c = np.asarray(cols, dtype=np.int32)
        tf = np.asarray(tfs, dtype=np.float32)
        df = np.bincount(c, minlength=len(self.vocab)).astype(np.float32)
        self.idf = np.log1p((self.n - df + 0.5) / (df + 0.5)).astype(np.float32)
        avgdl = float(lengths.mean()) if self.n else 1.0
        norm = self.k1 * (1 - self.b + self.b * lengths[r] / max(avgdl, 1e-9))
        w = self.idf[c] * tf * (self.k1 + 1) / (tf + norm)
        self.matrix = sparse.csc_matrix((w, (r, c)), shape=(self.n, len(self.vocab)), dtype=np.float32)

    def term_ids(self, toks: Sequence[str]) -> np.ndarray:
        """Vocabulary ids of the known query tokens (each once)."""
        return np.asarray(sorted({self.vocab[t] for t in toks if t in self.vocab}), dtype=np.int64)

    def scores(self, toks: Sequence[str]) -> np.ndarray:
        """BM25 score of every document for the query tokens (dense vector of length n)."""
        ids = self.term_ids(toks)
        if not len(ids) or not self.n:
            return np.zeros(self.n, dtype=np.float32)
        return np.asarray(self.matrix[:, ids].sum(axis=1)).ravel()

    def top(self, toks: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """(indices, scores) of the k best documents with a positive score, best first."""
        s = self.scores(toks)
        return top_k(s, k, positive=True)


def top_k(scores: np.ndarray, k: int, positive: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Indices and values of the k largest scores, best first (argpartition, not a full sort)."""
    if positive:
        nz = np.flatnonzero(scores > 0)
        if len(nz) <= k:
            order = nz[np.argsort(-scores[nz], kind="stable")]
            return order, scores[order]
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    part = np.argpartition(-scores, k - 1)[:k]
    order = part[np.argsort(-scores[part], kind="stable")]
    return order, scores[order]
