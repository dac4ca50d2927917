"""Chain tests share the register tests' database fixture and graph helpers."""

from __future__ import annotations

from tests.registers.conftest import session

__all__ = ["session"]
