"""Registers as analysts filter them: facets with counts, money in 亿元, exports with units and titles."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from shuanglian.registers.spec import get_spec
from shuanglian.registers.tabular import write_table


def test_facets_count_rows_and_filter(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("viewer")
    html = c.get("/registers/enterprises").text
    assert 'id="register-facets"' in html
    links = re.findall(r'class="tag facet-value" href="([^"]+)">([^<]+)<span class="muted">(\d+)</span>', html)
    assert links
    href, label, count = links[0]
    total_all = c.get("/api/registers/enterprises", params={"limit": 1}).json()["total"]
    assert 0 < int(count) <= total_all
    filtered = c.get(href.replace("&amp;", "&"))
    m = re.search(r"共\s*(\d+)|(\d+)</p>", filtered.text)
    assert filtered.status_code == 200 and m
    # the same filter through the API gives the facet's count
    q = dict(p.split("=", 1) for p in href.split("?", 1)[1].replace("&amp;", "&").split("&") if "=" in p)
    from urllib.parse import unquote

    params = {k: unquote(v) for k, v in q.items() if k in ("kind", "region", "chain")}
    assert c.get("/api/registers/enterprises", params={**params, "limit": 1}).json()["total"] == int(count)


def test_money_in_yi_yuan_on_page_and_export() -> None:
    spec = get_spec("projects")
    data = write_table(spec, [{"name": "某项目", "investment": 145.0}], "xlsx")  # rows carry 亿元 (to_row)
    ws = load_workbook(io.BytesIO(data)).active
    headers = [c.value for c in ws[1]]
    assert "投资额（亿元）" in headers
    assert ws.cell(2, headers.index("投资额（亿元）") + 1).value == 145
    res = get_spec("resources")
    out = write_table(res, [{"name": "甲", "kind": "enterprise", "domestic": True}], "csv").decode("utf-8-sig")
    assert "境内" in out and "国内" not in out.splitlines()[1]


def test_default_region_per_user(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("viewer")
    all_rows = c.get("/api/registers/enterprises", params={"limit": 1}).json()["total"]
    sz_rows = c.get("/api/registers/enterprises", params={"limit": 1, "region": "深圳"}).json()["total"]
    assert 0 < sz_rows < all_rows
    page = c.get("/account")
    from tests.web.conftest import page_csrf

    r = c.post("/account/region", data={"csrf_token": page_csrf(page.text), "region": "深圳"}, follow_redirects=False)
    assert r.status_code == 303
    assert 'value="深圳"' in c.get("/account").text
    html = c.get("/registers/enterprises").text
    assert 'name="region" value="深圳"' in html and f"{sz_rows}</p>" in html.replace(" ", "")
    everything = c.get("/registers/enterprises", params={"region": ""}).text
    assert 'name="region" value=""' in everything and f"{all_rows}</p>" in everything.replace(" ", "")
    # another user keeps no default
    other = client_for("editor").get("/registers/enterprises").text
    assert 'name="region" value=""' in other
