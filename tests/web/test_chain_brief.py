"""Chain maps tell a gap from "no evidence yet", count members per link, export the lead list and a brief."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from shuanglian.services import chain_brief


def test_gaps_carry_status_and_evidence(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("viewer")
    gaps = c.get("/api/chains/high_end_medical_devices/gaps", params={"region": "深圳"}).json()
    items = gaps["items"] if isinstance(gaps, dict) else gaps
    assert items
    for g in items:
        assert g["status"] in ("gap", "no_evidence")
        assert set(g["evidence"]) == {"placements", "enterprises_seen", "documents", "local_chain_entities"}
    # a region nothing was read about has no gaps, only links without evidence
    far = c.get("/api/chains/high_end_medical_devices/gaps", params={"region": "拉萨"}).json()
    far_items = far["items"] if isinstance(far, dict) else far
    assert far_items and all(g["status"] == "no_evidence" for g in far_items if g["type"] != "strengthen")
    html = c.get("/chains/high_end_medical_devices", params={"region": "拉萨"}).text
    assert "暂无证据" in html and "link-counts" in html


def test_leads_export_and_brief(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("viewer")
    x = c.get("/chains/high_end_medical_devices/leads.xlsx", params={"region": "深圳"})
    assert x.status_code == 200
    ws = load_workbook(io.BytesIO(x.content)).active
    assert ws["A1"].value == "产业链环节" and ws.freeze_panes == "A2"
    assert ws.column_dimensions["I"].width == 60
    csv = c.get("/chains/high_end_medical_devices/leads.csv", params={"region": "深圳"})
    assert csv.status_code == 200 and csv.content.decode("utf-8-sig").startswith("产业链环节,")
    d = c.get("/chains/high_end_medical_devices/brief.docx", params={"region": "深圳"})
    assert d.status_code == 200 and d.content[:2] == b"PK"
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(d.content)).paragraphs)
    assert "深圳" in text and "断点" in text and "总体情况" in text
    assert c.get("/chains/high_end_medical_devices/leads.pdf").status_code == 404


def test_formula_cells_are_neutralised() -> None:
    assert chain_brief._safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert chain_brief._safe("迈瑞") == "迈瑞"


def test_old_domestic_header_still_imports() -> None:
    from shuanglian.registers.spec import get_spec
    from shuanglian.registers.tabular import _header_key

    spec = get_spec("resources")
    col = _header_key(spec, "国内外")
    assert col is not None and col.key == "domestic" and col.header == "境内外"
