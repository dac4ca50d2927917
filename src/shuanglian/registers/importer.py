"""Import a register file as statements with origin "import" and the importing user as source.

Idempotent: statement ids are deterministic (entity, property, value, origin, user), so the same file
imported twice by the same user adds nothing. A changed single value supersedes the user's earlier
imported value (kept as `edited`, out of the view); nothing a document said is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph.ids import make_entity_id
from shuanglian.graph.schema import SchemaError, get_schema
from shuanglian.graph.tables import ACCEPTED, EDITED, LIVE_STATUSES, AuditLog, Statement
from shuanglian.registers.graphview import build_statement, chunks, fetch_statements, supersede
from shuanglian.registers.spec import Column, RegisterSpec
from shuanglian.registers.tabular import CellError, parse_table

ORIGIN = "import"
IMPORTER_VERSION = "1"  # recorded on every imported statement with the register as the extractor
_BUILTIN = ("name", "kind", "chains", "sources")


@dataclass
class ImportReport:
    """Outcome of an import (or of its dry run): good rows, every bad cell, entities created/updated."""

    register: str
    dry_run: bool
    rows_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    statements_created: int = 0
    entity_ids: list[str] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)  # entities that got new statements

    def to_json(self) -> dict[str, Any]:
        """Plain dict (CLI / API)."""
        return {
            "register": self.register,
            "dry_run": self.dry_run,
            "rows_ok": self.rows_ok,
            "errors": self.errors,
            "warnings": self.warnings,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "statements_created": self.statements_created,
        }


@dataclass
class _Planned:
    row: int
    kind: str
    name: str
    entity_id: str
    # (prop, stored value, single-valued?)
    values: list[tuple[str, Any, bool]]


def _stored(col: Column, v: Any) -> Any:
    if col.type == "number" and isinstance(v, float):
        out = v * col.scale
        return int(out) if out.is_integer() else out
    return v


def plan_rows(spec: RegisterSpec, values_by_row: list[tuple[int, dict[str, Any]]]) -> tuple[list[_Planned], list[CellError]]:
    """Turn validated rows into statements to write, checking each property against the graph schema."""
    schema = get_schema()
    planned: list[_Planned] = []
    errors: list[CellError] = []
    for row, values in values_by_row:
        kind = values.get("kind") or spec.kinds[0]
        name = str(values["name"])
        items: list[tuple[str, Any, bool]] = [("name", name, True), ("register", spec.name, False)]
        row_errors: list[CellError] = []
        for col in spec.columns:
            if col.key in _BUILTIN or col.key not in values or not col.importable:
                continue
            prop = col.prop
            kdef = schema.kind(kind)
            if prop not in kdef.properties and col.fallback_prop and col.fallback_prop in kdef.properties:
                prop = col.fallback_prop
            raw = values[col.key]
            vals = raw if isinstance(raw, list) else [raw]
            try:
                for v in vals:
                    schema.validate(kind, prop, _stored(col, v))
            except SchemaError:
                label = spec.kind_labels.get(kind, kind)
                shown = "、".join(map(str, vals))
                row_errors.append(CellError(row, col.header, shown, f"does not apply to a {label} ({kind})"))
                continue
            items += [(prop, _stored(col, v), not col.multi) for v in vals]
        if row_errors:
            errors += row_errors
            continue
        planned.append(_Planned(row, kind, name, make_entity_id(kind, name, "import"), items))
    return planned, errors


def import_rows(session: Session, spec: RegisterSpec, data: bytes, fmt: str, user: str, dry_run: bool) -> ImportReport:
    """Validate a file and (unless dry_run) write its good rows as import statements; report every error."""
    table = parse_table(spec, data, fmt)
    planned, schema_errors = plan_rows(spec, table.rows)
    errors = sorted(table.errors + schema_errors, key=lambda e: (e.row, e.column))
    report = ImportReport(
        register=spec.name,
        dry_run=dry_run,
        rows_ok=len(planned),
        errors=[e.to_json() for e in errors],
        warnings=list(table.warnings),
    )
    built = [
        (
            p,
            [
                (
                    build_statement(
                        entity_id=p.entity_id, kind=p.kind, prop=prop, value=value, origin=ORIGIN, user=user,
                        extractor=f"import:{spec.name}", extractor_version=IMPORTER_VERSION,
                    ),
                    single,
                )
                for prop, value, single in p.values
            ],
        )
        for p in planned
    ]  # fmt: skip
    # Two bulk reads instead of one query per cell: stored statements with these ids, and the
    # live statements of the touched entities.
    stored = fetch_statements(session, (st.id for _, sts in built for st, _ in sts))
    live: dict[str, list[Statement]] = {}
    with session.no_autoflush:
        for part in chunks(sorted({p.entity_id for p in planned})):
            q = select(Statement).where(Statement.entity_id.in_(part), Statement.status.in_(LIVE_STATUSES))
            for st in session.scalars(q):
                live.setdefault(st.entity_id, []).append(st)
    for p, sts in built:
        report.entity_ids.append(p.entity_id)
        existing = live.get(p.entity_id, [])
        new = 0
        for st, single in sts:
            old_row = stored.get(st.id)
            if old_row is not None:
                if old_row.status != EDITED:
                    continue
                if not dry_run:
                    # The user re-imports a value they had replaced: bring it back (a reviewer's reject stays).
                    old_row.status, old_row.superseded_by = ACCEPTED, None
                st = old_row
            elif not dry_run:
                session.add(st)
                stored[st.id] = st
            new += 1
            if single and not dry_run:
                for old in existing:
                    if old.prop == st.prop and old.origin == ORIGIN and old.user == user and old.id != st.id:
                        supersede(session, old, st)
        report.statements_created += new
        if new:
            report.changed_ids.append(p.entity_id)
        if not existing:
            report.created += 1
        elif new:
            report.updated += 1
        else:
            report.unchanged += 1
    session.flush()
    if not dry_run:
        session.add(
            AuditLog(
                user=user, action="import", object_type="register", object_id=spec.name,
                before=None, after=report.to_json(),
            )
        )
        session.flush()
    return report
