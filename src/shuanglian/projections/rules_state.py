"""Which projections were built by rules other than the installed ones (data/rule_files.yaml).

A projection is a function of the statements *and* of the rules its projector reads (register admission,
chain templates, target rules...). When those change, the stored rows were computed by the old rules and an
incremental update would mix old and new: `apply_changes` rebuilds a stale projector, and every one after it,
at the next write, and records the digest it was built with (table projection_state).
"""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

import shuanglian
from shuanglian.projections.tables import ProjectionState
from shuanglian.store.documents import utcnow

_RULE_FILES = Path(__file__).parent / "data" / "rule_files.yaml"


@lru_cache(maxsize=1)
def _globs() -> dict[str, list[str]]:
    data = yaml.safe_load(_RULE_FILES.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise ValueError(f"{_RULE_FILES}: expected a mapping projector name -> list of globs")
    return {str(k): [str(g) for g in v] for k, v in data.items()}


@cache
def digest(name: str) -> str:
    """Digest of the package version and of every rule file projector `name` reads (cached per process)."""
    root = Path(str(resources.files("shuanglian")))
    h = hashlib.sha256(f"version:{shuanglian.__version__}\n".encode())
    files = sorted({p for g in _globs().get(name, []) for p in root.glob(g) if p.is_file()})
    for p in files:
        h.update(f"{p.relative_to(root).as_posix()}\n".encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def stored(session: Session) -> dict[str, str]:
    """Projector name -> the rules digest its stored rows were built with."""
    return {n: d for n, d in session.execute(select(ProjectionState.name, ProjectionState.rules_digest))}


def stale(have: dict[str, str], names: list[str]) -> list[str]:
    """Those of `names` whose stored rows (`have`, from `stored`) were built by other rules; a projector
    never recorded is taken as current (a new database, or one made before this table, keeps its rows)."""
    return [n for n in names if n in have and have[n] != digest(n)]


def mark(session: Session, have: dict[str, str], names: list[str], rebuilt: set[str]) -> None:
    """Record that `names` are current with the installed rules: those in `rebuilt` were just recomputed,
    the others keep their record (only a projector never recorded is added)."""
    now = utcnow()
    for n in names:
        if n not in have:
            session.add(ProjectionState(name=n, rules_digest=digest(n), built_at=now))
        elif n in rebuilt:
            row = session.get(ProjectionState, n)
            if row is not None:
                row.rules_digest, row.built_at = digest(n), now
    session.flush()
