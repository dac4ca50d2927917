"""Hybrid ranking: BM25 and dense candidates pooled, then scored with graph proximity by linear weights.

An `Index` is built once over the records of one side (supply, or demands for the reverse question):
a BM25 inverted index and a float32 matrix of stored unit embeddings. A query scores only the pooled
candidates (top-N of each signal), so it does not scan pairs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from shuanglian.matching.ann import IVFIndex
from shuanglian.matching.bm25 import BM25Index, top_k
from shuanglian.matching.graph import FEATURES, LinkPlacer, proximity
from shuanglian.matching.text import shared_spans, tokens

# Starting weights (chosen on the dev half of the labelled set, see bench/matching.py); feedback moves them.
DEFAULT_WEIGHTS: dict[str, float] = {
    "bm25": 0.2, "dense": 0.8, "same_link": 0.25, "adjacent_link": 0.05,
    "same_chain": 0.02, "same_region": 0.03, "co_mention": 0.1,
}  # fmt: skip
POOL = 100
ANN_FROM = 20000  # from this many records on, the dense side is searched through an IVF index


@dataclass
class Item:
    """What the index needs of one record: id, text, chain link, region, organisation entity, evidence."""

    id: str
    text: str
    chain_id: str | None = None
    link_id: str | None = None
    region: str = ""
    entity: str | None = None
    label: str = ""
    evidence: str = ""


@dataclass
class Match:
    """One ranked candidate with its features, score and a human explanation."""

    id: str
    score: float
    features: dict[str, float]
    explanation: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Plain-dict form."""
        return {"id": self.id, "score": round(self.score, 4), "features": self.features,
                "explanation": self.explanation}  # fmt: skip


class Index:
    """BM25 + embedding matrix over one side's items."""

    def __init__(self, items: Sequence[Item], vectors: np.ndarray | None, placer: LinkPlacer) -> None:
        self.items = list(items)
        self.pos = {it.id: i for i, it in enumerate(self.items)}
        self.bm25 = BM25Index([tokens(it.text) for it in self.items])
        self.vectors = None if vectors is None else np.ascontiguousarray(vectors, dtype=np.float32)
        if self.vectors is not None and len(self.vectors) != len(self.items):
            raise ValueError(f"{len(self.vectors)} vectors for {len(self.items)} items")
        self.placer = placer
        self.ann = IVFIndex(self.vectors) if self.vectors is not None and len(self.items) >= ANN_FROM else None

    def __len__(self) -> int:
        return len(self.items)

    def bm25_top(self, text: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """BM25 alone: (indices, scores)."""
        return self.bm25.top(tokens(text), k)

    def dense_top(self, qvec: np.ndarray | None, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Embeddings alone: (indices, cosines)."""
        if qvec is None or self.vectors is None or not len(self.items):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if self.ann is not None:
            return self.ann.search(qvec.astype(np.float32), k)
        return top_k(self.vectors @ qvec.astype(np.float32), k)

    def match(
        self,
        query: Item,
        qvec: np.ndarray | None,
        k: int = 10,
        weights: Mapping[str, float] | None = None,
        co_mentions: frozenset[tuple[str, str]] = frozenset(),
        explain: bool = True,
        pool: int = POOL,
        include: Sequence[int] = (),
    ) -> list[Match]:
        """Top-k items for the query: pooled candidates (plus the positions in `include`) scored by
        weights · features, explained."""
        w = {**DEFAULT_WEIGHTS, **(weights or {})}
        toks = tokens(query.text)
        all_bm = self.bm25.scores(toks)
        bi, bs = top_k(all_bm, pool, positive=True)
        di, ds = self.dense_top(qvec, pool)
        cand = np.union1d(np.union1d(bi, di), np.asarray(include, dtype=np.int64)).astype(np.int64)
        if not len(cand):
            return []
        bm = all_bm[cand]
        bmax = float(bs[0]) if len(bs) else 0.0
        bm_n = bm / bmax if bmax > 0 else np.zeros_like(bm)
        if self.vectors is not None and qvec is not None:
            cos = self.vectors[cand] @ qvec.astype(np.float32)
            lo, hi = float(ds[-1]) if len(ds) else 0.0, float(ds[0]) if len(ds) else 1.0
            dn = np.clip((cos - lo) / (hi - lo), 0.0, 1.0) if hi > lo else np.ones_like(cos)
        else:
            cos = dn = np.zeros(len(cand), dtype=np.float32)
        out: list[Match] = []
        for j, idx in enumerate(cand):
            it = self.items[idx]
            f = {"bm25": float(bm_n[j]), "dense": float(dn[j])}
            f.update(proximity(self.placer, (query.chain_id, query.link_id), (it.chain_id, it.link_id),
                               query.region, it.region, (query.entity, it.entity), co_mentions))
            score = sum(w.get(name, 0.0) * f[name] for name in FEATURES)
            out.append(Match(it.id, score, f, {"cosine": round(float(cos[j]), 4)}))
        out.sort(key=lambda m: -m.score)
        top = out[:k]
        if explain:
            for m in top:
                m.explanation.update(self.explain(query, self.items[self.pos[m.id]], m.features, w))
        return top

    def explain(self, query: Item, it: Item, f: Mapping[str, float], w: Mapping[str, float]) -> dict[str, Any]:
        """Why this pair ranks: shared terms, chain link relation, region, evidence, each signal's share."""
        rel = ("same_link" if f["same_link"] else "adjacent_link" if f["adjacent_link"]
               else "same_chain" if f["same_chain"] else None)  # fmt: skip
        return {
            "shared_terms": shared_spans(query.text, it.text),
            "link_relation": rel,
            "query_link": self.placer.link_name(query.chain_id, query.link_id),
            "item_link": self.placer.link_name(it.chain_id, it.link_id),
            "item_link_en": self.placer.link_name(it.chain_id, it.link_id, "en"),
            "same_region": bool(f["same_region"]),
            "co_mention": bool(f["co_mention"]),
            "evidence": it.evidence,
            "contributions": {k: round(w.get(k, 0.0) * v, 4) for k, v in f.items() if v},
        }

