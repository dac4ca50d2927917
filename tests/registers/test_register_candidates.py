"""The register index's candidates (registers.index._candidates): entities of kinds no register lists are
candidates only when one of their members holds a live register statement, found from the register
statements' partial index (migration 0025) or, past the cap, by joining the clusters: both agree."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph.tables import Entity, EntityMember
from shuanglian.registers import index
from shuanglian.registers.graphview import build_statement
from tests.registers.conftest import add_doc, add_entity

TEXT = "深圳市和广州市的消息。赛迪顾问股份有限公司发布报告。"


def _canonical(session: Session, member: str) -> str:
    return str(session.scalar(select(EntityMember.entity_id).where(EntityMember.member_id == member)))


@pytest.mark.parametrize("cap", [index._REGISTERED_CAP, 0])
def test_registered_entity_of_unlisted_kind_is_a_candidate(session: Session, cap: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "_REGISTERED_CAP", cap)
    add_doc(session, "d1", TEXT)
    sz = add_entity(session, "place", "深圳市", "d1", TEXT)
    gz = add_entity(session, "place", "广州市", "d1", TEXT)
    co = add_entity(session, "enterprise", "赛迪顾问股份有限公司", "d1", TEXT)
    # a register import on a member of a place cluster (the schema allows it only on listed kinds: the row
    # is written as the import writes it, then put on the place's member, as a merge across kinds leaves it)
    row = build_statement(entity_id=co, kind="enterprise", prop="register", value="consultants", origin="manual",
                          user="tester", confidence=1.0)  # fmt: skip
    row.entity_id = sz
    session.add(row)
    session.flush()
    ids = {_canonical(session, m) for m in (sz, gz, co)}
    assert session.get(Entity, _canonical(session, sz)).kind == "place"  # type: ignore[union-attr]
    got = set(index._candidates(session, ids))
    assert _canonical(session, sz) in got  # an unlisted kind with a register statement
    assert _canonical(session, gz) not in got  # an unlisted kind without one
    assert _canonical(session, co) in got  # a listed kind
    assert (index._registered_members(session) is None) == (cap == 0)
