"""Full ingest against LAC alone on the same real text: CPU chars/s of both in one run (issue 11's goal >= 0.8x).

    .venv/bin/python bench/ingest_vs_lac.py [--pages 240] [--chunk 40] [--db URL] [--write-batch 40]

Real text from ../shared/data/real/ (CCTV pages and windows of the 2026 provincial reports, as
bench/ingest_growth.py). Each chunk of pages is first tokenised by LAC alone (`get_lac().run` on each cleaned
text, the session the pipeline uses) and then ingested in full — clean, extract, store, graph statements and
every projection — into one database that starts empty (a temporary SQLite file unless `--db`); the two
alternate chunk by chunk so they see the same machine load. CPU time is what the code costs (the box may be
shared); wall time is printed beside it. Models and one-time tables are loaded by a warm-up into a throwaway
database before the clock starts, as a long ingest pays them once.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_growth import Varier, _people, _sources  # noqa: E402


def main() -> None:
    """Alternate LAC alone and full ingest chunk by chunk; print chars/s and the ratio."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=240)
    ap.add_argument("--chunk", type=int, default=40, help="pages per alternation step")
    ap.add_argument("--write-batch", type=int, default=40, help="pages per write transaction")
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file); must start empty")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()

    from shuanglian.clean.core import clean_document
    from shuanglian.document import Document
    from shuanglian.extract.lac import get_lac
    from shuanglian.services.documents import ingest_documents
    from shuanglian.store.db import init_db

    # distinct, realistic pages: real sections with places, people, numbers and years varied (ingest_growth)
    base = _sources()
    varier = Varier(base, _people(base, args.seed), args.seed)
    texts = [varier.page(i) for i in range(args.pages)]
    tmp = tempfile.TemporaryDirectory(prefix="sl-vslac-")
    warm = f"sqlite:///{Path(tmp.name) / 'warm.db'}"
    init_db(warm)
    ingest_documents([Document(source=f"warm://{i}", raw=t) for i, t in enumerate(texts[:16])], warm)
    lac = get_lac()
    db = args.db or f"sqlite:///{Path(tmp.name) / 'ingest.db'}"
    init_db(db)

    cpu = {"lac": 0.0, "ingest": 0.0}
    wall = {"lac": 0.0, "ingest": 0.0}
    chars = stored = failed = 0
    for k in range(0, len(texts), args.chunk):
        part = texts[k : k + args.chunk]
        # LAC reads the cleaned text; cleaning is charged to ingest (cleaned here again, outside the clock)
        cleaned = [clean_document(Document(source="lac", raw=t)).text or "" for t in part]
        chars += sum(len(t) for t in cleaned)
        w0, c0 = time.perf_counter(), time.process_time()
        for t in cleaned:
            lac.run(t)
        cpu["lac"] += time.process_time() - c0
        wall["lac"] += time.perf_counter() - w0
        docs = [Document(source=f"vslac://{k + i}", raw=t) for i, t in enumerate(part)]
        w0, c0 = time.perf_counter(), time.process_time()
        rep = ingest_documents(docs, db, write_batch=args.write_batch)
        cpu["ingest"] += time.process_time() - c0
        wall["ingest"] += time.perf_counter() - w0
        stored += rep.stored
        failed += len(rep.failed)
        print(f"  {k + len(part):>5} pages: LAC {chars / cpu['lac']:8.0f} chars/CPU-s, ingest "
              f"{chars / cpu['ingest']:8.0f}, ratio {cpu['lac'] / cpu['ingest']:.2f}", flush=True)  # fmt: skip
    n = len(texts)
    print(f"pages {n} (stored {stored}, failed {failed}), {chars / n:.0f} cleaned chars/page")
    for label, key in (("LAC alone  ", "lac"), ("full ingest", "ingest")):
        print(f"{label}: {chars / cpu[key]:9.0f} chars/s per CPU second, {n / cpu[key]:6.2f} pages/CPU-s"
              f"  | wall {chars / wall[key]:9.0f} chars/s")  # fmt: skip
    print(f"ratio full ingest / LAC alone: {cpu['lac'] / cpu['ingest']:.2f} by CPU time, "
          f"{wall['lac'] / wall['ingest']:.2f} by wall time (goal >= 0.8)")  # fmt: skip
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    tmp.cleanup()


if __name__ == "__main__":
    main()
