"""Demand / supply rows from a spreadsheet (CSV or XLSX) in the shape of data/columns.yaml.

Bad rows are reported (row number, column, reason) and skipped; good rows go on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from shuanglian.matching.records import CONFIDENTIALITY, DEMAND_KINDS, SUPPLY_KINDS
from shuanglian.registers.tabular import TableFormatError, read_rows

COLUMNS_FILE = Path(__file__).parent / "data" / "columns.yaml"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class ParsedRows:
    """Rows ready to store (as dicts of record fields, with their row number) and the errors found."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)


@lru_cache(maxsize=1)
def columns() -> dict[str, Any]:
    """The spreadsheet shape (header names per field, kind and confidentiality words)."""
    data: dict[str, Any] = yaml.safe_load(COLUMNS_FILE.read_text(encoding="utf-8"))
    return data


def template_headers(side: str) -> list[str]:
    """The first (Chinese) header of every field: the header row of a blank template."""
    return [spec["headers"][0] for spec in columns()[side].values()]


def parse_rows(side: str, data: bytes, fmt: str, name: str = "<upload>") -> ParsedRows:
    """Read a demand or supply sheet; raises TableFormatError naming the file when it cannot be read."""
    if side not in ("demand", "supply"):
        raise ValueError(f"side must be demand or supply, not {side!r}")
    try:
        cells = read_rows(data, fmt)
    except TableFormatError as exc:
        raise TableFormatError(f"{name}: {exc}") from exc
    if not cells:
        raise TableFormatError(f"{name}: empty file")
    spec = columns()[side]
    header = [h.strip() for h in cells[0]]
    where: dict[str, int] = {}
    for fname, fs in spec.items():
        for h in fs["headers"]:
            if h in header:
                where[fname] = header.index(h)
                break
    missing = [fs["headers"][0] for f, fs in spec.items() if fs.get("required") and f not in where]
    if missing:
        raise TableFormatError(f"{name}: missing column(s) {', '.join(missing)}")
    kinds, conf = columns()["kinds"], columns()["confidentiality"]
    allowed = DEMAND_KINDS if side == "demand" else SUPPLY_KINDS
    out = ParsedRows()
    for rn, row in enumerate(cells[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        rec: dict[str, Any] = {f: (row[i].strip() if i < len(row) else "") for f, i in where.items()}
        errs: list[tuple[str, str]] = []
        if not rec.get("statement"):
            errs.append((spec["statement"]["headers"][0], "empty"))
        k = rec.get("kind") or allowed[0]
        rec["kind"] = kinds.get(k, k)
        if rec["kind"] not in allowed:
            errs.append((spec["kind"]["headers"][0], f"unknown kind {k!r}"))
        if side == "demand":
            c = rec.get("confidentiality") or "public"
            rec["confidentiality"] = conf.get(c, c)
            if rec["confidentiality"] not in CONFIDENTIALITY:
                errs.append((spec["confidentiality"]["headers"][0], f"unknown level {c!r}"))
            b = rec.pop("budget", "")
            try:
                rec["budget"] = float(b) * 10_000 if b else None  # sheet in 万元, stored in yuan
            except ValueError:
                errs.append((spec["budget"]["headers"][0], f"not a number: {b!r}"))
            d = rec.get("deadline") or None
            if d and not _DATE.match(d):
                errs.append((spec["deadline"]["headers"][0], f"not a date YYYY-MM-DD: {d!r}"))
            rec["deadline"] = d
        if errs:
            out.errors += [{"row": rn, "column": col, "message": msg} for col, msg in errs]
            continue
        rec["source"] = f"import:{name}:{rn}"
        out.rows.append((rn, rec))
    return out
