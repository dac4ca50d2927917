"""`shuanglian demo`: bundled samples into the database, sample register files imported, first admin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from shuanglian.samples import samples_dir
from shuanglian.services import documents as docs
from shuanglian.store.db import init_db, session_scope
from shuanglian.web.auth import ensure_admin

REGISTER_SUFFIXES = (".csv", ".xlsx")


@dataclass
class DemoResult:
    """What the demo preparation did."""

    stored: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    imported: dict[str, int] = field(default_factory=dict)
    admin_password: str | None = None


def sample_register_files(root: Path) -> list[tuple[str, Path]]:
    """(register name, file) pairs under `<samples>/registers/`, named `<register>.csv|.xlsx`."""
    d = root / "registers"
    if not d.is_dir():
        return []
    return [(p.stem.split(".")[0], p) for p in sorted(d.iterdir()) if p.suffix.lower() in REGISTER_SUFFIXES]


def prepare_demo(db_url: str | None = None, echo: Callable[[str], None] = print) -> DemoResult:
    """Ingest the samples (idempotent), import sample registers if shipped, create the first admin."""
    init_db(db_url)
    out = DemoResult()
    report = docs.ingest_samples(db_url)
    out.stored, out.duplicates, out.failed = report.stored, report.duplicates, list(report.failed)
    echo(f"samples: {report.stored} stored, {report.duplicates} already there, {len(report.failed)} failed")
    for source, reason in report.failed:
        echo(f"  failed: {source}: {reason}")
    files = sample_register_files(samples_dir())
    if files:
        from shuanglian.services import registers

        for name, path in files:
            with session_scope(db_url) as s:
                res = registers.import_register(
                    s, name, path.read_bytes(), path.suffix.lower().lstrip("."), user="demo"
                )
            out.imported[name] = res.rows_ok
            for err in res.errors[:20]:
                echo(f"  {path.name}: row {err.get('row')} column {err.get('column')}: {err.get('message')}")
            echo(f"register {name}: imported {res.rows_ok} rows from {path.name}")
    from shuanglian.services import chains

    with session_scope(db_url) as s:
        # placement on chain links is a separate, idempotent step: run it so the chain maps show members
        chains.place(s)  # every write already placed what it stored: this only catches changed templates
        echo(f"chains: {chains.placed_count(s)} entities on chain links")
        out.admin_password = ensure_admin(s)
    from shuanglian.services import challenges, matching

    with session_scope(db_url) as s:
        seeded = matching.seed_demo(s)
        ch = challenges.seed_demo(s, seeded["challenge"])
    echo(f"matching: {seeded['demands']} demands, {seeded['supply']} supply records; "
         f"open challenge: {ch['title'] if ch else 'already there'}")
    from shuanglian.services.search import ensure_search_index
    from shuanglian.store.db import get_engine

    ensure_search_index(get_engine(db_url))
    return out
