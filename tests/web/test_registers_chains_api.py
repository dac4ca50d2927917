"""Registers (list/filter/sort/export/import with preview) and chains (list, map, gaps, add) over HTTP."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.web.conftest import page_csrf

GOOD = "名称,简称,所在地,链主,领域,主要产品\n深圳示例医疗科技有限公司,示例医疗,深圳市南山区,否,医疗器械,监护仪\n"
BAD = GOOD + ",缺名称,深圳市,否,医疗器械,监护仪\n"
CHAIN = """
id: test_chain
name: 测试产业链
name_en: Test chain
set: custom
category: other
industries: [测试]
links:
  - id: up
    name: 上游材料
    name_en: Materials
    stage: upstream
    feeds: [down]
    keywords: [测试材料]
  - id: down
    name: 下游应用
    name_en: Applications
    stage: downstream
    keywords: [测试应用]
"""


def test_register_overview_list_filter_sort(client_for) -> None:
    c = client_for("viewer")
    names = [r["name"] for r in c.get("/api/registers").json()["items"]]
    assert names == ["carriers", "enterprises", "projects", "resources", "policies", "consultants"]
    page = c.get("/api/registers/carriers", params={"limit": 5}).json()
    assert page["total"] >= 5 and len(page["items"]) == 5 and "name" in page["columns"]
    desc = [r["name"] for r in c.get("/api/registers/carriers", params={"sort": "-name"}).json()["items"]]
    assert desc == sorted(desc, reverse=True)
    sz = c.get("/api/registers/carriers", params={"region": "深圳"}).json()
    assert 0 < sz["total"] <= page["total"]
    assert c.get("/api/registers/nope").status_code == 404


def test_register_export_csv_and_xlsx(client_for) -> None:
    c = client_for("viewer")
    r = c.get("/api/registers/enterprises/export", params={"format": "csv"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert r.content.decode("utf-8-sig").splitlines()[0].startswith("名称")
    x = c.get("/api/registers/enterprises/export", params={"format": "xlsx"})
    ws = load_workbook(io.BytesIO(x.content)).active
    assert ws is not None and ws.cell(1, 1).value == "名称" and ws.max_row >= 2
    assert c.get("/api/registers/enterprises/export", params={"format": "pdf"}).status_code == 422


def test_register_import_dry_run_then_commit(client_for) -> None:
    c = client_for("editor")
    files = {"file": ("ent.csv", BAD.encode(), "text/csv")}
    dry = c.post("/api/registers/enterprises/import", files=files).json()
    assert dry["dry_run"] and dry["rows_ok"] == 1 and dry["errors"][0]["row"] == 3
    assert c.get("/api/registers/enterprises", params={"q": "示例医疗"}).json()["total"] == 0
    done = c.post("/api/registers/enterprises/import", params={"dry_run": "false"}, files=files).json()
    assert not done["dry_run"] and done["created"] == 1
    assert c.get("/api/registers/enterprises", params={"q": "示例医疗"}).json()["total"] == 1
    assert any(e["action"].startswith("import") for e in c.get("/api/audit", params={"user": "editor1"}).json()["items"])
    bad_ext = c.post("/api/registers/enterprises/import", files={"file": ("x.pdf", b"%PDF", "application/pdf")})
    assert bad_ext.status_code == 422 and bad_ext.json()["error"]["code"] == "bad_format"
    junk = c.post("/api/registers/enterprises/import", files={"file": ("x.xlsx", b"not a workbook", "application/zip")})
    assert junk.status_code == 422 and junk.json()["error"]["code"] == "bad_file"


def test_register_page_import_preview_and_confirm(client_for) -> None:
    c = client_for("editor", csrf=False)
    page = c.get("/registers/enterprises", params={"sort": "-name"})
    assert page.status_code == 200 and 'id="import-form"' in page.text
    csrf = page_csrf(page.text)
    preview = c.post("/registers/enterprises/import", data={"csrf_token": csrf},
                     files={"file": ("ent.csv", BAD.encode(), "text/csv")})
    assert preview.status_code == 200 and 'id="import-errors"' in preview.text and 'id="import-commit"' in preview.text
    import re

    payload = re.search(r'name="payload" value="([^"]+)"', preview.text)
    assert payload
    done = c.post("/registers/enterprises/import",
                  data={"csrf_token": csrf, "payload": payload.group(1), "filename": "ent.csv", "commit": "true"})
    assert done.status_code == 200 and 'id="import-done"' in done.text
    assert "深圳示例医疗科技有限公司" in c.get("/registers/enterprises", params={"q": "示例医疗"}).text
    assert c.get("/registers").status_code == 200


def test_chains_list_map_gaps(client_for) -> None:
    c = client_for("viewer")
    items = c.get("/api/chains").json()["items"]
    assert len(items) >= 28 and any(ch["id"] == "high_end_medical_devices" for ch in items)
    tpl = c.get("/api/chains/high_end_medical_devices").json()
    assert tpl["links"]
    m = c.get("/api/chains/high_end_medical_devices/map", params={"region": "深圳"}).json()
    assert [ln["id"] for ln in m["links"]] == [ln["id"] for ln in tpl["links"]]
    assert any(ln["enterprises"] for ln in m["links"])
    gaps = c.get("/api/chains/high_end_medical_devices/gaps", params={"region": "深圳"}).json()["items"]
    assert gaps and all(g["reason"] for g in gaps)
    assert c.get("/api/chains/nope/map").status_code == 404
    page = c.get("/chains/high_end_medical_devices", params={"region": "深圳"})
    assert page.status_code == 200 and 'id="chain-data"' in page.text and "link-box gap" in page.text
    assert c.get("/chains").status_code == 200


def test_add_chain_from_yaml(client_for) -> None:
    c = client_for("editor")
    r = c.post("/api/chains", content=CHAIN, headers={"Content-Type": "text/plain"})
    assert r.status_code == 201, r.text
    assert r.json()["chain"]["id"] == "test_chain"
    assert c.get("/api/chains/test_chain").json()["name"] == "测试产业链"
    bad = c.post("/api/chains", content="id: [unclosed", headers={"Content-Type": "text/plain"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_chain"


def test_add_chain_from_the_chains_page(client_for) -> None:
    c = client_for("editor", csrf=False)
    page = c.get("/chains")
    assert 'id="chain-form"' in page.text
    csrf = page_csrf(page.text)
    r = c.post("/chains", data={"csrf_token": csrf, "yaml_text": CHAIN}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/chains/test_chain"
    assert "测试产业链" in c.get("/chains/test_chain").text
    bad = c.post("/chains", data={"csrf_token": csrf, "yaml_text": CHAIN.replace("category: other", "category: nope")})
    assert bad.status_code == 200 and "flash err" in bad.text and "category" in bad.text
    assert 'id="chain-form"' not in client_for("viewer").get("/chains").text
