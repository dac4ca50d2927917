"""`shuanglian match ...`: demands and supply (add, import, extract, list) and ranked matches, as JSON lines."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import typer
from sqlalchemy.orm import Session

from shuanglian.cli import app
from shuanglian.cli.common import DB_OPT, db_session, echo_json

match_app = typer.Typer(help="Supply–demand matching (技术供需对接).", no_args_is_help=True)
app.add_typer(match_app, name="match")
USER_OPT = typer.Option("cli", "--user", help="Who is adding (audited).")


def _session(db: str | None) -> AbstractContextManager[Session]:
    """A session whose domain errors of this area end the command with exit 2."""
    from shuanglian.services.matching import MatchError, TableFormatError

    return db_session(db, (MatchError, TableFormatError))


@match_app.command("add")
def add(
    side: str = typer.Argument(..., help="demand | supply"),
    statement: str = typer.Argument(..., help="the need or the capability, one sentence or more"),
    org: str = typer.Option("", "--org", help="requester (demand) or provider (supply)"),
    region: str = typer.Option("", "--region"),
    kind: str | None = typer.Option(None, "--kind", help="need|hard_problem|bottleneck or result|patent|lab_capability|expert"),
    db: str | None = DB_OPT,
    user: str = USER_OPT,
) -> None:
    """Store one demand or supply record (placed on a chain link and embedded once)."""
    from shuanglian.services import matching

    data: dict[str, Any] = {"statement": statement, "region": region, "kind": kind}
    data["requester" if side == "demand" else "provider"] = org
    with _session(db) as s:
        echo_json((matching.add_demand if side == "demand" else matching.add_supply)(s, data, user))


@match_app.command("import")
def import_file(
    side: str = typer.Argument(..., help="demand | supply"),
    path: Path = typer.Argument(..., exists=True, dir_okay=False),
    db: str | None = DB_OPT,
    user: str = USER_OPT,
) -> None:
    """Import a CSV/XLSX of demands or supply; bad rows are printed to stderr and skipped."""
    from shuanglian.services import matching

    with _session(db) as s:
        out = matching.import_sheet(s, side, path.read_bytes(), path.suffix.lower().lstrip("."), path.name, user)
    for e in out["errors"]:
        typer.echo(f"{path.name}: row {e['row']} {e['column']}: {e['message']}", err=True)
    echo_json({"created": out["created"], "errors": len(out["errors"])})


@match_app.command("extract")
def extract_doc(doc_id: str = typer.Argument(...), db: str | None = DB_OPT, user: str = USER_OPT) -> None:
    """Demand and supply records from a stored document's sentences (with spans)."""
    from shuanglian.services import matching

    with _session(db) as s:
        echo_json(matching.extract_document(s, doc_id, user))


@match_app.command("list")
def list_cmd(side: str = typer.Argument("demand"), limit: int = typer.Option(50, "--limit"),
             db: str | None = DB_OPT) -> None:
    """Stored demands or supply, newest first (one JSON object per line)."""
    from shuanglian.services import matching

    with _session(db) as s:
        for r in matching.list_records(s, side, limit)["items"]:
            echo_json(r)


@match_app.command("top")
def top(rid: str = typer.Argument(..., help="a demand id (d_...) or supply id (s_...)"),
        k: int = typer.Option(10, "-k"), db: str | None = DB_OPT) -> None:
    """Ranked, explained matches of one record (one JSON object per match)."""
    from shuanglian.services import matching

    side = "demand" if rid.startswith("d_") else "supply"
    with _session(db) as s:
        for m in matching.matches(s, side, rid, k)["matches"]:
            echo_json({"id": m["id"], "score": m["score"], "statement": m["record"]["statement"],
                   "explanation": m["explanation"]})
