"""Registers in headless Debian Chromium: hide a row and restore it from the hidden view, official 六个一
figures beside rows held (register page and dashboard), pinyin sort and seen-date filter, and an analyst
correcting an entity's region on its page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from shuanglian.ingest.readers import iter_inputs
from shuanglian.services import documents as docs
from shuanglian.store.db import get_engine, session_scope
from shuanglian.web.auth import create_user
from shuanglian.web.demo import prepare_demo
from shuanglian.web.server import ServerThread
from tests.browser.conftest import CHROMIUM, VENDOR, _require, logged_in
from tests.web.test_register_judgements import SIX

pytestmark = pytest.mark.browser
USER, PASSWORD = "reg-editor", "reg-editor-pass-1"
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def reg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo database plus a page with the official 六个一 list, and an editor."""
    _require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    _require((VENDOR / "echarts.min.js").exists(), "web assets not built (bash frontend/build.sh)")
    d = tmp_path_factory.mktemp("regbrowser")
    url = f"sqlite:///{d / 'reg.db'}"
    prepare_demo(url, echo=lambda _m: None)
    (d / "six.txt").write_text(SIX, encoding="utf-8")
    assert docs.ingest_documents(iter_inputs([str(d / "six.txt")]), url).stored == 1
    with session_scope(url) as s:
        create_user(s, USER, "editor", PASSWORD)
    with ServerThread(url) as base:
        yield base
    get_engine(url).dispose()


@pytest.fixture
def reg_page(browser, reg_server: str):  # type: ignore[no-untyped-def]
    """A logged-in page (through the login form); fails on JavaScript errors."""
    with logged_in(browser, reg_server, USER, PASSWORD, viewport={"width": 1400, "height": 900}) as p:
        yield p


def _shots(p, base: str, name: str, en_text: str) -> None:  # type: ignore[no-untyped-def]
    """Screenshot the page in Chinese (`name.png`), then the same page in English (`name_en.png`)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    p.wait_for_load_state("networkidle")
    p.wait_for_timeout(800)  # charts finish their grow-in animation
    p.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)
    p.context.add_cookies([{"name": "lang", "value": "en", "url": base}])
    p.goto(p.url)  # a fresh load: a reload would restore the scroll offset under the taller English header
    assert p.locator("html").get_attribute("lang") == "en"
    assert en_text in p.inner_text("main"), f"{name}: the English page shows {en_text!r}"
    p.wait_for_load_state("networkidle")
    p.wait_for_timeout(800)
    p.screenshot(path=str(SHOTS / f"{name}_en.png"), full_page=False)
    p.context.add_cookies([{"name": "lang", "value": "zh", "url": base}])
    p.goto(p.url)


def _total(p) -> int:  # type: ignore[no-untyped-def]
    m = re.search(r"共\s*(\d+)", p.inner_text("main") if p.query_selector("main") else p.content())
    assert m, "the page shows its total"
    return int(m.group(1))


def test_hide_a_row_then_restore_it(reg_page, reg_server: str) -> None:  # type: ignore[no-untyped-def]
    p = reg_page
    p.goto(f"{reg_server}/registers/enterprises?region=")
    before = _total(p)
    first = p.locator("#register-table tbody tr").first
    name = first.locator("td").first.inner_text().strip()
    p.fill("#hide-reason", "展会名称，不是企业")
    first.locator("button.row-hide[data-action=reject]").click()
    expect(p.locator("#register-status")).to_have_text("已从台账中移出")
    assert name not in p.inner_text("#register-table")
    p.reload()
    assert _total(p) == before - 1
    p.click("#show-hidden")
    assert "已隐藏/驳回的行" in p.inner_text("h1")
    assert name in p.inner_text("#register-table")
    _shots(p, reg_server, "register_hidden", "Hidden or rejected rows")
    p.locator("#register-table button.row-restore").first.click()
    expect(p.locator("#register-status")).to_have_text("已恢复到台账")
    p.click("#back-to-register")
    assert _total(p) == before


def test_official_figures_pinyin_and_seen_filter(reg_page, reg_server: str) -> None:  # type: ignore[no-untyped-def]
    p = reg_page
    p.goto(f"{reg_server}/registers/projects?region=")
    official = p.inner_text("#official-figures")
    assert "146个" in official and "1641亿元" in official and "164100000000" not in official
    assert "官方数字" in official and "在库条目" in official
    _shots(p, reg_server, "register_official", "Official figure")
    p.goto(f"{reg_server}/registers/enterprises?region=")
    p.click("#sort-pinyin")
    p.wait_for_url(re.compile(r"sort=pinyin"))
    names = [t.strip() for t in p.locator("#register-table tbody tr td:first-child").all_inner_texts()]
    assert len(names) > 2
    p.fill("input[name=seen_from]", "2999-01-01")
    p.click("#register-filter button")
    p.wait_for_url(re.compile(r"seen_from=2999-01-01"))
    assert _total(p) == 0
    p.goto(f"{reg_server}/")
    dash = p.inner_text("#official-table")
    assert "161个" in dash and "1641亿元" in dash and "36家" in dash
    _shots(p, reg_server, "dashboard_official", "Six registers: official figures and rows held")


def test_analyst_corrects_a_region_on_the_entity_page(reg_page, reg_server: str) -> None:  # type: ignore[no-untyped-def]
    p = reg_page
    p.goto(f"{reg_server}/registers/enterprises?region=深圳")
    link = p.locator("#register-table tbody tr td:first-child a").first
    link.click()
    p.wait_for_selector("#region-form")
    p.fill("#region-form input[name=region]", "北京市")
    p.fill("#region-form input[name=reason]", "总部迁至北京市海淀区")
    with p.expect_navigation():
        p.click("#region-form button")
    assert p.inner_text("#entity-region").startswith("北京")
    assert "分析员更正" in p.inner_text("#region-reason")
    assert "总部迁至北京市海淀区" in p.inner_text("#region-evidence")
    _shots(p, reg_server, "entity_region", "Region evidence")
