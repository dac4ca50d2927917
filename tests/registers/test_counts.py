"""Register counts kept as data (registers.counts): totals and facets summed over the count groups equal
counting the entries, and the groups kept incrementally through edits equal a recount from scratch."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.registers import counts
from shuanglian.registers.index import rebuild_index
from shuanglian.registers.tables import RegisterCount, RegisterRegionCount, RegisterTotal
from shuanglian.services.chains import place
from shuanglian.services.register_facets import register_facets
from shuanglian.services.registers import hide_row, import_register, list_register, register_names, unhide_row
from tests.registers.conftest import add_entity
from tests.registers.test_fastlist import _graph

FILTERS: list[dict[str, Any]] = [
    {}, {"region": "深圳"}, {"region": "广东"}, {"region": "北京"}, {"region": "南山区"}, {"chain": "高端医疗器械"},
    {"chain": "high_end_medical_devices"}, {"region": "深圳", "chain": "高端医疗器械"}, {"kind": "企业"},
    {"region": "深圳", "kind": "enterprise"}, {"hidden": True}, {"region": "深圳", "hidden": True},
]  # fmt: skip


def _tables(session: Session) -> dict[str, set[tuple[Any, ...]]]:
    session.flush()
    out = {}
    for model in (RegisterCount, RegisterRegionCount, RegisterTotal):
        cols = list(model.__table__.columns)  # type: ignore[attr-defined]
        out[model.__tablename__] = {tuple(r) for r in session.execute(select(*cols))}
    return out


def _uncounted(monkeypatch: pytest.MonkeyPatch, fn: Any) -> Any:
    """fn() answered by counting entries (the counts treated as never filled)."""
    with monkeypatch.context() as m:
        m.setattr(counts, "counts_ready", lambda _s: False)
        return fn()


def _edits(session: Session) -> None:
    """Edits that move entries between groups: a new row, a hidden and restored row, an import, a region."""
    add_entity(session, "enterprise", "深圳新医疗公司", place="深圳市福田区", products=["监护仪"])
    add_entity(session, "lab", "江苏某实验室", place="苏州市")
    page = list_register(session, "enterprises", region="深圳")
    hide_row(session, "enterprises", page["rows"][0]["id"], "u")
    res = list_register(session, "resources", region="深圳")["rows"]
    hide_row(session, "resources", res[-1]["id"], "u")
    unhide_row(session, "enterprises", page["rows"][0]["id"], "u")
    import_register(session, "resources", "名称,类型,所在地\n杭州某研究院,科研院所,杭州市\n".encode(), "csv", user="u")
    add_entity(session, "enterprise", "深圳乙公司", place="广州市")  # the same name elsewhere: merges or moves
    place(session)


def test_counted_totals_and_facets_equal_counting_entries(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    _graph(session)
    _edits(session)
    assert counts.counts_ready(session)
    nonzero = 0
    for name in register_names():
        for f in FILTERS:
            total = list_register(session, name, limit=0, **f)["total"]
            assert total == _uncounted(monkeypatch, lambda n=name, f=f: list_register(session, n, limit=0, **f)["total"])
            facets = register_facets(session, name, **f)
            expected = _uncounted(monkeypatch, lambda n=name, f=f: register_facets(session, n, **f))
            for key in ("region", "chain"):
                assert facets[key] == expected[key], (name, f, key)
            # kinds of equal count may come in any order from the database
            assert sorted(map(str, facets["kind"])) == sorted(map(str, expected["kind"])), (name, f)
            nonzero += total > 0
    assert nonzero > 20


def test_counts_kept_through_edits_equal_a_recount(session: Session) -> None:
    _graph(session)
    _edits(session)
    kept = _tables(session)
    assert kept["register_counts"] and kept["register_totals"]
    counts.recount(session)
    assert _tables(session) == kept
    rebuild_index(session)
    assert _tables(session) == kept
    # no group is left at zero, and every group sums to the entries it stands for
    assert all(r[-1] > 0 for rows in kept.values() for r in rows)

