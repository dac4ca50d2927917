"""Region of a canonical entity by evidence (graph/config.yaml `region_evidence`): each located_in
statement has a reason rank (analyst correction, import, stated on the page, a branch or campus marker,
the universities list, the legal name's place); the best rank wins, and within a rank a place that
contains another candidate (中国 ⊃ 深圳市) loses to the more specific one, then the most cited wins."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

from shuanglian.graph.keys import graph_config
from shuanglian.graph.regions import _division_chain, region_key

ANALYST = "analyst"


@lru_cache(maxsize=1)
def _config() -> tuple[dict[str, int], frozenset[str]]:
    data = graph_config().get("region_evidence")
    if not isinstance(data, dict) or not isinstance(data.get("ranks"), dict):
        raise ValueError("graph/config.yaml: field 'region_evidence.ranks' must be a mapping reason -> rank")
    ranks = {str(k): int(v) for k, v in data["ranks"].items()}
    if "unknown" not in ranks or ANALYST not in ranks:
        raise ValueError("graph/config.yaml: 'region_evidence.ranks' needs the reasons 'analyst' and 'unknown'")
    national = frozenset(region_key(str(n)) for n in data.get("national_places") or ())
    return ranks, national


def evidence_ranks() -> dict[str, int]:
    """Every evidence reason with its rank (graph/config.yaml `region_evidence.ranks`)."""
    return dict(_config()[0])


def reason_of(origin: str, value_json: Any) -> str:
    """The evidence reason of one located_in statement (an analyst's manual one is `analyst`)."""
    ranks, _ = _config()
    if origin == "manual":
        return ANALYST
    why = value_json.get("reason") if isinstance(value_json, dict) else None
    if why in ranks:
        return str(why)
    return "import" if origin == "import" else "unknown"


def rank_of(origin: str, value_json: Any) -> int:
    """Rank of one located_in statement's evidence (lower is stronger)."""
    ranks, _ = _config()
    return ranks[reason_of(origin, value_json)]


def contains(outer: str, inner: str) -> bool:
    """Whether place `outer` strictly contains place `inner` by static data: a national name contains
    every domestic place; else the division data (广东 ⊃ 深圳 ⊃ 南山)."""
    ko, ki = region_key(outer), region_key(inner)
    if ko == ki:
        return False
    _, national = _config()
    if ki in national:
        return False
    chain = _division_chain(inner)
    if ko in national:
        return bool(chain)
    return ko in chain


def choose_region(
    located: Mapping[str, int], evidence: Mapping[str, tuple[int, datetime, str]], targets: Mapping[str, tuple[str, str]]
) -> str | None:
    """The located_in target the entity is in: best evidence rank; the latest analyst correction outright;
    within a rank the most specific place, then the most cited (ties by id). `evidence` maps target ->
    (rank, latest time at that rank, reason); `targets` maps target -> (canonical place id, name); targets
    of one canonical place count together, and those without a place are skipped."""
    ranks, _ = _config()
    worst = (ranks["unknown"], datetime.min, "unknown")
    count: dict[str, int] = {}
    ev: dict[str, tuple[int, datetime, str]] = {}
    rep: dict[str, str] = {}
    names: dict[str, str] = {}
    for t in sorted(located):
        if t not in targets:
            continue
        c, name = targets[t]
        count[c] = count.get(c, 0) + located[t]
        rank, when, reason = evidence.get(t, worst)
        fold_evidence(ev, c, rank, when.replace(tzinfo=None), reason)
        rep.setdefault(c, t)
        names[c] = name
    if not count:
        return None
    best = min(ev[c][0] for c in count)
    tier = [c for c in count if ev[c][0] == best]
    if best == ranks[ANALYST]:
        return rep[max(tier, key=lambda c: (ev[c][1], c))]
    specific = [c for c in tier if not any(o != c and contains(names[c], names[o]) for o in tier)] or tier
    return rep[min(specific, key=lambda c: (-count[c], c))]


def fold_evidence(
    evidence: dict[str, tuple[int, datetime, str]], target: str, rank: int, when: datetime, reason: str
) -> None:
    """Keep the strongest evidence per target (the latest at equal rank)."""
    old = evidence.get(target)
    if old is None or rank < old[0] or (rank == old[0] and when > old[1]):
        evidence[target] = (rank, when, reason)
