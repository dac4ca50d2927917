"""Screenshots of the targets and projects pages into docs/screenshots/ (headless Debian Chromium), over a
database holding two national work reports per year pair from ../shared/data/real (2012-2015).

Usage: .venv/bin/python docs/take_targets_screenshots.py [--lang zh|en]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from shuanglian.document import Document
from shuanglian.services import projects as projects_svc
from shuanglian.services import targets as targets_svc
from shuanglian.store.db import init_db, session_scope
from shuanglian.store.documents import DocumentRow
from shuanglian.web.auth import create_user
from shuanglian.web.server import ServerThread

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
OUT = Path(__file__).parent / "screenshots"
REPORTS = Path(__file__).resolve().parents[2] / "shared" / "data" / "real" / "national-reports-1954-2015.jsonl"
PROJECTS = ("项目名称,建设单位,总投资（亿元）,年度计划投资（亿元）,建设内容,开工时间,竣工时间,责任单位,责任人\n"
            "光明科学城同步辐射装置,深圳市工务署,45,12,大科学装置,2024-03,2027-12,光明区发改局,张三\n"
            "坏行项目,某公司,十二亿,3,内容,2024年13月,2023-01,,李四\n")


def main() -> None:
    """Seed, serve, log in, screenshot the target list/chart, a task-book page (one judged "no outcome reported"),
    the overdue list, projects."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="zh", choices=["zh", "en"])
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/shots.db"
        init_db(url)
        with session_scope(url) as s:
            for line in REPORTS.open(encoding="utf-8"):
                r = json.loads(line)
                if 2008 <= r["year"] <= 2015:
                    d = Document(source=f"national#{r['year']}", raw=r["text"], text=r["text"], title=r["title"],
                                 published=f"{r['year']}-03-05")
                    s.add(DocumentRow.from_document(d))
            create_user(s, "analyst", "editor", "screenshot-pass")
            create_user(s, "wang", "viewer", "screenshot-pass")
        with session_scope(url) as s:
            targets_svc.rebuild_targets(s)
            projects_svc.import_projects(s, PROJECTS.split("\n坏行")[0].encode(), "csv", "analyst")
            pid = projects_svc.list_projects(s)["items"][0]["id"]
            projects_svc.assign_manager(s, pid, "analyst", "wang", "王经理", "0755-88888888")
            projects_svc.add_project_milestone(s, pid, "analyst", "主体结构封顶", planned="2025-01-31")
            projects_svc.add_project_milestone(s, pid, "analyst", "设备安装调试", planned="2027-06-30")
            gdp = next(t for t in targets_svc.list_targets(s, year=2013, main=True)["items"] if t["measure"] == "国内生产总值增长率")
            # a reviewer's "no outcome reported" judgement (未见公开结果) on a target whose outcome no stored page reports
            last = next(t for t in targets_svc.list_targets(s, year=2015, main=True)["items"] if t["outcome"] is None)
            targets_svc.mark_no_outcome(s, last["id"], "analyst", "已查2016年政府工作报告与统计公报，未见该指标完成情况")
        with ServerThread(url) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            page.context.add_cookies([{"name": "lang", "value": args.lang, "url": base}])
            page.goto(f"{base}/login")
            page.fill("input[name=username]", "analyst")
            page.fill("input[name=password]", "screenshot-pass")
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/")
            suffix = "" if args.lang == "zh" else "_en"
            for name, path in {"targets": "/targets?main=true", "target": f"/targets/{gdp['id']}",
                               "target_no_outcome": f"/targets/{last['id']}",
                               "targets_overdue": "/targets/overdue", "projects": "/projects",
                               "project": f"/projects/{pid}", "projects_overdue": "/projects/overdue"}.items():
                page.goto(f"{base}{path}")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(400)  # charts animate
                page.screenshot(path=str(OUT / f"{name}{suffix}.png"), full_page=False)
            f = Path(tmp) / "重点项目清单.csv"
            f.write_text(PROJECTS, encoding="utf-8")
            page.goto(f"{base}/projects")
            page.set_input_files("#projects-import-form input[type=file]", str(f))
            page.click("#projects-import-form button")
            page.wait_for_selector("#import-errors")
            page.screenshot(path=str(OUT / f"projects_import{suffix}.png"))
            browser.close()


if __name__ == "__main__":
    main()
