"""The projects projector: a project named on two pages gets one record with its status history across
them (签约 on the first, 开工 on the second), the newest status current, and equals a full rebuild."""

from __future__ import annotations

from pathlib import Path

from shuanglian.projections import rebuild_all
from shuanglian.services import projects as svc
from shuanglian.services.documents import ingest_paths
from shuanglian.store.db import init_db, session_scope
from tests.projections.snapshot import diff, snapshot

SIGNED = """重庆签约一批重大项目
2025年3月2日 新华网
3月1日，重庆高新区举行重大项目集中签约仪式。总投资120亿元的华润微电子12英寸功率半导体晶圆生产线项目正式签约落户西部科学城重庆高新区。
"""
STARTED = """华润微电子12英寸功率半导体晶圆生产线项目开工
2025年9月10日 重庆日报
9月9日，总投资120亿元的华润微电子12英寸功率半导体晶圆生产线项目在西部科学城重庆高新区正式开工建设。
"""
NAME = "华润微电子12英寸功率半导体晶圆生产线"


def _record(url: str) -> dict[str, object]:
    with session_scope(url) as s:
        items = [p for p in svc.list_projects(s, limit=None)["items"] if p["name"] == NAME]
        assert len(items) == 1, items
        return svc.get_project(s, items[0]["id"])


def test_status_history_across_pages_equals_rebuild(db_url: str, tmp_path: Path) -> None:
    init_db(db_url)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "signed.txt").write_text(SIGNED, encoding="utf-8")
    (tmp_path / "b" / "started.txt").write_text(STARTED, encoding="utf-8")
    assert ingest_paths([tmp_path / "a"], db_url).stored == 1
    first = _record(db_url)
    assert first["status"] == "签约" and first["total_investment"] == 1.2e10 and first["builder"] == "华润微电子"
    assert ingest_paths([tmp_path / "b"], db_url).stored == 1
    rec = _record(db_url)
    assert [(h["status"], h["at"]) for h in sorted(rec["status_history"], key=lambda h: h["at"])] == [  # type: ignore[attr-defined]
        ("签约", "2025-03-02"), ("开工", "2025-09-09")]  # no date in the signing sentence: the page date
    assert rec["status"] == "开工"
    assert all(str(h["source"]).startswith("document:") for h in rec["status_history"])  # type: ignore[attr-defined]
    with session_scope(db_url) as s:
        svc.add_project_milestone(s, str(rec["id"]), "alice", "竣工验收", planned="2027-06-30")
        before = snapshot(s)
        rebuild_all(s)
        assert diff(before, snapshot(s)) == {}
    assert [m["title"] for m in _record(db_url)["milestones"]] == ["竣工验收"]  # type: ignore[index]
