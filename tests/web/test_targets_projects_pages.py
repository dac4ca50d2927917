"""Pages: targets list/chart, task-book page, overdue lists, projects, import preview, forms (PRG)."""

from __future__ import annotations

import io

from fastapi.testclient import TestClient

from tests.targets.conftest import add_reports
from tests.web.conftest import page_csrf
from tests.web.test_targets_projects_api import PROJECTS_CSV


def test_pages_render_and_forms(web_url: str, client_for) -> None:  # type: ignore[no-untyped-def]
    add_reports(web_url)
    ed: TestClient = client_for("editor")
    assert ed.post("/api/targets/rebuild").status_code == 200
    assert client_for(None).get("/targets", follow_redirects=False).status_code in (302, 303, 401)
    r = ed.get("/targets", params={"region": "深圳市"})
    assert r.status_code == 200 and "目标与实绩对比" in r.text and 'id="promises-chart"' in r.text
    tid = next(t["id"] for t in ed.get("/api/targets", params={"limit": 200}).json()["items"] if t["measure"] == "国内生产总值增长率" and t["year"] == 2024)
    page = ed.get(f"/targets/{tid}")
    assert page.status_code == 200 and "证据时间线" in page.text and "地区生产总值增长6%左右" in page.text
    csrf = page_csrf(page.text)
    r = ed.post(f"/targets/{tid}/milestones", data={"title": "一季度调度", "planned": "2024-03-31", "csrf_token": csrf},
                follow_redirects=False)
    assert r.status_code == 303
    assert "一季度调度" in ed.get(f"/targets/{tid}").text
    assert ed.get("/targets/overdue").status_code == 200
    # projects: import preview names the bad row and column, confirm imports the good rows
    r = ed.post("/projects/import", data={"csrf_token": csrf}, files={"file": ("p.csv", io.BytesIO(PROJECTS_CSV), "text/csv")})
    assert r.status_code == 200 and 'id="import-errors"' in r.text and "十二亿" in r.text
    payload = r.text.split('name="payload" value="')[1].split('"')[0]
    r = ed.post("/projects/import", data={"csrf_token": csrf, "payload": payload, "filename": "p.csv", "commit": "true"})
    assert r.status_code == 200 and 'id="import-done"' in r.text
    lst = ed.get("/projects")
    assert lst.status_code == 200 and "光明科学城同步辐射装置" in lst.text
    pid = ed.get("/api/projects").json()["items"][0]["id"]
    r = ed.post(f"/projects/{pid}/manager", data={"manager_user": "viewer1", "name": "王经理", "contact": "123",
                                                  "csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    r = ed.post(f"/projects/{pid}/milestones", data={"title": "开工仪式", "planned": "2020-01-01", "csrf_token": csrf},
                follow_redirects=False)
    assert r.status_code == 303
    detail = ed.get(f"/projects/{pid}").text
    assert "王经理" in detail and "开工仪式" in detail
    assert "开工仪式" in ed.get("/projects/overdue").text
    viewer = client_for("viewer")
    assert "你已被指定为项目经理" in viewer.get("/notifications").text
    # a viewer who is not the manager cannot post the milestone form
    other = ed.get("/api/projects").json()["items"][1]["id"]
    vcsrf = page_csrf(viewer.get("/projects").text)
    assert viewer.post(f"/projects/{other}/milestones", data={"title": "x", "csrf_token": vcsrf},
                       follow_redirects=False).status_code == 403
    ed.cookies.set("lang", "en")
    assert "Promises vs outcomes" in ed.get("/targets", params={"region": "深圳市"}).text


def test_project_link_form_links_a_target(web_url: str, client_for) -> None:  # type: ignore[no-untyped-def]
    add_reports(web_url)
    ed: TestClient = client_for("editor")
    ed.post("/api/targets/rebuild")
    ed.post("/api/projects/import", params={"dry_run": "false"}, files={"file": ("p.csv", io.BytesIO(PROJECTS_CSV), "text/csv")})
    pid = ed.get("/api/projects").json()["items"][0]["id"]
    tid = ed.get("/api/targets").json()["items"][0]["id"]
    html = ed.get(f"/projects/{pid}").text
    r = ed.post(f"/projects/{pid}/links", data={"kind": "target", "ref_id": tid, "csrf_token": page_csrf(html)},
                follow_redirects=False)
    assert r.status_code == 303
    assert f'href="/targets/{tid}"' in ed.get(f"/projects/{pid}").text
    assert f'href="/projects/{pid}"' in ed.get(f"/targets/{tid}").text


def test_no_outcome_form_on_the_task_book_page(web_url: str, client_for) -> None:  # type: ignore[no-untyped-def]
    from tests.web.test_labels import leaked_codes

    add_reports(web_url)
    ed: TestClient = client_for("editor")
    assert ed.post("/api/targets/rebuild").status_code == 200
    tid = next(t["id"] for t in ed.get("/api/targets", params={"limit": 200}).json()["items"]
               if t["measure"] == "城镇新增就业" and t["year"] == 2024)
    page = ed.get(f"/targets/{tid}")
    assert 'id="no-outcome-form"' in page.text and "标记为无公开结果" in page.text
    viewer = client_for("viewer")
    vpage = viewer.get(f"/targets/{tid}")
    assert 'id="no-outcome-form"' not in vpage.text
    assert viewer.post(f"/targets/{tid}/no-outcome", data={"note": "x", "csrf_token": page_csrf(vpage.text)},
                       follow_redirects=False).status_code == 403
    r = ed.post(f"/targets/{tid}/no-outcome", data={"note": "次年报告未公布该指标", "csrf_token": page_csrf(page.text)},
                follow_redirects=False)
    assert r.status_code == 303
    judged = ed.get(f"/targets/{tid}")
    assert "未见公开结果（人工判定）" in judged.text and "次年报告未公布该指标" in judged.text
    assert 'id="no-outcome-undo"' in judged.text and "待核实" in judged.text
    assert "次年报告未公布该指标" in viewer.get(f"/targets/{tid}").text  # a viewer reads the judgement and note
    assert "未见公开结果（人工判定）" in ed.get("/targets", params={"region": "深圳市", "limit": 200}).text
    audit = ed.get("/audit")
    assert "判定未见公开结果" in audit.text
    leaks = {u: found for u in (f"/targets/{tid}", "/audit", "/targets", "/targets/overdue")
             if (found := leaked_codes(ed.get(u).text))}
    assert leaks == {}
    ed.cookies.set("lang", "en")
    en = ed.get(f"/targets/{tid}").text
    assert "No outcome reported (reviewer&#39;s judgement)" in en or "No outcome reported (reviewer's judgement)" in en
    assert "Undo judgement" in en
    ed.cookies.set("lang", "zh")
    r = ed.post(f"/targets/{tid}/no-outcome/undo", data={"csrf_token": page_csrf(judged.text)}, follow_redirects=False)
    assert r.status_code == 303
    back = ed.get(f"/targets/{tid}")
    assert 'id="no-outcome-form"' in back.text and "未见公开结果（人工判定）" not in back.text
    assert "撤销未见公开结果判定" in ed.get("/audit").text
