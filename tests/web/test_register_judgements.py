"""Registers in the web app: hide/reject/restore rows, official 六个一 figures beside rows held, pinyin
and seen-date filters, XLSX layout, and the analyst's region correction on the entity page."""

from __future__ import annotations

import io

from openpyxl import load_workbook

SIX = """深圳市推进“两链融合”工作情况
截至目前，全市已梳理“六个一”清单：
一套创新载体与平台161个；
一批重点企业154家；
一批重点项目146个，总投资1641亿元；
一批境内外创新资源452个；
一批战略咨询机构36家。"""


def _first_row(c, name: str = "enterprises", **params) -> dict:  # type: ignore[no-untyped-def]
    body = c.get(f"/api/registers/{name}", params={"limit": 1, **params}).json()
    return body["items"][0] if body["items"] else {}


def test_hide_reject_and_restore_a_row(client_for) -> None:  # type: ignore[no-untyped-def]
    editor, viewer = client_for("editor"), client_for("viewer")
    total = editor.get("/api/registers/enterprises", params={"limit": 1}).json()["total"]
    row = _first_row(editor)
    url = f"/api/registers/enterprises/rows/{row['id']}/hide"
    assert viewer.post(url, json={"action": "hide"}).status_code == 403
    r = editor.post(url, json={"action": "reject", "reason": "不是企业"})
    assert r.status_code == 200, r.text
    assert r.json()["action"] == "reject"
    assert editor.post(url, json={"action": "hide"}).status_code == 409
    assert editor.get("/api/registers/enterprises", params={"limit": 1}).json()["total"] == total - 1
    hidden = editor.get("/api/registers/enterprises", params={"hidden": "true"}).json()
    assert [x["id"] for x in hidden["items"]] == [row["id"]]
    page = editor.get("/registers/enterprises", params={"hidden": "true"}).text
    assert "已隐藏/驳回的行" in page and 'class="row-restore"' in page and "恢复" in page
    # the export leaves the hidden row out too
    assert row["name"] not in editor.get("/api/registers/enterprises/export", params={"format": "csv"}).text
    assert editor.delete(url).status_code == 200
    assert editor.delete(url).status_code == 404
    assert editor.get("/api/registers/enterprises", params={"limit": 1}).json()["total"] == total
    assert editor.post("/api/registers/nope/rows/x/hide", json={}).status_code == 404


def test_official_figures_beside_rows_held(client_for) -> None:  # type: ignore[no-untyped-def]
    editor = client_for("editor")
    assert all(not o["official"] for o in editor.get("/api/registers/official").json()["items"])
    r = editor.post("/api/documents", files=[("files", ("six.txt", SIX.encode("utf-8"), "text/plain"))])
    assert r.status_code == 201, r.text
    items = {o["register"]: o for o in editor.get("/api/registers/official").json()["items"]}
    assert items["carriers"]["official"]["count"]["text"] == "161个"
    assert items["projects"]["official"]["investment"]["text"] == "1641亿元"
    assert items["projects"]["official"]["investment"]["value"] == 164100000000
    assert items["consultants"]["official"]["count"]["value"] == 36
    assert items["carriers"]["rows_held"] >= 0 and "policies" in items
    sz = {o["register"]: o for o in editor.get("/api/registers/official", params={"region": "深圳"}).json()["items"]}
    assert sz["enterprises"]["official"]["count"]["text"] == "154家"
    bj = {o["register"]: o for o in editor.get("/api/registers/official", params={"region": "北京"}).json()["items"]}
    assert bj["enterprises"]["official"] == {}
    page = editor.get("/registers/projects").text
    assert 'id="official-figures"' in page and "1641亿元" in page and "164100000000" not in page
    assert "官方数字" in page and "在库条目" in page
    dash = editor.get("/").text
    assert 'id="official-table"' in dash and "161个" in dash and "1641亿元" in dash
    from shuanglian.web.translate import LANG_COOKIE

    editor.cookies.set(LANG_COOKIE, "en")
    en = editor.get("/registers/projects").text
    assert "Official figure" in en and "Rows held" in en and "1641亿元" in en
    assert "Six registers: official figures and rows held" in editor.get("/").text
    editor.cookies.set(LANG_COOKIE, "zh")
    # an analyst's figure is in force over the page's; bad text is refused with the reason
    bad = editor.post("/api/registers/official", json={"register": "projects", "measure": "investment", "text": "很多"})
    assert bad.status_code == 422 and "1641亿元" in bad.text
    r = editor.post("/api/registers/official", json={"register": "projects", "measure": "investment",
                                                      "text": "1700亿元", "region": "深圳市"})  # fmt: skip
    assert r.status_code == 200, r.text
    sz = {o["register"]: o for o in editor.get("/api/registers/official", params={"region": "深圳"}).json()["items"]}
    assert sz["projects"]["official"]["investment"]["text"] == "1700亿元"
    assert editor.delete(f"/api/registers/official/{r.json()['id']}").status_code == 200
    doc_fig = sz["projects"]["official"]["count"]["id"]
    assert editor.delete(f"/api/registers/official/{doc_fig}").status_code == 409


def test_pinyin_sort_seen_filters_and_xlsx_layout(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("viewer")
    rows = c.get("/api/registers/enterprises", params={"sort": "pinyin", "limit": 200}).json()["items"]
    keys = [r["pinyin"] for r in rows]
    assert keys == sorted(keys) and len(keys) > 2
    r0 = rows[0]
    assert r0["first_seen"] and r0["last_seen"] and r0["first_seen"] <= r0["last_seen"]
    later = c.get("/api/registers/enterprises", params={"seen_from": "2999-01-01"}).json()
    assert later["total"] == 0
    assert c.get("/api/registers/enterprises", params={"seen_to": "2999-01-01"}).json()["total"] == len(rows)
    assert c.get("/api/registers/enterprises", params={"seen_from": "soon"}).status_code == 422
    page = c.get("/registers/enterprises", params={"sort": "pinyin"}).text
    assert 'id="sort-pinyin"' in page and "首次出现" in page and "最近出现" in page
    data = c.get("/api/registers/enterprises/export", params={"format": "xlsx"}).content
    ws = load_workbook(io.BytesIO(data)).active
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width >= 12, "name column sized to its content"
    assert ws.cell(1, 1).font.bold


def test_analyst_corrects_region_on_the_entity_page(client_for) -> None:  # type: ignore[no-untyped-def]
    editor, viewer = client_for("editor"), client_for("viewer")
    row = _first_row(editor, region="深圳")
    url = f"/api/entities/{row['id']}/region"
    assert viewer.post(url, json={"region": "北京市", "reason": "x"}).status_code == 403
    assert editor.post(url, json={"region": "北京市", "reason": ""}).status_code == 422
    r = editor.post(url, json={"region": "北京市", "reason": "总部迁至北京市海淀区"})
    assert r.status_code == 200, r.text
    assert r.json()["region"].startswith("北京")
    ev = editor.get(url).json()["items"]
    assert ev[0]["reason"] == "analyst" and ev[0]["note"] == "总部迁至北京市海淀区"
    assert row["id"] not in [x["id"] for x in editor.get("/api/registers/enterprises",
                                                          params={"region": "深圳", "limit": 200}).json()["items"]]
    html = editor.get(f"/entities/{row['id']}").text
    assert 'id="region-form"' in html and "分析员更正" in html and "总部迁至北京市海淀区" in html
    assert 'id="region-form"' not in viewer.get(f"/entities/{row['id']}").text
