"""`shuanglian entities|entity|merge|split|not-same|review|rebuild|audit`: thin JSON-lines wrappers
over services.graph (one JSON object per line with --json; a short table otherwise)."""

from __future__ import annotations

from contextlib import AbstractContextManager

import typer
from sqlalchemy.orm import Session

from shuanglian.cli import app
from shuanglian.cli.common import DB_OPT, db_session, echo_json

USER_OPT = typer.Option(..., "--user", "-u", help="Who makes the change (written to the audit log).")
review_app = typer.Typer(help="Review queue: list proposed facts, accept, reject or edit them.", no_args_is_help=True)
app.add_typer(review_app, name="review")


def _session(db: str | None) -> AbstractContextManager[Session]:
    """A session whose domain errors of this area end the command with exit 2."""
    from shuanglian.graph.review import GraphError
    from shuanglian.graph.schema import SchemaError

    return db_session(db, (GraphError, SchemaError))


@app.command("entities")
def entities(
    db: str | None = DB_OPT,
    kind: str | None = typer.Option(None, "--kind", help="Entity kind (see schema.yaml)."),
    name: str | None = typer.Option(None, "--name", help="Substring of any name or alias."),
    region: str | None = typer.Option(None, "--region", help="Region prefix, e.g. 深圳."),
    sort: str = typer.Option("name", "--sort", help="name | statements | documents | kind"),
    limit: int = typer.Option(100, "--limit", min=1, max=500),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per entity."),
) -> None:
    """List canonical entities with kind, names and statement counts."""
    from shuanglian.services.graph import search_entities

    with _session(db) as s:
        page = search_entities(s, kind=kind, name=name, region=region, limit=limit, offset=offset, sort=sort)
    for e in page["items"]:
        if as_json:
            echo_json(e)
        else:
            typer.echo(f"{e['id']}\t{e['kind']}\t{e['name']}\t{e['statement_count']} statements\t{'|'.join(e['names'])}")
    if not as_json:
        typer.echo(f"({len(page['items'])} of {page['total']})", err=True)


@app.command("entity")
def entity(
    entity_id: str = typer.Argument(..., help="Canonical or source entity id."),
    db: str | None = DB_OPT,
    as_json: bool = typer.Option(False, "--json", help="Full JSON (statements with provenance, relations)."),
    depth: int = typer.Option(0, "--neighbourhood", min=0, max=3, help="Also print the graph this many hops out."),
) -> None:
    """Show one entity with every statement and its source. Exit 1 if unknown."""
    from shuanglian.services.graph import get_entity, neighbourhood

    with _session(db) as s:
        e = get_entity(s, entity_id)
        if e is None:
            typer.echo(f"error: no entity {entity_id!r}", err=True)
            raise typer.Exit(1)
        if depth:
            e["neighbourhood"] = neighbourhood(s, e["id"], depth)
    if as_json:
        echo_json(e)
        return
    typer.echo(f"{e['id']}  {e['kind']}  {e['name']}  ({', '.join(e['names'])})")
    for prop, vals in e["attributes"].items():
        typer.echo(f"  {prop}: {'; '.join(v['value'] for v in vals)}")
    for r in e["relations_out"]:
        typer.echo(f"  -{r['relation']}-> {r['target_name']} [{r['target_id']}]")
    for r in e["relations_in"]:
        typer.echo(f"  <-{r['relation']}- {r['source_name']} [{r['source_id']}]")
    for st in e["statements"]:
        src = f"doc {st['document_id']} {st['span']}" if st["document_id"] else f"{st['origin']} by {st['user']}"
        typer.echo(f"    {st['id']} {st['status']:<8} {st['prop']}={st['value']}  <{src}>")


@app.command("merge")
def merge(
    ids: list[str] = typer.Argument(..., help="Two or more entity ids."),
    user: str = USER_OPT,
    note: str | None = typer.Option(None, "--note"),
    db: str | None = DB_OPT,
) -> None:
    """Merge entities into one (stored judgement, replayed on every rebuild)."""
    from shuanglian.services.graph import merge_entities

    with _session(db) as s:
        echo_json(merge_entities(s, ids, user, note))


@app.command("split")
def split(
    entity_id: str = typer.Argument(...),
    user: str = USER_OPT,
    names: str | None = typer.Option(None, "--names", help="Comma-separated names to split off."),
    statements: str | None = typer.Option(None, "--statements", help="Comma-separated statement ids to split off."),
    note: str | None = typer.Option(None, "--note"),
    db: str | None = DB_OPT,
) -> None:
    """Split the source entities carrying NAMES (or STATEMENTS) off an entity, for good."""
    from shuanglian.services.graph import split_entity

    if not names and not statements:
        raise typer.BadParameter("give --names or --statements")
    with _session(db) as s:
        echo_json(split_entity(s, entity_id, user, names=_csv(names), statement_ids=_csv(statements), note=note))


@app.command("not-same")
def not_same_cmd(
    a: str = typer.Argument(...), b: str = typer.Argument(...), user: str = USER_OPT, db: str | None = DB_OPT
) -> None:
    """Record that two entities are different and must never be merged automatically."""
    from shuanglian.services.graph import not_same

    with _session(db) as s:
        echo_json(not_same(s, a, b, user))


def _csv(v: str | None) -> list[str] | None:
    return [x.strip() for x in v.replace("，", ",").split(",") if x.strip()] if v else None


@review_app.command("list")
def review_list(
    db: str | None = DB_OPT,
    kind: str | None = typer.Option(None, "--kind"),
    document: str | None = typer.Option(None, "--document", help="Only facts from this document id."),
    limit: int = typer.Option(50, "--limit", min=1, max=500),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(True, "--json/--no-json", help="JSON lines (the default; the flag is accepted for scripts)."),
) -> None:
    """Proposed statements waiting for review, one JSON object per line."""
    from shuanglian.services.graph import review_queue

    with _session(db) as s:
        page = review_queue(s, limit=limit, offset=offset, kind=kind, document_id=document)
    for item in page["items"]:
        echo_json(item)
    typer.echo(f"({len(page['items'])} of {page['total']} proposed)", err=True)


@review_app.command("accept")
def review_accept(ids: list[str] = typer.Argument(...), user: str = USER_OPT, db: str | None = DB_OPT) -> None:
    """Accept statements."""
    from shuanglian.services.graph import accept

    with _session(db) as s:
        for i in ids:
            echo_json(accept(s, i, user))


@review_app.command("reject")
def review_reject(ids: list[str] = typer.Argument(...), user: str = USER_OPT, db: str | None = DB_OPT) -> None:
    """Reject statements (kept, but they no longer count)."""
    from shuanglian.services.graph import reject

    with _session(db) as s:
        for i in ids:
            echo_json(reject(s, i, user))


@review_app.command("edit")
def review_edit(
    stmt_id: str = typer.Argument(...), value: str = typer.Argument(...), user: str = USER_OPT, db: str | None = DB_OPT
) -> None:
    """Replace a statement's value (the old statement is kept as `edited`)."""
    from shuanglian.services.graph import edit

    with _session(db) as s:
        echo_json(edit(s, stmt_id, value, user))


@review_app.command("groups")
def review_groups(
    db: str | None = DB_OPT,
    by: str = typer.Option("entity", "--by", help="entity | prop | document"),
    kind: str | None = typer.Option(None, "--kind"),
    limit: int = typer.Option(50, "--limit", min=1, max=200),
    as_json: bool = typer.Option(True, "--json/--no-json", help="JSON lines (the default)."),
) -> None:
    """Pending facts in groups, highest impact first, one JSON object per group."""
    from shuanglian.services.review_queue import queue_groups

    with _session(db) as s:
        res = queue_groups(s, by=by, kind=kind, limit=limit)
    for g in res["groups"]:
        echo_json(g)
    typer.echo(f"({res['total_items']} pending in {res['total_groups']} groups)", err=True)


@review_app.command("bulk")
def review_bulk(
    decision: str = typer.Argument(..., help="accept | reject"),
    key: str = typer.Argument(..., help="The group key (entity id, property, or document id)."),
    by: str = typer.Option("entity", "--by", help="entity | prop | document"),
    user: str = USER_OPT,
    db: str | None = DB_OPT,
) -> None:
    """Accept or reject every pending fact of one group; prints the audit id that undoes it."""
    from shuanglian.services.review_queue import decide_group

    with _session(db) as s:
        echo_json(decide_group(s, by, key, decision, user))


@review_app.command("undo")
def review_undo(audit_id: int = typer.Argument(...), user: str = USER_OPT, db: str | None = DB_OPT) -> None:
    """Undo an accept/reject (single or bulk) by its audit id."""
    from shuanglian.services.review_queue import undo

    with _session(db) as s:
        echo_json(undo(s, audit_id, user))


@review_app.command("auto")
def review_auto(user: str = USER_OPT, db: str | None = DB_OPT) -> None:
    """Apply the auto-accept rules (services/data/review.yaml) to the pending facts."""
    from shuanglian.services.review_queue import apply_auto_rules

    with _session(db) as s:
        echo_json(apply_auto_rules(s, user))


@review_app.command("merges")
def review_merges(
    db: str | None = DB_OPT, kind: str | None = typer.Option(None, "--kind"),
    limit: int = typer.Option(50, "--limit", min=1, max=200),
    as_json: bool = typer.Option(True, "--json/--no-json", help="JSON lines (the default)."),
) -> None:
    """Suggested merges (pairs just below the automatic threshold), one JSON object per pair."""
    from shuanglian.services.review_queue import merge_suggestions

    with _session(db) as s:
        for pair in merge_suggestions(s, limit=limit, kind=kind):
            echo_json(pair)


@app.command("rebuild")
def rebuild_cmd(
    db: str | None = DB_OPT,
    recreate: bool = typer.Option(False, "--recreate", help="Drop and recreate the entity view tables first."),
) -> None:
    """Recompute every canonical entity from statements and stored judgements."""
    from shuanglian.services.graph import rebuild

    with _session(db) as s:
        echo_json(rebuild(s, recreate=recreate))


@app.command("audit")
def audit_cmd(
    db: str | None = DB_OPT,
    object_id: str | None = typer.Option(None, "--object", help="Only entries about this id."),
    user: str | None = typer.Option(None, "--user"),
    limit: int = typer.Option(50, "--limit", min=1, max=500),
    offset: int = typer.Option(0, "--offset", min=0),
    as_json: bool = typer.Option(True, "--json/--no-json", help="JSON lines (the default; the flag is accepted for scripts)."),
) -> None:
    """Audit log entries, newest first, one JSON object per line."""
    from shuanglian.services.graph import audit_log

    with _session(db) as s:
        page = audit_log(s, limit=limit, offset=offset, object_id=object_id, user=user)
    for item in page["items"]:
        echo_json(item)
