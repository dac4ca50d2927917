"""Projects: records from the graph (register import -> canonical project entities), flags, notifications."""

from __future__ import annotations

from datetime import date, timedelta

from shuanglian.services import projects as svc
from shuanglian.services import registers as reg
from shuanglian.store.db import init_db, session_scope
from shuanglian.web.auth import create_user

REGISTER_CSV = "项目名称,牵头单位,投资额,状态,所在地\n深圳湾实验室大楼,深圳湾实验室,12,在建,深圳市南山区\n".encode()


def test_sync_from_graph_takes_register_projects(sqlite_url: str) -> None:
    init_db(sqlite_url)
    with session_scope(sqlite_url) as s:
        rep = reg.import_register(s, "projects", REGISTER_CSV, "csv", "alice")
        assert rep.rows_ok == 1
    with session_scope(sqlite_url) as s:
        # the projects projector made the record when the import was written: a manual sync finds nothing new
        assert svc.sync_from_graph(s) == 0
        p = svc.list_projects(s)["items"][0]
        assert p["name"] == "深圳湾实验室大楼" and p["builder"] == "深圳湾实验室" and p["total_investment"] == 1.2e9
        detail = svc.get_project(s, p["id"])
        assert [(h["status"], h["source"]) for h in detail["status_history"]] == [("在建", "user:alice")]


def test_flags_and_notifications(sqlite_url: str) -> None:
    init_db(sqlite_url)
    with session_scope(sqlite_url) as s:
        create_user(s, "wang", "viewer", "pass-word-123")
        svc.import_projects(s, "项目名称\n甲项目\n乙项目\n".encode(), "csv", "alice")
        items = {p["name"]: p["id"] for p in svc.list_projects(s)["items"]}
        svc.assign_manager(s, items["甲项目"], "alice", "wang", "王经理", "123")
        svc.add_project_milestone(s, items["甲项目"], "alice", "开工", planned="2024-01-01")
        later = date.today() + timedelta(days=400)
        f = svc.flags(s, today=later)  # nobody touched anything for 400 days
        assert [m["title"] for m in f["overdue_milestones"]] == ["开工"]
        assert {p["name"] for p in f["stalled"]} == {"甲项目", "乙项目"}
        assert svc.list_projects(s, manager="wang", flagged=True, today=later)["total"] == 1
        created = svc.notify_flags(s, today=later)
        assert created == 2  # overdue + stalled for the manager; 乙项目 has no manager to tell
        assert svc.notify_flags(s, today=later) == 0  # told once
        kinds = [n["kind"] for n in svc.notifications(s, "wang")]
        assert sorted(kinds) == ["assigned", "milestone", "overdue", "stalled"]
