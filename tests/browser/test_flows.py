"""End-to-end flows in headless Chromium: log in, search, entity graph, chain map, review, register import."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_login_lands_on_dashboard_with_charts(page, live_server: str) -> None:
    assert page.locator("header .who").inner_text().startswith("browser-editor")
    assert int(page.locator("#kpi-documents").inner_text()) > 0
    page.wait_for_selector(".chart canvas")
    assert page.locator(".chart canvas").count() >= 2


def test_wrong_password_stays_on_login(browser, live_server: str) -> None:
    ctx = browser.new_context()
    p = ctx.new_page()
    p.goto(f"{live_server}/")
    assert "/login" in p.url
    p.fill("input[name=username]", "browser-editor")
    p.fill("input[name=password]", "wrong-password")
    p.click("button[type=submit]")
    assert p.locator(".flash.err").count() == 1
    ctx.close()


def test_search_highlights_chinese_terms(page, live_server: str) -> None:
    page.click("header nav a[href='/search']")
    page.fill("input[name=q]", "迈瑞")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("ol.hits")
    marks = page.locator(".hit mark").all_inner_texts()
    assert marks and all(m == "迈瑞" for m in marks)
    assert page.locator(".hit-document").count() >= 1


def test_open_entity_shows_sources_and_interactive_graph(page, live_server: str) -> None:
    page.goto(f"{live_server}/search?q=迈瑞")
    page.locator(".hit-entity a").first.click()
    page.wait_for_selector("#graph canvas")
    assert "迈瑞" in page.locator("h1").inner_text()
    nodes = page.evaluate("window.slGraph.nodes().length")
    assert nodes >= 2
    assert page.locator("#statements a[href^='/documents/']").count() >= 1
    assert page.locator("#statements mark").count() >= 1


def test_chain_map_diagram_and_gaps(page, live_server: str) -> None:
    page.click("header nav a[href='/chains']")
    page.locator("#chain-table a", has_text="高端医疗器械").click()
    page.wait_for_selector("#chain-graph canvas")
    n_links = page.evaluate("window.slChain.nodes().length")
    assert n_links == page.locator(".link-box").count() > 3
    assert page.locator(".link-box.gap").count() >= 1
    assert page.evaluate("window.slChain.nodes('[gap = 1]').length") == page.locator(".link-box.gap").count()
    assert page.locator(".link-box a[href^='/entities/']").count() >= 1


def test_accept_review_item(page, live_server: str) -> None:
    page.click("header nav a[href='/review']")
    first = page.locator("tr.review-item").first
    stmt_id = first.get_attribute("data-id")
    total = int(page.locator("#pending-count").get_attribute("data-n") or 0)
    first.locator("button.ok").click()
    page.wait_for_load_state()
    assert page.locator(f"tr.review-item[data-id='{stmt_id}']").count() == 0
    assert int(page.locator("#pending-count").get_attribute("data-n") or 0) == total - 1
    page.goto(f"{live_server}/audit?user=browser-editor")
    assert "接受" in page.locator("#audit-table").inner_text()  # the action by its label, never the code


def test_import_register_file_with_preview(page, live_server: str, tmp_path: Path) -> None:
    csv = tmp_path / "enterprises.csv"
    csv.write_text(
        "名称,简称,所在地,链主,领域,主要产品\n"
        "深圳测试浏览器科技有限公司,测试浏览器,深圳市南山区,否,医疗器械,监护仪\n"
        ",缺名称,深圳市,否,医疗器械,监护仪\n",
        encoding="utf-8",
    )
    page.goto(f"{live_server}/registers/enterprises")
    page.set_input_files("#import-form input[type=file]", str(csv))
    page.click("#import-form button")
    page.wait_for_selector("#import-preview")
    assert page.locator("#import-errors tr").count() >= 2  # header + the row without a name
    assert "3" in page.locator("#import-errors").inner_text()  # names the bad row (row 3)
    page.click("#import-commit")
    page.wait_for_selector("#import-done")
    page.goto(f"{live_server}/registers/enterprises?q=测试浏览器")
    assert "深圳测试浏览器科技有限公司" in page.locator("#register-table").inner_text()


def test_language_switch_to_english(page, live_server: str) -> None:
    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.locator("header nav a[href='/']").inner_text() == "Dashboard"
    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.locator("header nav a[href='/']").inner_text() == "总览"


def test_clicking_a_chain_link_highlights_its_members(page, live_server: str) -> None:
    page.goto(f"{live_server}/chains/high_end_medical_devices")
    page.wait_for_selector("#chain-graph canvas")
    link_id = page.evaluate("window.slChain.nodes()[0].id()")
    page.evaluate("window.slChain.nodes()[0].emit('tap')")
    assert "flash-target" in (page.locator(f"#link-{link_id}").get_attribute("class") or "")
