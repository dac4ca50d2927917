"""CSV / XLSX reading and writing for registers, with cell-level validation (row and column named)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from shuanglian.registers.spec import Column, RegisterSpec

FORMATS = ("csv", "xlsx")
_MULTI_SPLIT = re.compile(r"[、；;|，,\n]+")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2}|21\d{2})(?!\d)")
_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "链主", "t"}
_FALSE = {"否", "n", "no", "false", "0", "×", "f", ""}
_UNIT_SUFFIX = re.compile(r"[（(][^）)]*[）)]\s*$")
# Spreadsheet programs run a cell starting with one of these as a formula (CSV/formula injection):
# names extracted from web pages reach exports, so text cells are neutralised on the way out.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class TableFormatError(ValueError):
    """The file as a whole cannot be read (wrong format, no header, unknown encoding)."""


@dataclass
class CellError:
    """One validation problem: spreadsheet row (header = row 1), column header, offending value, message."""

    row: int
    column: str
    value: str
    message: str

    def to_json(self) -> dict[str, Any]:
        """Plain dict `{row, column, value, message}`."""
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


@dataclass
class ParsedTable:
    """Rows that passed validation (typed values by column key) and the errors of those that did not."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _cell_str(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime | date):
        return v.isoformat()[:10]
    return str(v).strip()


def read_rows(data: bytes, fmt: str) -> list[list[str]]:
    """Decode a CSV (UTF-8 with/without BOM, else GB18030 as saved by Chinese Excel) or XLSX into cells."""
    if fmt == "csv":
        for enc in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - gb18030 decodes nearly anything
            raise TableFormatError("CSV is neither UTF-8 nor GB18030")
        if "\x00" in text:
            raise TableFormatError("CSV contains NUL bytes: is it really a CSV file?")
        return [[_unquote(c.strip()) for c in r] for r in csv.reader(io.StringIO(text))]
    if fmt == "xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for non-xlsx input
            raise TableFormatError(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from exc
        ws = wb.worksheets[0]
        out = [[_cell_str(v) for v in r] for r in ws.iter_rows(values_only=True)]
        wb.close()
        return out
    raise TableFormatError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def neutralise(v: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, quoted with a leading apostrophe."""
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def _unquote(cell: str) -> str:
    """Undo `neutralise` on import, so an exported file round-trips."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell


def _header_key(spec: RegisterSpec, header: str) -> Column | None:
    h = _UNIT_SUFFIX.sub("", header.strip()).strip()
    for c in spec.columns:
        if h in (c.header, c.header_en, c.key, *c.header_aliases) or h.lower() in (c.header_en.lower(), c.key.lower()):
            return c
    return None


def _convert(spec: RegisterSpec, col: Column, raw: str) -> tuple[Any, str | None]:
    """Typed value of one non-empty cell, or an error message."""
    if col.multi:
        parts = [p.strip() for p in _MULTI_SPLIT.split(raw) if p.strip()]
        return parts, None
    if col.key == "kind":
        kind = spec.kind_from_label(raw)
        if kind is None:
            return None, f"'{raw}' is not one of {'/'.join(spec.kind_labels.values())}"
        return kind, None
    if col.type == "number":
        s = raw.replace(" ", "")
        if not _NUMBER.match(s):
            unit = f" (enter the number in {col.unit})" if col.unit else ""
            return None, f"'{raw}' is not a number{unit}"
        return float(s.replace(",", "")), None
    if col.type == "bool":
        low = raw.lower()
        if low in _TRUE:
            return True, None
        if low in _FALSE:
            return False, None
        return None, f"'{raw}' is not yes/no (是/否)"
    if col.type == "enum":
        if col.choices and raw not in col.choices:
            return None, f"'{raw}' is not one of {'/'.join(col.choices)}"
        return (col.values[raw] if col.values else raw), None
    if col.type == "year":
        m = _YEAR.fullmatch(raw.rstrip("年"))
        return (int(m.group(1)), None) if m else (None, f"'{raw}' is not a year")
    if col.type == "period":
        years = [int(y) for y in _YEAR.findall(raw)]
        if not years or len(years) > 2:
            return None, f"'{raw}' is not a period (e.g. 2023-2025)"
        if len(years) == 2 and years[0] > years[1]:
            return None, f"'{raw}' ends before it starts"
        return (f"{years[0]}-{years[1]}" if len(years) == 2 else str(years[0])), None
    return raw, None


def parse_table(spec: RegisterSpec, data: bytes, fmt: str) -> ParsedTable:
    """Validate a register file: map headers, type every cell, report each bad row and cell."""
    rows = read_rows(data, fmt)
    while rows and not any(rows[0]):
        rows.pop(0)
    if not rows:
        raise TableFormatError("the file is empty (no header row)")
    out = ParsedTable()
    header = rows[0]
    cols: list[Column | None] = []
    for h in header:
        c = _header_key(spec, h) if h else None
        if h and c is None:
            out.warnings.append(f"row 1, column {h}: not a column of register {spec.name}; ignored")
        elif c is not None and not c.importable:
            c = None  # export-only columns (产业链, 来源) are computed, so a round-tripped file ignores them
        cols.append(c)
    present = {c.key for c in cols if c}
    for c in spec.columns:
        if c.required and c.importable and c.key not in present:
            raise TableFormatError(f"row 1: required column {c.header} is missing (header: {', '.join(header)})")
    seen_names: dict[str, int] = {}
    for offset, cells in enumerate(rows[1:], start=2):
        if not any(cells):
            continue
        values: dict[str, Any] = {}
        row_errors: list[CellError] = []
        for i, col in enumerate(cols):
            if col is None:
                continue
            raw = cells[i] if i < len(cells) else ""
            if not raw:
                if col.required:
                    row_errors.append(CellError(offset, col.header, raw, "is required but empty"))
                continue
            val, err = _convert(spec, col, raw)
            if err:
                row_errors.append(CellError(offset, col.header, raw, err))
            else:
                values[col.key] = val
        name = values.get("name")
        if isinstance(name, str):
            if name in seen_names:
                row_errors.append(
                    CellError(offset, spec.column("name").header, name, f"duplicates row {seen_names[name]}")
                )
            else:
                seen_names[name] = offset
        if row_errors:
            out.errors.extend(row_errors)
        else:
            out.rows.append((offset, values))
    return out


def _display(col: Column, v: Any, spec: RegisterSpec) -> Any:
    if v is None:
        return ""
    if col.key == "kind":
        return spec.kind_labels.get(str(v), str(v))
    if col.values:
        back: dict[str, str] = {}
        for label, sv in col.values.items():
            back.setdefault(str(sv).lower(), label)  # the first label is the official one (境内, not 国内)
        return back.get(str(v).lower(), v)
    if col.scale != 1.0 and isinstance(v, int | float) and not isinstance(v, bool):
        v = round(v, 4)  # rows carry money as the register states it (亿元, listing.to_row), never yuan
    if isinstance(v, list | tuple):
        return "、".join(str(x) for x in v)
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def write_table(spec: RegisterSpec, rows: list[dict[str, Any]], fmt: str) -> bytes:
    """Write register rows (dicts keyed by column key, as list_register gives them: money already in the
    column's unit, 亿元) as CSV (UTF-8 with BOM, opens in Excel) or XLSX."""
    headers = [f"{c.header}（{c.unit}）" if c.unit else c.header for c in spec.columns]
    matrix = [[_display(c, r.get(c.key), spec) for c in spec.columns] for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(headers)
        w.writerows([neutralise(v) for v in r] for r in matrix)
        return buf.getvalue().encode("utf-8-sig")
    if fmt == "xlsx":
        from shuanglian.sheets import xlsx_bytes

        return xlsx_bytes(spec.title_zh, headers, matrix)
    raise TableFormatError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
