"""The matching-index projector keeps records' entity and chain links equal to a rebuild, and drops the
cached ranking index when it changes them."""

from __future__ import annotations

from pathlib import Path

from shuanglian.graph.ids import normalise_name
from shuanglian.graph.tables import Entity
from shuanglian.matching.projector import MatchingIndex
from shuanglian.matching.tables import MatchSupply
from shuanglian.projections import Changes, projector_names
from shuanglian.services import matching
from shuanglian.store.db import get_engine, init_db, session_scope


def test_registered_after_the_core_projections() -> None:
    names = projector_names()
    assert names[-1] == "matching_index" and names.index("resolution") < names.index("matching_index")


def test_update_relinks_and_replaces_like_a_rebuild(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    init_db(url)
    with session_scope(url) as s:
        sid = matching.add_supply(s, {"statement": "光刻胶等电子化学品联合研发", "provider": "南方科技大学"}, "t")["id"]
        placed = (s.get(MatchSupply, sid).chain_id, s.get(MatchSupply, sid).link_id)
        assert placed[0] and s.get(MatchSupply, sid).provider_entity is None
        before = matching.build_index(s, "supply")
        assert before.items[0].entity is None
        s.add(Entity(id="e_sustech", kind="university", name="南方科技大学", name_key=normalise_name("南方科技大学"),
                     names=["南方科技大学"]))
        row = s.get(MatchSupply, sid)
        row.chain_id, row.link_id = "stale", "stale"
        s.flush()
        MatchingIndex().update(s, Changes(entities={"e_sustech"}, chains={"semiconductors_ic"}))
        assert row.provider_entity == "e_sustech" and (row.chain_id, row.link_id) == placed
        after = matching.build_index(s, "supply")
        assert after is not before and after.items[0].entity == "e_sustech"
        # a rebuild leaves the same state; an unrelated change touches nothing
        MatchingIndex().rebuild(s)
        assert row.provider_entity == "e_sustech" and (row.chain_id, row.link_id) == placed
        rebuilt = matching.build_index(s, "supply")
        MatchingIndex().update(s, Changes(documents={"d1"}))
        assert matching.build_index(s, "supply") is rebuilt
    get_engine(url).dispose()
