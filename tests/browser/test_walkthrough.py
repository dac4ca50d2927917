"""A new analyst's day in headless Chromium, on a database of its own: upload pages, work the review queue
to empty with bulk actions (keyboard and buttons, one undo), merge two entities picked by name after a
preview, export a register and a chain brief, and never meet an internal code in the Chinese UI."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from shuanglian.store.db import get_engine, session_scope
from shuanglian.web.auth import create_user
from shuanglian.web.demo import prepare_demo
from shuanglian.web.server import ServerThread
from tests.browser.conftest import CHROMIUM, _require, logged_in
from tests.web.test_labels import leaked_codes

pytestmark = pytest.mark.browser
USER, PASSWORD = "walker", "walker-pass-1"
PAGES = {
    "visit.txt": "深圳市科技创新局调研深圳湾实验室\n2024-05-20\n5月20日，深圳市副市长李明到深圳湾实验室调研，"
                 "详细了解合成生物学平台建设情况。实验室主任王华介绍，平台已服务企业120家。\n",
    "project.txt": "光明科学城新项目签约\n2024-06-02\n6月2日，深圳市光明区与某生物科技有限公司签约，"
                   "投资50亿元建设合成生物产业基地项目。\n",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    url = f"sqlite:///{tmp_path_factory.mktemp('walk') / 'walk.db'}"
    prepare_demo(url, echo=lambda _m: None)
    with session_scope(url) as s:
        create_user(s, USER, "editor", PASSWORD)
    with ServerThread(url) as base:
        yield base
    get_engine(url).dispose()


@pytest.fixture
def page(browser, server: str):  # type: ignore[no-untyped-def]
    """A logged-in page on this module's own server (the session's Chromium, a fresh context)."""
    with logged_in(browser, server, USER, PASSWORD, accept_downloads=True) as p:
        yield p


def pending(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.locator("#pending-count").get_attribute("data-n") or 0)


def test_analyst_walkthrough(page, server: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 1. upload two pages
    files = []
    for name, text in PAGES.items():
        f = tmp_path / name
        f.write_text(text, encoding="utf-8")
        files.append(str(f))
    page.goto(f"{server}/documents")
    page.set_input_files("input[type=file][name=files]", files)
    page.locator("form[action='/documents/upload'] button").click()
    page.wait_for_load_state()
    shown = page.locator("#ingested").inner_text()
    assert "深圳市科技创新局调研深圳湾实验室" in shown and "光明科学城新项目签约" in shown

    # 2. the review queue, grouped by kind of fact: auto rules, one bulk accept by keyboard, undo, then buttons
    page.goto(f"{server}/review?by=prop")
    assert leaked_codes(page.content()) == set()
    start = pending(page)
    assert start > 0
    page.click("#auto-form button")
    page.wait_for_load_state()
    after_auto = pending(page)
    assert after_auto < start
    page.goto(f"{server}/review?by=prop")
    page.keyboard.press("a")  # accept the focused (first) group
    page.wait_for_selector("#undo-form")
    after_key = pending(page)
    assert after_key < after_auto
    page.keyboard.press("u")  # undo it
    page.wait_for_load_state()
    page.wait_for_selector("#review-groups, #review-empty")
    assert pending(page) == after_auto
    for _ in range(200):
        buttons = page.locator("form.bulk-accept button")
        if buttons.count() == 0:
            break
        buttons.first.click()
        page.wait_for_load_state()
    assert pending(page) == 0 and page.locator("#review-empty").count() == 1

    # 3. merge two entities picked by name, after a preview
    ents = page.request.get(f"{server}/api/entities?kind=enterprise&sort=statements&limit=2").json()["items"]
    page.goto(f"{server}/review")
    page.fill("#review-merge-form input[name=a]", ents[0]["name"])
    page.fill("#review-merge-form input[name=b]", ents[1]["name"])
    page.click("#review-merge-form button")
    page.wait_for_selector("#merge-preview")
    assert ents[1]["name"] in page.locator("#merge-preview").inner_text()
    page.click("#merge-confirm button")
    page.wait_for_load_state()
    assert "/entities/" in page.url
    assert ents[1]["name"] in page.content()
    assert leaked_codes(page.content()) == set()

    # 4. export a register (XLSX) and a chain brief (Word)
    page.goto(f"{server}/registers/enterprises")
    assert leaked_codes(page.content()) == set()
    with page.expect_download() as dl:
        page.click("#export-xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes())).active
    assert ws["A1"].value == "名称" and ws.max_row > 1
    page.goto(f"{server}/chains/high_end_medical_devices?region=深圳")
    with page.expect_download() as dl2:
        page.click("#brief-link")
    from docx import Document

    text = "\n".join(p.text for p in Document(str(dl2.value.path())).paragraphs)
    assert "断点" in text and "深圳" in text
