"""Users, passwords (argon2), login sessions and API tokens: plain functions over a SQLAlchemy session."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shuanglian.web.auth_tables import ROLES, ApiToken, User, WebSession

SESSION_TTL = timedelta(days=7)
_hasher = PasswordHasher()
# Verifying against a dummy hash for unknown users keeps login timing the same for both cases.
_DUMMY_HASH = _hasher.hash("dummy-password-for-timing")


class AuthError(ValueError):
    """A user-management request that cannot be done (unknown user, bad role, duplicate name)."""


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


def create_user(
    session: Session, username: str, role: str, password: str | None = None
) -> tuple[User, str]:
    """Create a user; returns (user, password). A generated password must be changed on first login."""
    username = username.strip()
    if not username or len(username) > 64:
        raise AuthError("username must be 1-64 characters")
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise AuthError(f"user {username!r} already exists")
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
    """Resolve a Bearer token to its user, or None."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _sha(token)))
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    row.last_used_at = datetime.now(UTC)
    return Principal(user.id, user.username, user.role, "token")
