"""Which projections were built by rules other than the installed ones (data/rule_files.yaml).

A projection is a function of the statements *and* of the code and rule files its projector reads (register
admission, chain templates, target and figure rules...). When those change, the stored rows were computed by
the old rules and an incremental update would mix old and new: `apply_changes` rebuilds a stale projector,
and every one after it, at the next write, and records the digest it was built with (table
projection_state). Migration 0026 marks a database that already held documents with the row `*`: every
projector not recorded yet is stale there, so the first write after the upgrade rebuilds once.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

import shuanglian
from shuanglian.projections.tables import ProjectionState
from shuanglian.store.documents import utcnow

_RULE_FILES = Path(__file__).parent / "data" / "rule_files.yaml"
UNKNOWN = "*"  # the marker row of a database whose projections were built before this table existed


@cache
def _globs() -> dict[str, list[str]]:
    data = yaml.safe_load(_RULE_FILES.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise ValueError(f"{_RULE_FILES}: expected a mapping projector name -> list of globs")
    return {str(k): [str(g) for g in v] for k, v in data.items()}


@cache
def digest(name: str) -> str:
    """Digest of the package version and of every file projector `name` reads (its globs and those of
    `all` in data/rule_files.yaml; cached per process)."""
    root = Path(str(resources.files("shuanglian")))
    h = hashlib.sha256(f"version:{shuanglian.__version__}\n".encode())
    globs = [*_globs().get("all", []), *_globs().get(name, [])]
    files = sorted({p for g in globs for p in root.glob(g) if p.is_file()})
    for p in files:
        h.update(f"{p.relative_to(root).as_posix()}\n".encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def stored(session: Session, lock: bool = False) -> dict[str, str]:
    """Projector name -> the rules digest its stored rows were built with (`lock`: the rows are locked until
    the transaction ends, on PostgreSQL, so two writers do not both rebuild)."""
    q = select(ProjectionState.name, ProjectionState.rules_digest)
    return {n: d for n, d in session.execute(q.with_for_update() if lock else q)}


def stale(have: dict[str, str], names: list[str]) -> list[str]:
    """Those of `names` whose stored rows (`have`, from `stored`) were built by other rules. A projector never
    recorded is current in a new database and stale in one marked `*` by migration 0026."""
    unknown = UNKNOWN in have
    return [n for n in names if (have[n] != digest(n) if n in have else unknown)]


def mark(session: Session, have: dict[str, str], names: list[str], rebuilt: set[str]) -> None:
    """Record that `names` are current with the installed rules: those in `rebuilt` were just recomputed,
    the others keep their record (a projector never recorded is added; a concurrent writer adding it too
    is no error)."""
    now = utcnow()
    new = [{"name": n, "rules_digest": digest(n), "built_at": now} for n in names if n not in have]
    if new:
        dialect = session.get_bind().dialect.name
        if dialect in ("postgresql", "sqlite"):
            from sqlalchemy.dialects import postgresql, sqlite

            ins = (postgresql if dialect == "postgresql" else sqlite).insert(ProjectionState)
            session.execute(ins.values(new).on_conflict_do_nothing(index_elements=["name"]))
        else:
            session.add_all(ProjectionState(**row) for row in new)
    for n in sorted(rebuilt & set(have)):
        session.execute(update(ProjectionState).where(ProjectionState.name == n).values(rules_digest=digest(n), built_at=now))
    if UNKNOWN in have:
        session.execute(delete(ProjectionState).where(ProjectionState.name == UNKNOWN))
    session.flush()
