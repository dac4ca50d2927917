"""Scale a bench/region_scale.py SQLite database up k-fold in SQL, without re-running the seed's slow
register-index fill (1M entities take hours on the shared 2-core machine): every non-place canonical
entity, its members and statements, and its register index rows (entries, sort keys, chains) are copied
with the id suffixed `~1` … `~(k-1)`; each copy then gets its own region (a county drawn as the seed
draws them: half in Guangdong, a fifth in Shenzhen) and its own chain, so the register count groups
spread as a seeded database of that size would (plain copies would repeat the small database's groups).
Sort keys keep the original's values (sorted pages read them; their order is not checked here).

    .venv/bin/python bench/region_scale_copy.py DB_FILE [--k 10]
    .venv/bin/python bench/region_scale.py --db sqlite:///DB_FILE --no-seed --pages --no-chains

The copy is at the revision of the code that seeded it; `--no-seed` migrates it (0018_register_counts
counts the register entries). Chain maps are not measured on a copy (chain_members is not copied).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
import zlib

from shuanglian.chains.templates import shipped_templates

COPIED = {  # table -> (columns suffixed, which rows)
    "entities": (["id"], "kind != 'place'"),
    "entity_members": (["member_id", "entity_id"], "entity_id IN (SELECT id FROM entities WHERE kind != 'place')"),
    "statements": (["id", "entity_id"], "entity_id IN (SELECT member_id FROM entity_members WHERE entity_id IN "
                                        "(SELECT id FROM entities WHERE kind != 'place'))"),
    "register_entries": (["entity_id"], "1"),
    "register_sort_keys": (["entity_id"], "1"),
    "register_entity_chains": (["entity_id"], "1"),
}  # fmt: skip


def _counties() -> list[str]:
    """The county names of region_scale.py's synthetic hierarchy (bench/ is on sys.path when run as a script)."""
    import region_scale

    return region_scale.divisions(20_000)[1]


def main() -> None:
    """Copy, then redraw the copies' regions and chains."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db")
    ap.add_argument("--k", type=int, default=10)
    args = ap.parse_args()
    con = sqlite3.connect(args.db)
    con.execute("PRAGMA synchronous=OFF")
    for table, (suffixed, where) in COPIED.items():
        t0 = time.perf_counter()
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        con.execute(f"CREATE TEMP TABLE src_{table} AS SELECT * FROM {table} WHERE {where}")
        for i in range(1, args.k):
            sel = ", ".join(f"{c} || '~{i}'" if c in suffixed else c for c in cols)
            con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {sel} FROM src_{table}")
        con.commit()
        n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        print(f"{table}: {n:,} rows ({time.perf_counter() - t0:.0f} s)", flush=True)
    counties = _counties()
    chains = [(t.id, t.name) for t in shipped_templates().values()]
    ids = dict(chains)
    index = {k: j for j, (cid, name) in enumerate(chains) for k in (cid, name)}

    def region(eid: str, old: str | None) -> str | None:
        if "~" not in eid or not old:
            return old
        return random.Random(zlib.crc32(eid.encode())).choice(counties)[:128]

    def chain(eid: str, old: str) -> str:
        if "~" not in eid or old not in index:
            return old
        cid, name = chains[(index[old] + zlib.crc32(eid.encode())) % len(chains)]
        return cid if old in ids else name[:200]

    con.create_function("newregion", 2, region, deterministic=True)
    con.create_function("newchain", 2, chain, deterministic=True)
    t0 = time.perf_counter()
    con.execute("UPDATE register_entries SET region = newregion(entity_id, region) WHERE entity_id LIKE '%~%'")
    con.execute("UPDATE register_entity_chains SET chain = newchain(entity_id, chain) WHERE entity_id LIKE '%~%'")
    con.execute("UPDATE entities SET region = newregion(id, region) WHERE id LIKE '%~%'")
    con.commit()
    print(f"regions and chains redrawn ({time.perf_counter() - t0:.0f} s)", flush=True)
    con.close()


if __name__ == "__main__":
    main()
