"""`shuanglian registers|chains|import|chain-add`: thin JSON-lines wrappers over services.registers and
services.chains (one JSON object per line with --json; a short table otherwise)."""

from __future__ import annotations

import getpass
import json
import re
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import typer
from sqlalchemy.orm import Session

from shuanglian.cli import app
from shuanglian.cli.common import DB_OPT, db_session, echo_json, fail

REGION_OPT = typer.Option(None, "--region", help="Region, e.g. 深圳 or 广东 (districts belong to their city).")


def _default_user() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "cli"


def _session(db: str | None) -> AbstractContextManager[Session]:
    """A session whose domain errors of this area end the command with exit 2."""
    from shuanglian.chains.templates import TemplateError
    from shuanglian.graph.schema import SchemaError
    from shuanglian.registers.spec import UnknownRegister
    from shuanglian.registers.tabular import TableFormatError
    from shuanglian.services.chains import UnknownChain

    return db_session(db, (UnknownRegister, UnknownChain, TemplateError, TableFormatError, SchemaError))


@app.command("registers")
def registers(
    name: str = typer.Argument(..., help="carriers | enterprises | projects | resources | policies | consultants"),
    db: str | None = DB_OPT,
    region: str | None = REGION_OPT,
    chain: str | None = typer.Option(None, "--chain", help="Chain id or name, e.g. 高端医疗器械."),
    kind: str | None = typer.Option(None, "--kind", help="Entity kind or its label, e.g. lab / 实验室."),
    q: str | None = typer.Option(None, "--q", help="Text in any name or alias."),
    sort: str = typer.Option("name", "--sort", help="Column key, pinyin, first_seen or last_seen; prefix - for descending."),
    seen_from: str | None = typer.Option(None, "--seen-from", help="Seen in pages on or after this day (YYYY-MM-DD)."),
    seen_to: str | None = typer.Option(None, "--seen-to", help="Seen in pages on or before this day (YYYY-MM-DD)."),
    hidden: bool = typer.Option(False, "--hidden", help="The rows analysts hid or rejected instead."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per row."),
    csv_out: Path | None = typer.Option(None, "--csv", help="Write the register to this CSV file."),
    xlsx_out: Path | None = typer.Option(None, "--xlsx", help="Write the register to this XLSX file."),
) -> None:
    """List a register (六个一) with its sources, or export it to CSV / XLSX."""
    from shuanglian.services.registers import export_register, list_register

    filters: dict[str, Any] = {"region": region, "chain": chain, "kind": kind, "q": q, "sort": sort,
                               "seen_from": seen_from, "seen_to": seen_to, "hidden": hidden}  # fmt: skip
    for opt, day in (("--seen-from", seen_from), ("--seen-to", seen_to)):
        if day is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            raise fail(f"{opt}: {day!r} is not a date (YYYY-MM-DD)")
    with _session(db) as s:
        for fmt, out in (("csv", csv_out), ("xlsx", xlsx_out)):
            if out is not None:
                data = export_register(s, name, fmt, **filters)
                try:
                    out.write_bytes(data)
                except OSError as exc:
                    raise fail(f"{out}: cannot write: {exc}") from None
                typer.echo(f"wrote {out} ({fmt}, {len(data)} bytes)", err=True)
        if (csv_out is not None or xlsx_out is not None) and not as_json:
            return
        page = list_register(s, name, limit=None, **filters)
    for row in page["rows"]:
        if as_json:
            echo_json({"register": name, **row})
        else:
            typer.echo(f"{row['name']}\t{row['kind_label']}\t{row.get('region') or ''}\t{'、'.join(row['sources'])}")
    if not as_json:
        typer.echo(f"{page['total']} rows in {page['title']['zh']} ({name})", err=True)


@app.command("chains")
def chains(
    db: str | None = DB_OPT,
    region: str | None = REGION_OPT,
    chain: str | None = typer.Option(None, "--chain", help="Only this chain (id or name)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per chain: links, members, gaps."),
    do_place: bool = typer.Option(True, "--place/--no-place", help="Place new entities on links first (idempotent)."),
    full: bool = typer.Option(False, "--full", help="Place every entity again, not only those with new statements."),
) -> None:
    """Chain maps: per chain its links, the entities on each link (with evidence) and the gaps."""
    from shuanglian.services.chains import chains_report, place

    with _session(db) as s:
        if do_place:
            stats = place(s, chain, full=full)
            typer.echo(f"placement: {json.dumps(stats, ensure_ascii=False)}", err=True)
        report = chains_report(s, region=region, chain=chain)
    for m in report:
        if as_json:
            echo_json(m)
            continue
        c = m["chain"]
        typer.echo(f"{c['name']} ({c['id']})")
        for ln in m["links"]:
            n = ln["counts"]
            typer.echo(
                f"  [{ln['stage']}] {ln['name']}: 企业 {n['enterprises']} 载体 {n['carriers']} "
                f"项目 {n['projects']} 政策 {n['policies']} 基金 {n['funds']}"
            )
        for g in m["gaps"]:
            top = "、".join(x["name"] for x in g["candidates"][:3])
            typer.echo(f"  {g['type_zh']} {g['link_name']}: {g['reason']}" + (f" → {top}" if top else ""))


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="A .csv or .xlsx file with the register's column headers."),
    register: str = typer.Option(..., "--register", "-r", help="Register name, e.g. projects."),
    user: str = typer.Option(None, "--user", "-u", help="Who imports (the statements' source)."),
    db: str | None = DB_OPT,
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate and report only; write nothing."),
) -> None:
    """Import a register file as statements; prints one JSON report; exit 1 if any row had errors."""
    from shuanglian.registers.tabular import TableFormatError
    from shuanglian.services.registers import import_register

    fmt = file.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise fail(f"{file}: unsupported file type {file.suffix or '(none)'}; use .csv or .xlsx")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise fail(f"{file}: cannot read: {exc}") from None
    with _session(db) as s:
        try:
            report = import_register(s, register, data, fmt, user or _default_user(), dry_run=dry_run)
        except TableFormatError as exc:
            raise fail(f"{file}: {exc}") from None
    echo_json({"file": str(file), **report.to_json()})
    for e in report.errors:
        typer.echo(f"{file}: row {e['row']}, column {e['column']}: {e['message']}", err=True)
    if report.errors:
        raise typer.Exit(1)


@app.command("chain-add")
def chain_add(
    file: Path = typer.Argument(..., help="A chain template YAML (format: chains/data/*.yaml)."),
    user: str = typer.Option(None, "--user", "-u", help="Who adds the chain (audit log)."),
    db: str | None = DB_OPT,
) -> None:
    """Add or replace a user chain (overrides the shipped chain with the same id) and place entities on it."""
    from shuanglian.services.chains import add_chain

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{file}: cannot read: {exc}") from None
    with _session(db) as s:
        result = add_chain(s, text, user or _default_user(), source=str(file))
    c = result["chain"]
    echo_json({"chain": c["id"], "name": c["name"], "links": len(c["links"]), "created": result["created"],
           "placement": result["placement"]})  # fmt: skip
