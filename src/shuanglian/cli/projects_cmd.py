"""`shuanglian projects|project|projects-import|projects-export|projects-assign|projects-flags`: JSON-lines
wrappers over services.projects."""

from __future__ import annotations

from pathlib import Path

import typer

from shuanglian.cli import app
from shuanglian.cli.common import DB_OPT, echo_json, fail
from shuanglian.cli.registers_cmd import _default_user, _session


@app.command("projects")
def projects(
    db: str | None = DB_OPT,
    manager: str | None = typer.Option(None, "--manager", help="Only this manager's projects (a username)."),
    flagged: bool = typer.Option(False, "--flagged", help="Only projects with overdue milestones or stalled."),
    sync: bool = typer.Option(False, "--sync", help="First add records for project entities found in documents."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per project per line."),
) -> None:
    """Managed key projects with manager, investment and flags."""
    from shuanglian.services import projects as svc

    with _session(db) as s:
        if sync:
            svc.sync_from_graph(s)
        page = svc.list_projects(s, manager, True if flagged else None, limit=None)
    for p in page["items"]:
        if as_json:
            echo_json(p)
        else:
            mgr = (p["manager"] or {}).get("name") or "—"
            flag = ("逾期" if p["overdue_milestones"] else "") + ("停滞" if p["stalled"] else "")
            typer.echo(f"{p['id']}\t{p['name']}\t{p['status'] or ''}\t{mgr}\t{flag}")


@app.command("project")
def project(project_id: str = typer.Argument(...), db: str | None = DB_OPT) -> None:
    """One project as JSON: manager, milestones, status history, links, audit."""
    from shuanglian.services import projects as svc

    with _session(db) as s:
        try:
            echo_json(svc.get_project(s, project_id))
        except svc.UnknownProject as exc:
            raise fail(str(exc)) from None


@app.command("projects-assign")
def projects_assign(
    project_id: str = typer.Argument(...),
    manager: str | None = typer.Option(None, "--manager", help="The manager's username."),
    name: str | None = typer.Option(None, "--name", help="The manager's name (if not a user)."),
    contact: str | None = typer.Option(None, "--contact", help="Phone or e-mail."),
    db: str | None = DB_OPT,
    user: str | None = typer.Option(None, "--user", help="Who assigns (audit log)."),
) -> None:
    """Assign a project manager (notified in the app; audited)."""
    from shuanglian.services import projects as svc

    with _session(db) as s:
        try:
            echo_json(svc.assign_manager(s, project_id, user or _default_user(), manager, name, contact)["manager"])
        except (svc.UnknownProject, ValueError) as exc:
            raise fail(str(exc)) from None


@app.command("projects-import")
def projects_import(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="重点项目清单 (.xlsx or .csv)."),
    db: str | None = DB_OPT,
    user: str | None = typer.Option(None, "--user", help="Who imports (audit log)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate only: list every bad row and cell."),
) -> None:
    """Import a 重点项目清单; errors name the row and column; exit 1 if any row failed."""
    from shuanglian.services import projects as svc

    with _session(db) as s:
        rep = svc.import_projects(s, file.read_bytes(), file.suffix.lower().lstrip("."), user or _default_user(), dry_run)
    for e in rep.errors:
        typer.echo(f"{file}: row {e['row']}, column {e['column']}: {e['message']}", err=True)
    echo_json(rep.to_json())
    if rep.errors:
        raise typer.Exit(1)


@app.command("projects-export")
def projects_export(
    file: Path = typer.Argument(..., dir_okay=False, help="Output .xlsx or .csv."),
    db: str | None = DB_OPT,
) -> None:
    """Write every project in the 重点项目清单 shape."""
    from shuanglian.services import projects as svc

    with _session(db) as s:
        data = svc.export_projects(s, file.suffix.lower().lstrip("."))
    file.write_bytes(data)
    echo_json({"file": str(file), "bytes": len(data)})


@app.command("projects-flags")
def projects_flags(
    db: str | None = DB_OPT,
    notify: bool = typer.Option(False, "--notify", help="Also notify each manager in the app."),
) -> None:
    """Overdue milestones and stalled projects (JSON)."""
    from shuanglian.services import projects as svc

    with _session(db) as s:
        if notify:
            svc.notify_flags(s)
        echo_json(svc.flags(s))
