"""The one XLSX writer for every export (registers, projects, chain leads): a bold frozen header row, an
autofilter, column widths from the content (a CJK character counts double) and text cells that a
spreadsheet never runs as formulas."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MIN_WIDTH, MAX_WIDTH = 6, 60


def display_width(value: Any) -> int:
    """Width of a cell's text in spreadsheet character units (wide/fullwidth characters count 2)."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def column_widths(headers: Sequence[Any], rows: Sequence[Sequence[Any]], sample: int = 500) -> list[float]:
    """One width per column: the widest of the header and the first `sample` rows, plus padding, capped."""
    widths = [display_width(h) for h in headers]
    for r in rows[:sample]:
        for i, v in enumerate(r[: len(widths)]):
            widths[i] = max(widths[i], display_width(v))
    return [float(min(MAX_WIDTH, max(MIN_WIDTH, w + 2))) for w in widths]


def xlsx_bytes(title: str, headers: Sequence[Any], rows: Sequence[Sequence[Any]]) -> bytes:
    """A one-sheet workbook: header row bold and frozen, autofilter over the table, widths set."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = (title or "Sheet")[:31]
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i, r in enumerate(rows, start=2):
        for j, v in enumerate(r, start=1):
            cell = ws.cell(row=i, column=j)
            if isinstance(v, str):
                cell.value = v
                cell.data_type = "s"  # stored as text, never a formula, whatever it starts with
                if v.startswith(FORMULA_START):
                    cell.quotePrefix = True
            else:
                cell.value = v
    for j, w in enumerate(column_widths(headers, rows), start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "A2"
    if headers:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
