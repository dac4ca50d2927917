"""Role fixtures for the matching API tests (shared with tests/challenges)."""

from tests.role_clients import USERS, as_user, ch_url  # noqa: F401
