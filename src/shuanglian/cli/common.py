"""What every command module shares: the --db option, JSON-lines output and a session that turns domain errors into exit 2."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from sqlalchemy.orm import Session

DB_OPT = typer.Option(None, "--db", help="Database URL (default: settings / shuanglian.db).")


def echo_json(obj: Any) -> None:
    """Print one object as one JSON line (Chinese kept readable)."""
    typer.echo(json.dumps(obj, ensure_ascii=False, default=str))


def fail(msg: str, code: int = 2) -> typer.Exit:
    """Print `error: msg` on stderr and return the Exit to raise."""
    typer.echo(f"error: {msg}", err=True)
    return typer.Exit(code)


@contextmanager
def db_session(db: str | None, errors: tuple[type[Exception], ...] = ()) -> Iterator[Session]:
    """A migrated database's session; the listed domain errors become `error: …` and exit code 2."""
    from shuanglian.store.db import init_db, session_scope

    init_db(db)
    try:
        with session_scope(db) as s:
            yield s
    except errors as exc:
        raise fail(str(exc)) from None
