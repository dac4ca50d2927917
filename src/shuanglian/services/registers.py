"""Register services (六个一) for the CLI, HTTP API and web app: list, export, import.

Every function takes a SQLAlchemy Session first and returns plain dicts / dataclasses.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session

from shuanglian.projections import apply_changes
from shuanglian.registers.admission import retype
from shuanglian.registers.fastlist import eligible, page_regions, sql_page
from shuanglian.registers.graphview import views_for_members
from shuanglian.registers.importer import ImportReport, import_rows
from shuanglian.registers.listing import published_dates, select_members, sort_rows, to_row
from shuanglian.registers.spec import get_spec, register_specs
from shuanglian.registers.tabular import FORMATS, TableFormatError, write_table
from shuanglian.services.doc_labels import document_labels, source_text

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

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
    hidden: bool = False,
    seen_from: str | None = None,
    seen_to: str | None = None,
) -> dict[str, Any]:
    """One page of a register: `{register, title, columns, total, limit, offset, rows}`.

    region: place name (深圳 / 深圳市 / 广东; a district entity belongs to its city and province);
    chain: chain id or name; kind: entity kind or its Chinese label; q: text in any name;
    sort: a column key, `pinyin` (names by pinyin), `first_seen` or `last_seen`, `-key` for descending;
    hidden: the rows analysts hid instead of the others; seen_from / seen_to (YYYY-MM-DD): rows seen in
    documents on or after / on or before that day. fast: page in SQL over the register index (every
    register, filter and column sort) once canonical entities exist; False forces the complete
    in-Python path (same answer, slow on big graphs). Each row carries `id`, every column key, `kind_label`
    and `sources` (`doc:<document id>` / `import:<user>` / `manual:<user>`).
    Raises UnknownRegister (a KeyError) for an unknown name.
    """
    spec = get_spec(name)
    for label, day in (("seen_from", seen_from), ("seen_to", seen_to)):
        if day is not None and not _ISO_DAY.match(day):
            raise ValueError(f"{label}: {day!r} is not a date (YYYY-MM-DD)")
    if fast and eligible(session, spec, sort):
        regions = page_regions(session, region)
        total, ids = sql_page(session, spec, regions, region, chain, kind, q, limit, offset, sort, hidden, seen_from,
                              seen_to)  # fmt: skip
        views = views_for_members(session, ids)
        retype(views.values())
        published = published_dates(session, (f.document_id or "" for v in views.values() for f in v.facts))
        page = [to_row(spec, views[i], published) for i in ids if i in views]
    else:
        members = select_members(session, spec, region=region, chain=chain, kind=kind, q=q, hidden=hidden,
                                 seen_from=seen_from, seen_to=seen_to)  # fmt: skip
        published = published_dates(session, (f.document_id or "" for v in members for f in v.facts))
        rows = sort_rows([to_row(spec, v, published) for v in members], sort)
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


HIDE_ACTIONS = ("hide", "reject")


def hide_row(
    session: Session, name: str, entity_id: str, user: str, action: str = "hide", reason: str = ""
) -> dict[str, Any]:
    """Hide (or reject: not a real entry) an entity's row from one register: a manual register_hidden
    statement, audited, so every rebuild replays it; the row moves to the register's hidden view."""
    from datetime import UTC, datetime

    from shuanglian.graph.audit import record
    from shuanglian.graph.judge import canonical_id
    from shuanglian.graph.tables import Entity
    from shuanglian.graph.writer import Provenance, new_statement, save_statements

    spec = get_spec(name)
    if action not in HIDE_ACTIONS:
        raise ValueError(f"action must be one of {', '.join(HIDE_ACTIONS)}, not {action!r}")
    eid = canonical_id(session, entity_id)
    ent = session.get(Entity, eid)
    if ent is None:
        raise KeyError(f"no entity {entity_id!r}")
    if _live_hides(session, spec.name, eid):
        raise ValueError(f"{ent.name} is already hidden from register {spec.name}")
    vj = {"action": action, "reason": (reason or "").strip()[:500], "at": datetime.now(UTC).isoformat()}
    st = new_statement(Provenance(origin="manual", user=user), entity_id=eid, kind=ent.kind, prop="register_hidden",
                       value=spec.name, value_json=vj)  # fmt: skip
    save_statements(session, [st])
    record(session, user, f"register_{action}", "entity", eid, None,
           {"register": spec.name, "name": ent.name, **vj, "statement_id": st.id})  # fmt: skip
    apply_changes(session)
    return {"register": spec.name, "entity_id": eid, "name": ent.name, "action": action, "statement_id": st.id}


def _live_hides(session: Session, register: str, eid: str) -> list[Any]:
    from sqlalchemy import select

    from shuanglian.graph.tables import EntityMember, Statement, live_clause

    members = select(EntityMember.member_id).where(EntityMember.entity_id == eid)
    return list(session.scalars(select(Statement).where(
        Statement.entity_id.in_(members), Statement.prop == "register_hidden", Statement.value == register,
        live_clause())))  # fmt: skip


def unhide_row(session: Session, name: str, entity_id: str, user: str) -> dict[str, Any]:
    """Restore a hidden row: its register_hidden statements for this register are marked rejected
    (kept for history, audited); the row is back in the register's default view."""
    from shuanglian.graph.audit import record
    from shuanglian.graph.judge import canonical_id
    from shuanglian.graph.tables import REJECTED
    from shuanglian.graph.writer import set_status

    spec = get_spec(name)
    eid = canonical_id(session, entity_id)
    hides = _live_hides(session, spec.name, eid)
    if not hides:
        raise KeyError(f"entity {eid} is not hidden from register {spec.name}")
    for st in hides:
        set_status(st, REJECTED)
    record(session, user, "register_restore", "entity", eid, {"register": spec.name,
           "statements": [s.id for s in hides]}, None)  # fmt: skip
    apply_changes(session)
    return {"register": spec.name, "entity_id": eid, "restored": [s.id for s in hides]}


def official_overview(session: Session, region: str | None = None) -> list[dict[str, Any]]:
    """Per register: title, rows held (in the region, hidden rows left out) and the official 六个一
    figures in force for the region (`{count: {...}, investment: {...}}`, money as written in `text`)."""
    from shuanglian.registers.official import official_figures

    figures = official_figures(session, region)
    out = []
    for spec in register_specs().values():
        held = list_register(session, spec.name, region=region, limit=0)["total"]
        out.append({"register": spec.name, "title": {"zh": spec.title_zh, "en": spec.title_en},
                    "rows_held": held, "official": figures.get(spec.name, {})})  # fmt: skip
    return out


def add_official_figure(
    session: Session, register: str, measure: str, text: str, user: str, region: str | None = None, note: str = ""
) -> dict[str, Any]:
    """An analyst's official figure (audited); see registers.official.add_official."""
    from shuanglian.graph.audit import record
    from shuanglian.registers.official import add_official

    out = add_official(session, register, measure, text, user, region, note)
    record(session, user, "official_figure_add", "register", register, None, out)
    return out


def delete_official_figure(session: Session, figure_id: str, user: str) -> dict[str, Any]:
    """Remove an analyst's official figure (audited)."""
    from shuanglian.graph.audit import record
    from shuanglian.registers.official import delete_official

    out = delete_official(session, figure_id)
    record(session, user, "official_figure_delete", "register", out["register"], out, None)
    return out
