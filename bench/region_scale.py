"""Region-filtered registers, chain maps and gaps at scale, with a realistic place hierarchy and hubs.

    .venv/bin/python bench/region_scale.py [--entities 1000000] [--towns 20000] [--hub-statements 100000]
        [--db URL [--no-seed]] [--runs 7] [--pages] [--regions 深圳,广东,none] [--no-chains]

Seeds the generated graph of bench/registers_scale.py (enterprises, carriers, projects, policies, funds,
chain placements), but every entity sits in a real county-level division (half of them in Guangdong,
a fifth in Shenzhen), and adds the division hierarchy from jionlp's data as place entities with
`parent` statements: provinces, cities, counties and `--towns` towns. Three hubs (中华人民共和国, 广东省,
深圳市) get `--hub-statements` mention statements each, as pages pile onto them in a real database.
Then fills the place hierarchy, the register index, region_scope and chain_members through the
projectors and prints p50 / p95 / max milliseconds per request: every register filtered by 深圳 / 南山区 /
广东 / 江苏, and chain maps and gaps of three chains in the same regions (`--complete`: also the complete
path, every placed entity's view, that chain_members replaces). No assertions: the goal (issue 11) is
p95 < 300 ms. `--pages`: per register and region also a page sorted by a column and the whole register
web page (the page, its kind / region / chain facets and the six registers' rows held in the region,
as web/pages/registers.py asks for them); region `none` is the unfiltered register. `--no-seed` on a
database of an older run migrates it and fills projections left empty.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from shuanglian.chains.tables import ChainMember
from shuanglian.graph import aggregates
from shuanglian.graph.ids import normalise_name
from shuanglian.graph.region_scope import missing_values
from shuanglian.graph.tables import Entity, EntityMember, Statement
from shuanglian.jio import dictionary_text
from shuanglian.projections.chain_members import ChainMembers
from shuanglian.projections.places import PlaceHierarchy
from shuanglian.projections.region_scope import RegionScopeProjector, region_values
from shuanglian.services.chains import chain_map, gaps, list_chains
from shuanglian.services.register_facets import register_facets
from shuanglian.services.registers import list_register, official_overview, register_names
from shuanglian.store.db import init_db, session_scope

REGIONS = ["深圳", "南山区", "广东", "江苏"]
CHAINS = 3


def _registers_scale() -> Any:
    """bench/registers_scale.py as a module (bench/ is not a package)."""
    path = Path(__file__).with_name("registers_scale.py")
    spec = importlib.util.spec_from_file_location("registers_scale", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["registers_scale"] = mod
    spec.loader.exec_module(mod)
    return mod


def divisions(towns: int) -> tuple[list[tuple[str, str | None, int]], list[str]]:
    """(name, parent, level) for provinces, cities, counties and the first `towns` towns; and the
    county-level names weighted so that half of the entities fall in Guangdong and a fifth in Shenzhen."""
    rows: list[tuple[str, str | None, int]] = []
    stack: list[str] = []
    n_towns = 0
    for line in dictionary_text("china_location.txt").splitlines():
        if not line.strip():
            continue
        level = len(line) - len(line.lstrip("\t"))
        name = line.strip().split("\t")[0]
        if level > 3 or (level == 3 and n_towns >= towns):
            continue
        del stack[level:]
        parent = stack[-1] if stack else "中华人民共和国"
        if level == 1 and parent == name:  # municipalities repeat themselves as their own city
            stack.append(name)
            continue
        rows.append((name, parent, level))
        n_towns += level == 3
        stack.append(name)
    counties = [(n, p) for n, p, lv in rows if lv == 2]
    gd_cities = {n for n, p, lv in rows if lv == 1 and p == "广东省"}
    weighted: list[str] = []
    for n, p in counties:
        w = 40 if p == "深圳市" else (6 if p in gd_cities else 1)
        weighted += [n] * w
    return rows, weighted


def seed_places(url: str, rows: list[tuple[str, str | None, int]], hub_statements: int) -> None:
    """Place entities with name and parent statements, and mention statements piled on three hubs."""
    now = datetime.now(UTC)
    ents, mems, sts = [], [], []
    all_rows = [("中华人民共和国", None, -1), *rows]
    seen: set[str] = set()
    for i, (name, parent, _level) in enumerate(all_rows):
        if name in seen:  # a few county names repeat across provinces: one entity per name here
            continue
        seen.add(name)
        eid = f"ent_place_{i:08d}"
        key = normalise_name(name)
        ents.append({"id": eid, "kind": "place", "name": name, "name_key": key, "names": [name],
                     "search_text": f"|{key}|", "region": parent, "statement_count": 2, "document_count": 1,
                     "member_count": 1, "score": 1.0})  # fmt: skip
        mems.append({"member_id": eid, "entity_id": eid, "kind": "place", "name": name, "first_seen": now})
        base = {"entity_id": eid, "kind": "place", "origin": "document", "status": "accepted", "confidence": 0.9,
                "created_at": now}  # fmt: skip
        sts.append({**base, "id": f"pn_{eid}", "prop": "name", "value": name})
        if parent:
            sts.append({**base, "id": f"pp_{eid}", "prop": "parent", "value": parent})
        if name in ("中华人民共和国", "广东省", "深圳市"):
            sts += [{**base, "id": f"pm_{eid}_{k}", "prop": "mentioned_in", "value": f"doc{k:07d}"}
                    for k in range(hub_statements)]  # fmt: skip
    with session_scope(url) as s:
        for table, batch in ((Entity, ents), (EntityMember, mems), (Statement, sts)):
            for i in range(0, len(batch), 5000):
                s.execute(insert(table), batch[i : i + 5000])
    print(f"places: {len(ents):,} place entities, {len(sts):,} statements (hubs {hub_statements:,} each)", flush=True)


CPU: list[float] = []  # the process CPU milliseconds of the last timed() calls (SQLite runs in-process)


def timed(fn: Any, runs: int) -> tuple[float, float, float, Any]:
    """p50, p95, max wall-clock milliseconds of `runs` calls, and the last result (CPU times in CPU)."""
    out, cpu, res = [], [], None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        res = fn()
        out.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    out.sort()
    cpu.sort()
    CPU[:] = cpu
    return statistics.median(out), out[min(len(out) - 1, round(0.95 * (len(out) - 1)))], out[-1], res


def _cpu() -> str:
    """`cpu p50 / p95` of the last timed() calls: what the request costs without the machine's other load."""
    p95 = CPU[min(len(CPU) - 1, round(0.95 * (len(CPU) - 1)))]
    return f"  cpu {statistics.median(CPU):7.1f} / {p95:7.1f}"


def fill_projections(url: str) -> None:
    """Fill region_scope and chain_members where incomplete (the seed writes rows directly, not through
    services; a database of an older run may lack them)."""
    with session_scope(url) as s:
        t0 = time.perf_counter()
        if missing_values(s, region_values(s, None)):
            RegionScopeProjector().rebuild(s)
            ChainMembers().cover(s)  # region values only chain members hold
            print(f"region scope: {time.perf_counter() - t0:.1f} s", flush=True)
    with session_scope(url) as s:
        t0 = time.perf_counter()
        if s.scalar(select(ChainMember.entity_id).limit(1)) is None:
            ChainMembers().rebuild(s)
            print(f"chain members: {time.perf_counter() - t0:.1f} s", flush=True)


def web_page(s: Any, name: str, region: str | None, sort: str = "name") -> dict[str, Any]:
    """What the register web page (web/pages/registers.py) asks for: the page, its facets and the six
    registers' rows held in the region beside the official figures."""
    page = list_register(s, name, region=region, sort=sort)
    register_facets(s, name, **({"region": region} if region else {}))
    official_overview(s, region)
    return page


def _sort_column(name: str) -> str:
    """The register's first sortable column besides name and region (descending: filled cells first)."""
    from shuanglian.registers.spec import get_spec

    return "-" + next(c.key for c in get_spec(name).columns if c.key not in ("name", "region", "kind"))


def measure(url: str, runs: int, complete: bool = False, registers: bool = True, pages: bool = False,
            regions: list[str] | None = None, chains_too: bool = True) -> None:  # fmt: skip
    """Print the latency table (pages: also sorted pages and the whole web page, facets and counts)."""
    worst = 0.0
    with session_scope(url) as s:
        chains = [c["id"] for c in list_chains(s)][:CHAINS] if chains_too else []
        if registers:  # the process's first request loads specs, lexicons and the database's first pages: untimed
            t = time.perf_counter()
            web_page(s, register_names()[0], None)
            print(f"warm-up (first request of the process, untimed): {(time.perf_counter() - t) * 1000:.0f} ms", flush=True)
        for label in regions or REGIONS:
            region = None if label == "none" else label  # `none`: the whole register, no region filter
            for name in register_names() if registers else []:
                p50, p95, mx, page = timed(lambda n=name, r=region: list_register(s, n, region=r), runs)
                worst = max(worst, p95)
                print(f"register {name:14s} region={label:4s}  p50 {p50:8.1f}  p95 {p95:8.1f}  max {mx:8.1f} ms"
                      f"{_cpu()}  total {page['total']:,}", flush=True)  # fmt: skip
                if not pages:
                    continue
                col = _sort_column(name)
                p50, p95, mx, page = timed(lambda n=name, r=region, c=col: list_register(s, n, region=r, sort=c), runs)
                worst = max(worst, p95)
                print(f"  sorted {col:15s}             p50 {p50:8.1f}  p95 {p95:8.1f}  max {mx:8.1f} ms{_cpu()}", flush=True)
                p50, p95, mx, page = timed(lambda n=name, r=region: web_page(s, n, r), runs)
                worst = max(worst, p95)
                print(f"  web page (page+facets+counts)    p50 {p50:8.1f}  p95 {p95:8.1f}  max {mx:8.1f} ms{_cpu()}", flush=True)
            for cid in chains if region else []:
                p50, p95, mx, m = timed(lambda c=cid, r=region: chain_map(s, c, region=r), runs)
                worst = max(worst, p95)
                n = sum(sum(ln["counts"].values()) for ln in m["links"])
                print(f"chain map {cid:13s} region={region:4s}  p50 {p50:8.1f}  p95 {p95:8.1f}  max {mx:8.1f} ms"
                      f"  entities {n:,}", flush=True)  # fmt: skip
                p50, p95, mx, g = timed(lambda c=cid, r=region: gaps(s, c, region=r), runs)
                worst = max(worst, p95)
                print(f"gaps      {cid:13s} region={region:4s}  p50 {p50:8.1f}  p95 {p95:8.1f}  max {mx:8.1f} ms"
                      f"  gaps {len(g):,}", flush=True)  # fmt: skip
                if complete:  # the path chain_members replaced, for comparison (not counted in worst)
                    p50, p95, mx, _ = timed(lambda c=cid, r=region: chain_map(s, c, region=r, complete=True), runs)
                    print(f"chain map {cid:13s} region={region:4s}  p50 {p50:8.1f}  p95 {p95:8.1f}  max {mx:8.1f} ms"
                          "  (complete path)", flush=True)  # fmt: skip
                    p50, p95, mx, _ = timed(lambda c=cid, r=region: gaps(s, c, region=r, complete=True), runs)
                    print(f"gaps      {cid:13s} region={region:4s}  p50 {p50:8.1f}  p95 {p95:8.1f}  max {mx:8.1f} ms"
                          "  (complete path)", flush=True)  # fmt: skip
    print(f"worst p95: {worst:.1f} ms (goal < 300 ms)")


def main() -> None:
    """Parse arguments, seed, print latencies."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, default=1_000_000)
    ap.add_argument("--towns", type=int, default=20_000)
    ap.add_argument("--hub-statements", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--db", default=None)
    ap.add_argument("--no-seed", action="store_true")
    ap.add_argument("--complete", action="store_true", help="also time the complete path of chain maps and gaps")
    ap.add_argument("--pages", action="store_true",
                    help="also time a sorted page and the whole register web page (page, facets, six counts)")
    ap.add_argument("--regions", default=None, help="comma-separated regions (default: 深圳,南山区,广东,江苏)")
    ap.add_argument("--no-chains", action="store_true", help="registers only (no chain maps and gaps)")
    ap.add_argument("--no-registers", action="store_true",
                    help="time chain maps and gaps only (a database whose register index was never filled)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'region_scale.db'}"
        if not args.no_seed:
            init_db(url)
            rows, weighted = divisions(args.towns)
            rs = _registers_scale()
            rs.PLACES[:] = weighted  # every generated entity sits in a real county-level division
            random.seed(5)
            seed_places(url, rows, args.hub_statements)
            t0 = time.perf_counter()
            with session_scope(url) as s:
                aggregates.rebuild(s)  # the hierarchy reads the places' counters (graph.aggregates)
                PlaceHierarchy().rebuild(s)
            print(f"place hierarchy: {time.perf_counter() - t0:.1f} s", flush=True)
            rs.seed(url, args.entities)  # entities, statements, register index
        else:
            init_db(url)  # a database of an older run gets the newer tables
        fill_projections(url)
        measure(url, args.runs, args.complete, registers=not args.no_registers, pages=args.pages,
                regions=args.regions.split(",") if args.regions else None, chains_too=not args.no_chains)


if __name__ == "__main__":
    main()
