"""Ranked names (graph.reader views_for_members `ranked`): a hub's name statements reduced in SQL to a
few rows per value give chain placement what the whole read gives (issue 11), on both backends."""

from __future__ import annotations

from sqlalchemy import select

from shuanglian.graph import build
from shuanglian.graph.reader import views_for_members
from shuanglian.graph.tables import Entity
from shuanglian.store.db import init_db, session_scope
from tests.graph.factories import ent, make_doc

PROPS = ("name", "alias", "products")


def _seen(view):  # type: ignore[no-untyped-def]
    """What placement reads of a view's names: name, names, values, and the last fact of each name."""
    last = {f.value: (f.member_id, f.id, f.origin, f.user) for f in view.facts if f.prop == "name"}
    return view.name, view.names, view.values("name"), view.values("alias"), last, view.values("products")


def test_ranked_names_read_as_the_whole_names(db_url: str) -> None:
    init_db(db_url)
    with session_scope(db_url) as s:
        for i in range(30):
            text = f"中国科学院第{i}次会议：中科院在北京发布新型储能成果，中国科学院院属企业投产。"
            aliases = ["中科院"] if i % 2 else ["中科院", "国科院"] if i % 5 == 0 else []
            row = make_doc(s, text, [ent("中国科学院", "research_institute", text, aliases, products="储能电池")])
            build.add_document_statements(s, row)
        hub = s.scalars(select(Entity).where(Entity.name == "中国科学院")).one()
        assert hub.member_count == 30
        whole = views_for_members(s, [hub.id], props=PROPS, region=False)[hub.id]
        ranked = views_for_members(s, [hub.id], props=PROPS, region=False, ranked=("name", "alias"))[hub.id]
        assert _seen(ranked) == _seen(whole)
        assert len([f for f in ranked.facts if f.prop in ("name", "alias")]) < len(
            [f for f in whole.facts if f.prop in ("name", "alias")]) / 4  # fmt: skip
