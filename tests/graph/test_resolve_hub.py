"""Issue 11: resolving a hub person (one source entity per page) is not quadratic in its members, and
gives the clusters the pair-by-pair rule gives."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from shuanglian.graph import resolve as rs


def _people(n: int, name: str) -> list[rs.Profile]:
    """`n` mentions of one person: most without a role, some as 董事长 of one of two organisations."""
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    out = []
    for i in range(n):
        ctx = frozenset() if i % 3 else frozenset({f"org:甲{i % 2}公司"})
        out.append(rs.Profile(f"ent_person_{i:05d}", "person", [name], t0 + timedelta(minutes=i), ctx))
    return out


@pytest.mark.parametrize(("name", "clusters"), [("习近平", 2), ("李强", 2 + 400)])
def test_a_hub_person_resolves_in_linear_finds(monkeypatch: pytest.MonkeyPatch, name: str, clusters: int) -> None:
    """Once a walk over the later members joins nothing, members of that cluster are not walked again
    (the loop walked S²/2 pairs); the clusters are the rule's: a three-character name without roles
    joins the first cluster it meets, a two-character one joins nobody (400 apart), and the
    mentions with roles join those sharing their organisation (two people)."""
    calls = itertools.count()
    real = rs._UnionFind.find

    def counting(self: rs._UnionFind, x: str) -> str:
        next(calls)
        return real(self, x)

    monkeypatch.setattr(rs._UnionFind, "find", counting)
    n = 600
    out = rs.resolve(_people(n, name))
    assert next(calls) < 20 * n
    assert len({a.entity_id for a in out.values()}) == clusters


def test_people_with_conflicting_roles_stay_apart() -> None:
    """Only role-bearing mentions that share no organisation: two people, as before."""
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    profiles = [rs.Profile(f"ent_person_{i:03d}", "person", ["王伟"], t0 + timedelta(minutes=i), frozenset({f"org:乙{i % 2}"}))
                for i in range(40)]  # fmt: skip
    out = rs.resolve(profiles)
    groups = {a.entity_id for a in out.values()}
    assert len(groups) == 2
    for p in profiles:
        assert out[p.member_id].entity_id == f"ent_person_{int(p.member_id[-3:]) % 2:03d}"
