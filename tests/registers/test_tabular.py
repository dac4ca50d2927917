"""Register files: every bad cell is named by row and column; CSV (UTF-8/GBK) and XLSX both read back."""

from __future__ import annotations

import pytest

from shuanglian.registers.spec import UnknownRegister, get_spec, register_specs
from shuanglian.registers.tabular import TableFormatError, parse_table, read_rows, write_table


def test_six_registers_declared() -> None:
    assert list(register_specs()) == ["carriers", "enterprises", "projects", "resources", "policies", "consultants"]
    with pytest.raises(UnknownRegister, match="one of: carriers"):
        get_spec("people")


def test_validation_names_row_and_cell() -> None:
    spec = get_spec("projects")
    csv_text = (
        "项目名称,牵头单位,投资额（亿元）,建设周期,状态\n"
        "光明科学城脑解析设施,中国科学院深圳先进技术研究院,12.5,2021-2025,在建\n"
        ",某单位,3,2022,在建\n"
        "合成生物研究设施,深圳先进院,12亿,2025-2021,施工中\n"
        "光明科学城脑解析设施,重复,1,2020,建成\n"
    )
    t = parse_table(spec, csv_text.encode("utf-8"), "csv")
    assert [r for r, _ in t.rows] == [2]
    assert t.rows[0][1]["investment"] == 12.5 and t.rows[0][1]["period"] == "2021-2025"
    msgs = [str(e) for e in t.errors]
    assert "row 3, column 项目名称: is required but empty" in msgs
    assert "row 4, column 投资额: '12亿' is not a number (enter the number in 亿元)" in msgs
    assert "row 4, column 建设周期: '2025-2021' ends before it starts" in msgs
    assert any(m.startswith("row 4, column 状态: '施工中' is not one of 谋划/") for m in msgs)
    assert "row 5, column 项目名称: '光明科学城脑解析设施' duplicates row 2" in [
        f"row {e.row}, column {e.column}: '{e.value}' {e.message}" for e in t.errors if e.row == 5
    ]
    assert t.errors[0].to_json() == {"row": 3, "column": "项目名称", "value": "", "message": "is required but empty"}


def test_missing_required_column_and_unknown_format() -> None:
    with pytest.raises(TableFormatError, match="required column 项目名称 is missing"):
        parse_table(get_spec("projects"), "牵头单位,投资额\nx,1\n".encode(), "csv")
    with pytest.raises(TableFormatError, match="not a readable XLSX"):
        read_rows(b"not a zip", "xlsx")
    with pytest.raises(TableFormatError, match="unknown format"):
        read_rows(b"", "ods")


def test_gbk_csv_and_kind_labels() -> None:
    spec = get_spec("carriers")
    data = "名称,类型,级别,领域\n鹏城实验室,实验室,国家级,网络通信、人工智能\n南方科技大学,大学,,\n".encode("gb18030")
    t = parse_table(spec, data, "csv")
    assert t.rows[0][1] == {"name": "鹏城实验室", "kind": "lab", "level": "国家级", "industries": ["网络通信", "人工智能"]}
    assert [str(e) for e in t.errors] == ["row 3, column 类型: '大学' is not one of 实验室/科研院所/高校/平台"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_write_then_parse_round_trip(fmt: str) -> None:
    spec = get_spec("enterprises")
    rows = [
        {"name": "深圳迈瑞生物医疗电子股份有限公司", "short_name": ["迈瑞医疗"], "chain_leader": True,
         "products": ["监护仪", "除颤仪"], "chains": ["高端医疗器械"], "sources": ["doc:abc"]},
        {"name": "深圳市理邦精密仪器股份有限公司", "chain_leader": False},
    ]
    data = write_table(spec, rows, fmt)
    t = parse_table(spec, data, fmt)
    assert not t.errors and not t.warnings
    assert t.rows[0][1] == {"name": rows[0]["name"], "short_name": ["迈瑞医疗"], "chain_leader": True,
                            "products": ["监护仪", "除颤仪"]}
    assert t.rows[1][1] == {"name": "深圳市理邦精密仪器股份有限公司", "chain_leader": False}


def test_xlsx_typed_cells_are_read_as_text_then_validated() -> None:
    import io
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["项目名称", "投资额（亿元）", "建设周期", "状态"])
    ws.append(["甲项目", 12, "2023-2025", "在建"])
    ws.append(["乙项目", 3.75, 2024, "谋划"])
    ws.append(["丙项目", "十二", datetime(2024, 1, 1), "在建"])
    buf = io.BytesIO()
    wb.save(buf)
    t = parse_table(get_spec("projects"), buf.getvalue(), "xlsx")
    assert [(r, v["investment"], v["period"]) for r, v in t.rows] == [(2, 12.0, "2023-2025"), (3, 3.75, "2024")]
    assert [str(e) for e in t.errors] == ["row 4, column 投资额: '十二' is not a number (enter the number in 亿元)"]


EVIL_CELLS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_csv_export_neutralises_formula_cells() -> None:
    import csv
    import io

    spec = get_spec("enterprises")
    rows = [{"name": v, "products": [v]} for v in EVIL_CELLS]
    text = write_table(spec, rows, "csv").decode("utf-8-sig")
    cells = [c for r in list(csv.reader(io.StringIO(text)))[1:] for c in r if c]
    assert cells and all(c.startswith("'") or not c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert "'=HYPERLINK" in text and "'@SUM" in text
    back = parse_table(spec, write_table(spec, rows, "csv"), "csv")
    assert [v["name"] for _, v in back.rows] == EVIL_CELLS  # an exported file round-trips


def test_xlsx_export_writes_formula_like_text_as_strings() -> None:
    import io

    from openpyxl import load_workbook

    spec = get_spec("enterprises")
    data = write_table(spec, [{"name": v} for v in EVIL_CELLS], "xlsx")
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    names = [ws.cell(row=i, column=1) for i in range(2, 2 + len(EVIL_CELLS))]
    assert [c.value for c in names] == EVIL_CELLS
    assert all(c.data_type == "s" for c in names)  # never "f" (formula)
