"""The `shuanglian` command: a thin Typer layer over the service functions of each area."""

from __future__ import annotations

import logging

import typer

from shuanglian import __version__

app = typer.Typer(
    name="shuanglian",
    help="双链 Shuanglian — innovation chain x industry chain knowledge graph from Chinese documents.",
    no_args_is_help=True,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"shuanglian {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print version."),
) -> None:
    """Shuanglian command line."""
    from shuanglian.settings import get_settings

    logging.basicConfig(level=get_settings().log_level.upper(), format="%(levelname)s %(name)s: %(message)s")


def register_commands() -> None:
    """Import every area's command module (each registers its commands on `app`)."""
    from shuanglian.cli import (  # noqa: F401 - registers commands
        eval_cmd,
        extract_cmd,
        graph_cmd,
        ingest_cmd,
        match_cmd,
        projects_cmd,
        registers_cmd,
        targets_cmd,
        web_cmd,
    )


def main() -> None:
    """Console-script entry point: register every area's commands, then run."""
    from shuanglian.store.db import MissingDriver

    register_commands()
    try:
        app()
    except MissingDriver as exc:  # a missing optional extra is a one-line fix, not a traceback
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise SystemExit(2) from None
