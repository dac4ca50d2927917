"""Load benchmark: many concurrent clients against a real `shuanglian serve` on loopback.

    python bench/load.py --db sqlite:////path/to/ingested.db [--clients 20,100,200] [--seconds 20]
                         [--workers 1] [--ingest] [--port 8765]

Starts `shuanglian serve` (with `--workers`), creates a viewer with a password and an API token, then
for each client count runs that many asyncio + httpx clients for `--seconds` (bounded: every request
has a 30 s timeout and the level stops at its deadline). Half of the clients use a session cookie,
half a Bearer token; each walks the routes round-robin (search, entity, register and document, API
and page). Prints requests/s, p50/p95/p99 latency in ms and errors (non-2xx or transport failures)
per route and level (client-side; beside it the server's own p50/p95 from its Server-Timing header:
a gap between the two is time the clients or the kernel queued the request), and the machine's load average (other jobs on the machine skew every number).
The server keeps the caller's CPU priority; the load generator lowers its own (`--client-nice`), the
ingest runs `--ingest-nice` steps lower (a bulk ingest beside serving). `--think S` adds a random pause (mean S seconds) after each answer, like a
person reading; 0 is a closed loop (each client sends its next request at once). `--ingest` repeats every level while `shuanglian ingest` writes generated pages
into the same database. Loopback only; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from shuanglian.cli import main; main()"]
PASSWORD = "load-bench-password-1"
SAMPLES: dict[str, str] = {}  # one example URL per distinct error, printed after each level
QUERIES = ["科技", "深圳", "实验室", "产业链", "创新", "大学", "集团", "高新区"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _prepare_user(db: str) -> str:
    """A viewer `loadbench` with a known password, and an API token for it."""
    from shuanglian.store.db import init_db, session_scope
    from shuanglian.web.auth import AuthError, create_token, create_user, get_user, set_password

    init_db(db)
    with session_scope(db) as s:
        try:
            create_user(s, "loadbench", "viewer", PASSWORD)
        except AuthError:
            set_password(s, get_user(s, "loadbench"), PASSWORD)
        return create_token(s, "loadbench", "load-bench")


def _wait_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise SystemExit("server did not start")


async def _targets(base: str, token: str) -> dict[str, list[str]]:
    """Route name -> concrete URLs (ids taken from the database through the API)."""
    h = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, headers=h, timeout=60) as c:
        docs = [d["id"] for d in (await c.get("/api/documents", params={"limit": 50})).json()["items"]]
        ents = [e["id"] for e in (await c.get("/api/entities", params={"limit": 50})).json()["items"]]
        regs = [r["name"] for r in (await c.get("/api/registers")).json()["items"]]
    if not docs or not ents:
        raise SystemExit("the database has no documents or entities: ingest some pages first")
    return {
        "api search": [f"/api/search?q={quote(q)}" for q in QUERIES],
        "page search": [f"/search?q={quote(q)}" for q in QUERIES],
        "api entity": [f"/api/entities/{e}" for e in ents],
        "page entity": [f"/entities/{e}" for e in ents],
        "api register": [f"/api/registers/{r}" for r in regs],
        "page register": [f"/registers/{r}" for r in regs],
        "api document": [f"/api/documents/{d}" for d in docs],
        "page document": [f"/documents/{d}" for d in docs],
    }


def _server_ms(r: httpx.Response) -> float | None:
    """The app's own time for an answer (its Server-Timing header), or None."""
    m = re.search(r"app;dur=([0-9.]+)", r.headers.get("server-timing", ""))
    return float(m.group(1)) if m else None


async def _client(i: int, base: str, auth: dict[str, str], cookies: dict[str, str],
                  targets: dict[str, list[str]], deadline: float,
                  lat: dict[str, list[float]], errs: dict[str, int], think: float,
                  srv: dict[str, list[float]]) -> None:
    rng = random.Random(i)
    names = list(targets)
    k = i
    async with httpx.AsyncClient(base_url=base, headers=auth, cookies=cookies, timeout=30,
                                 limits=httpx.Limits(max_connections=1)) as c:
        if think:
            # people arrive spread over a think time, as in the steady state (locust's spawn rate), not all
            # in the same millisecond: without it p95 measures one burst of N simultaneous first requests
            await asyncio.sleep(rng.uniform(0, 2 * think))
        while time.monotonic() < deadline:
            name = names[k % len(names)]
            k += 1
            url = rng.choice(targets[name])
            t0 = time.perf_counter()
            try:
                r = await c.get(url)
                ok = r.status_code < 400
                if (ms := _server_ms(r)) is not None:
                    srv[name].append(ms)
                if not ok:
                    SAMPLES.setdefault(f"{r.status_code} {r.text[:160]}", url)
            except httpx.HTTPError as exc:
                ok = False
                SAMPLES.setdefault(f"{type(exc).__name__}", url)
            if ok:
                lat[name].append((time.perf_counter() - t0) * 1000)
            else:
                errs[name] += 1
            if think:
                await asyncio.sleep(rng.uniform(0, 2 * think))  # a person reading the page


def _tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by a process and its children (Linux /proc; 0 elsewhere)."""
    total = 0.0
    try:
        stats = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                stats[int(d)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
        tree, todo = {root}, [root]
        while todo:
            p = todo.pop()
            for pid, (ppid, _t) in stats.items():
                if ppid == p and pid not in tree:
                    tree.add(pid)
                    todo.append(pid)
        total = sum(stats[p][1] for p in tree if p in stats) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        pass
    return total


SERVER_PID = 0  # set once the server runs: its CPU per answer is printed with each level


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def _level(base: str, token: str, cookie: dict[str, str], targets: dict[str, list[str]],
                 clients: int, seconds: float, label: str, think: float) -> bool:
    lat: dict[str, list[float]] = defaultdict(list)
    srv: dict[str, list[float]] = defaultdict(list)
    errs: dict[str, int] = defaultdict(int)
    deadline = time.monotonic() + seconds
    t0 = time.monotonic()
    cpu0 = _tree_cpu(SERVER_PID)
    await asyncio.gather(*[
        _client(i, base, {"Authorization": f"Bearer {token}"} if i % 2 else {}, {} if i % 2 else cookie,
                targets, deadline, lat, errs, think, srv)
        for i in range(clients)
    ])
    elapsed = time.monotonic() - t0
    total_ok = sum(len(v) for v in lat.values())
    total_err = sum(errs.values())
    load1 = os.getloadavg()[0]
    cpu = _tree_cpu(SERVER_PID) - cpu0
    print(f"\n== {label}: {clients} clients (think {think:g} s), {elapsed:.0f} s: {total_ok / elapsed:.1f} req/s, "
          f"{total_err} errors; server CPU {1000 * cpu / max(1, total_ok + total_err):.0f} ms per answer "
          f"({cpu / elapsed:.2f} cores); machine load average {load1:.1f} on {os.cpu_count()} cores", flush=True)
    print(f"{'route':<15}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'errors':>8}{'server p50':>12}{'p95':>8}")
    met = total_err == 0
    for name in targets:
        xs = lat[name]
        p95 = _pct(xs, 95)
        print(f"{name:<15}{len(xs) / elapsed:>8.1f}{_pct(xs, 50):>8.0f}{p95:>8.0f}{_pct(xs, 99):>8.0f}"
              f"{errs[name]:>8}{_pct(srv[name], 50):>12.0f}{_pct(srv[name], 95):>8.0f}")
        met = met and p95 < 500
    for err, url in SAMPLES.items():
        print(f"  error {err!r} on {url}")
    SAMPLES.clear()
    print(f"goal (0 errors, p95 < 500 ms on every route): {'met' if met else 'NOT met'}", flush=True)
    return met


def _start_ingest(db: str, pages: int, nice: int) -> subprocess.Popen[bytes]:
    """`shuanglian ingest` over freshly generated pages (bench/ingest_speed.py's generator), `nice`
    steps below the caller's CPU priority (a bulk ingest beside a serving process)."""
    sys.path.insert(0, str(REPO / "bench"))
    from ingest_speed import generate  # type: ignore[import-not-found]

    folder = Path(tempfile.mkdtemp(prefix="sl-load-ingest-"))
    generate(folder, pages, seed=int(time.time()))
    return subprocess.Popen([*CLI, "ingest", str(folder), "--db", db], env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                            preexec_fn=(lambda: os.nice(nice)) if nice else None)


async def _main(args: argparse.Namespace) -> int:
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", args.port)) == 0:
            raise SystemExit(f"port {args.port} is already in use: measuring another server would be wrong")
    token = _prepare_user(args.db)
    env = _env()
    server = subprocess.Popen([*CLI, "serve", "--db", args.db, "--port", str(args.port),
                               "--workers", str(args.workers)], env=env, start_new_session=True)
    ok = True
    global SERVER_PID
    SERVER_PID = server.pid
    try:
        _wait_port(args.port, server)
        if args.client_nice:  # the load generator must not take the CPU from the server it measures
            os.nice(args.client_nice)
        base = f"http://127.0.0.1:{args.port}"
        async with httpx.AsyncClient(base_url=base) as c:
            r = await c.post("/api/auth/login", json={"username": "loadbench", "password": PASSWORD})
            r.raise_for_status()
            cookie = {"sl_session": r.cookies["sl_session"]}
        targets = await _targets(base, token)
        async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60) as c:
            for urls in targets.values():  # steady state: every route once before measuring (cold caches)
                for url in urls[:4]:
                    await c.get(url)
        for n in (int(x) for x in args.clients.split(",")):
            ok &= await _level(base, token, cookie, targets, n, args.seconds, "idle", args.think)
        if args.ingest:
            ing = _start_ingest(args.db, args.ingest_pages, args.ingest_nice)
            try:
                await asyncio.sleep(5)  # models loaded, batches being written
                for n in (int(x) for x in args.clients.split(",")):
                    ok &= await _level(base, token, cookie, targets, n, args.seconds,
                                       f"ingest running (alive={ing.poll() is None})", args.think)
            finally:
                if ing.poll() is None:
                    os.killpg(ing.pid, signal.SIGINT)
                    try:
                        ing.wait(60)
                    except subprocess.TimeoutExpired:  # never leave an orphan ingest writing the database
                        os.killpg(ing.pid, signal.SIGKILL)
                        ing.wait(10)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    return 0 if ok else 1


def main() -> None:
    """Parse arguments, run every level, exit 1 when a level misses the goal."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="database URL with ingested pages")
    ap.add_argument("--clients", default="20,100,200")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--think", type=float, default=0,
                    help="mean pause between a client's requests in seconds (0: closed loop, no pause)")
    ap.add_argument("--ingest", action="store_true", help="repeat each level while an ingest runs")
    ap.add_argument("--ingest-pages", type=int, default=300)
    ap.add_argument("--ingest-nice", type=int, default=10,
                    help="CPU priority steps below the server for the ingest (0: the same priority)")
    ap.add_argument("--client-nice", type=int, default=5,
                    help="CPU priority steps below the server for this load generator")
    raise SystemExit(asyncio.run(_main(ap.parse_args())))


if __name__ == "__main__":
    main()
