"""`shuanglian eval GOLD_DIR`: score extraction against a hand-annotated gold set."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from shuanglian.cli import app


@app.command("eval")
def eval_command(
    gold_dir: Path = typer.Argument(..., help="Folder of pages with NAME.gold.json annotations beside them."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as one JSON object."),
    details: bool = typer.Option(False, "--details", help="With --json: per-page misses and extras."),
) -> None:
    """Run clean + extract on the gold pages and print P/R/F1 per entity kind, figures, policies, visits."""
    from shuanglian.extract.eval import GoldError, evaluate, render

    try:
        report = evaluate(gold_dir)
    except GoldError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(report.to_json(details=details), ensure_ascii=False))
    else:
        from rich.console import Console

        Console().print(render(report))
