"""Issue 15 in headless Debian Chromium, one test per numbered item the walk-through does not already drive
(tests/browser/test_walkthrough.py works the queue to empty, merges by name and exports): the merge
suggestions queue and impact order (1), a name that matches nothing and a split by name (2), no internal
code on Chinese pages and the official terms (3), sources by title opening the document at the highlighted
sentence (4), facets, a default region and the XLSX layout (5), no-evidence links apart from gaps with
counts and the lead list (6), the audit diff, relations once and the folded graph of 深圳市 (7), the
one-time password first (8), the README's curl line against a served app (9)."""

from __future__ import annotations

import io
import json
import re
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from shuanglian.ingest.readers import iter_inputs
from shuanglian.services import documents as docs
from shuanglian.store.db import get_engine, session_scope
from shuanglian.web.auth import create_token, create_user
from shuanglian.web.demo import prepare_demo
from shuanglian.web.server import ServerThread
from tests.browser.conftest import CHROMIUM, VENDOR, _require, logged_in
from tests.web.test_en_labels import chinese_labels
from tests.web.test_labels import leaked_codes

pytestmark = pytest.mark.browser
USER, PASSWORD, FRESH = "analyst15", "analyst15-pass", "fresh15"
README = Path(__file__).resolve().parents[2] / "README.md"
# a page naming fourteen enterprises in 深圳市: the city becomes a hub whose graph must fold them
HUB_NAMES = "华星 蓝海 远航 启明 长风 恒通 青松 明德 瑞达 天虹 金桥 宏图 信达 卓越"
HUB = "深圳市重点企业调研\n2024-06-10\n" + "".join(
    f"深圳市{w}智能科技有限公司位于深圳市，主要生产工业传感器。" for w in HUB_NAMES.split(" "))


@pytest.fixture(scope="module")
def i15(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A served demo database with an editor, an API token of the editor, and a user holding a one-time
    password (as `users add` and the first `serve` make them)."""
    _require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    _require((VENDOR / "cytoscape.min.js").exists(), "web assets not built (bash frontend/build.sh)")
    d = tmp_path_factory.mktemp("i15")
    url = f"sqlite:///{d / 'i15.db'}"
    prepare_demo(url, echo=lambda _m: None)
    (d / "hub.txt").write_text(HUB, encoding="utf-8")
    assert docs.ingest_documents(iter_inputs([str(d / "hub.txt")]), url).stored == 1
    with session_scope(url) as s:
        create_user(s, USER, "editor", PASSWORD)
        _u, one_time = create_user(s, FRESH, "admin")  # no password given: generated, must be changed
        token = create_token(s, USER, "readme")
    with ServerThread(url) as base:
        yield {"base": base, "one_time": one_time, "token": token}
    get_engine(url).dispose()


@pytest.fixture
def page(browser, i15: dict[str, str]):  # type: ignore[no-untyped-def]
    """A logged-in editor's page; fails on JavaScript errors."""
    with logged_in(browser, i15["base"], USER, PASSWORD, accept_downloads=True,
                   viewport={"width": 1360, "height": 900}) as p:
        yield p


def test_item1_groups_in_impact_order_and_merge_suggestions(page, i15) -> None:  # type: ignore[no-untyped-def]
    base = i15["base"]
    page.goto(f"{base}/review?by=entity")
    rows = page.locator("tr.review-group")
    assert rows.count() > 1
    impacts = [int(t) for t in page.locator("tr.review-group td:nth-child(3)").all_inner_texts()]
    assert impacts == sorted(impacts, reverse=True), "groups come highest impact first"
    page.keyboard.press("j")  # the keyboard moves between groups
    assert page.evaluate("document.activeElement.classList.contains('review-group')")
    page.goto(f"{base}/review/merges")
    pairs = page.locator("tr.merge-pair")
    n = pairs.count()
    assert n >= 1, "the samples hold near-duplicate names just below the merge threshold"
    first = pairs.first.inner_text()
    pairs.first.locator("form button").click()  # 不是同一实体
    page.wait_for_load_state()
    assert page.locator("tr.merge-pair").count() == n - 1
    assert first not in [t for t in page.locator("tr.merge-pair").all_inner_texts()]
    page.goto(f"{base}/review/merges")
    page.locator("tr.merge-pair a.button").first.click()  # preview the merge of a suggested pair
    page.wait_for_selector("#merge-preview")


def test_item2_unknown_name_is_a_chinese_message_and_split_by_name(page, i15) -> None:  # type: ignore[no-untyped-def]
    base = i15["base"]
    page.goto(f"{base}/review")
    page.fill("#review-merge-form input[name=a]", "深圳迈瑞生物医疗电子股份有限公司")
    page.fill("#review-merge-form input[name=b]", "并不存在的某某机构")
    page.click("#review-merge-form button")
    page.wait_for_load_state()
    err = page.locator(".flash.err").inner_text()
    assert "并不存在的某某机构" in err and "Not Found" not in page.content()
    assert page.locator("#merge-preview").count() == 0
    page.goto(f"{base}/entities?q=深圳先进技术研究院")
    full = "中国科学院深圳先进技术研究院"
    before = [n.strip() for n in page.locator("#entity-table tbody tr td:first-child").all_inner_texts()]
    page.locator("#entity-table a", has_text=full).first.click()
    page.wait_for_selector("#split-form")
    page.on("dialog", lambda d: d.accept())
    page.locator("#split-form input[type=checkbox][value='深圳先进院']").check()
    page.click("#split-form button")
    page.wait_for_load_state()
    page.goto(f"{base}/entities?q=深圳先进技术研究院")
    after = [n.strip() for n in page.locator("#entity-table tbody tr td:first-child").all_inner_texts()]
    assert after.count(full) == before.count(full) + 1, (before, after)  # the sources named 深圳先进院 stand apart
    page.goto(f"{base}/audit?user={USER}")
    assert "拆分" in page.locator("#audit-table").inner_text()


def test_item3_chinese_pages_show_labels_and_official_terms(page, i15) -> None:  # type: ignore[no-untyped-def]
    base = i15["base"]
    ents = page.request.get(f"{base}/api/entities?limit=15&sort=statements").json()["items"]
    doc = page.request.get(f"{base}/api/documents?limit=1").json()["items"][0]
    urls = ["/", "/review", "/review?by=prop", "/review/merges", "/audit", "/chains", "/registers/resources",
            "/registers/enterprises", "/registers/projects", f"/documents/{doc['id']}",
            "/chains/semiconductors_ic?region=深圳"] + [f"/entities/{e['id']}" for e in ents]
    leaks = {}
    for u in urls:
        page.goto(f"{base}{u}")
        assert (page.locator("html").get_attribute("lang") or "").startswith("zh")
        if found := leaked_codes(page.content()):
            leaks[u] = found
    assert leaks == {}, leaks
    page.goto(f"{base}/registers/resources")
    headers = page.locator("#register-table thead th").all_inner_texts()
    assert "境内外" in headers and "国内外" not in headers
    page.goto(f"{base}/documents/{doc['id']}")
    assert page.locator("table.dropped th").all_inner_texts() == ["原因", "行", "被删除的文字"]
    page.goto(f"{base}/entities-merge?a=x&b=y")  # errors in Chinese too
    assert "没有找到" in page.inner_text("main")


def test_item3_english_pages_show_english_chain_link_and_status_labels(page, i15) -> None:  # type: ignore[no-untyped-def]
    base = i15["base"]
    page.context.add_cookies([{"name": "lang", "value": "en", "url": base}])
    leaks = {}
    for u in ["/chains", "/chains/semiconductors_ic?region=深圳", "/registers/projects", "/registers/enterprises",
              "/projects", "/review?by=prop"]:
        page.goto(f"{base}{u}")
        assert page.locator("html").get_attribute("lang") == "en"
        if found := chinese_labels(page.content()):
            leaks[u] = found
    assert leaks == {}, leaks
    page.goto(f"{base}/chains/semiconductors_ic?region=深圳")
    page.wait_for_selector("#chain-graph canvas")
    drawn = page.evaluate("window.slChain.nodes().map(n => n.data('label')).join(' ')")
    assert "Chip design" in drawn and "芯片设计" not in drawn  # the diagram is drawn in English too
    page.context.add_cookies([{"name": "lang", "value": "zh", "url": base}])


def test_item4_sources_by_title_open_the_document_at_the_sentence(page, i15) -> None:  # type: ignore[no-untyped-def]
    base = i15["base"]
    page.goto(f"{base}/search?q=迈瑞")
    page.locator(".hit-entity a").first.click()
    page.wait_for_selector("#statements")
    links = page.locator("#statements a.source-link")
    assert links.count() >= 1
    texts = links.all_inner_texts()
    assert all("doc:" not in t and "document:unknown" not in t for t in texts)
    assert any("《" in t for t in texts), texts  # the title, not a hash
    quoted = page.locator("#statements tr").filter(has=page.locator("a.source-link")).first
    marked = quoted.locator(".snippet mark").first.inner_text()
    quoted.locator("a.source-link").click()
    page.wait_for_url(re.compile(r"/documents/.+at=\d+"))
    hl = page.locator("mark.hl, a.ent.hl").first
    expect(hl).to_be_visible()
    assert marked in page.locator("mark.hl, a.ent.hl").all_inner_texts()[0] or marked in "".join(
        page.locator("mark.hl, a.ent.hl").all_inner_texts())
    box = hl.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the document opens at the sentence, not at its top"


def test_item5_facets_default_region_and_xlsx_layout(page, i15) -> None:  # type: ignore[no-untyped-def]
    base = i15["base"]
    page.goto(f"{base}/registers/carriers?region=")
    facet = page.locator("#register-facets .facet-value").first
    count = int(facet.locator(".muted").inner_text())
    facet.click()
    page.wait_for_load_state()
    assert int(re.search(r"共\s*(\d+)", page.inner_text("main")).group(1)) == count  # type: ignore[union-attr]
    page.goto(f"{base}/account")
    page.fill("#default-region input[name=region]", "深圳")
    page.click("#default-region button")
    page.wait_for_load_state()
    page.goto(f"{base}/registers/enterprises")
    assert page.locator("#register-filter input[name=region]").input_value() == "深圳"
    with page.expect_download() as dl:
        page.click("#export-xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes())).active
    assert ws.freeze_panes == "A2", "the header row stays in view"
    assert ws.column_dimensions["A"].width and ws.column_dimensions["A"].width > 10
    page.goto(f"{base}/account")
    page.fill("#default-region input[name=region]", "")
    page.click("#default-region button")


def test_item6_no_evidence_apart_from_gaps_counts_and_lead_list(page, i15) -> None:  # type: ignore[no-untyped-def]
    base = i15["base"]
    page.goto(f"{base}/chains/semiconductors_ic?region=深圳")
    page.wait_for_selector("#chain-graph canvas")
    boxes = page.locator(".link-box")
    gaps, noev = page.locator(".link-box.gap").count(), page.locator(".link-box.noev").count()
    assert boxes.count() > gaps, "not every link of Shenzhen's 半导体 chain is a gap"
    assert page.evaluate("window.slChain.nodes('[noev = 1]').length") == noev
    counts = page.locator(".link-box .link-counts").all_inner_texts()
    assert len(counts) == boxes.count() and all(re.search(r"\d", c) for c in counts)
    with page.expect_download() as dl:
        page.locator("#chain-exports a[href*='leads.xlsx']").click()
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes())).active
    assert ws.max_row >= 1 and ws["A1"].value


def test_item7_audit_diff_relations_once_and_folded_graph(page, i15) -> None:  # type: ignore[no-untyped-def]
    base = i15["base"]
    page.goto(f"{base}/review")
    page.locator("tr.review-item button.ok").first.click()
    page.wait_for_load_state()
    page.goto(f"{base}/audit?user={USER}")
    diff = page.locator("#audit-table table.diff").first
    expect(diff).to_be_visible()
    assert diff.locator("ins").count() >= 1
    assert '{"' not in page.inner_text("#audit-table") and "\\u" not in page.inner_text("#audit-table")
    shenzhen = page.request.get(f"{base}/api/entities?name=深圳市&kind=place").json()["items"][0]["id"]
    page.goto(f"{base}/entities/{shenzhen}")
    page.wait_for_selector("#graph canvas")
    shown = page.evaluate("window.slGraph.nodes().length")
    groups = page.evaluate("window.slGraph.nodes().filter(n => n.data('href').includes('expand=')).length")
    assert shown <= 80 and groups >= 1, (shown, groups)
    rows = page.locator("#relations tr.rel-row").all_inner_texts()
    assert len(rows) == len(set(rows)), "each relation listed once"
    href = page.evaluate("window.slGraph.nodes().filter(n => n.data('href').includes('expand='))[0].data('href')")
    page.goto(f"{base}{href}")
    page.wait_for_selector("#graph canvas")
    assert page.evaluate("window.slGraph.nodes().length") > shown, "expanding a group draws its members"


def test_item8_one_time_password_first_pages_and_api(browser, i15) -> None:  # type: ignore[no-untyped-def]
    base, pw = i15["base"], i15["one_time"]
    ctx = browser.new_context()
    p = ctx.new_page()
    p.goto(f"{base}/login")
    p.fill("input[name=username]", FRESH)
    p.fill("input[name=password]", pw)
    p.click("button[type=submit]")
    p.wait_for_url(f"{base}/account")
    assert p.locator(".flash.warn").count() == 1
    p.goto(f"{base}/registers/enterprises")
    assert p.url == f"{base}/account", "pages lead back to the password form"
    csrf = p.evaluate("document.querySelector('meta[name=csrf-token]').content")
    api = p.request.post(f"{base}/api/auth/tokens", data={"name": "keep"}, headers={"X-CSRF-Token": csrf})
    assert api.status == 403 and api.json()["error"]["code"] == "password_change_required"
    assert p.request.get(f"{base}/api/documents").status == 403
    p.fill("input[name=current_password]", pw)
    p.fill("input[name=new_password]", pw)  # the same one again: refused
    p.click("form[action='/account/password'] button")
    p.wait_for_load_state()
    assert p.locator(".flash.err").count() == 1
    p.goto(f"{base}/registers/enterprises")
    assert p.url == f"{base}/account"
    p.fill("input[name=current_password]", pw)
    p.fill("input[name=new_password]", "a-brand-new-pass-1")
    p.click("form[action='/account/password'] button")
    p.wait_for_load_state()
    p.goto(f"{base}/registers/enterprises")
    assert p.url.startswith(f"{base}/registers/enterprises")
    csrf = p.evaluate("document.querySelector('meta[name=csrf-token]').content")
    assert p.request.post(f"{base}/api/auth/tokens", data={"name": "now"}, headers={"X-CSRF-Token": csrf}).status == 201
    ctx.close()


def readme_curl() -> str:
    """The README's curl example line."""
    lines = [ln.strip() for ln in README.read_text(encoding="utf-8").splitlines() if ln.strip().startswith("curl ")]
    assert len(lines) == 1, lines
    return lines[0]


def test_item9_readme_curl_runs_against_a_served_app(page, i15) -> None:  # type: ignore[no-untyped-def]
    line = readme_curl()
    assert "--data-urlencode" in line and "q=迈瑞" in line
    args = [a.replace("$TOKEN", i15["token"]).replace("http://127.0.0.1:8000", i15["base"]) for a in shlex.split(line)]
    out = subprocess.run([*args, "-sS", "--fail-with-body"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    body = json.loads(out.stdout)
    assert body["total"] >= 1 and any("迈瑞" in json.dumps(h, ensure_ascii=False) for h in body["items"])
    page.goto(f"{i15['base']}/api/docs")  # the API docs the README points at load offline
    page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
