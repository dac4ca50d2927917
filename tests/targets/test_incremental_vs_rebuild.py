"""Incremental linking equals a rebuild when a plan's 年均 target meets both a 年均 outcome and a period total
(the reviewer's script rev_t9, session 14), in either order of the outcome reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from shuanglian.services import targets as svc
from shuanglian.store.db import init_db, session_scope
from shuanglian.targets.tables import ActualRow, TargetLinkRow, TargetRow
from tests.targets.conftest import add_document

PLAN = "2006年国务院政府工作报告\n二、“十一五”时期的主要目标和任务\n“十一五”期间，国内生产总值年均增长7.5%，城镇新增就业4500万人。\n"
TOTAL = "2011年国务院政府工作报告\n一、“十一五”时期经济社会发展回顾\n“十一五”时期，国内生产总值与2005年相比增长69.9%。\n"
AVG = "2011年国务院政府工作报告（二）\n一、“十一五”时期经济社会发展回顾\n“十一五”时期，国内生产总值年均增长11.2%。\n"


def _state(url: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[tuple[object, ...]]]:
    with session_scope(url) as s:
        links = sorted((ln.target_id, ln.document_id, ln.span_start, ln.interim, ln.score, ln.state)
                       for ln in s.scalars(select(TargetLinkRow)))
        targets = sorted((t.id, t.measure, t.status, t.progress) for t in s.scalars(select(TargetRow)))
        actuals = sorted((a.measure, a.value, a.year, a.period_end, a.quote) for a in s.scalars(select(ActualRow)))
    return links, targets, actuals


@pytest.mark.parametrize("total_first", [True, False])
def test_incremental_link_equals_rebuild_for_an_average_target(tmp_path: Path, total_first: bool) -> None:
    url = f"sqlite:///{tmp_path / 'targets.db'}"
    init_db(url)
    plan = add_document(url, PLAN, "2006-03-05", "2006年国务院政府工作报告")
    with session_scope(url) as s:
        svc.update_targets(s, [plan], as_of_year=2025)
    for i, doc in enumerate((TOTAL, AVG) if total_first else (AVG, TOTAL)):
        d = add_document(url, doc, f"2011-03-0{5 + i}", doc.splitlines()[0])
        with session_scope(url) as s:
            svc.update_targets(s, [d], as_of_year=2025)
    incremental = _state(url)
    with session_scope(url) as s:
        svc.rebuild_targets(s, as_of_year=2025)
    rebuilt = _state(url)
    assert incremental[:2] == rebuilt[:2]
    assert len(incremental[0]) == 1  # the 年均 target links one outcome: the 年均 rate, not the period total
