"""`shuanglian targets|target|target-no-outcome|targets-rebuild|taskbook-import`: JSON-lines wrappers over
services.targets."""

from __future__ import annotations

from pathlib import Path

import typer

from shuanglian.cli import app
from shuanglian.cli.common import DB_OPT, echo_json, fail
from shuanglian.cli.registers_cmd import REGION_OPT, _default_user, _session


@app.command("targets")
def targets(
    db: str | None = DB_OPT,
    region: str | None = REGION_OPT,
    year: int | None = typer.Option(None, "--year", help="Year (or deadline) the target is for."),
    status: str | None = typer.Option(None, "--status", help="met | missed | in_progress | unknown"),
    main: bool = typer.Option(False, "--main", help="Only the main expected targets (主要预期目标)."),
    limit: int | None = typer.Option(None, "--limit", help="At most this many targets (default: all)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per target per line."),
) -> None:
    """Targets with their outcome and status: {id, measure, value, value_max, unit, qualifier, year, ...}."""
    from shuanglian.services import targets as svc

    if status and status not in svc.STATUSES:
        raise fail(f"--status: '{status}' is not one of {', '.join(svc.STATUSES)}")
    with _session(db) as s:
        page = svc.list_targets(s, region, year, status, True if main else None, limit=limit)
    for t in page["items"]:
        if as_json:
            echo_json(t)
        else:
            out = t["outcome"]
            rng = f"{t['value']}" + (f"–{t['value_max']}" if t["value_max"] is not None else "")
            typer.echo(f"{t['year'] or '?'}\t{t['region'] or ''}\t{t['measure']}\t{rng}{t['unit']}{t['qualifier'] or ''}"
                       f"\t→ {out['value'] if out else '—'}\t{t['status']}")


@app.command("target")
def target(
    target_id: str = typer.Argument(..., help="Target id (from `shuanglian targets --json`)."),
    db: str | None = DB_OPT,
) -> None:
    """One target's task-book page as JSON: links (evidence timeline), milestones, projects."""
    from shuanglian.services import targets as svc

    with _session(db) as s:
        try:
            echo_json(svc.get_target(s, target_id))
        except svc.UnknownTarget as exc:
            raise fail(str(exc)) from None


@app.command("target-no-outcome")
def target_no_outcome(
    target_id: str = typer.Argument(..., help="Target id (from `shuanglian targets --json`)."),
    db: str | None = DB_OPT,
    note: str | None = typer.Option(None, "--note", help="Why: what was checked (kept with the judgement)."),
    undo: bool = typer.Option(False, "--undo", help="Undo the judgement: outcome proposals resume."),
    user: str | None = typer.Option(None, "--user", help="Who judges (recorded in the audit log)."),
) -> None:
    """Judge that no outcome of a target is reported (未见公开结果): no outcome is proposed any more and its status
    is unknown, with the note; --undo resumes proposals. Prints the target as JSON."""
    from shuanglian.services import targets as svc

    with _session(db) as s:
        try:
            if undo:
                echo_json(svc.undo_no_outcome(s, target_id, user or _default_user()))
            else:
                echo_json(svc.mark_no_outcome(s, target_id, user or _default_user(), note))
        except (svc.UnknownTarget, ValueError) as exc:
            raise fail(str(exc.args[0] if exc.args else exc)) from None


@app.command("targets-rebuild")
def targets_rebuild(db: str | None = DB_OPT) -> None:
    """Recompute document targets and actual figures from every stored document, then relink outcomes."""
    from shuanglian.services import targets as svc

    with _session(db) as s:
        echo_json(svc.rebuild_targets(s))


@app.command("taskbook-import")
def taskbook_import(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="Task book (.xlsx or .csv)."),
    db: str | None = DB_OPT,
    user: str | None = typer.Option(None, "--user", help="Who imports (recorded in the audit log)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate only: list every bad row and cell."),
) -> None:
    """Import a task book (任务书): one target per row; errors name the row and column; exit 1 if any."""
    from shuanglian.services import targets as svc

    fmt = file.suffix.lower().lstrip(".")
    with _session(db) as s:
        rep = svc.import_taskbook(s, file.read_bytes(), fmt, user or _default_user(), dry_run=dry_run)
        if not dry_run:
            svc.relink(s, [t for t in (s.get(svc.TargetRow, i) for i in rep.target_ids) if t is not None])
    for e in rep.errors:
        typer.echo(f"{file}: row {e['row']}, column {e['column']}: {e['message']}", err=True)
    echo_json(rep.to_json())
    if rep.errors:
        raise typer.Exit(1)
