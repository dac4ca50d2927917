"""Error codes every layer raises with (never a message prefix); the web layer picks the HTTP status
from the code (web/errors.py), the CLI exits 2 on any of them."""

from __future__ import annotations

import enum


class ErrorCode(enum.StrEnum):
    """Why an operation was refused: stable codes for programs (the API's `error.code`)."""

    NOT_FOUND = "not_found"  # an id or name that does not exist
    REFUSED = "refused"  # exists, but the operation is not allowed on it (schema, state, rules)
    CONFLICT = "conflict"  # the same change was already made
    INVALID = "invalid_request"  # a parameter outside its allowed values


HTTP_STATUS: dict[ErrorCode, int] = {
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.REFUSED: 422,
    ErrorCode.CONFLICT: 409,
    ErrorCode.INVALID: 422,
}


def http_status(code: ErrorCode) -> int:
    """The HTTP status an error of this code is answered with."""
    return HTTP_STATUS[code]


class CodedError(Exception):
    """An error carrying an ErrorCode (default: refused) besides its message; web/errors.py answers
    every one of them with the status of its code."""

    default_code = ErrorCode.REFUSED

    def __init__(self, message: str, code: ErrorCode | None = None) -> None:
        super().__init__(message)
        self.code = code or self.default_code
