"""重点项目清单 import/export (CSV or XLSX): cells validated with the row and column named."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from shuanglian.registers.tabular import CellError, TableFormatError, read_rows

SPEC_PATH = Path(__file__).parent / "data" / "projects.yaml"
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_DATE = re.compile(r"^((?:19|20)\d\d)\s*[-./年]\s*(\d{1,2})(?:\s*[-./月]\s*(\d{1,2})\s*日?)?\s*月?$")
_UNIT_SUFFIX = re.compile(r"[（(][^）)]*[）)]\s*$")


@lru_cache(maxsize=1)
def project_spec() -> dict[str, Any]:
    """data/projects.yaml."""
    return dict(yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8")))


def parse_date(raw: str) -> str | None:
    """2024-03-01 / 2024.3 / 2024年3月 / 2024年3月1日 -> ISO date (month only: the 1st); None if not a date."""
    m = _DATE.match(raw.strip())
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3) or 1)
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def _convert(col: dict[str, Any], raw: str) -> tuple[Any, str | None]:
    if col["type"] == "money":
        s = raw.replace(" ", "")
        if not _NUMBER.match(s):
            return None, f"'{raw}' is not a number (enter the number in {col['unit']})"
        return float(s.replace(",", "")) * float(col["scale"]), None
    if col["type"] == "date":
        d = parse_date(raw)
        return (d, None) if d else (None, f"'{raw}' is not a date (e.g. 2024-03 or 2024年3月)")
    return raw, None


def parse_projects(data: bytes, fmt: str) -> tuple[list[tuple[int, dict[str, Any]]], list[CellError], list[str]]:
    """Validated rows (row number, values keyed by column key), errors per bad cell, header warnings."""
    rows = read_rows(data, fmt)
    while rows and not any(rows[0]):
        rows.pop(0)
    if not rows:
        raise TableFormatError("the file is empty (no header row)")
    spec = project_spec()
    known = spec["columns"] + spec.get("export_only", [])
    header = rows[0]
    cols: list[dict[str, Any] | None] = []
    warnings: list[str] = []
    for h in header:
        hh = _UNIT_SUFFIX.sub("", h.strip()).strip()
        c = next((c for c in known if hh in (c["header"], c["header_en"], c["key"])), None)
        if h and c is None:
            warnings.append(f"row 1, column {h}: not a column of {spec['title']}; ignored")
        cols.append(c if c in spec["columns"] else None)
    present = {c["key"] for c in cols if c}
    for c in spec["columns"]:
        if c.get("required") and c["key"] not in present:
            raise TableFormatError(f"row 1: required column {c['header']} is missing (header: {', '.join(header)})")
    good: list[tuple[int, dict[str, Any]]] = []
    errors: list[CellError] = []
    seen: dict[str, int] = {}
    for n, cells in enumerate(rows[1:], start=2):
        if not any(cells):
            continue
        values: dict[str, Any] = {}
        row_err: list[CellError] = []
        for i, c in enumerate(cols):
            if c is None:
                continue
            raw = cells[i].strip() if i < len(cells) else ""
            if not raw:
                if c.get("required"):
                    row_err.append(CellError(n, c["header"], raw, "is required but empty"))
                continue
            v, err = _convert(c, raw)
            if err:
                row_err.append(CellError(n, c["header"], raw, err))
            else:
                values[c["key"]] = v
        if values.get("start_date") and values.get("end_date") and values["end_date"] < values["start_date"]:
            row_err.append(CellError(n, "竣工时间", values["end_date"], f"is before 开工时间 {values['start_date']}"))
        name = values.get("name")
        if isinstance(name, str):
            if name in seen:
                row_err.append(CellError(n, "项目名称", name, f"duplicates row {seen[name]}"))
            else:
                seen[name] = n
        if row_err:
            errors.extend(row_err)
        else:
            good.append((n, values))
    return good, errors, warnings


def _display(col: dict[str, Any], v: Any) -> Any:
    if v is None:
        return ""
    if col["type"] == "money":
        x = round(float(v) / float(col["scale"]), 4)
        return int(x) if x == int(x) else x
    return v


def write_projects(rows: list[dict[str, Any]], fmt: str) -> bytes:
    """The 重点项目清单 as CSV (UTF-8 with BOM) or XLSX; money in 亿元 as the header says."""
    spec = project_spec()
    cols = spec["columns"] + spec.get("export_only", [])
    headers = [f"{c['header']}（{c['unit']}）" if c.get("unit") else c["header"] for c in cols]
    matrix = [[_display(c, r.get(c["key"])) for c in cols] for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(headers)
        w.writerows(matrix)
        return buf.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        from shuanglian.sheets import xlsx_bytes

        return xlsx_bytes(spec["title"], headers, matrix)
    raise TableFormatError(f"unknown format {fmt!r}; one of csv, xlsx")
