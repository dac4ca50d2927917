"""API: targets and projects routes, each with its role checks (anonymous 401, viewer 403 on writes,
a project's manager may change their own project)."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient

from tests.targets.conftest import add_reports

CONTRACT = {"id", "measure", "value", "value_max", "unit", "qualifier", "year", "deadline", "region", "owner",
            "source", "outcome", "status", "progress"}
PROJECTS_CSV = ("项目名称,建设单位,总投资（亿元）,年度计划投资（亿元）,建设内容,开工时间,竣工时间,责任单位,责任人\n"
                "光明科学城同步辐射装置,深圳市工务署,45,12,大科学装置,2024-03,2027-12,光明区发改局,张三\n"
                "坏行项目,某公司,十二亿,3,内容,2024年13月,2023-01,,李四\n"
                "前海数据中心,前海建投,20,5,数据中心,2023-01,2025-06,前海管理局,李四\n").encode()


@pytest.fixture
def seeded(web_url: str, client_for) -> TestClient:  # type: ignore[no-untyped-def]
    """The two test reports stored and targets rebuilt; returns an editor client."""
    add_reports(web_url)
    ed = client_for("editor")
    r = ed.post("/api/targets/rebuild")
    assert r.status_code == 200, r.text
    return ed


def _target(client: TestClient, measure: str) -> dict:
    items = client.get("/api/targets", params={"region": "深圳", "limit": 200}).json()["items"]
    return next(t for t in items if t["measure"] == measure and (t["year"] == 2024 or t["deadline"]))


def test_targets_read_routes_and_roles(seeded: TestClient, client_for) -> None:  # type: ignore[no-untyped-def]
    anon, viewer = client_for(None), client_for("viewer")
    assert anon.get("/api/targets").status_code == 401
    r = viewer.get("/api/targets", params={"region": "深圳", "year": 2024, "status": "met"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert items and all(set(t) >= CONTRACT for t in items) and all(t["status"] == "met" for t in items)
    assert viewer.get("/api/targets", params={"status": "bogus"}).status_code == 422
    gdp = _target(viewer, "国内生产总值增长率")
    page = viewer.get(f"/api/targets/{gdp['id']}").json()
    assert page["outcome"]["value"] == 6.5 and page["timeline"][0]["kind"] == "target"
    assert viewer.get("/api/targets/nope").status_code == 404
    chart = viewer.get("/api/targets/chart", params={"region": "深圳市"}).json()
    assert 2024 in chart["years"] and chart["series"]
    assert set(viewer.get("/api/targets/overdue").json()) == {"overdue", "at_risk"}
    assert anon.get("/api/targets/chart").status_code == 401
    assert viewer.get(f"/api/targets/{gdp['id']}/candidates").status_code == 200
    assert viewer.post("/api/targets/rebuild").status_code == 403


def test_target_review_relink_and_milestones(seeded: TestClient, client_for) -> None:  # type: ignore[no-untyped-def]
    viewer = client_for("viewer")
    jobs = _target(seeded, "城镇新增就业")
    page = seeded.get(f"/api/targets/{jobs['id']}").json()
    link = next(ln for ln in page["links"] if not ln["interim"])
    url = f"/api/targets/{jobs['id']}/links/{link['id']}"
    assert viewer.post(url, json={"action": "accept"}).status_code == 403
    assert seeded.post(url, json={"action": "maybe"}).status_code == 422
    r = seeded.post(url, json={"action": "accept"})
    assert r.status_code == 200 and r.json()["outcome"]["state"] == "accepted"
    no_csrf = client_for("editor", csrf=False)
    assert no_csrf.post(url, json={"action": "reject"}).status_code == 403
    cand = seeded.get(f"/api/targets/{jobs['id']}/candidates").json()["items"][0]
    assert viewer.post(f"/api/targets/{jobs['id']}/relink", json={"actual_id": cand["id"]}).status_code == 403
    r = seeded.post(f"/api/targets/{jobs['id']}/relink", json={"actual_id": cand["id"]})
    assert r.status_code == 200 and r.json()["outcome"]["state"] == "manual"
    murl = f"/api/targets/{jobs['id']}/milestones"
    assert viewer.post(murl, json={"title": "x"}).status_code == 403
    assert seeded.post(murl, json={"title": "x", "planned": "2024-13-01"}).status_code == 422
    m = seeded.post(murl, json={"title": "出台稳就业政策", "planned": "2024-06-30"})
    assert m.status_code == 201 and m.json()["overdue"] is True
    assert viewer.patch(f"/api/milestones/{m.json()['id']}", json={"actual": "2024-06-20"}).status_code == 403
    done = seeded.patch(f"/api/milestones/{m.json()['id']}", json={"actual": "2024-06-20"})
    assert done.status_code == 200 and done.json()["overdue"] is False
    assert seeded.patch("/api/milestones/99999", json={"actual": "2024-06-20"}).status_code == 404


def test_taskbook_import_route(seeded: TestClient, client_for) -> None:  # type: ignore[no-untyped-def]
    csv = "任务名称,指标,目标值,单位,限定词,年度\n稳就业,城镇新增就业,100000,人,以上,2024\n坏行,研发投入强度,五,%,,2024\n".encode()
    files = {"file": ("任务书.csv", io.BytesIO(csv), "text/csv")}
    assert client_for("viewer").post("/api/targets/import", files=files).status_code == 403
    r = seeded.post("/api/targets/import", files={"file": ("任务书.csv", io.BytesIO(csv), "text/csv")})
    body = r.json()
    assert r.status_code == 200 and body["dry_run"] is True and body["rows_ok"] == 1
    assert body["errors"][0]["row"] == 3 and body["errors"][0]["column"] == "目标值"
    r = seeded.post("/api/targets/import", params={"dry_run": "false"},
                    files={"file": ("任务书.csv", io.BytesIO(csv), "text/csv")})
    assert r.json()["created"] == 1
    bad = seeded.post("/api/targets/import", files={"file": ("x.txt", io.BytesIO(b"a"), "text/plain")})
    assert bad.status_code == 422


def test_projects_routes_roles_and_manager(seeded: TestClient, client_for) -> None:  # type: ignore[no-untyped-def]
    anon, viewer = client_for(None), client_for("viewer")
    files = {"file": ("重点项目清单.csv", io.BytesIO(PROJECTS_CSV), "text/csv")}
    assert viewer.post("/api/projects/import", files=files).status_code == 403
    dry = seeded.post("/api/projects/import", files={"file": ("p.csv", io.BytesIO(PROJECTS_CSV), "text/csv")}).json()
    assert dry["rows_ok"] == 2 and {(e["row"], e["column"]) for e in dry["errors"]} == {(3, "总投资"), (3, "开工时间")}
    done = seeded.post("/api/projects/import", params={"dry_run": "false"},
                       files={"file": ("p.csv", io.BytesIO(PROJECTS_CSV), "text/csv")}).json()
    assert done["created"] == 2
    assert anon.get("/api/projects").status_code == 401
    items = viewer.get("/api/projects").json()["items"]
    gm = next(p for p in items if p["name"].startswith("光明"))
    qh = next(p for p in items if p["name"].startswith("前海"))
    assert gm["total_investment"] == 4.5e9 and gm["start_date"] == "2024-03-01"
    # assign: editors only; the manager must be a user
    url = f"/api/projects/{gm['id']}/manager"
    assert viewer.post(url, json={"user": "viewer1"}).status_code == 403
    assert seeded.post(url, json={"user": "nobody"}).status_code == 404
    r = seeded.post(url, json={"user": "viewer1", "name": "王经理", "contact": "0755-1234"})
    assert r.status_code == 200 and r.json()["manager"] == {"user": "viewer1", "name": "王经理", "contact": "0755-1234"}
    # the manager (a viewer) sees and changes their own project, not another one
    mine = viewer.get("/api/projects", params={"mine": "true"}).json()["items"]
    assert [p["id"] for p in mine] == [gm["id"]]
    m = viewer.post(f"/api/projects/{gm['id']}/milestones", json={"title": "主体结构封顶", "planned": "2025-01-31"})
    assert m.status_code == 201
    assert viewer.post(f"/api/projects/{qh['id']}/milestones", json={"title": "x"}).status_code == 403
    assert viewer.post(f"/api/projects/{gm['id']}/status", json={"status": "在建", "at": "2024-03-15"}).status_code == 200
    assert viewer.post(f"/api/projects/{gm['id']}/status", json={"status": "随便"}).status_code == 422
    inv = viewer.post(f"/api/projects/{gm['id']}/investment", json={"completed": 1.5e9}).json()
    assert inv["completed_investment"] == 1.5e9
    # links: editors only
    tgt = _target(seeded, "研发投入强度")
    lurl = f"/api/projects/{gm['id']}/links"
    assert viewer.post(lurl, json={"kind": "target", "ref_id": tgt["id"]}).status_code == 403
    assert seeded.post(lurl, json={"kind": "target", "ref_id": "nope"}).status_code == 404
    assert seeded.post(lurl, json={"kind": "target", "ref_id": tgt["id"]}).status_code == 201
    assert seeded.get(f"/api/targets/{tgt['id']}").json()["projects"][0]["id"] == gm["id"]
    detail = viewer.get(f"/api/projects/{gm['id']}").json()
    assert detail["status_history"][0]["source"] == "user:viewer1" and detail["overdue_milestones"] == 1
    assert {a["action"] for a in detail["audit"]} >= {"project_import", "project_manager", "milestone_add",
                                                      "project_status", "project_investment", "project_link"}
    assert viewer.get("/api/projects/nope").status_code == 404
    # flags and notifications
    flags = viewer.get("/api/projects/flags").json()
    assert [m["title"] for m in flags["overdue_milestones"]] == ["主体结构封顶"]
    assert viewer.post("/api/projects/flags/notify").status_code == 403
    assert seeded.post("/api/projects/flags/notify").json()["created"] >= 1
    notes = viewer.get("/api/notifications").json()["items"]
    assert {n["kind"] for n in notes} >= {"assigned", "overdue"}
    assert client_for("editor").post(f"/api/notifications/{notes[0]['id']}/read").status_code == 404  # not theirs
    assert viewer.post(f"/api/notifications/{notes[0]['id']}/read").status_code == 200
    assert len(viewer.get("/api/notifications", params={"unread": "true"}).json()["items"]) == len(notes) - 1
    # export in the same Excel shape
    x = viewer.get("/api/projects/export", params={"format": "xlsx"})
    assert x.status_code == 200 and x.content[:2] == b"PK"
    assert viewer.post("/api/projects/sync").status_code == 403
    assert seeded.post("/api/projects/sync").status_code == 200


def test_no_outcome_judgement_routes_and_roles(db_url: str) -> None:
    """"No outcome reported" (未见公开结果) over the API on SQLite and PostgreSQL: anonymous 401, a viewer 403, an
    editor judges with a note and undoes it (proposals resume); the judgement survives a rebuild; audited."""
    from shuanglian.store.db import session_scope
    from shuanglian.web.app import create_app
    from shuanglian.web.auth import create_user
    from tests.web.conftest import PASSWORD, login

    add_reports(db_url)
    with session_scope(db_url) as s:
        for role in ("editor", "viewer", "admin"):
            create_user(s, f"{role}1", role, PASSWORD)
    app = create_app(db_url)
    clients = {}
    for role in ("editor", "viewer", "admin"):
        c = TestClient(app)
        c.headers["X-CSRF-Token"] = login(c, f"{role}1")
        clients[role] = c
    ed, viewer, anon = clients["editor"], clients["viewer"], TestClient(app)
    assert ed.post("/api/targets/rebuild").status_code == 200
    jobs = _target(ed, "城镇新增就业")
    assert jobs["outcome"]["value"] == 90000 and jobs["no_outcome"] is None
    url = f"/api/targets/{jobs['id']}/no-outcome"
    note = "已查阅次年政府工作报告，未见该指标"
    assert anon.post(url, json={"note": note}).status_code == 401
    assert viewer.post(url, json={"note": note}).status_code == 403
    assert viewer.delete(url).status_code == 403
    assert ed.post("/api/targets/nope/no-outcome").status_code == 404  # the body (a note) may be left out
    assert ed.post(url, json={"note": "x" * 2001}).status_code == 422
    assert ed.delete(url).status_code == 422  # nothing to undo yet
    r = ed.post(url, json={"note": note})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["outcome"] is None and body["status"] == "unknown"
    assert body["no_outcome"]["note"] == note and body["no_outcome"]["by"] == "editor1"
    page = viewer.get(f"/api/targets/{jobs['id']}").json()
    assert [ln for ln in page["links"] if not ln["interim"]] == []
    listed = viewer.get("/api/targets", params={"status": "unknown", "limit": 200}).json()["items"]
    assert jobs["id"] in {t["id"] for t in listed}
    assert ed.post("/api/targets/rebuild").status_code == 200  # replayed: still judged, nothing proposed
    again = viewer.get(f"/api/targets/{jobs['id']}").json()
    assert again["no_outcome"]["note"] == note and again["outcome"] is None and again["status"] == "unknown"
    r = clients["admin"].delete(url)
    assert r.status_code == 200 and r.json()["no_outcome"] is None
    assert r.json()["outcome"]["value"] == 90000 and r.json()["status"] == "missed"  # proposals resume
    with session_scope(db_url) as s:
        from shuanglian.graph.audit import audit_log

        entries = audit_log(s, object_id=jobs["id"])["items"]
    mine = [(e["user"], e["action"]) for e in entries if e["action"].startswith("target_no_outcome")]
    assert mine == [("admin1", "target_no_outcome_undo"), ("editor1", "target_no_outcome")]
    judged = next(e for e in entries if e["action"] == "target_no_outcome")
    assert judged["before"]["status"] == "missed" and judged["after"]["no_outcome"]["note"] == note
