"""Targets and projects in headless Debian Chromium: open a target and see its evidence and outcome, assign a
project manager, add a milestone, see the overdue list, import a project list with a bad row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shuanglian.services import projects as projects_svc
from shuanglian.services import targets as targets_svc
from shuanglian.store.db import get_engine, session_scope
from shuanglian.web.auth import create_user
from shuanglian.web.server import ServerThread
from tests.browser.conftest import CHROMIUM, VENDOR, _require
from tests.targets.conftest import add_reports

pytestmark = pytest.mark.browser
USER, PASSWORD, MANAGER = "tg-editor", "tg-editor-pass-1", "tg-manager"
PROJECTS_CSV = ("项目名称,建设单位,总投资（亿元）,年度计划投资（亿元）,建设内容,开工时间,竣工时间,责任单位,责任人\n"
                "光明科学城同步辐射装置,深圳市工务署,45,12,大科学装置,2024-03,2027-12,光明区发改局,张三\n"
                "坏行项目,某公司,十二亿,3,内容,2024年13月,2023-01,,李四\n")


@pytest.fixture(scope="module")
def tg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a database holding two work reports (targets derived) and an editor and a manager."""
    _require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    _require((VENDOR / "echarts.min.js").exists(), "web assets not built (bash frontend/build.sh)")
    url = f"sqlite:///{tmp_path_factory.mktemp('tgbrowser') / 'tg.db'}"
    add_reports(url)
    with session_scope(url) as s:
        create_user(s, USER, "editor", PASSWORD)
        create_user(s, MANAGER, "viewer", PASSWORD)
        targets_svc.rebuild_targets(s)
        projects_svc.import_projects(s, "项目名称,竣工时间\n前海数据中心,2025-06\n".encode(), "csv", USER)
    with ServerThread(url) as base:
        yield base
    get_engine(url).dispose()


@pytest.fixture
def tg_page(browser, tg_server: str):  # type: ignore[no-untyped-def]
    """A logged-in page on the session's Chromium (through the login form); fails on JavaScript errors."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    p = ctx.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.goto(f"{tg_server}/login")
    p.fill("input[name=username]", USER)
    p.fill("input[name=password]", PASSWORD)
    p.click("button[type=submit]")
    p.wait_for_url(f"{tg_server}/")
    yield p
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_open_target_shows_evidence_and_outcome(tg_page, tg_server: str) -> None:  # type: ignore[no-untyped-def]
    tg_page.click("header nav a[href='/targets']")
    tg_page.wait_for_selector("#promises-chart canvas")  # the promises-vs-outcomes chart drew
    row = tg_page.locator("#targets-table tr", has_text="城镇新增就业").filter(has_text="10万人以上")
    row.locator("a").first.click()
    assert "10万人以上" in tg_page.locator("#target-value").inner_text()
    assert "9万人" in tg_page.locator("#target-outcome").inner_text()
    assert tg_page.locator("#target-status").inner_text() == "未完成"
    assert "城镇新增就业10万人以上" in tg_page.locator("#target-source").inner_text()
    timeline = tg_page.locator("#evidence-timeline li")
    assert timeline.count() >= 2 and "城镇新增就业9万人" in timeline.last.inner_text()
    tg_page.locator("#target-links button[id^='link-accept-']").first.click()
    tg_page.wait_for_load_state()
    assert "已采纳" in tg_page.locator("#target-outcome").inner_text()


def test_assign_manager_add_milestone_and_overdue_list(tg_page, tg_server: str) -> None:  # type: ignore[no-untyped-def]
    tg_page.click("header nav a[href='/projects']")
    tg_page.locator("#projects-table a", has_text="前海数据中心").click()
    tg_page.select_option("#manager-form select[name=manager_user]", MANAGER)
    tg_page.fill("#manager-form input[name=name]", "王经理")
    tg_page.fill("#manager-form input[name=contact]", "0755-88888888")
    tg_page.click("#assign-manager")
    tg_page.wait_for_load_state()
    assert "王经理" in tg_page.locator("#project-manager").inner_text()
    tg_page.fill("#milestone-form input[name=title]", "主体结构封顶")
    tg_page.fill("#milestone-form input[name=planned]", "2024-01-31")
    tg_page.click("#add-milestone")
    tg_page.wait_for_load_state()
    assert "主体结构封顶" in tg_page.locator("#project-milestones").inner_text()
    assert "逾期" in tg_page.locator("#project-milestones").inner_text()
    tg_page.goto(f"{tg_server}/projects")
    tg_page.click("#projects-overdue-link")
    assert "主体结构封顶" in tg_page.locator("#overdue-milestones").inner_text()
    assert "王经理" in tg_page.locator("#overdue-milestones").inner_text()


def test_import_project_list_with_a_bad_row(tg_page, tg_server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "重点项目清单.csv"
    f.write_text(PROJECTS_CSV, encoding="utf-8")
    tg_page.goto(f"{tg_server}/projects")
    tg_page.set_input_files("#projects-import-form input[type=file]", str(f))
    tg_page.click("#projects-import-form button")
    tg_page.wait_for_selector("#import-errors")
    errors = tg_page.locator("#import-errors").inner_text()
    assert "十二亿" in errors and "总投资" in errors and "开工时间" in errors
    tg_page.click("#import-commit")
    tg_page.wait_for_selector("#import-done")
    tg_page.goto(f"{tg_server}/projects")
    table = tg_page.locator("#projects-table").inner_text()
    assert "光明科学城同步辐射装置" in table and "坏行项目" not in table


def test_judge_no_outcome_reported_and_undo(tg_page, tg_server: str) -> None:  # type: ignore[no-untyped-def]
    tg_page.goto(f"{tg_server}/targets?region=深圳市")
    row = tg_page.locator("#targets-table tr", has_text="居民消费价格涨幅").filter(has_text="3%左右")
    row.locator("a").first.click()
    assert "0.5%" in tg_page.locator("#target-outcome").inner_text()
    tg_page.fill("#no-outcome-form input[name=note]", "次年报告未公布该口径")
    tg_page.click("#no-outcome-mark")
    tg_page.wait_for_selector("#no-outcome-undo")
    assert "未见公开结果" in tg_page.locator("#target-outcome").inner_text()
    assert tg_page.locator("#target-status").inner_text() == "待核实"
    assert "次年报告未公布该口径" in tg_page.locator("#target-no-outcome-note").inner_text()
    tg_page.click("#no-outcome-undo")
    tg_page.wait_for_selector("#no-outcome-form")
    assert "0.5%" in tg_page.locator("#target-outcome").inner_text()
    assert tg_page.locator("#target-status").inner_text() == "已完成"
