"""`rebuild` after ingest changes nothing: ingest generated pages, then recompute every projection from
the statements and print what changed (issue 10).

    .venv/bin/python bench/rebuild_equals.py [--pages 1000] [--batch-size 48] [--db URL] [--seed 7]

Pages: bench/ingest_speed.py's generator (the team's own pages shuffled, spliced, re-dated, wrapped in
several sites' boilerplate: distinct articles, reposts and exact repeats), ingested with real cleaning
and extraction in batches as `shuanglian ingest` does, then the sample register imports. The snapshot of
every projection table (tests/projections/snapshot.py: canonical entities, members, keys, register
index and sort keys, entity chains, place hierarchy, region scope, projects, targets with their actuals and
outcome links, derived statements, search
index) is taken, `rebuild_all` runs, and the snapshot is taken again. Prints per table the row count and
the rows only the incremental state has / only the rebuild has; exits 1 when anything changed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]


def main() -> int:
    """Generate, ingest, snapshot, rebuild, compare; print the differences."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--batch-size", type=int, default=48)
    ap.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    from tests.projections.snapshot import diff, snapshot

    from ingest_speed import generate  # bench/ingest_speed.py
    from shuanglian.projections import rebuild_all
    from shuanglian.samples import samples_dir
    from shuanglian.services.documents import ingest_paths
    from shuanglian.services.registers import import_register
    from shuanglian.store.db import init_db, session_scope

    with tempfile.TemporaryDirectory(prefix="sl-rebuild-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        n, size = generate(corpus, args.pages, args.seed)
        db = args.db or f"sqlite:///{Path(tmp) / 'rebuild.db'}"
        init_db(db)
        t0 = time.perf_counter()
        report = ingest_paths([corpus], db, batch_size=args.batch_size)
        ingest_s = time.perf_counter() - t0
        print(f"generated {n} pages ({size / 1e6:.1f} MB); ingested in {ingest_s:.0f}s: stored {report.stored} "
              f"(copies {report.copies}), duplicates {report.duplicates}, failed {len(report.failed)}")  # fmt: skip
        with session_scope(db) as s:
            for name in ("enterprises", "projects", "resources"):
                path = samples_dir() / "registers" / f"{name}.csv"
                if path.exists():
                    r = import_register(s, name, path.read_bytes(), "csv", "bench")
                    print(f"register import {name}: {r.rows_ok} rows")
        with session_scope(db) as s:
            before = snapshot(s)
            t1 = time.perf_counter()
            per = rebuild_all(s)
            rebuild_s = time.perf_counter() - t1
            after = snapshot(s)
            s.rollback()  # measuring only: the database keeps its incremental state
        changed = diff(before, after)
        print(f"rebuild_all: {rebuild_s:.1f}s ({', '.join(f'{k} {v:.1f}s' for k, v in per.items())})")
        print(f"{'table':<26}{'rows':>8}{'incremental only':>18}{'rebuild only':>14}")
        for table in sorted(before):
            a, b = changed.get(table, {}).get("counts", (0, 0))
            print(f"{table:<26}{len(before[table]):>8}{a:>18}{b:>14}")
        for table, d in changed.items():
            print(f"\n{table}: first rows only in the incremental state: {d['incremental_only']}")
            print(f"{table}: first rows only in the rebuild: {d['rebuild_only']}")
        total = sum(sum(d["counts"]) for d in changed.values())
        print(f"\nchanged rows: {total}" + ("" if total else " (rebuild after ingest changes nothing)"))
        return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
