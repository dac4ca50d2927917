"""`shuanglian ingest`, `documents`, `document` and `failures`: thin wrappers over services.documents."""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from shuanglian.cli import app

EXIT_INTERRUPTED = 130  # the shell convention for "stopped by SIGINT"


def _echo_json(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False))


def _print_summary(report: Any, err: Console) -> None:
    """Human summary: counts, then every failure with its reason."""
    state = "interrupted — re-run the same command to resume" if report.interrupted else "done"
    typer.echo(
        f"ingest {state}: stored {report.stored} (copies {report.copies}), "
        f"duplicates {report.duplicates}, failed {len(report.failed)}, skipped {len(report.skipped)}, "
        f"placed on chains {report.placed} in {report.seconds:.1f}s"
    )
    for source, reason in report.skipped:
        err.print(f"[dim]skipped[/dim] {source}: {reason}", markup=True, highlight=False)
    for source, reason in report.failed:
        typer.echo(f"FAILED {source}: {reason}")


@app.command("ingest")
def ingest(
    paths: list[str] = typer.Argument(..., help="Files or folders (recursive): .txt .md .html .htm .jsonl"),
    db: str | None = typer.Option(None, "--db", help="Database URL (default: settings / shuanglian.db)."),
    runner: str = typer.Option("local", "--runner", help="local | process | ray"),
    workers: int = typer.Option(2, "--workers", min=1, help="Worker processes (--runner process) or Ray actors (--runner ray)."),
    batch_size: int = typer.Option(48, "--batch-size", min=1, help="Documents per pipeline batch and per transaction."),
    write_batch: int | None = typer.Option(None, "--write-batch", min=1,
                                           help="Documents per write transaction (default: --batch-size)."),
    ray_address: str | None = typer.Option(None, "--ray-address",
                                           help="Ray cluster to join with --runner ray (e.g. auto, ray://head:10001); default: a local Ray."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as one JSON object."),
    plain: bool = typer.Option(False, "--plain", help="Inputs are clean text: do not drop or rewrite."),
    no_extract: bool = typer.Option(False, "--no-extract", help="Clean and store only, no fact extraction."),
) -> None:
    """Ingest documents into the database (idempotent; re-run to resume). Exit 1 if any failed."""
    from shuanglian.ingest.readers import count_inputs
    from shuanglian.services.documents import IngestReport, ingest_paths

    if runner not in ("local", "process", "ray"):
        raise typer.BadParameter(f"unknown runner {runner!r}", param_hint="--runner")
    if ray_address and runner != "ray":
        raise typer.BadParameter("--ray-address needs --runner ray", param_hint="--ray-address")
    err = Console(stderr=True)
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}", style="dim"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    report: IngestReport | None = None
    try:
        with progress:
            task = progress.add_task("ingest", total=count_inputs(paths), last="")

            def tick(kind: str, source: str) -> None:
                progress.update(task, advance=1, last=f"{kind} {source[-50:]}")

            report = ingest_paths(
                paths,
                db,
                runner,
                tick,
                workers=workers,
                batch_size=batch_size,
                plain=plain,
                extract=not no_extract,
                ray_address=ray_address,
                write_batch=write_batch,
            )
    except KeyboardInterrupt:
        report = None
    if report is None:
        typer.echo("ingest interrupted before any document was processed", err=True)
        raise typer.Exit(EXIT_INTERRUPTED)
    if as_json:
        _echo_json(report.to_json())
    else:
        _print_summary(report, err)
    if report.interrupted:
        raise typer.Exit(EXIT_INTERRUPTED)
    raise typer.Exit(1 if report.failed else 0)


@app.command("documents")
def documents(
    db: str | None = typer.Option(None, "--db", help="Database URL."),
    limit: int = typer.Option(50, "--limit", min=0, max=1000),
    offset: int = typer.Option(0, "--offset", min=0),
    q: str | None = typer.Option(None, "--q", help="Substring of title, text or source."),
    sort: str = typer.Option("-created", "--sort", help="created|published|title|source|chars, '-' = desc"),
    as_json: bool = typer.Option(False, "--json", help="JSON lines."),
) -> None:
    """List stored documents."""
    from shuanglian.services.documents import document_summary, list_documents
    from shuanglian.store.db import init_db, session_scope

    init_db(db)
    with session_scope(db) as s:
        try:
            page = list_documents(s, limit=limit, offset=offset, q=q, sort=sort)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--sort") from exc
        rows = [document_summary(r) for r in page.items]
    for r in rows:
        if as_json:
            _echo_json(r)
        else:
            copy = f"  copy of {r['copy_of']} ({r['copy_similarity']:.2f})" if r["copy_of"] else ""
            typer.echo(
                f"{r['id']}  {r['published'] or '-':<10}  {r['chars']:>6}  {r['title'] or r['source']}{copy}"
            )
    if not as_json:
        typer.echo(f"({len(rows)} of {page.total})", err=True)


@app.command("document")
def document(
    doc_id: str = typer.Argument(..., help="Document id (see `shuanglian documents`)."),
    db: str | None = typer.Option(None, "--db", help="Database URL."),
) -> None:
    """Show one stored document as JSON: text, dropped lines, repairs and facts."""
    from shuanglian.services.documents import document_detail, get_document
    from shuanglian.store.db import init_db, session_scope

    init_db(db)
    with session_scope(db) as s:
        row = get_document(s, doc_id)
        if row is None:
            typer.echo(f"no document {doc_id!r}", err=True)
            raise typer.Exit(1)
        _echo_json(document_detail(row))


@app.command("failures")
def failures(
    db: str | None = typer.Option(None, "--db", help="Database URL."),
    limit: int = typer.Option(100, "--limit", min=0),
    as_json: bool = typer.Option(False, "--json", help="JSON lines."),
) -> None:
    """List current ingest failures (one per source) with their reasons."""
    from shuanglian.services.documents import list_failures
    from shuanglian.store.db import init_db, session_scope

    init_db(db)
    with session_scope(db) as s:
        rows = [
            {"source": f.source, "reason": f.reason, "batch": f.batch, "at": f.created_at.isoformat()}
            for f in list_failures(s, limit=limit)
        ]
    for r in rows:
        if as_json:
            _echo_json(r)
        else:
            typer.echo(f"{r['source']}: {r['reason']}")
    if not rows and not as_json:
        typer.echo("no ingest failures", err=True)
    sys.stdout.flush()
