"""Full ingest throughput per runner: pages/s for local, process and Ray with 1 and 2 workers.

    nice .venv/bin/python bench/ingest_runners.py [--pages 240] [--runs local,process:1,process:2,ray:1,ray:2]
                                                  [--batch-size 8] [--write-batch 96] [--ray-address ADDR]

Real text from ../shared/data/real/ (report windows and CCTV pages, as bench/ingest_growth.py), each run
into a fresh SQLite database: clean + extract in the workers, store + statements + projections in the
driver, writes of `--write-batch` pages per transaction. Start-up (loading the models in every worker, Ray
itself) is timed apart: a warm-up chunk goes through each runner before the clock starts, as a long
ingest pays it once. Prints pages/s, the speed-up over local and the ratio to LAC alone: LAC tagging the
same cleaned pages in one process in the same run (issue 11's throughput goal: full ingest >= 0.8x LAC
alone; bench/ingest_vs_lac.py compares the local runner by CPU time).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_growth import Varier, _people, _sources  # noqa: E402


def main() -> None:
    """Run each runner on the same pages and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=240)
    ap.add_argument("--runs", default="local,process:1,process:2,ray:1,ray:2")
    ap.add_argument("--batch-size", type=int, default=8, help="pages per worker chunk")
    ap.add_argument("--write-batch", type=int, default=96, help="pages per write transaction (driver)")
    ap.add_argument("--ray-address", default=None)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()

    from shuanglian.document import Document
    from shuanglian.pipeline.default import pipeline_factory
    from shuanglian.pipeline.runners import LocalRunner, ProcessPoolRunner, RayRunner
    from shuanglian.services.documents import ingest_documents

    # distinct, realistic pages: real sections with places, people, numbers and years varied (ingest_growth)
    base = _sources()
    varier = Varier(base, _people(base, args.seed), args.seed)
    texts = [varier.page(i) for i in range(args.pages)]
    chars = sum(len(t) for t in texts)
    factory = pipeline_factory(plain=True)
    print(f"{args.pages} real pages, {chars / args.pages:.0f} chars/page; chunks of {args.batch_size}, "
          f"writes of {args.write_batch}")  # fmt: skip
    # LAC alone on the cleaned pages (cleaning outside the clock), one process, the session the pipeline uses
    from shuanglian.clean.core import clean_document
    from shuanglian.extract.lac import get_lac

    cleaned = [clean_document(Document(source="lac", raw=t)).text or "" for t in texts]
    lac = get_lac()
    lac.run(cleaned[0])
    t0 = time.perf_counter()
    for t in cleaned:
        lac.run(t)
    lac_rate = len(cleaned) / (time.perf_counter() - t0)
    print(f"LAC alone: {lac_rate:.2f} pages/s (one process, wall)")
    print(f"{'runner':>10} {'workers':>7} {'start-up s':>10} {'pages/s':>8} {'x local':>8} {'x LAC':>6}")
    base = None
    for spec in args.runs.split(","):
        kind, _, n = spec.partition(":")
        workers = int(n or 1)
        t0 = time.perf_counter()
        window = args.write_batch // args.batch_size + 2 * workers  # workers keep going while the driver writes
        if kind == "local":
            runner = LocalRunner(factory, args.batch_size)
        elif kind == "process":
            runner = ProcessPoolRunner(factory, workers, args.batch_size, window)
        elif kind == "ray":
            runner = RayRunner(factory, args.batch_size, args.ray_address, workers, window)
            runner.start()
        else:
            sys.exit(f"unknown runner {kind!r}")
        if not isinstance(runner, ProcessPoolRunner):  # a process pool starts with each run: timed in
            list(runner.run([Document(source="warm", raw=texts[0])]))
        startup = time.perf_counter() - t0
        with tempfile.TemporaryDirectory(prefix="sl-runners-") as tmp:
            db = f"sqlite:///{Path(tmp) / 'runners.db'}"
            docs = [Document(source=f"bench://{kind}{workers}/{i}", raw=t) for i, t in enumerate(texts)]
            t1 = time.perf_counter()
            rep = ingest_documents(docs, db, runner, batch_size=args.batch_size, write_batch=args.write_batch)
            secs = time.perf_counter() - t1
        rate = rep.stored / secs
        base = base or rate
        print(f"{kind:>10} {workers:>7} {startup:>10.1f} {rate:>8.2f} {rate / base:>8.2f} {rate / lac_rate:>6.2f}   "
              f"(stored {rep.stored}, failed {len(rep.failed)})", flush=True)  # fmt: skip
        if isinstance(runner, RayRunner):
            import ray

            runner.close()
            ray.shutdown()


if __name__ == "__main__":
    main()
