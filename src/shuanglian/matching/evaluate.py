"""Labelled-set evaluation of the rankers: nDCG@k and recall@k for BM25, embeddings and the hybrid."""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from shuanglian.matching.embed import Encoder
from shuanglian.matching.graph import LinkPlacer, shipped_placer
from shuanglian.matching.rank import DEFAULT_WEIGHTS, Index, Item

GOLD_DIR = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "matching_gold"


@dataclass
class GoldSet:
    """Supply items, demand items and graded relevance per demand, with the dev/holdout split."""

    supply: list[Item]
    demands: list[Item]
    relevant: dict[str, dict[str, int]]
    split: dict[str, str] = field(default_factory=dict)


def split_of(rec_id: str) -> str:
    """'holdout' iff crc32(id) % 3 == 0 (the project's convention), else 'dev'."""
    return "holdout" if zlib.crc32(rec_id.encode()) % 3 == 0 else "dev"


def load_gold(path: Path | None = None, placer: LinkPlacer | None = None) -> GoldSet:
    """Read gold.yaml; place every record on a chain link with the shipped templates."""
    p = path or GOLD_DIR / "gold.yaml"
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    pl = placer or shipped_placer()

    def item(r: dict[str, Any]) -> Item:
        place = pl.place(r["text"])
        return Item(r["id"], r["text"], place.chain_id, place.link_id, r.get("region", ""),
                    r.get("provider") or r.get("requester"), r.get("provider") or r.get("requester") or "",
                    r.get("source", ""))  # fmt: skip

    sup = [item(r) for r in data["supply"]]
    dem = [item(r) for r in data["demands"]]
    rel = {r["id"]: {k: int(v) for k, v in r["relevant"].items()} for r in data["demands"]}
    known = {s.id for s in sup}
    for did, labels in rel.items():
        bad = set(labels) - known
        if bad:
            raise ValueError(f"{p}: demand {did} labels unknown supply {sorted(bad)}")
    return GoldSet(sup, dem, rel, {d.id: split_of(d.id) for d in dem})


def ndcg_at(ranked: Sequence[str], rel: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k with gains 2^rel - 1."""
    dcg = sum((2 ** rel.get(r, 0) - 1) / math.log2(i + 2) for i, r in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at(ranked: Sequence[str], rel: Mapping[str, int], k: int = 10) -> float:
    """Share of the relevant (grade ≥ 1) records found in the top k."""
    wanted = {r for r, g in rel.items() if g > 0}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


Ranker = Callable[[Item], list[str]]


def rankers(index: Index, qvecs: Mapping[str, np.ndarray] | None, weights: Mapping[str, float] | None = None,
            k: int = 10) -> dict[str, Ranker]:
    """BM25 alone, embeddings alone and the hybrid, as functions demand -> ranked supply ids."""
    ids = [it.id for it in index.items]

    def bm25(d: Item) -> list[str]:
        return [ids[i] for i in index.bm25_top(d.text, k)[0]]

    def dense(d: Item) -> list[str]:
        return [ids[i] for i in index.dense_top(qvecs[d.id] if qvecs else None, k)[0]]

    def hybrid(d: Item) -> list[str]:
        return [m.id for m in index.match(d, qvecs[d.id] if qvecs else None, k, weights or DEFAULT_WEIGHTS,
                                          explain=False)]

    return {"bm25": bm25, "embeddings": dense, "hybrid": hybrid}


def score(gold: GoldSet, ranker: Ranker, split: str | None = None, k: int = 10) -> dict[str, float]:
    """Mean nDCG@k and recall@k over the demands of one split (None = all)."""
    ds = [d for d in gold.demands if split is None or gold.split[d.id] == split]
    nd = [ndcg_at(ranker(d), gold.relevant[d.id], k) for d in ds]
    rc = [recall_at(ranker(d), gold.relevant[d.id], k) for d in ds]
    return {"n": len(ds), "ndcg": float(np.mean(nd)) if nd else 0.0, "recall": float(np.mean(rc)) if rc else 0.0}


def embed_gold(gold: GoldSet, enc: Encoder) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Supply matrix and one query vector per demand."""
    sv = enc.passages([s.text for s in gold.supply])
    qv = enc.queries([d.text for d in gold.demands])
    return sv, {d.id: qv[i] for i, d in enumerate(gold.demands)}
