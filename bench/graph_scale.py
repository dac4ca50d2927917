"""Graph speed at scale: statements from synthetic documents, incremental resolution, full rebuild,
and listing/search latency over a large materialised `entities` table.

    .venv/bin/python bench/graph_scale.py [--docs 2000] [--entities 1000000] [--db URL]

Part 1 builds `--docs` synthetic documents (organisations sharing brand names in full, short and
traditional forms; people; places; policies) through graph.build in batches of 50 and times it, then
times graph.views.rebuild. Part 2 bulk-inserts `--entities` synthetic canonical entities and times
services.graph.search_entities (kind filter, name substring, deep keyset page, offset page) and
get_entity. Prints one line per measurement.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from shuanglian.graph import build, views
from shuanglian.graph.ids import normalise_name, to_simplified
from shuanglian.graph.tables import Entity
from shuanglian.services import graph as svc
from shuanglian.store.db import init_db, session_scope
from shuanglian.store.documents import DocumentRow

SYL = list("华迈瑞腾讯比亚迪大疆汇顶光峰欣旺达柔宇优必选中兴立讯海能达康泰奥比中光云天励飞晶泰智影")
PLACES = ["深圳市", "广州市", "东莞市", "佛山市", "惠州市", "珠海市", "北京市", "上海市", "天津市", "杭州市"]
TRADES = ["科技", "医疗", "生物医药", "新材料", "电子", "智能", "通信技术", "半导体"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华")


def _brand(rng: random.Random) -> str:
    return "".join(rng.sample(SYL, 2))


def _doc(i: int, rng: random.Random, brands: list[str]) -> DocumentRow:
    ents: list[dict[str, Any]] = []
    parts: list[str] = []
    for _ in range(8):
        b = rng.choice(brands)
        place = rng.choice(PLACES)
        trade = TRADES[hash(b) % len(TRADES)]
        form = rng.random()
        if form < 0.4:
            name, aliases = f"{place[:2]}{b}{trade}股份有限公司", [f"{b}{trade}"]
        elif form < 0.7:
            name, aliases = f"{b}{trade}", []
        elif form < 0.85:
            name, aliases = b, []
        else:
            name, aliases = to_simplified(b) if rng.random() < 0.5 else f"{b}{trade}", []
        ents.append({"name": name, "kind": "enterprise", "aliases": aliases, "attrs": {"place": place}})
        parts.append(name + "发布新品，")
    orgs = [e["name"] for e in ents]
    for _ in range(4):
        person = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
        org = rng.choice(orgs)
        ents.append({"name": person, "kind": "person", "aliases": [], "attrs": {"roles": [{"title": "董事长", "org": org}]}})
        parts.append(person + "表示，")
    text = "".join(parts) + f"第{i}篇。"
    for e in ents:
        at = text.find(e["name"])
        e["spans"] = [[at, at + len(e["name"])]] if at >= 0 else []
    h = hashlib.sha256(text.encode() + str(i).encode()).hexdigest()
    return DocumentRow(id=h[:16], content_hash=h, source=f"bench://{i}", raw=text, text=text,
                       facts={"entities": ents, "policies": [{"title": f"《第{i % 50}号政策》", "issuer": "深圳市"}]},
                       extractor_version="bench")  # fmt: skip


def part1(url: str, n_docs: int) -> None:
    """Statements + incremental resolution, then a full rebuild."""
    rng = random.Random(7)
    brands = list({_brand(rng) for _ in range(max(50, n_docs // 4))})
    init_db(url)
    t0 = time.perf_counter()
    n_st = 0
    for start in range(0, n_docs, 50):
        with session_scope(url) as s:
            rows = [_doc(i, rng, brands) for i in range(start, min(n_docs, start + 50))]
            s.add_all(rows)
            s.flush()
            n_st += build.add_documents_statements(s, rows)
    dt = time.perf_counter() - t0
    with session_scope(url) as s:
        n_ent = s.scalar(select(func.count()).select_from(Entity)) or 0
        t1 = time.perf_counter()
        counts = views.rebuild(s)
        dr = time.perf_counter() - t1
    print(f"build: {n_docs} docs, {n_st} statements in {dt:.1f}s = {n_docs / dt:.1f} docs/s, {n_st / dt:.0f} statements/s")
    print(f"build: {counts['members']} source entities -> {n_ent} entities (incremental), {counts['entities']} (rebuild)")
    print(f"rebuild: {dr:.1f}s = {counts['members'] / dr:.0f} source entities/s")


def part2(url: str, n: int) -> None:
    """Listing and search latency with `n` canonical entities."""
    init_db(url)
    kinds = ["enterprise", "university", "lab", "platform", "person", "place", "organization"]
    rng = random.Random(11)
    t0 = time.perf_counter()
    with session_scope(url) as s:
        batch: list[dict[str, Any]] = []
        for i in range(n):
            name = "".join(rng.sample(SYL, 3)) + f"{i:07d}" + rng.choice(TRADES) + "有限公司"
            key = normalise_name(name)
            batch.append({"id": f"ent_bench_{i:010d}", "kind": kinds[i % len(kinds)], "name": name, "name_key": key,
                          "names": [name], "search_text": f"|{key}|", "region": rng.choice(PLACES),
                          "statement_count": rng.randint(1, 50), "document_count": 1, "member_count": 1,
                          "score": 1.0})  # fmt: skip
            if len(batch) == 20_000:
                s.execute(insert(Entity), batch)
                batch = []
        if batch:
            s.execute(insert(Entity), batch)
    print(f"search: inserted {n} entities in {time.perf_counter() - t0:.1f}s")

    def timed(label: str, **kw: Any) -> dict[str, Any]:
        with session_scope(url) as s:
            t = time.perf_counter()
            out = svc.search_entities(s, **kw)
            ms = (time.perf_counter() - t) * 1000
        print(f"search: {label}: {ms:.1f} ms (total {out['total']}, {len(out['items'])} items)")
        return out

    timed("first page by name", limit=50)
    page = timed("kind=lab, first page", kind="lab", limit=50)
    probe = f"ent_bench_{n // 3:010d}"
    with session_scope(url) as s:
        e = s.get(Entity, probe)
        prefix = e.name[:6] if e else "迈瑞"
    timed(f"name prefix {prefix}", name=prefix, limit=50, match="prefix")
    timed("name contains (table scan)", name=prefix[3:], limit=50, match="contains")
    timed("region prefix 深圳", region="深圳", limit=50)
    timed("offset 10000", limit=50, offset=10_000)
    after = page["next_after"]
    timed("keyset next page", limit=50, after=after)
    timed("sort by statements", sort="statements", limit=50)
    with session_scope(url) as s:
        t = time.perf_counter()
        svc.get_entity(s, f"ent_bench_{n // 2:010d}")
        print(f"get_entity: {(time.perf_counter() - t) * 1000:.1f} ms")


def main() -> None:
    """Parse arguments and run both parts."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--entities", type=int, default=1_000_000)
    ap.add_argument("--db", default=None, help="database URL (default: fresh SQLite files in a temp dir)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url1 = args.db or f"sqlite:///{Path(tmp) / 'build.db'}"
        url2 = args.db or f"sqlite:///{Path(tmp) / 'search.db'}"
        if args.docs:
            part1(url1, args.docs)
        if args.entities:
            part2(url2, args.entities)
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
