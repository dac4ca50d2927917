"""Users, passwords (argon2), login sessions and API tokens: plain functions over a SQLAlchemy session."""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from shuanglian.errors import CodedError, ErrorCode
from shuanglian.store.auth_tables import ROLES, ApiToken, LoginThrottle, User, WebSession
from shuanglian.store.db import writer_of

log = logging.getLogger(__name__)
SESSION_TTL = timedelta(days=7)
# Bearer-token use is recorded at most this often (a write per request would serialise readers).
TOKEN_TOUCH_EVERY = timedelta(minutes=1)
# Login back-off: this many failures are free, then each further one locks the key for twice as long
# (1 s, 2 s, 4 s ... at most LOCK_MAX); a quiet hour forgets the failures.
FREE_FAILURES = {"user": 5, "addr": 20}
LOCK_MAX = timedelta(minutes=15)
FAILURE_WINDOW = timedelta(hours=1)
_hasher = PasswordHasher()
# Verifying against a dummy hash for unknown users keeps login timing the same for both cases.
_DUMMY_HASH = _hasher.hash("dummy-password-for-timing")


class AuthError(CodedError, ValueError):
    """A user-management request that cannot be done (unknown user, bad role, duplicate name)."""


class LoginThrottled(AuthError):
    """Too many failed logins for this account or address: try again after `wait` seconds."""

    def __init__(self, wait: float) -> None:
        super().__init__(f"too many failed logins; try again in {int(wait) + 1} s")
        self.wait = wait


@dataclass(frozen=True)
class Principal:
    """Who is making a request, and how they proved it."""

    user_id: int
    username: str
    role: str
    via: str  # "session" or "token"
    csrf_token: str | None = None
    must_change_password: bool = False

    def can_write(self) -> bool:
        """Editors and admins may change data; viewers may only read."""
        return self.role in ("admin", "editor")


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _aware(dt: datetime) -> datetime:
    # SQLite returns naive datetimes even for timezone=True columns.
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def generate_password() -> str:
    """A random password that is easy to type (no look-alike characters)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(16))


def check_username(username: str) -> str:
    """The username as stored (NFC, trimmed), or AuthError: 1-64 characters, none of them control,
    format (bidi overrides, zero-width), private-use or separator characters (spaces)."""
    name = unicodedata.normalize("NFC", username.strip())
    if not name or len(name) > 64:
        raise AuthError("username must be 1-64 characters")
    bad = [c for c in name if unicodedata.category(c)[0] in "CZ"]
    if bad:
        raise AuthError(f"username may not contain spaces or invisible characters (U+{ord(bad[0]):04X})")
    return name


def create_user(
    session: Session, username: str, role: str, password: str | None = None
) -> tuple[User, str]:
    """Create a user; returns (user, password). A generated password must be changed on first login."""
    username = check_username(username)
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise AuthError(f"user {username!r} already exists", ErrorCode.CONFLICT)
    generated = password is None
    pw = password if password is not None else generate_password()
    if len(pw) < 8:
        raise AuthError("password must be at least 8 characters")
    user = User(username=username, password_hash=_hasher.hash(pw), role=role, must_change_password=generated)
    session.add(user)
    session.flush()
    return user, pw


def ensure_admin(session: Session) -> str | None:
    """First run: if there are no users, create `admin` and return its one-time password (else None)."""
    if session.scalar(select(User.id).limit(1)) is not None:
        return None
    _user, pw = create_user(session, "admin", "admin")
    return pw


def get_user(session: Session, username: str) -> User:
    """Look a user up by name or raise AuthError."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise AuthError(f"no user named {username!r}")
    return user


def list_users(session: Session) -> list[User]:
    """All users, by name."""
    return list(session.scalars(select(User).order_by(User.username)))


def set_password(session: Session, user: User, password: str, *, must_change: bool = False) -> None:
    """Store a new argon2 hash for the user."""
    if len(password) < 8:
        raise AuthError("password must be at least 8 characters")
    user.password_hash = _hasher.hash(password)
    user.must_change_password = must_change
    session.flush()


def revoke_credentials(session: Session, user_id: int, keep_sid: str | None = None) -> tuple[int, int]:
    """End every login session of a user (but `keep_sid`, the one making the change) and delete all
    their API tokens; returns (sessions, tokens) removed."""
    q = delete(WebSession).where(WebSession.user_id == user_id)
    if keep_sid:
        q = q.where(WebSession.id_hash != _sha(keep_sid))
    sessions = session.execute(q)
    tokens = session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))
    return int(getattr(sessions, "rowcount", 0) or 0), int(getattr(tokens, "rowcount", 0) or 0)


def change_password(
    session: Session, username: str, current: str, new: str, keep_sid: str | None = None
) -> tuple[int, int]:
    """A user changes their own password: the current one must match and the new one differ; other
    sessions and all tokens are revoked (returns how many). Raises AuthError."""
    user = authenticate(session, username, current)
    if user is None:
        raise AuthError("current password is wrong")
    if new == current:
        raise AuthError("the new password must differ from the current one")
    set_password(session, user, new)
    return revoke_credentials(session, user.id, keep_sid)


def set_role(session: Session, user: User, role: str) -> None:
    """Change a user's role."""
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    user.role = role
    session.flush()


def authenticate(session: Session, username: str, password: str) -> User | None:
    """Return the user when the password matches (and the user is enabled), else None."""
    user = session.scalar(select(User).where(User.username == username))
    try:
        if user is None:
            _hasher.verify(_DUMMY_HASH, password)
            return None
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if user.disabled:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def open_session(session: Session, user: User) -> tuple[str, str]:
    """Start a login session; returns (cookie value, csrf token). Only the cookie's hash is stored."""
    sid = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    # Expired rows are swept here so the table does not grow without bound.
    session.execute(delete(WebSession).where(WebSession.expires_at < now))
    session.add(WebSession(id_hash=_sha(sid), user_id=user.id, csrf_token=csrf, expires_at=now + SESSION_TTL))
    session.flush()
    return sid, csrf


def close_session(session: Session, sid: str) -> None:
    """Log out: delete the session row."""
    session.execute(delete(WebSession).where(WebSession.id_hash == _sha(sid)))


def principal_from_session(session: Session, sid: str) -> Principal | None:
    """Resolve a session cookie to its user, or None when unknown, expired or disabled."""
    row = session.get(WebSession, _sha(sid))
    if row is None or _aware(row.expires_at) < datetime.now(UTC):
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    return Principal(user.id, user.username, user.role, "session", row.csrf_token, user.must_change_password)


def create_token(session: Session, username: str, name: str = "script") -> str:
    """Create an API token for a user and return it (shown once; only its hash is stored)."""
    user = get_user(session, username)
    token = "sl_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, name=name[:64] or "script", token_hash=_sha(token)))
    session.flush()
    return token


def list_tokens(session: Session, user_id: int) -> list[ApiToken]:
    """A user's API tokens (hashes only)."""
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id)))


def revoke_token(session: Session, user_id: int, token_id: int) -> bool:
    """Delete one of the user's tokens; True when something was deleted."""
    res = session.execute(delete(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user_id))
    return bool(getattr(res, "rowcount", 0))


def principal_from_token(session: Session, token: str) -> Principal | None:
    """The user behind an API token (None when unknown or disabled); records its use at most once a minute."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _sha(token)))
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    now = datetime.now(UTC)
    if row.last_used_at is None or now - _aware(row.last_used_at) >= TOKEN_TOUCH_EVERY:
        _touch_token(session, row.id, now)
    return Principal(user.id, user.username, user.role, "token")


# Token use is bookkeeping: it must never make a read wait for the write lock. Under an ingest (which
# holds SQLite's write lock for seconds) every request of a token saw a stale last_used_at, tried the
# UPDATE and sat in the 30 s busy handler, holding a worker thread: p95 0.5-0.9 s, p99 3 s on the
# routes behind it. Now one thread per process tries at a time, without waiting for the lock, and a
# failed try is not repeated for TOKEN_RETRY.
TOKEN_TOUCH_BUSY_MS = 0
TOKEN_RETRY = 10.0  # seconds
_touch_guard = threading.Lock()
_touch_retry_at: dict[tuple[str, int], float] = {}  # (database, token id) -> monotonic time


def _touch_token(session: Session, token_id: int, now: datetime) -> None:
    """Record token use in its own short transaction, never in the request's (which would hold the
    SQLite write lock for the whole request); skipped at once when the database is busy or another
    thread of this process is recording it."""
    bind = session.get_bind()
    engine = writer_of(bind if isinstance(bind, Engine) else bind.engine)  # reads run on the read-only pool
    key = (str(engine.url), token_id)
    if time.monotonic() < _touch_retry_at.get(key, 0.0) or not _touch_guard.acquire(blocking=False):
        return
    try:
        try:
            with engine.begin() as conn:
                sqlite = conn.dialect.name == "sqlite"
                if sqlite:  # the pool's connections keep their busy timeout for real writes
                    before = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
                    conn.exec_driver_sql(f"PRAGMA busy_timeout={TOKEN_TOUCH_BUSY_MS}")
                try:
                    conn.execute(
                        update(ApiToken)
                        .where(ApiToken.id == token_id)
                        .where((ApiToken.last_used_at.is_(None)) | (ApiToken.last_used_at < now - TOKEN_TOUCH_EVERY))
                        .values(last_used_at=now)
                    )
                finally:
                    if sqlite:
                        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(before or 0)}")
        except OperationalError as exc:  # busy: a request TOKEN_RETRY seconds later tries again
            _touch_retry_at[key] = time.monotonic() + TOKEN_RETRY
            log.info("token %s use not recorded: %s", token_id, exc.orig)
        else:
            _touch_retry_at.pop(key, None)
    finally:
        _touch_guard.release()


def _throttle_keys(username: str, address: str | None) -> list[str]:
    keys = [f"user:{username.strip()[:64]}"]
    if address:
        keys.append(f"addr:{address[:64]}")
    return keys


def login_wait(session: Session, username: str, address: str | None) -> float:
    """Seconds until a login for this account from this address may be tried (0 = now)."""
    now = datetime.now(UTC)
    wait = 0.0
    for row in session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(_throttle_keys(username, address)))):
        if row.locked_until is not None and _aware(row.locked_until) > now:
            wait = max(wait, (_aware(row.locked_until) - now).total_seconds())
    return wait


def login_failed(session: Session, username: str, address: str | None) -> None:
    """Count a failed login against the account and the address; lock a key past its free failures."""
    now = datetime.now(UTC)
    for key in _throttle_keys(username, address):
        row = session.get(LoginThrottle, key)
        if row is None:
            row = LoginThrottle(key=key, failures=0, last_failure_at=now)
            session.add(row)
        elif now - _aware(row.last_failure_at) > FAILURE_WINDOW:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        over = row.failures - FREE_FAILURES[key.split(":", 1)[0]]
        if over > 0:
            lock = min(timedelta(seconds=2 ** min(over - 1, 20)), LOCK_MAX)
            row.locked_until = now + lock
            log.warning("login throttled: %s after %d failures, locked %ds", key, row.failures, lock.total_seconds())
        else:
            log.info("login failed: %s (%d)", key, row.failures)
    session.flush()


def login_succeeded(session: Session, username: str) -> None:
    """A successful login clears the account's failures (the address keeps its count)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == _throttle_keys(username, None)[0]))


def attempt_login(session: Session, username: str, password: str, address: str | None) -> User | None:
    """Check a login under the back-off: the user, None for a wrong password (counted), or
    LoginThrottled while the account or address is locked (the password is not even tried)."""
    wait = login_wait(session, username, address)
    if wait > 0:
        log.warning("login refused while throttled: user %r from %s (%.0f s left)", username[:64], address, wait)
        raise LoginThrottled(wait)
    user = authenticate(session, username, password)
    if user is None:
        login_failed(session, username, address)
        return None
    login_succeeded(session, username)
    return user
