"""Register services (六个一) for the CLI, HTTP API and web app: list, export, import.

Every function takes a SQLAlchemy Session first and returns plain dicts / dataclasses.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from shuanglian.projections import apply_changes
from shuanglian.registers.fastlist import eligible, sql_page
from shuanglian.registers.graphview import views_for_members
from shuanglian.registers.importer import ImportReport, import_rows
from shuanglian.registers.listing import region_index, select_members, sort_rows, to_row
from shuanglian.registers.spec import get_spec, register_specs
from shuanglian.registers.tabular import FORMATS, TableFormatError, write_table
from shuanglian.services.doc_labels import document_labels, source_text

__all__ = [
    "FORMATS",
    "ImportReport",
    "TableFormatError",
    "export_register",
    "import_register",
    "list_register",
    "register_names",
    "registers_overview",
]


def register_names() -> list[str]:
    """The six register names, in display order."""
    return list(register_specs())


def registers_overview() -> list[dict[str, Any]]:
    """Every register's declaration: title (zh/en), kinds, scope and columns (for table headers and forms)."""
    return [s.to_json() for s in register_specs().values()]


def list_register(
    session: Session,
    name: str,
    region: str | None = None,
    chain: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
    sort: str | None = "name",
    fast: bool = True,
) -> dict[str, Any]:
    """One page of a register: `{register, title, columns, total, limit, offset, rows}`.

    region: place name (深圳 / 深圳市 / 广东; a district entity belongs to its city and province);
    chain: chain id or name; kind: entity kind or its Chinese label; q: text in any name;
    sort: a column key, `-key` for descending. fast: page in SQL over the register index (every
    register, filter and column sort) once canonical entities exist; False forces the complete
    in-Python path (same answer, slow on big graphs). Each row carries `id`, every column key, `kind_label`
    and `sources` (`doc:<document id>` / `import:<user>` / `manual:<user>`).
    Raises UnknownRegister (a KeyError) for an unknown name.
    """
    spec = get_spec(name)
    if fast and eligible(session, spec, sort):
        regions = region_index(session) if region else None
        total, ids = sql_page(session, spec, regions, region, chain, kind, q, limit, offset, sort)
        views = views_for_members(session, ids)
        page = [to_row(spec, views[i]) for i in ids if i in views]
    else:
        members = select_members(session, spec, region=region, chain=chain, kind=kind, q=q)
        rows = sort_rows([to_row(spec, v) for v in members], sort)
        total = len(rows)
        page = rows[offset : offset + limit] if limit is not None else rows[offset:]
    return {
        "register": spec.name,
        "title": {"zh": spec.title_zh, "en": spec.title_en},
        "columns": [c["key"] for c in spec.to_json()["columns"]],
        "total": total,
        "limit": limit,
        "offset": offset,
        "rows": page,
    }


def export_register(session: Session, name: str, fmt: str, **filters: Any) -> bytes:
    """The whole (filtered) register as CSV (UTF-8 with BOM) or XLSX bytes; filters as in list_register."""
    spec = get_spec(name)
    if fmt not in FORMATS:
        raise TableFormatError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    page = list_register(session, name, limit=None, offset=0, **filters)
    rows = page["rows"]
    # sources go out as 《title》 outlet date, never as internal document ids
    labels = document_labels(session, (s[4:] for r in rows for s in r.get("sources") or [] if s.startswith("doc:")))
    rows = [{**r, "sources": [source_text(s, labels) for s in r.get("sources") or []]} for r in rows]
    return write_table(spec, rows, fmt)


def import_register(
    session: Session, name: str, data: bytes, fmt: str, user: str, dry_run: bool = False
) -> ImportReport:
    """Validate a CSV/XLSX register file and import its good rows as statements (origin "import", source
    `user`). dry_run: write nothing, report what would happen (errors, created, updated) for a preview.

    Errors name row and column (`{row, column, value, message}`); the header is row 1. Importing the same
    file twice adds nothing. Imported entities are resolved into canonical entities and placed on chains.
    Raises TableFormatError when the file as a whole is unreadable (not XLSX, no header, missing column).
    """
    spec = get_spec(name)
    report = import_rows(session, spec, data, fmt, user, dry_run)
    if not dry_run:
        apply_changes(session)  # resolve, place on chains, summaries, register index
    return report
