"""What the 招商 meeting takes away from a chain map: the lead list (CSV/XLSX) and a brief of the chain's
gaps and leads in a region as a Word document."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from shuanglian.graph.schema import get_schema
from shuanglian.services import chains

LEAD_COLUMNS = [
    ("link_name", "产业链环节", "Link"), ("stage", "环节位置", "Stage"), ("gap", "缺口类型", "Gap"),
    ("status", "判断", "Status"), ("name", "候选企业/机构", "Candidate"), ("kind", "类型", "Kind"),
    ("region", "所在地", "Region"), ("score", "推荐分", "Score"), ("reason", "推荐理由", "Reason"),
]
STAGE_ZH = {"upstream": "上游", "midstream": "中游", "downstream": "下游"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _kind_zh(kind: str) -> str:
    """The Chinese label of a kind (graph/schema.yaml)."""
    kdef = get_schema().kinds.get(kind)
    return kdef.label if kdef else kind


def _safe(v: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula is written as text (leading apostrophe)."""
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
    return v


def lead_rows(session: Session, chain_id: str, region: str | None) -> list[dict[str, Any]]:
    """One row per (gap, candidate) of the chain in the region, best candidates first within a gap."""
    rows: list[dict[str, Any]] = []
    for g in chains.gaps(session, chain_id, region=region):
        for c in g["candidates"]:
            rows.append({
                "link_name": g["link_name"], "stage": STAGE_ZH.get(g["stage"], g["stage"]), "gap": g["type_zh"],
                "status": g.get("status_zh", ""), "name": c["name"], "kind": _kind_zh(c["kind"]),
                "region": c.get("region") or "", "score": c["score"], "reason": c["reason"], "id": c["id"],
            })
    return rows


def export_leads(session: Session, chain_id: str, region: str | None, fmt: str) -> bytes:
    """The lead list as CSV (UTF-8 with BOM) or XLSX (column widths set, header frozen)."""
    rows = lead_rows(session, chain_id, region)
    headers = [zh for _, zh, _ in LEAD_COLUMNS]
    matrix = [[_safe(r[k]) for k, _, _ in LEAD_COLUMNS] for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(headers)
        w.writerows(matrix)
        return buf.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        assert ws is not None
        ws.title = "招商线索"
        ws.append(headers)
        for r in matrix:
            ws.append(r)
        for i, width in enumerate((18, 8, 8, 8, 28, 10, 12, 8, 60)):
            ws.column_dimensions[chr(ord("A") + i)].width = width
        ws.freeze_panes = "A2"
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    raise ValueError(f"unknown format {fmt!r}; csv or xlsx")


def brief_docx(session: Session, chain_id: str, region: str | None) -> bytes:
    """A Word brief of the chain in the region: overview, each gap with its reason, evidence and leads."""
    from docx import Document as Docx
    from docx.shared import Pt

    m = chains.chain_map(session, chain_id, region=region)
    gaps = chains.gaps(session, chain_id, region=region)
    name = m["chain"].get("name") or chain_id
    where = region or "全部地区"
    doc = Docx()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(f"{where}{name}产业链断点与招商线索简报", level=0)
    doc.add_paragraph(f"生成日期：{date.today().isoformat()}　来源：双链平台（每条线索可在平台中追溯到原文出处）")
    members = {r: sum(link["counts"].get(r, 0) for link in m["links"]) for r in ("enterprises", "carriers")}
    real = [g for g in gaps if g.get("status", "gap") == "gap"]
    unknown = [g for g in gaps if g.get("status") == "no_evidence"]
    doc.add_heading("一、总体情况", level=1)
    doc.add_paragraph(
        f"本链共{len(m['links'])}个环节；{where}已掌握本地企业{members['enterprises']}家、创新载体{members['carriers']}个。"
        f"识别断点{len(real)}处（补链{sum(g['type'] == 'fill' for g in real)}、强链"
        f"{sum(g['type'] == 'strengthen' for g in real)}、延链{sum(g['type'] == 'extend' for g in real)}），"
        f"另有{len(unknown)}个环节暂无证据，需补充调研。"
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("环节", "位置", "本地企业", "本地载体"), strict=True):
        cell.text = text
    for link in m["links"]:
        row = table.add_row().cells
        row[0].text, row[1].text = link["name"], STAGE_ZH.get(link["stage"], link["stage"])
        row[2].text, row[3].text = str(link["counts"].get("enterprises", 0)), str(link["counts"].get("carriers", 0))
    doc.add_heading("二、断点与招商线索", level=1)
    if not real:
        doc.add_paragraph("暂未识别出有充分证据的断点。")
    for i, g in enumerate(real, 1):
        doc.add_heading(f"{i}. {g['link_name']}（{g['type_zh']}）", level=2)
        doc.add_paragraph(g["reason"])
        if g["candidates"]:
            t = doc.add_table(rows=1, cols=4)
            t.style = "Table Grid"
            for cell, text in zip(t.rows[0].cells, ("候选", "所在地", "推荐分", "理由"), strict=True):
                cell.text = text
            for c in g["candidates"][:8]:
                r = t.add_row().cells
                r[0].text, r[1].text, r[2].text, r[3].text = c["name"], c.get("region") or "未知", f"{c['score']:.2f}", c["reason"]
        else:
            doc.add_paragraph("暂无候选线索。")
    if unknown:
        doc.add_heading("三、暂无证据的环节", level=1)
        for g in unknown:
            doc.add_paragraph(g["reason"], style="List Bullet")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
