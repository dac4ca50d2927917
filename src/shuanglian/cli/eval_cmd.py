"""`shuanglian eval GOLD_DIR`: score extraction against a hand-annotated gold set."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from shuanglian.cli import app


@app.command("eval")
def eval_command(
    gold_dir: Path = typer.Argument(
        ..., help="Folder of pages with NAME.gold.json beside them, or of real-gold files (texts in ../shared/data/real)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as one JSON object."),
    details: bool = typer.Option(False, "--details", help="With --json: per-page misses and extras."),
    data: Path | None = typer.Option(
        None, "--data", help="Real data folder for real gold (default: <repo>/../shared/data/real)."
    ),
) -> None:
    """Run extraction on the gold pages and print P/R/F1 per entity kind, roles, figures, policies, visits,
    projects; real gold is scored per split ({"dev": …, "holdout": …})."""
    from shuanglian.evaluation.eval import GoldError, evaluate, evaluate_real, render, render_splits
    from shuanglian.evaluation.eval_real import is_real_gold_dir

    try:
        if is_real_gold_dir(gold_dir):
            reports = evaluate_real(gold_dir, data)
            if as_json:
                typer.echo(json.dumps({k: r.to_json(details=details) for k, r in reports.items()}, ensure_ascii=False))
            else:
                from rich.console import Console

                Console().print(render_splits(reports))
            return
        report = evaluate(gold_dir)
    except GoldError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        typer.echo(json.dumps(report.to_json(details=details), ensure_ascii=False))
    else:
        from rich.console import Console

        Console().print(render(report))
