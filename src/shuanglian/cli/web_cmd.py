"""CLI: `serve` (the web app), `demo` (samples + admin + serve) and `users` (accounts and API tokens)."""

from __future__ import annotations

import typer

from shuanglian.cli import app

users_app = typer.Typer(help="Users, roles (admin/editor/viewer) and API tokens.", no_args_is_help=True)
app.add_typer(users_app, name="users")

DB_OPT = typer.Option(None, "--db", help="Database URL (default: settings / sqlite:///shuanglian.db).")


def _first_admin(db_url: str | None) -> str | None:
    """Create the first admin when there are no users; return its one-time password."""
    from shuanglian.store.db import init_db, session_scope
    from shuanglian.web.auth import ensure_admin

    init_db(db_url)
    with session_scope(db_url) as s:
        return ensure_admin(s)


def _announce_admin(pw: str | None) -> None:
    if pw:
        typer.secho("First run: created user 'admin' with one-time password (shown once, stored hashed):", bold=True)
        typer.secho(f"    {pw}", fg="green", bold=True)
        typer.echo("Log in and set a new password on the account page.")


# Idle keep-alive connections stay open this long (uvicorn's default is 5 s): a client that pauses longer
# than the server's timeout races the close and sees a dropped connection (ReadError under load).
KEEP_ALIVE = 75


def _port_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port yet (checked before saying we serve there)."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _refuse_busy_port(host: str, port: int) -> None:
    """Exit 1 with a plain message (and no "Serving" line) when host:port is taken."""
    if not _port_free(host, port):
        typer.secho(f"error: {host}:{port} is already in use; pick another port with --port "
                    f"(make demo PORT=8001)", fg="red", err=True)
        raise typer.Exit(1)


def _run(db_url: str | None, host: str, port: int, workers: int = 1) -> None:
    import os

    import uvicorn

    from shuanglian.web.app import create_app

    _refuse_busy_port(host, port)
    typer.echo(f"Serving Shuanglian at http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs)")
    if workers <= 1:
        uvicorn.run(create_app(db_url), host=host, port=port, log_level="warning", timeout_keep_alive=KEEP_ALIVE)
        return
    # Worker processes build the app themselves from the environment (an app object cannot be shared).
    if db_url:
        os.environ["SHUANGLIAN_DATABASE_URL"] = db_url
    create_app(db_url)  # migrate once here, not racing in every worker
    uvicorn.run("shuanglian.web.app:create_app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="warning", timeout_keep_alive=KEEP_ALIVE)


@app.command()
def serve(
    db: str | None = DB_OPT,
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="TCP port."),
    workers: int = typer.Option(1, min=1, help="Worker processes (production: about one per CPU core)."),
) -> None:
    """Serve the web app and HTTP API (uvicorn; several worker processes with --workers)."""
    _announce_admin(_first_admin(db))
    _run(db, host, port, workers)


@app.command()
def demo(
    db: str | None = DB_OPT,
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(8000, help="TCP port."),
    no_serve: bool = typer.Option(False, "--no-serve", help="Prepare the database and exit (tests, CI)."),
) -> None:
    """Ingest the bundled sample pages and register files, create the admin, and serve the app."""
    from shuanglian.web.demo import prepare_demo

    if not no_serve:
        _refuse_busy_port(host, port)  # before the minutes of ingest, not after them
    result = prepare_demo(db, echo=typer.echo)
    _announce_admin(result.admin_password)
    if result.failed:
        typer.secho(f"{len(result.failed)} sample file(s) failed; see above", fg="yellow")
    if no_serve:
        typer.echo(f"Demo database ready; run `shuanglian serve` to open http://{host}:{port}/")
        return
    _run(db, host, port)


@users_app.command("add")
def users_add(
    username: str,
    role: str = typer.Option("viewer", help="admin | editor | viewer"),
    db: str | None = DB_OPT,
) -> None:
    """Create a user; prints a one-time password."""
    from shuanglian.store.db import init_db, session_scope
    from shuanglian.web.auth import AuthError, create_user

    init_db(db)
    try:
        with session_scope(db) as s:
            _user, pw = create_user(s, username, role)
    except AuthError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"created {username} ({role}); one-time password: {pw}")


@users_app.command("list")
def users_list(db: str | None = DB_OPT) -> None:
    """List users and roles."""
    from shuanglian.store.db import init_db, session_scope
    from shuanglian.web.auth import list_users

    init_db(db)
    with session_scope(db) as s:
        for u in list_users(s):
            state = "\tdisabled" if u.disabled else ""
            typer.echo(f"{u.username}\t{u.role}{state}")


@users_app.command("token")
def users_token(
    username: str,
    name: str = typer.Option("script", help="What the token is for."),
    db: str | None = DB_OPT,
) -> None:
    """Create an API token for a user (use as `Authorization: Bearer TOKEN`); printed once."""
    from shuanglian.store.db import init_db, session_scope
    from shuanglian.web.auth import AuthError, create_token

    init_db(db)
    try:
        with session_scope(db) as s:
            token = create_token(s, username, name)
    except AuthError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(1) from exc
    typer.echo(token)


@users_app.command("passwd")
def users_passwd(username: str, db: str | None = DB_OPT) -> None:
    """Reset a user's password to a new one-time password (printed once); their sessions and API
    tokens are revoked."""
    from shuanglian.store.db import init_db, session_scope
    from shuanglian.web.auth import AuthError, generate_password, get_user, revoke_credentials, set_password

    init_db(db)
    try:
        with session_scope(db) as s:
            pw = generate_password()
            user = get_user(s, username)
            set_password(s, user, pw, must_change=True)
            revoke_credentials(s, user.id)
    except AuthError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"new one-time password for {username}: {pw}")


@users_app.command("role")
def users_role(username: str, role: str, db: str | None = DB_OPT) -> None:
    """Change a user's role."""
    from shuanglian.store.db import init_db, session_scope
    from shuanglian.web.auth import AuthError, get_user, set_role

    init_db(db)
    try:
        with session_scope(db) as s:
            set_role(s, get_user(s, username), role)
    except AuthError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"{username} is now {role}")
