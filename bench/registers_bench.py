"""Benchmark registers and chains on a generated graph: import, list (one page), export, placement, gaps.

Usage: .venv/bin/python bench/registers_bench.py [N_ENTERPRISES] [--db URL]
Prints seconds and rows/s per step (no assertions: speed goals are read here, not in unit tests).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from shuanglian.chains.templates import shipped_templates
from shuanglian.services import chains, registers
from shuanglian.store.db import init_db, session_scope

CITIES = ["深圳市南山区", "深圳市宝安区", "深圳市光明区", "广州市黄埔区", "东莞市", "苏州市", "上海市浦东新区", "北京市海淀区"]


def make_csv(n: int, seed: int = 7) -> bytes:
    """An enterprises register file with products drawn from every shipped chain's links."""
    rnd = random.Random(seed)
    terms = [t for tpl in shipped_templates().values() for ln in tpl.links for t in ln.products] or ["监护仪"]
    lines = ["名称,所在地,链主,主要产品"]
    for i in range(n):
        prods = "、".join(rnd.sample(terms, 2))
        lines.append(f"测试企业{i:06d}有限公司,{rnd.choice(CITIES)},{'是' if i % 50 == 0 else '否'},{prods}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    """Run the steps and print timings."""
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=2000)
    ap.add_argument("--db", default=None)
    args = ap.parse_args()
    db = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    init_db(db)
    data = make_csv(args.n)

    def step(label: str, fn, count: int | None = None) -> object:  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        with session_scope(db) as s:
            out = fn(s)
        dt = time.perf_counter() - t
        rate = f"  {count / dt:,.0f} rows/s" if count else ""
        print(f"{label:<34} {dt:8.2f} s{rate}")
        return out

    step("import (validate+statements+place)", lambda s: registers.import_register(s, "enterprises", data, "csv", "bench"), args.n)
    step("re-import (idempotent)", lambda s: registers.import_register(s, "enterprises", data, "csv", "bench"), args.n)
    step("list page (region=深圳, 50 rows)", lambda s: registers.list_register(s, "enterprises", region="深圳"), args.n)
    step("list page (chain filter, q)", lambda s: registers.list_register(s, "enterprises", chain="高端医疗器械", q="企业"), args.n)
    step("export xlsx (all rows)", lambda s: registers.export_register(s, "enterprises", "xlsx"), args.n)
    step("place all (idempotent re-run)", lambda s: chains.place(s), args.n)
    step("chain_map 高端医疗器械 深圳", lambda s: chains.chain_map(s, "high_end_medical_devices", "深圳"))
    step("gaps 高端医疗器械 深圳", lambda s: chains.gaps(s, "high_end_medical_devices", "深圳"))
    step("chains report (all chains, 深圳)", lambda s: chains.chains_report(s, "深圳"))


if __name__ == "__main__":
    main()
