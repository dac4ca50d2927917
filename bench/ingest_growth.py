"""Ingest cost as the database grows: per-page CPU time of the last N pages into databases of growing size.

    .venv/bin/python bench/ingest_growth.py [--sizes 0,1000,2000,4000] [--last 200] [--pool 240] [--db URL]
                                            [--warmup 32] [--breakdown]

Real text: ../shared/data/real/ (CCTV 新闻联播 pages and windows of the 2026 provincial government
reports), cut into a pool of page variants (different paragraph windows of each source). The pool is
cleaned and extracted once (that cost is printed per page: it does not depend on the database); the
database is then filled by cycling the pool, each page a new document (a repost line makes its content
unique), so hub entities (省份, 习近平, 国务院 …) gain members and statements with every page, as in a
real crawl. At each size the next `--last` pages are timed (store + graph statements + every
projection: resolution, chain placement, summaries, register index) and printed as ms per page, with
the ratio to the first size. Flat is the goal (issue 11: within 1.3x).

One-time costs (lexicons, pinyin tables, YAML, region parsers loaded on first use) are paid by
`--warmup` pages ingested into a throwaway database first, so the first size is not inflated by them.
`--breakdown` prints the CPU time of each projector per page at every size (what grows).
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"


def _sources() -> list[str]:
    """Texts of the real pages (CCTV bodies without the header line, report windows of ~40 lines)."""
    if not REAL.is_dir():
        sys.exit(f"{REAL}: real data missing (see ../shared/data/README.md)")
    out = []
    for p in sorted((REAL / "cctv-xwlb").glob("*.txt")):
        lines = p.read_text(encoding="utf-8").splitlines()
        out.append("\n".join(lines[1:]).strip())
    for p in sorted((REAL / "provincial-reports-2026").glob("*.txt")):
        lines = [ln for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        for i in range(0, len(lines), 40):
            out.append("\n".join(lines[i : i + 40]))
    return [t for t in out if len(t) > 200]


def _variants(texts: list[str], n: int, rng: random.Random) -> list[str]:
    """`n` page texts: a random window of paragraphs of a random source (real text, varied)."""
    out = []
    for _ in range(n):
        paras = [x for x in rng.choice(texts).splitlines() if x.strip()]
        k = max(1, min(len(paras), rng.randint(4, 12)))
        start = rng.randrange(0, max(1, len(paras) - k + 1))
        out.append("\n".join(paras[start : start + k]))
    return out


def main() -> None:
    """Build the pool, grow the database, print ms per page at each size."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0,1000,2000,4000", help="stored pages before each timed run")
    ap.add_argument("--last", type=int, default=200, help="pages timed at each size")
    ap.add_argument("--pool", type=int, default=240, help="distinct page variants extracted once")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--warmup", type=int, default=32, help="pages ingested into a throwaway database first")
    ap.add_argument("--breakdown", action="store_true", help="CPU ms per page of each projector")
    args = ap.parse_args()
    sizes = sorted(int(x) for x in args.sizes.split(","))

    from shuanglian.document import Document
    from shuanglian.pipeline.default import pipeline_factory
    from shuanglian.services.documents import ingest_documents
    from shuanglian.store.db import init_db

    rng = random.Random(args.seed)
    texts = _variants(_sources(), args.pool, rng)
    pipe = pipeline_factory(plain=True)()
    t0 = time.process_time()
    pool = [d for d in pipe.batch(Document(source=f"real-variant-{i}", raw=t) for i, t in enumerate(texts)) if not d.error]
    extract_ms = (time.process_time() - t0) * 1000 / len(pool)
    chars = sum(len(d.text) for d in pool) / len(pool)
    print(f"pool: {len(pool)} real page variants, {chars:.0f} chars/page; clean+extract {extract_ms:.1f} ms CPU/page")

    tmp = tempfile.TemporaryDirectory(prefix="sl-growth-")
    db = args.db or f"sqlite:///{Path(tmp.name) / 'growth.db'}"
    init_db(db)
    counter = 0
    per = _projector_clock()

    def pages(n: int) -> list[Document]:
        nonlocal counter
        out = []
        for _ in range(n):
            d = copy.deepcopy(pool[counter % len(pool)])
            # a repost: same article, its own content (a new document, not an exact duplicate)
            d.raw = f"{d.raw}\n（转载 {counter}）"
            d.source = f"growth://{counter}"
            counter += 1
            out.append(d)
        return out

    if args.warmup:
        warm = f"sqlite:///{Path(tmp.name) / 'warmup.db'}"
        init_db(warm)
        ingest_documents(pages(args.warmup), warm, processed=True, batch_size=args.batch_size)
        counter = 0  # the measured database gets the same pages from the start
    stored = 0
    base = None
    print(f"{'stored pages':>12} {'ms CPU/page':>12} {'wall ms/page':>12} {'x first':>8}")
    for size in sizes:
        while stored < size:
            step = min(500, size - stored)
            ingest_documents(pages(step), db, processed=True, batch_size=args.batch_size)
            stored += step
        batch = pages(args.last)
        per.clear()
        c0, w0 = time.process_time(), time.perf_counter()
        rep = ingest_documents(batch, db, processed=True, batch_size=args.batch_size)
        cpu = (time.process_time() - c0) * 1000 / args.last
        wall = (time.perf_counter() - w0) * 1000 / args.last
        stored += args.last
        base = base or cpu
        print(f"{size:>12} {cpu:>12.1f} {wall:>12.1f} {cpu / base:>8.2f}   (stored {rep.stored}, failed {len(rep.failed)})",
              flush=True)  # fmt: skip
        if args.breakdown:
            top = sorted(per.items(), key=lambda kv: -kv[1])
            print("             " + "  ".join(f"{k} {v * 1000 / args.last:.1f}" for k, v in top if v * 1000 / args.last >= 0.5))
    print(f"full ingest per page at the last size ≈ {extract_ms:.1f} (extract) + {cpu:.1f} (store+graph) ms CPU")
    tmp.cleanup()


def _projector_clock() -> dict[str, float]:
    """Wrap every registered projector's update to add its CPU seconds to the returned dict."""
    import shuanglian.services  # noqa: F401 - registers the services' projectors
    from shuanglian.projections import projectors

    per: dict[str, float] = {}
    for p in projectors():
        def timed(session: Any, changed: Any, _update: Any = p.update, _name: str = p.name) -> Any:
            t = time.process_time()
            try:
                return _update(session, changed)
            finally:
                per[_name] = per.get(_name, 0.0) + time.process_time() - t

        p.update = timed  # type: ignore[method-assign]
    return per


if __name__ == "__main__":
    main()
