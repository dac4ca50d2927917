"""Register listing latency at scale: every register's page, filters and column sorts over a generated
graph of canonical entities with statements (default 1,000,000 entities on SQLite).

    .venv/bin/python bench/registers_scale.py [--entities 1000000] [--db URL [--no-seed]] [--runs 5]
        [--first N]    # top up an interrupted seed of --db from entity N
        [--complete]   # also time the complete in-Python listing (what non-indexed requests cost before)

Bulk-inserts entities, members and statements (names, places, products, investments, issuers, chain
placements, a few register imports), fills the register index (registers.index.rebuild_index, timed),
then prints the median and worst latency of list_register per request. No assertions: speed goals are
read here (target < 300 ms per page).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from shuanglian.chains.placement import chain_target_id
from shuanglian.chains.templates import shipped_templates
from shuanglian.graph.ids import normalise_name
from shuanglian.graph.tables import Entity, EntityMember, Statement
from shuanglian.registers.index import rebuild_index
from shuanglian.services.registers import list_register, register_names
from shuanglian.store.db import init_db, session_scope

SYL = list("华迈瑞腾讯比亚迪大疆汇顶光峰欣旺达柔宇优必选中兴立讯海能达康泰奥比中光云天励飞晶泰智影")
PLACES = ["深圳市南山区", "深圳市宝安区", "深圳市光明区", "广州市黄埔区", "东莞市", "苏州市", "上海市浦东新区",
          "北京市海淀区", "合肥市", "天津市", "杭州市", "成都市", "武汉市", "美国波士顿"]  # fmt: skip
# (kind, share, name tail)
KINDS = [("enterprise", 40, "科技有限公司"), ("university", 3, "大学"), ("lab", 4, "实验室"),
         ("research_institute", 4, "研究院"), ("platform", 4, "创新中心"), ("project", 10, "产业化项目"),
         ("policy", 5, "若干措施"), ("fund", 5, "产业投资基金"), ("organization", 15, "协会"),
         ("person", 10, "")]  # fmt: skip


def _kind_of(rng: random.Random) -> tuple[str, str]:
    r = rng.randrange(100)
    for kind, share, tail in KINDS:
        if r < share:
            return kind, tail
        r -= share
    return KINDS[0][0], KINDS[0][2]


def seed(url: str, n: int, first: int = 0) -> None:
    """Insert canonical entities `first`..`n`-1 (one member each) with their live statements."""
    init_db(url)
    rng = random.Random(11)
    chains = [(t.id, t.name, [ln.id for ln in t.links]) for t in shipped_templates().values()]
    now = datetime.now(UTC)
    t0 = time.perf_counter()
    ents: list[dict[str, Any]] = []
    mems: list[dict[str, Any]] = []
    sts: list[dict[str, Any]] = []

    def st(eid: str, kind: str, prop: str, value: str, **kw: Any) -> None:
        sts.append({"id": f"s{len(sts)}_{eid[-12:]}_{prop[:6]}", "entity_id": eid, "kind": kind, "prop": prop,
                    "value": value, "origin": kw.pop("origin", "document"), "status": "accepted",
                    "confidence": 0.9, "created_at": now, **kw})  # fmt: skip

    def flush(final: bool = False) -> None:
        if len(sts) >= 50_000 or final:
            with session_scope(url) as s:
                for table, rows in ((Entity, ents), (EntityMember, mems), (Statement, sts)):
                    for i in range(0, len(rows), 5000):
                        s.execute(insert(table), rows[i : i + 5000])
            for rows in (ents, mems, sts):
                rows.clear()

    for i in range(first, n):
        kind, tail = _kind_of(rng)
        consult = kind in ("organization", "research_institute", "enterprise") and rng.random() < 0.01
        name = "".join(rng.sample(SYL, 3)) + f"{i:07d}" + ("咨询" if consult else "") + tail
        place = rng.choice(PLACES)
        eid = f"ent_{i:010d}"
        key = normalise_name(name)
        ents.append({"id": eid, "kind": kind, "name": name, "name_key": key, "names": [name], "search_text": f"|{key}|",
                     "region": place, "statement_count": 3, "document_count": 1, "member_count": 1, "score": 1.0})  # fmt: skip
        mems.append({"member_id": eid, "entity_id": eid, "kind": kind, "name": name, "first_seen": now})
        st(eid, kind, "name", name)
        st(eid, kind, "place", place)
        if kind == "enterprise":
            st(eid, kind, "products", rng.choice(["监护仪", "除颤仪", "彩超", "锂电池", "芯片", "服务器"]))
            if i % 50 == 0:
                st(eid, kind, "chain_leader", "true")
        elif kind == "project" and rng.random() < 0.7:
            st(eid, kind, "investment", str(rng.randint(1, 500) * 10_000_000))
        elif kind == "policy":
            st(eid, kind, "issuer", rng.choice(["深圳市人民政府", "广东省人民政府", "工业和信息化部"]))
        if kind not in ("policy", "fund", "person") and rng.random() < 0.3:
            cid, cname, links = rng.choice(chains)
            lid = rng.choice(links)
            st(eid, kind, "on_chain_link", f"{cname}/{lid}", target_id=chain_target_id(cid, lid),
               value_json={"chain": cid, "chain_name": cname, "link": lid})  # fmt: skip
        if rng.random() < 0.005:
            st(eid, kind, "register", "resources", origin="import", user="bench")
        flush()
    flush(final=True)
    print(f"seed: {n - first:,} entities with statements in {time.perf_counter() - t0:.1f} s", flush=True)
    t0 = time.perf_counter()
    with session_scope(url) as s:
        entries = rebuild_index(s)
    print(f"index: {entries:,} register entries in {time.perf_counter() - t0:.1f} s", flush=True)


def requests() -> list[tuple[str, dict[str, Any]]]:
    """Per register: first page, deep page, region, chain, text, kind filters, and every column sort."""
    from shuanglian.registers.spec import get_spec

    out: list[tuple[str, dict[str, Any]]] = []
    for name in register_names():
        spec = get_spec(name)
        out += [(name, {}), (name, {"offset": 10_000}), (name, {"region": "深圳"}), (name, {"chain": "高端医疗器械"}),
                (name, {"q": "迈瑞"}), (name, {"kind": spec.kinds[0]}), (name, {"region": "深圳", "sort": "-name"})]  # fmt: skip
        for col in spec.columns:
            if col.key not in ("name",):
                out.append((name, {"sort": col.key}))
                out.append((name, {"sort": f"-{col.key}", "offset": 1000}))
    return out


def measure(url: str, runs: int, complete: bool) -> None:
    """Print median / max milliseconds of each request (and of the complete listing with --complete)."""
    paths = [True, False] if complete else [True]
    with session_scope(url) as s:
        for name, kw in requests():
            for fast in paths:
                times = []
                for _ in range(runs if fast else 1):
                    t = time.perf_counter()
                    page = list_register(s, name, fast=fast, **kw)
                    times.append((time.perf_counter() - t) * 1000)
                label = f"{name} {kw}" + ("" if fast else "  [complete]")
                print(f"{label:70s} median {statistics.median(times):9.1f} ms  max {max(times):9.1f} ms"
                      f"  total {page['total']:,}", flush=True)  # fmt: skip


def main() -> None:
    """Parse arguments, seed, print latencies."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--entities", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--db", default=None)
    ap.add_argument("--no-seed", action="store_true")
    ap.add_argument("--first", type=int, default=0, help="top up a seeded --db from this entity number")
    ap.add_argument("--complete", action="store_true", help="also time the complete in-Python listing (slow)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'registers_scale.db'}"
        if not args.no_seed:
            seed(url, args.entities, args.first)
        measure(url, args.runs, args.complete)


if __name__ == "__main__":
    main()
