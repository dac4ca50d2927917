"""Web/API latency at scale: every main list, search and page route over a large synthetic database.

    .venv/bin/python bench/web_latency.py [--docs 20000] [--entities 1000000] [--db URL [--no-seed]] [--runs 5]

Bulk-inserts `--docs` documents (text varied from the bundled sample pages; the FTS5 trigram index is
kept in sync by its triggers while they are inserted) and `--entities` canonical entities, then
calls each route through the ASGI app (FastAPI TestClient, logged in as a viewer) and prints the
median and worst latency in milliseconds. Prints one line per route.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient
from sqlalchemy import insert

from shuanglian.graph.ids import normalise_name
from shuanglian.graph.tables import Entity
from shuanglian.samples import samples_dir
from shuanglian.store.db import init_db, session_scope
from shuanglian.store.documents import DocumentRow
from shuanglian.web.app import create_app
from shuanglian.web.auth import AuthError, create_user, get_user, set_password

SYL = list("华迈瑞腾讯比亚迪大疆汇顶光峰欣旺达柔宇优必选中兴立讯海能达康泰奥比中光云天励飞晶泰智影")
PLACES = ["深圳市", "广州市", "东莞市", "合肥市", "苏州市", "天津市", "北京市", "上海市"]
KINDS = ["enterprise", "university", "lab", "platform", "person", "place", "organization"]


def _sample_paragraphs() -> list[str]:
    """Chinese paragraphs from the bundled sample pages (the generator's raw material)."""
    paras: list[str] = []
    for p in sorted(samples_dir().rglob("*.txt")):
        paras += [ln.strip() for ln in p.read_text(encoding="utf-8", errors="replace").splitlines() if len(ln) > 40]
    return paras or ["深圳市科技创新局表示，将继续推动创新链产业链深度融合。"]


def seed(url: str, n_docs: int, n_entities: int) -> None:
    """Insert synthetic documents and entities in batches."""
    from shuanglian.services.search import ensure_search_index
    from shuanglian.store.db import get_engine

    init_db(url)
    ensure_search_index(get_engine(url))
    rng = random.Random(5)
    paras = _sample_paragraphs()
    t0 = time.perf_counter()
    with session_scope(url) as s:
        batch: list[dict[str, Any]] = []
        for i in range(n_docs):
            body = "\n".join(rng.sample(paras, min(6, len(paras)))) + f"\n编号{i}。"
            h = f"{i:064x}"
            batch.append({"id": h[-16:], "content_hash": h, "source": f"bench/{i}.txt", "raw": body, "text": body,
                          "title": f"{rng.choice(PLACES)}{''.join(rng.sample(SYL, 2))}新闻{i}", "is_html": False,
                          "published": f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                          "flags": [], "repairs": [], "dropped": [], "excluded": [], "facts": {}, "chars": len(body)})
            if len(batch) == 2000:
                s.execute(insert(DocumentRow), batch)
                batch = []
        if batch:
            s.execute(insert(DocumentRow), batch)
    print(f"seed: {n_docs} documents (with search index) in {time.perf_counter() - t0:.1f}s")
    t0 = time.perf_counter()
    with session_scope(url) as s:
        ents: list[dict[str, Any]] = []
        for i in range(n_entities):
            name = "".join(rng.sample(SYL, 3)) + f"{i:07d}" + "科技有限公司"
            key = normalise_name(name)
            ents.append({"id": f"ent_web_{i:010d}", "kind": KINDS[i % len(KINDS)], "name": name, "name_key": key,
                         "names": [name], "search_text": f"|{key}|", "region": rng.choice(PLACES),
                         "statement_count": rng.randint(1, 50), "document_count": 1, "member_count": 1, "score": 1.0})
            if len(ents) == 20_000:
                s.execute(insert(Entity), ents)
                ents = []
        if ents:
            s.execute(insert(Entity), ents)
    print(f"seed: {n_entities} entities in {time.perf_counter() - t0:.1f}s")


def _real_routes(c: TestClient) -> list[str]:
    """The load benchmark's routes at their worst: the entity with the most statements, the longest
    document (by the listing's `chars`), every register (API and page)."""
    ents = c.get("/api/entities", params={"limit": 3, "sort": "statements"}).json()["items"]
    docs = c.get("/api/documents", params={"limit": 200}).json()["items"]
    regs = [r["name"] for r in c.get("/api/registers").json()["items"]]
    out = [f"/api/entities/{e['id']}" for e in ents] + [f"/entities/{e['id']}" for e in ents]
    if docs:
        longest = max(docs, key=lambda d: d.get("chars") or 0)["id"]
        out += [f"/api/documents/{longest}", f"/documents/{longest}"]
    out += [f"/api/registers/{r}" for r in regs] + [f"/registers/{r}" for r in regs]
    return out


def measure(url: str, runs: int) -> None:
    """Median / max latency of each route."""
    app = create_app(url)
    with session_scope(url) as s:  # a re-run on the same --db (--no-seed) reuses the user
        try:
            create_user(s, "bench", "viewer", "bench-password")
        except AuthError:
            set_password(s, get_user(s, "bench"), "bench-password")
    c = TestClient(app)
    assert c.post("/api/auth/login", json={"username": "bench", "password": "bench-password"}).status_code == 200
    deep = c.get("/api/entities", params={"limit": 200}).json()["next_after"]
    routes = [
        "/api/documents?limit=50", "/api/documents?limit=50&sort=-published", "/api/documents?limit=50&offset=10000",
        "/api/search?q=深圳市科技", "/api/search?q=迈瑞", "/api/search?q=光明科学城 医疗器械",
        "/api/entities?limit=50", "/api/entities?limit=50&kind=enterprise", "/api/entities?limit=50&name=迈瑞华",
        f"/api/entities?limit=50&after={quote(deep)}", "/api/entities?limit=50&offset=500000", "/api/entities?limit=50&sort=statements",
        "/api/review?limit=50", "/api/audit?limit=50", "/documents", "/search?q=深圳市科技", "/entities",
    ]
    routes += _real_routes(c)
    for route in routes:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            r = c.get(route)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, (route, r.status_code, r.text[:200])
        print(f"{route:60s} median {statistics.median(times):8.1f} ms   max {max(times):8.1f} ms")


def main() -> None:
    """Parse arguments, seed a database, print latencies."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--entities", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--db", default=None, help="database URL (default: a temp SQLite file)")
    ap.add_argument("--no-seed", action="store_true", help="measure an already seeded --db")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'web_bench.db'}"
        if not args.no_seed:
            seed(url, args.docs, args.entities)
        measure(url, args.runs)


if __name__ == "__main__":
    main()
