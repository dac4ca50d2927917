"""Role fixtures for the challenge API tests (shared with tests/matching)."""

from tests.role_clients import USERS, as_user, ch_url  # noqa: F401
