"""Ingest cost as the database grows: per-page CPU time of the last N pages into databases of growing size.

    .venv/bin/python bench/ingest_growth.py [--sizes 0,4000,16000] [--last 200] [--db URL]
                                            [--warmup 32] [--breakdown] [--no-cache] [--profile FILE]
                                            [--seed-mode deferred|incremental] [--check-seed N]
                                            [--cache-dir DIR] [--trust-seed]

Real text from ../shared/data/real/: CCTV 新闻联播 items, the 2026 provincial government reports and
the national reports 1954-2015, each split into sections (top-level headings 一、二、…, long sections
cut at (一)(二)… or paragraph boundaries into pages of ~600-3,500 characters). Page i of the stream
is one base section repeated WITH VARIATION, drawn from its own random generator (seed, i), so the
stream is the same on every run and every page is distinct yet realistic:
- places of the division dataset named in it are swapped (about half of them, consistently within the
  page) for other places of the same level (province for province, city for city, county for county;
  full names for full names, short names for short names),
- person names the extractor found in the base pool are swapped for other pool names or recombined
  surname + given name,
- numbers are scaled by 0.7-1.3 (same number of decimals), years shifted by -3..+3,
- a random run of paragraphs is kept (at least 60%) and some neighbouring paragraphs are swapped.
A page repeating one made before in the same run is drawn again (each page's text is distinct). Hub entities (国务院, 习近平, provinces …)
still gain statements with most pages, as in a real crawl, while places and people grow a long tail.

Seeding: the database of each size is filled once and cached as a SQLite file under /tmp/sl-growth-cache
keyed by seed and size; the next size starts from a copy of the largest smaller cached one (a copy is
brought to the migration head before it is timed; after a change of what ingest stores, pass --no-cache
or empty the folder). Pages are extracted by `--seed-workers` processes (default 2, the same `_extract`)
while the driver writes. `--seed-mode deferred` (default) writes documents and statements with the
projections deferred (`projections.deferred()`) and runs one `rebuild_all` at each cached size (then
merges every placeable entity's context claims, `chains.placement.warm_claims`, a memo incremental ingest
fills as it goes and a rebuild empties, so the timed pages do not pay each hub's first merge): valid
because every projector's incremental update equals its rebuild (tests/projections,
bench/rebuild_equals.py), and checked on this stream by `--check-seed N` (N pages seeded both ways with
the same clock, every projection table compared; 300 pages: 0 rows differ, besides the placements
incremental ingest retracted, kept as history). `--seed-mode incremental` projects every batch of
`--seed-batch` pages as `shuanglian ingest` does (~7 min per 1,000 pages at 4k stored). Timed pages are
extracted once and cached too (pickled), so reruns only pay the timed ingest. At each size the next
`--last` pages of the stream are ingested (processed: store + graph statements + every projection) into
a copy of the cached database and printed as ms CPU per page, with the ratio to the first size. Flat is
the goal (issue 11: within 1.3x). `--cache-dir` moves the cache (default /tmp/sl-growth-cache).
`--trust-seed` records every projection of each timed copy as built by the installed rules (projection_state)
when the seed was built by other code: for timing a change that keeps every projection's output equal
(checked apart, bench/rebuild_equals.py and an old/new table dump), which would otherwise rebuild every
projection in the first timed batch. `--breakdown` prints the CPU ms per page of each projector and of the
rest (store + graph write); `--profile FILE` writes a cProfile of the timed pages at each size
(FILE.<size>). `--rounds R` repeats the timed ingest R times into fresh copies and prints medians.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import hashlib
import json
import pickle
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"
CACHE = Path(tempfile.gettempdir()) / "sl-growth-cache"
VERSION = "v2"  # bump when the page stream changes (cached databases are keyed by it)

_HEAD1 = re.compile(r"^[一二三四五六七八九十]+、")
_HEAD2 = re.compile(r"^（[一二三四五六七八九十]+）")
_NUM = re.compile(r"(?<![\d.])(\d+)(\.\d+)?(?![\d.])")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?=年)")
MIN_CHARS, MAX_CHARS = 600, 3500


def _sections(lines: list[str]) -> list[str]:
    """Pages of one report: its top-level sections, long ones cut at (一)… or paragraphs."""
    sects: list[list[str]] = [[]]
    for ln in lines:
        if _HEAD1.match(ln) and sects[-1]:
            sects.append([])
        sects[-1].append(ln)
    out: list[str] = []
    for sect in sects:
        cur: list[str] = []
        for ln in sect:
            size = sum(len(x) for x in cur)
            if cur and (size + len(ln) > MAX_CHARS or (_HEAD2.match(ln) and size >= MIN_CHARS)):
                out.append("\n".join(cur))
                cur = []
            cur.append(ln)
        if cur:
            out.append("\n".join(cur))
    return [t for t in out if len(t) >= MIN_CHARS // 3]


def _sources() -> list[str]:
    """Base pages: CCTV items (text without the header line), provincial and national report sections."""
    if not REAL.is_dir():
        sys.exit(f"{REAL}: real data missing (see ../shared/data/README.md)")
    out = []
    for p in sorted((REAL / "cctv-xwlb").glob("*.txt")):
        lines = p.read_text(encoding="utf-8").splitlines()
        out.append("\n".join(ln for ln in lines[1:] if ln.strip()))
    for p in sorted((REAL / "provincial-reports-2026").glob("*.txt")):
        lines = [ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
        out.extend(_sections(lines))
    with (REAL / "national-reports-1954-2015.jsonl").open(encoding="utf-8") as f:
        for row in f:
            text = json.loads(row)["text"]
            out.extend(_sections([ln.strip() for ln in text.splitlines() if ln.strip()]))
    return [t for t in out if len(t) > 200]


class Varier:
    """Makes page i of the stream: a base section with its places, people, numbers, years and
    paragraph order varied (deterministic in (seed, i))."""

    def __init__(self, base: list[str], people: list[str], seed: int) -> None:
        import ahocorasick

        from shuanglian.jio import jionlp, quiet

        self.base, self.seed = base, seed
        parser = jionlp().parse_location
        if getattr(parser, "administrative_map_list", None) is None:
            quiet(parser._prepare)
        # same-level groups: (level, full|short) -> names; a name's group decides what it may become
        groups: dict[tuple[int, int], set[str]] = {}
        for item in parser.administrative_map_list:
            for level in (1, 2, 3):
                full, short = item[level]
                if not full or (level == 2 and full == item[1][0]):
                    continue  # a municipality's city row repeats the province
                groups.setdefault((level, 0), set()).add(full)
                if short and len(short) >= 2 and level < 3:  # counties' short names are common words
                    groups.setdefault((level, 1), set()).add(short)
        self.group_of: dict[str, tuple[int, int]] = {}
        for key in sorted(groups):
            for name in groups[key]:
                self.group_of.setdefault(name, key)
        self.groups = {k: sorted(v) for k, v in groups.items()}
        self.places = ahocorasick.Automaton()
        for name in self.group_of:
            self.places.add_word(name, name)
        self.places.make_automaton()
        self.people = sorted(set(people))
        self.people_auto = ahocorasick.Automaton()
        for name in self.people:
            self.people_auto.add_word(name, name)
        if self.people:
            self.people_auto.make_automaton()
        self.surnames = sorted({p[0] for p in self.people})
        self.given = sorted({p[1:] for p in self.people if 2 <= len(p) <= 3})
        self.seen: set[str] = set()
        self.made: dict[int, str] = {}

    def _swap(self, text: str, auto: Any, pick: Callable[[str], str], rng: random.Random) -> str:
        """Replace about half of the names `auto` finds (longest first, non-overlapping, the same name
        the same way within the page) by pick(name)."""
        hits = sorted(((end - len(n) + 1, end + 1, n) for end, n in auto.iter(text)), key=lambda h: (h[0], -h[1]))
        mapping: dict[str, str] = {}
        out, at = [], 0
        for start, end, name in hits:
            if start < at:
                continue
            if name not in mapping:
                mapping[name] = pick(name) if rng.random() < 0.5 else name
            out.append(text[at:start])
            out.append(mapping[name])
            at = end
        out.append(text[at:])
        return "".join(out)

    def _place(self, rng: random.Random) -> Callable[[str], str]:
        return lambda name: rng.choice(self.groups[self.group_of[name]])

    def _person(self, rng: random.Random) -> Callable[[str], str]:
        def pick(name: str) -> str:
            if rng.random() < 0.5 or not self.given:
                return rng.choice(self.people)
            return rng.choice(self.surnames) + rng.choice(self.given)

        return pick

    def page(self, i: int) -> str:
        """Text of page i (a rare repeat of a page this Varier made before is drawn again; asked again
        for page i, the same text)."""
        if i in self.made:
            return self.made[i]
        for attempt in range(20):
            text = self._make(random.Random(f"{self.seed}:{i}:{attempt}"))
            digest = hashlib.sha1(text.encode()).hexdigest()
            if digest not in self.seen:
                self.seen.add(digest)
                self.made[i] = text
                return text
        raise RuntimeError(f"page {i}: no distinct variant")

    def _make(self, rng: random.Random) -> str:
        """One variant of a random base page."""
        paras = rng.choice(self.base).splitlines()
        k = max(1, min(len(paras), rng.randint(max(1, int(len(paras) * 0.6)), len(paras))))
        start = rng.randrange(0, len(paras) - k + 1)
        paras = paras[start : start + k]
        for _ in range(len(paras) // 4):
            j = rng.randrange(1, len(paras))
            paras[j - 1], paras[j] = paras[j], paras[j - 1]
        text = "\n".join(paras)
        text = self._swap(text, self.places, self._place(rng), rng)
        if self.people:
            text = self._swap(text, self.people_auto, self._person(rng), rng)
        shift = rng.randint(-3, 3)
        text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
        return _NUM.sub(lambda m: _scale(m, rng), text)


def _scale(m: re.Match[str], rng: random.Random) -> str:
    """A number scaled by 0.7-1.3 with as many decimals; years (4 digits 19xx/20xx) and 1-digit numbers kept."""
    whole, frac = m.group(1), m.group(2) or ""
    if (len(whole) == 4 and whole[:2] in ("19", "20")) or (len(whole) == 1 and not frac):
        return m.group(0)
    value = float(whole + frac) * rng.uniform(0.7, 1.3)
    return f"{value:.{len(frac) - 1}f}" if frac else str(max(1, round(value)))


_PIPE: Any = None


def _extract(texts: list[tuple[int, str]]) -> list[Any]:
    """Clean and extract pages (the normal pipeline, built once per process); failed pages are dropped."""
    global _PIPE
    from shuanglian.document import Document
    from shuanglian.pipeline.default import pipeline_factory

    if _PIPE is None:
        _PIPE = pipeline_factory(plain=True)()
    docs = (Document(source=f"growth://{i}", raw=t) for i, t in texts)
    return [d for d in _PIPE.batch(docs) if not d.error]


def _extracted(stream: Stream, start: int, n: int, workers: int) -> Iterator[list[Any]]:
    """Pages start..start+n-1 extracted in chunks of 24, in order; with workers > 1 by that many
    processes (the same `_extract`), so extraction overlaps the driver's writes."""
    chunks = [(a, min(24, start + n - a)) for a in range(start, start + n, 24)]
    if workers <= 1:
        for a, k in chunks:
            yield _extract(stream.texts(a, k))
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        futures: list[Any] = []
        for a, k in chunks:
            futures.append(pool.submit(_extract, stream.texts(a, k)))  # texts made in order (Varier.seen)
            if len(futures) > 2 * workers:
                yield futures.pop(0).result()
        for f in futures:
            yield f.result()


def _people(base: list[str], seed: int) -> list[str]:
    """Person names the extractor finds in every third base page (cached)."""
    path = CACHE / f"{VERSION}-people-{hashlib.sha1(''.join(base).encode()).hexdigest()[:12]}.json"
    if path.exists():
        return list(json.loads(path.read_text(encoding="utf-8")))
    names = sorted({m.name for d in _extract(list(enumerate(base[::3]))) for m in d.entities
                    if m.kind == "person" and 2 <= len(m.name) <= 4})  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)  # bench/ingest_vs_lac.py calls this without main()'s mkdir
    path.write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
    return names


class Stream:
    """Pages of the stream, extracted (cached per range under CACHE)."""

    def __init__(self, varier: Varier, seed: int, cache: bool) -> None:
        self.varier, self.seed, self.cache = varier, seed, cache

    def texts(self, start: int, n: int) -> list[tuple[int, str]]:
        return [(i, self.varier.page(i)) for i in range(start, start + n)]

    def docs(self, start: int, n: int) -> list[Any]:
        path = CACHE / f"{VERSION}-s{self.seed}-docs-{start}-{n}.pkl"
        if self.cache and path.exists():
            docs: list[Any] = pickle.loads(path.read_bytes())
            return docs
        docs = _extract(self.texts(start, n))
        if self.cache:
            path.write_bytes(pickle.dumps(docs))
        return docs


def _settle(path: Path) -> None:
    """Checkpoint a SQLite file's write-ahead log into it, so a plain copy of the file holds everything."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def _seed_db(stream: Stream, size: int, args: argparse.Namespace) -> Path:
    """A SQLite file holding pages 0..size-1 of the stream (cached; grown from the largest smaller one)."""
    from shuanglian.store.db import init_db

    def name(n: int) -> Path:
        return CACHE / f"{VERSION}-s{args.seed}-{n}.db"

    target = name(size)
    if args.cache and target.exists():
        return target
    cached = (int(m.group(1)) for p in CACHE.glob(f"{VERSION}-s{args.seed}-*.db")
              if (m := re.fullmatch(rf"{VERSION}-s{args.seed}-(\d+)\.db", p.name)))  # fmt: skip
    have = max((n for n in cached if args.cache and n < size), default=None)
    tmp = target.with_suffix(".part")
    if have is not None and have > 0:
        shutil.copyfile(name(have), tmp)
        at = have
    else:
        tmp.unlink(missing_ok=True)
        init_db(f"sqlite:///{tmp}")
        at = 0
    t0 = time.process_time(), time.perf_counter()
    while at < size:
        every = args.seed_step or size
        step = min(every - at % every, size - at)
        _fill(stream, f"sqlite:///{tmp}", at, step, args)
        at += step
        if at % every == 0 and at < size and args.cache:
            _settle(tmp)
            shutil.copyfile(tmp, name(at))
        print(f"  seeding: {at}/{size} pages ({time.process_time() - t0[0]:.0f} s CPU in the driver, "
              f"{time.perf_counter() - t0[1]:.0f} s)", file=sys.stderr, flush=True)  # fmt: skip
    _settle(tmp)
    shutil.copyfile(tmp, target)
    return target


def _fill(stream: Stream, db_url: str, start: int, n: int, args: argparse.Namespace) -> None:
    """Ingest pages start..start+n-1 of the stream into db_url. `--seed-mode deferred` (default): the
    statements only (projections deferred), then one `rebuild_all`. That equals projecting every batch
    because each projector's incremental update equals its rebuild (tests/projections,
    bench/rebuild_equals.py; `--check-seed N` compares both ways on this stream). `incremental`: every
    projection per batch of `--seed-batch` pages, as `shuanglian ingest` does."""
    import shuanglian.services  # noqa: F401 - registers the services' projectors (targets, projects ...)
    from shuanglian.projections import deferred, rebuild_all
    from shuanglian.services.documents import ingest_documents
    from shuanglian.store.db import session_scope

    def docs() -> Iterator[Any]:
        for chunk in _extracted(stream, start, n, args.seed_workers):
            yield from chunk

    if args.seed_mode == "incremental":
        ingest_documents(docs(), db_url, processed=True, batch_size=args.seed_batch)
        return
    with deferred():
        ingest_documents(docs(), db_url, processed=True, batch_size=args.seed_batch)
    t = time.perf_counter()
    with session_scope(db_url) as s:
        per = rebuild_all(s)
    print(f"  rebuild_all after {start + n} pages: {time.perf_counter() - t:.0f} s "
          f"({', '.join(f'{k} {v:.0f}' for k, v in per.items() if v >= 1)})", file=sys.stderr, flush=True)  # fmt: skip
    _warm(db_url)


def _warm(db_url: str) -> None:
    """After a rebuild: merge every placeable entity's context claims (chains.placement.warm_claims), as
    incremental ingest had them merged, so the timed pages do not pay each hub's first merge."""
    from shuanglian.chains.placement import warm_claims
    from shuanglian.chains.store import all_templates
    from shuanglian.store.db import session_scope

    t = time.perf_counter()
    with session_scope(db_url) as s:
        n = warm_claims(s, all_templates(s))
    print(f"  context claims merged for {n} entities: {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)


def _check_seed(stream: Stream, n: int, args: argparse.Namespace) -> int:
    """Seed n pages both ways (deferred + rebuild, incremental) and compare every projection table."""
    sys.path.insert(0, str(ROOT))
    from tests.projections.snapshot import diff, snapshot

    import shuanglian.store.documents as store_documents
    from shuanglian.graph.tables import LIVE_STATUSES
    from shuanglian.services import documents as services_documents
    from shuanglian.store.db import init_db, session_scope

    tick = [0]

    class Frozen(datetime.datetime):
        """The clock of both databases: one second per write batch, the same within a batch (counters
        keep latest times, and canonical ids follow the first time a name was seen)."""

        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return datetime.datetime(2026, 1, 1, tzinfo=tz) + datetime.timedelta(seconds=tick[0])

    def ticking(self: Any, rows: Any, _write: Any = services_documents._Ingester._write) -> Any:
        tick[0] += 1
        return _write(self, rows)

    snaps = {}
    real = store_documents.datetime, services_documents._Ingester._write
    store_documents.datetime = Frozen  # type: ignore[misc]
    services_documents._Ingester._write = ticking  # type: ignore[method-assign]
    try:
        with tempfile.TemporaryDirectory(prefix="sl-growth-check-") as tmp:
            for mode in ("deferred", "incremental"):
                url = f"sqlite:///{Path(args.check_dir or tmp) / mode}.db"
                tick[0] = 0
                init_db(url)
                c = time.process_time()
                _fill(stream, url, 0, n, argparse.Namespace(**{**vars(args), "seed_mode": mode}))
                print(f"{mode}: {time.process_time() - c:.0f} s CPU in the driver", flush=True)
                with session_scope(url) as s:
                    snaps[mode] = snapshot(s)
    finally:
        store_documents.datetime, services_documents._Ingester._write = real  # type: ignore[misc,method-assign]
    for mode, snap in snaps.items():
        # placements that incremental ingest retracted stay as history; a rebuild never made them
        gone = {r for r in snap["derived_statements"] if r[2] not in LIVE_STATUSES}
        snap["derived_statements"] -= gone
        print(f"{mode}: {len(gone)} retracted derived statements (history) left out")
    changed = diff(snaps["incremental"], snaps["deferred"])
    for table in sorted(snaps["deferred"]):
        a, b = changed.get(table, {}).get("counts", (0, 0))
        print(f"{table:<30}{len(snaps['deferred'][table]):>8} rows, only incremental {a}, only deferred {b}")
    total = sum(sum(d["counts"]) for d in changed.values())
    print(f"changed rows: {total}")
    return 1 if total else 0


def main() -> None:
    """Seed (or reuse) each size, ingest the next `--last` pages, print ms per page."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="0,2000,4000,8000", help="stored pages before each timed run")
    ap.add_argument("--last", type=int, default=200, help="pages timed at each size")
    ap.add_argument("--batch-size", type=int, default=16, help="pages per projection batch when timed")
    ap.add_argument("--seed-batch", type=int, default=128, help="pages per write batch when seeding")
    ap.add_argument("--seed-mode", choices=("deferred", "incremental"), default="deferred",
                    help="deferred: seed statements only, then one rebuild_all (equal to projecting every batch, "
                         "since each projector's update equals its rebuild; --check-seed N verifies it)")
    ap.add_argument("--seed-workers", type=int, default=2, help="extraction processes when seeding")
    ap.add_argument("--check-seed", type=int, metavar="N",
                    help="seed N pages deferred and incrementally, compare every projection table, exit")
    ap.add_argument("--check-dir", help="keep --check-seed's two databases in this folder")
    ap.add_argument("--seed-step", type=int, default=0,
                    help="seeded databases are also cached every N pages (0: only the --sizes; deferred seeding rebuilds at each)")
    ap.add_argument("--db", help="database URL to grow instead of the cached SQLite files (no cache; slow)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--warmup", type=int, default=32, help="pages ingested into a throwaway database first")
    ap.add_argument("--rounds", type=int, default=1, help="timed ingests per size (fresh copies); medians")
    ap.add_argument("--breakdown", action="store_true", help="CPU ms per page of each projector")
    ap.add_argument("--profile", help="write a cProfile of the timed pages to PROFILE.<size>")
    ap.add_argument("--no-cache", dest="cache", action="store_false", help="seed and extract anew")
    ap.add_argument("--cache-dir", type=Path, default=CACHE, help="seeded databases and extracted pages")
    ap.add_argument("--trust-seed", action="store_true",
                    help="mark each timed copy's projections current (timing a change that keeps their output equal)")
    args = ap.parse_args()
    sizes = sorted(int(x) for x in args.sizes.split(","))
    _set_cache(args.cache_dir)
    CACHE.mkdir(exist_ok=True)

    from shuanglian.services.documents import ingest_documents
    from shuanglian.store.db import init_db

    base = _sources()
    varier = Varier(base, _people(base, args.seed), args.seed)
    stream = Stream(varier, args.seed, args.cache)
    chars = sum(len(t) for t in base) / len(base)
    print(f"base: {len(base)} real sections, {chars:.0f} chars/page; {len(varier.people)} person names; "
          f"{len(varier.group_of)} division names")  # fmt: skip
    if args.check_seed:
        sys.exit(_check_seed(stream, args.check_seed, args))
    per = _projector_clock()
    tmp = tempfile.TemporaryDirectory(prefix="sl-growth-")
    if args.warmup:
        warm = f"sqlite:///{Path(tmp.name) / 'warmup.db'}"
        init_db(warm)
        ingest_documents(stream.docs(1_000_000, args.warmup), warm, processed=True, batch_size=args.batch_size)
    print(f"{'stored pages':>12} {'ms CPU/page':>12} {'wall ms/page':>12} {'x first':>8}")
    first = None
    grown = 0
    for size in sizes:
        if args.db:
            if grown == 0:
                init_db(args.db)
            if size > grown:
                ingest_documents(_extract(stream.texts(grown, size - grown)), args.db, processed=True,
                                 batch_size=args.seed_batch)  # fmt: skip
            db_url = args.db
        else:
            seeded = _seed_db(stream, size, args)
        cpus, walls, breakdowns = [], [], []
        for r in range(args.rounds if not args.db else 1):
            docs = stream.docs(size, args.last)
            if not args.db:
                path = Path(tmp.name) / f"timed-{size}-{r}.db"
                shutil.copyfile(seeded, path)
                db_url = f"sqlite:///{path}"
                init_db(db_url)  # migrations newer than the cached file run here, not in the timed ingest
                if args.trust_seed:
                    _trust(db_url)
            per.clear()
            prof = cProfile.Profile(time.process_time) if args.profile else None  # CPU time: the machine is shared
            c0, w0 = time.process_time(), time.perf_counter()
            if prof:
                prof.enable()
            rep = ingest_documents(docs, db_url, processed=True, batch_size=args.batch_size)
            if prof:
                prof.disable()
                prof.dump_stats(f"{args.profile}.{size}")
            cpus.append((time.process_time() - c0) * 1000 / len(docs))
            walls.append((time.perf_counter() - w0) * 1000 / len(docs))
            breakdowns.append(dict(per))
            if not args.db:
                path.unlink()
        grown = size + args.last
        cpu, wall = statistics.median(cpus), statistics.median(walls)
        first = first or cpu
        spread = f" [{min(cpus):.1f}-{max(cpus):.1f}]" if len(cpus) > 1 else ""
        print(f"{size:>12} {cpu:>12.1f} {wall:>12.1f} {cpu / first:>8.2f}   (stored {rep.stored}, failed "
              f"{len(rep.failed)}){spread}", flush=True)  # fmt: skip
        if args.breakdown:
            names = {k for b in breakdowns for k in b}
            med = {k: statistics.median(b.get(k, 0.0) for b in breakdowns) * 1000 / len(docs) for k in names}
            med["(store+graph write)"] = cpu - sum(med.values())
            top = sorted(med.items(), key=lambda kv: -kv[1])
            print("             " + "  ".join(f"{k} {v:.1f}" for k, v in top if v >= 0.3), flush=True)
    tmp.cleanup()


def _set_cache(path: Path) -> None:
    global CACHE
    CACHE = path


def _trust(db_url: str) -> None:
    """Record every registered projection of this database as built by the installed rules."""
    from sqlalchemy import delete

    import shuanglian.services  # noqa: F401 - registers the services' projectors
    from shuanglian.projections import projector_names, rules_state
    from shuanglian.projections.tables import ProjectionState
    from shuanglian.store.db import session_scope

    with session_scope(db_url) as s:
        names = projector_names()
        s.execute(delete(ProjectionState))
        rules_state.mark(s, {}, names, set())


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
