"""Matching benchmark: quality of BM25, embeddings and the hybrid on the labelled real-text set, and speed.

Usage:
  python bench/matching.py                 # nDCG@10 / recall@10 per ranker, dev and holdout, both models
  python bench/matching.py --tune          # grid-search hybrid weights on dev only, then report holdout
  python bench/matching.py --scale 100000 --demands 10000   # index build + query latency at scale
Prints numbers; asserts nothing (speed and quality goals are read here, not in unit tests).
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import time
from pathlib import Path

import numpy as np

from shuanglian.matching.embed import MODELS, get_encoder
from shuanglian.matching.evaluate import embed_gold, load_gold, rankers, score
from shuanglian.matching.graph import shipped_placer
from shuanglian.matching.rank import DEFAULT_WEIGHTS, Index, Item

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "real"


def quality(models: list[str], tune: bool) -> None:
    """Print the three rankers side by side for each embedding model (dev / holdout / all)."""
    gold = load_gold()
    print(f"labelled set: {len(gold.demands)} demands ({sum(v == 'holdout' for v in gold.split.values())} holdout),"
          f" {len(gold.supply)} supply records, {sum(len(r) for r in gold.relevant.values())} positive labels")
    for name in models:
        enc = get_encoder(name)
        t0 = time.perf_counter()
        sv, qv = embed_gold(gold, enc)
        dt = time.perf_counter() - t0
        n = len(gold.supply) + len(gold.demands)
        print(f"\nmodel {name} ({MODELS[name]}, {enc.dim}-d): embedded {n} texts in {dt:.2f}s = {n / dt:.0f}/s")
        index = Index(gold.supply, sv, shipped_placer())
        weights = dict(DEFAULT_WEIGHTS)
        if tune:
            weights = tune_weights(gold, index, qv)
            print("  weights tuned on dev:", {k: round(v, 3) for k, v in weights.items()})
        rk = rankers(index, qv, weights)
        print(f"  {'ranker':<11} {'split':<8} {'n':>3} {'nDCG@10':>8} {'recall@10':>10}")
        for split in ("dev", "holdout", None):
            for rname, fn in rk.items():
                s = score(gold, fn, split)
                print(f"  {rname:<11} {split or 'all':<8} {s['n']:>3} {s['ndcg']:>8.3f} {s['recall']:>10.3f}")


def tune_weights(gold, index: Index, qv) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Small grid on the dev split only: BM25 vs dense balance and the link / region bonuses."""
    best, best_w = -1.0, dict(DEFAULT_WEIGHTS)
    for a, link, region in itertools.product((0.1, 0.2, 0.3, 0.4, 0.5), (0.0, 0.1, 0.2, 0.3, 0.4),
                                             (0.0, 0.03, 0.06)):
        w = {**DEFAULT_WEIGHTS, "bm25": a, "dense": 1 - a, "same_link": link, "same_region": region}
        s = score(gold, rankers(index, qv, w)["hybrid"], "dev")["ndcg"]
        if s > best + 1e-9:
            best, best_w = s, w
    return best_w


def real_sentences(limit: int) -> list[str]:
    """Clauses of the real reports (national + provincial), repeated with a suffix to reach `limit`."""
    import json
    import re

    out: list[str] = []
    nat = REAL / "national-reports-1954-2015.jsonl"
    files = sorted((REAL / "provincial-reports-2026").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    if nat.exists():
        texts += [json.loads(x)["text"] for x in nat.read_text(encoding="utf-8").splitlines() if x.strip()]
    for t in texts:
        out += [c for c in re.split(r"[。；！？\n]", t) if 8 <= len(c) <= 120]
    if not out:
        sys.exit(f"no real text under {REAL}")
    base = len(out)
    i = 0
    while len(out) < limit:  # more records than clauses: reuse clauses (tf/df shape stays realistic)
        out.append(out[i % base] + f" 编号{i}")
        i += 1
    return out[:limit]


def scale(n_supply: int, n_demands: int, dim: int, queries: int) -> None:
    """Index build time and per-demand latency with n_supply stored records and n_demands stored demands."""
    texts = real_sentences(n_supply + n_demands)
    rng = np.random.default_rng(7)
    # Stored embeddings are read, not computed, at query time: random unit vectors time the same.
    sv = rng.standard_normal((n_supply, dim)).astype(np.float32)
    sv /= np.linalg.norm(sv, axis=1, keepdims=True)
    placer = shipped_placer()
    t0 = time.perf_counter()
    items = [Item(f"s{i}", t, *placer.place(t).link, region="") for i, t in enumerate(texts[:n_supply])]
    t1 = time.perf_counter()
    index = Index(items, sv, placer)
    t2 = time.perf_counter()
    print(f"supply {n_supply}: chain placement {t1 - t0:.1f}s, index build (BM25 + matrix) {t2 - t1:.1f}s, "
          f"BM25 vocab {len(index.bm25.vocab)}, matrix {sv.nbytes / 2**20:.0f} MiB")
    dem = [Item(f"d{i}", t, *placer.place(t).link) for i, t in enumerate(texts[n_supply:n_supply + n_demands])]
    qv = rng.standard_normal((len(dem), dim)).astype(np.float32)
    qv /= np.linalg.norm(qv, axis=1, keepdims=True)
    lat = []
    for j in range(min(queries, len(dem))):
        t = time.perf_counter()
        index.match(dem[j], qv[j], 10)
        lat.append(time.perf_counter() - t)
    a = np.asarray(lat) * 1000
    print(f"one demand against {n_supply} supply, top-10 explained: p50 {np.percentile(a, 50):.1f} ms, "
          f"p95 {np.percentile(a, 95):.1f} ms, max {a.max():.1f} ms over {len(a)} demands")
    # The reverse question (which of the 10k demands fit this supply) on a demand index.
    t3 = time.perf_counter()
    dv = rng.standard_normal((len(dem), dim)).astype(np.float32)
    dv /= np.linalg.norm(dv, axis=1, keepdims=True)
    dindex = Index(dem, dv, placer)
    t4 = time.perf_counter()
    lat2 = []
    for j in range(min(queries, n_supply)):
        t = time.perf_counter()
        dindex.match(items[j], sv[j], 10)
        lat2.append(time.perf_counter() - t)
    b = np.asarray(lat2) * 1000
    print(f"demand index {len(dem)} built in {t4 - t3:.1f}s; one supply against {len(dem)} demands: "
          f"p50 {np.percentile(b, 50):.1f} ms, p95 {np.percentile(b, 95):.1f} ms")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def ann_recall(n: int, queries: int = 200) -> None:
    """IVF recall@10 against the exact scan on real clauses embedded with e5 (the model we ship)."""
    from shuanglian.matching.ann import IVFIndex
    from shuanglian.matching.bm25 import top_k

    texts = real_sentences(n + queries)
    enc = get_encoder("e5")
    t0 = time.perf_counter()
    pv = enc.passages(texts[queries:])
    qv = enc.queries(texts[:queries])
    t1 = time.perf_counter()
    ivf = IVFIndex(pv)
    hits = 0
    for q in qv:
        exact = set(top_k(pv @ q, 10)[0].tolist())
        hits += len(exact & set(ivf.search(q, 10)[0].tolist()))
    print(f"ANN: {n} real clauses embedded in {t1 - t0:.0f}s ({(n + queries) / (t1 - t0):.0f}/s); IVF {ivf.n_lists} "
          f"lists, probe {ivf.n_probe}: recall@10 vs exact scan {hits / (10 * len(qv)):.3f} over {len(qv)} queries")


def main() -> None:
    """Parse arguments and run the quality and/or scale benchmark."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default="e5,use", help="embedding models to compare (e5, use)")
    ap.add_argument("--tune", action="store_true", help="grid-search hybrid weights on the dev split")
    ap.add_argument("--scale", type=int, default=0, help="supply records for the speed test (0 = skip)")
    ap.add_argument("--demands", type=int, default=10000)
    ap.add_argument("--queries", type=int, default=200, help="demands timed one by one")
    ap.add_argument("--dim", type=int, default=384)
    ap.add_argument("--no-quality", action="store_true")
    ap.add_argument("--ann-recall", type=int, default=0, help="real clauses embedded to measure IVF recall (0 = skip)")
    args = ap.parse_args()
    if not args.no_quality:
        quality([m for m in args.models.split(",") if m], args.tune)
    if args.scale:
        scale(args.scale, args.demands, args.dim, args.queries)
    if args.ann_recall:
        ann_recall(args.ann_recall)


if __name__ == "__main__":
    main()
