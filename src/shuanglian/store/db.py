"""Engine, session and schema bootstrap (Alembic) for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from shuanglian.settings import get_settings


class Base(DeclarativeBase):
    """Declarative base shared by every table of the product (one metadata, one migration history)."""


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    # WAL + foreign keys: readers (web app) do not block the ingest writer; a crash mid-batch
    # rolls back the open transaction only.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    # A hub's statements are read again by every write that touches it (register rows, chain members,
    # placement): with SQLite's default 2 MB page cache each batch re-read them from the OS, a cost that
    # grew with the file (issue 11). 64 MB per connection at most (filled only as pages are read), and
    # pages of the file mapped rather than copied, as the read pool does.
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA mmap_size=268435456")
    cur.close()


def _sqlite_readonly(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    # the read pool answers GET/HEAD requests: any write raises ("attempt to write a readonly
    # database") instead of taking the write lock for the rest of the request
    cur.execute("PRAGMA query_only=ON")
    cur.execute("PRAGMA mmap_size=268435456")  # reads share the OS page cache instead of copying pages
    # the writer's 64 MB page cache (set by _sqlite_pragmas, also run here) is for hub re-reads during ingest;
    # a pool of up to 32 request connections keeps SQLite's default 2 MB each (mapped pages need no copy)
    cur.execute("PRAGMA cache_size=-2000")
    cur.close()


class MissingDriver(RuntimeError):
    """The database URL needs a driver package that is not installed (message says which extra)."""


@lru_cache(maxsize=16)
def get_engine(url: str | None = None, readonly: bool = False) -> Engine:
    """Create (once per URL and mode) an engine; SQLite files get WAL and foreign keys. `readonly`
    engines (the web app's GET/HEAD requests) refuse every write: SQLite `query_only`, PostgreSQL
    `default_transaction_read_only`."""
    url = url or get_settings().database_url
    memory = url.startswith("sqlite") and (":memory:" in url or url in ("sqlite://", "sqlite:///"))
    if readonly and memory:  # a second engine would open a second, empty in-memory database
        return get_engine(url)
    given = url
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    settings = get_settings()
    # One connection per request thread: sync routes run on a thread pool of `db_pool_size` (the app
    # sizes it the same), so a request never waits for a connection (QueuePool timeouts under load).
    kwargs: dict = {"future": True, "pool_pre_ping": not url.startswith("sqlite")}
    if url.startswith("sqlite") and not memory:
        kwargs.update(pool_size=settings.db_pool_size, max_overflow=settings.db_pool_size, pool_timeout=60, pool_use_lifo=True)
    elif not url.startswith("sqlite"):
        kwargs.update(pool_size=settings.db_pool_size, max_overflow=10, pool_timeout=60, pool_use_lifo=True)
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    elif readonly:
        kwargs["connect_args"] = {"options": "-c default_transaction_read_only=on"}
    try:
        engine = create_engine(url, **kwargs)
    except ModuleNotFoundError as exc:  # e.g. psycopg for PostgreSQL: say how to install it, not a traceback
        raise MissingDriver(
            f"the database driver for {url.split(':', 1)[0]} is not installed ({exc.name}); "
            "for PostgreSQL run: pip install -e '.[postgres]'"
        ) from exc
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
        if readonly:
            event.listen(engine, "connect", _sqlite_readonly)
    if readonly:
        _WRITER[engine] = get_engine(given)
    return engine


_WRITER: dict[Engine, Engine] = {}


def writer_of(engine: Engine) -> Engine:
    """The read-write engine on the same database as `engine` (itself when it is not read-only)."""
    return _WRITER.get(engine, engine)


def init_db(url: str | None = None) -> Engine:
    """Bring the database schema to the latest Alembic revision and return the engine."""
    # Alembic narrates every plugin and revision at INFO; users only need to hear about problems.
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLogger().level))
    from alembic import command
    from alembic.config import Config

    import shuanglian.store.models  # noqa: F401 - registers every table on Base.metadata

    engine = get_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return engine


@contextmanager
def session_scope(url: str | None = None, readonly: bool = False) -> Iterator[Session]:
    """A transactional session: commit on success, roll back on any error (nothing half-written).
    `readonly`: on the read engine, where any write fails (web GET/HEAD requests)."""
    # (lru_cache keys on the call's form: the writer is always get_engine(url), as callers dispose it)
    factory = sessionmaker(bind=get_engine(url, True) if readonly else get_engine(url), expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
