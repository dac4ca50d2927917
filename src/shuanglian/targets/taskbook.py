"""Import of task books (任务书, Excel/CSV): one target per row, errors named by row and column."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from shuanglian.graph.audit import record
from shuanglian.registers.tabular import CellError, TableFormatError, read_rows
from shuanglian.store.documents import utcnow
from shuanglian.targets.rules import load_rules
from shuanglian.targets.tables import TargetRow

SPEC_PATH = Path(__file__).parent / "data" / "taskbook.yaml"
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_YEAR = re.compile(r"^(19|20|21)\d\d$")


@lru_cache(maxsize=1)
def taskbook_columns() -> list[dict[str, Any]]:
    """The task-book columns of data/taskbook.yaml."""
    return list(yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))["columns"])


@dataclass
class TaskbookReport:
    """Rows imported (or that would be, in a dry run) and every bad cell."""

    dry_run: bool
    rows_ok: int = 0
    created: int = 0
    updated: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    target_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """Plain dict (CLI / API)."""
        return {"dry_run": self.dry_run, "rows_ok": self.rows_ok, "created": self.created,
                "updated": self.updated, "errors": self.errors, "warnings": self.warnings}


def _convert(col: dict[str, Any], raw: str) -> tuple[Any, str | None]:
    kind = col.get("type", "string")
    if kind == "number":
        s = raw.replace(",", "").replace(" ", "").rstrip("%％")
        return (float(s), None) if _NUMBER.match(s) else (None, f"'{raw}' is not a number")
    if kind == "year":
        s = raw.rstrip("年").strip()
        return (int(s), None) if _YEAR.match(s) else (None, f"'{raw}' is not a year")
    if kind == "qualifier":
        quals = load_rules().qualifiers
        return (quals[raw], None) if raw in quals else (None, f"'{raw}' is not one of {'/'.join(sorted(set(quals.values())))}")
    return raw, None


def parse_taskbook(data: bytes, fmt: str) -> tuple[list[tuple[int, dict[str, Any]]], list[CellError], list[str]]:
    """Validated rows (row number, values) and the errors of the bad ones."""
    rows = read_rows(data, fmt)
    while rows and not any(rows[0]):
        rows.pop(0)
    if not rows:
        raise TableFormatError("the file is empty (no header row)")
    cols_spec = taskbook_columns()
    header = rows[0]
    cols: list[dict[str, Any] | None] = []
    warnings: list[str] = []
    for h in header:
        c = next((c for c in cols_spec if h.strip() in c["headers"]), None)
        if h and c is None:
            warnings.append(f"row 1, column {h}: not a task-book column; ignored")
        cols.append(c)
    present = {c["key"] for c in cols if c}
    for c in cols_spec:
        if c.get("required") and c["key"] not in present:
            raise TableFormatError(f"row 1: required column {c['headers'][0]} is missing (header: {', '.join(header)})")
    good: list[tuple[int, dict[str, Any]]] = []
    errors: list[CellError] = []
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
                    row_err.append(CellError(n, header[i], raw, "is required but empty"))
                continue
            v, err = _convert(c, raw)
            if err:
                row_err.append(CellError(n, header[i], raw, err))
            else:
                values[c["key"]] = v
        if values.get("year") is None and values.get("deadline") is None and not row_err:
            row_err.append(CellError(n, "年度", "", "give a year or a deadline"))
        if row_err:
            errors.extend(row_err)
        else:
            good.append((n, values))
    return good, errors, warnings


def import_taskbook(session: Session, data: bytes, fmt: str, user: str, dry_run: bool = False,
                    book: str = "taskbook") -> TaskbookReport:
    """Import a task book: each good row becomes (or updates) a target owned by the book; audited."""
    good, errors, warnings = parse_taskbook(data, fmt)
    rep = TaskbookReport(dry_run=dry_run, rows_ok=len(good), errors=[e.to_json() for e in errors], warnings=warnings)
    if dry_run:
        return rep
    rules = load_rules()
    known = {m.key for m in rules.measures}
    for _n, v in good:
        tid = "b" + hashlib.sha1(f"{book}|{v['title']}|{v['measure']}".encode()).hexdigest()[:20]
        t = session.get(TargetRow, tid)
        before = None if t is None else {"value": t.value, "year": t.year, "deadline": t.deadline, "owner": t.owner}
        if t is None:
            t = TargetRow(id=tid, origin="taskbook", created_by=user)
            session.add(t)
            rep.created += 1
        else:
            rep.updated += 1
        t.title, t.measure, t.measure_text = v["title"], v["measure"][:128], v["measure"][:128]
        t.known_measure = v["measure"] in known
        t.value, t.value_max, t.unit, t.qualifier = v["value"], v.get("value_max"), v["unit"], v.get("qualifier")
        t.year, t.deadline = v.get("year") or v.get("deadline"), v.get("deadline")
        t.region, t.owner, t.responsible = v.get("region"), v.get("owner"), v.get("responsible")
        t.quote, t.main, t.updated_at = v["title"], False, utcnow()
        session.flush()
        record(session, user, "taskbook_import", "target", tid, before,
               {"value": t.value, "year": t.year, "deadline": t.deadline, "owner": t.owner})
        rep.target_ids.append(tid)
    return rep
