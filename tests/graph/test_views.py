"""Incremental resolution (fast attach + scoped re-resolution) gives exactly what a full rebuild gives."""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph import build, views
from shuanglian.graph.tables import Entity, EntityMember
from tests.graph.factories import ent, make_doc

BRANDS = ["迈瑞", "汇顶", "光峰", "柔宇", "奥比", "晶泰"]
PLACES = ["深圳市", "北京市", "广州市"]
TRADES = ["科技", "医疗", "电子"]
PEOPLE = ["王伟", "李娜", "张晓明", "陈志强"]


def _snapshot(session: Session) -> tuple[set[tuple[str, str]], dict[str, tuple[Any, ...]]]:
    members = {(m.member_id, m.entity_id) for m in session.scalars(select(EntityMember))}
    ents = {
        e.id: (e.kind, e.name, tuple(e.names), e.statement_count, e.document_count, e.member_count, e.region)
        for e in session.scalars(select(Entity))
    }
    return members, ents


def test_incremental_matches_rebuild(session: Session) -> None:
    rng = random.Random(3)
    for i in range(24):
        parts, ents = [], []
        for _ in range(4):
            b, place, trade = rng.choice(BRANDS), rng.choice(PLACES), rng.choice(TRADES)
            name = rng.choice([f"{place[:2]}{b}{trade}有限公司", f"{b}{trade}", b, f"{place}{b}{trade}股份有限公司"])
            kind = rng.choice(["enterprise", "enterprise", "organization"])
            parts.append(name)
            ents.append((name, kind, {"place": place}))
        person = rng.choice(PEOPLE)
        text = "，".join(parts) + f"。{person}出席。第{i}篇"
        facts = [ent(n, k, text, **a) for n, k, a in ents]
        facts.append(ent(person, "person", text, roles=[{"title": "董事长", "org": parts[0]}] if i % 3 else []))
        facts.append(ent(ents[0][2]["place"], "place", text))
        build.add_document_statements(session, make_doc(session, text, facts))
    incremental = _snapshot(session)
    views.rebuild(session)
    assert incremental == _snapshot(session)
    assert len(incremental[1]) < len(incremental[0])  # something was merged
