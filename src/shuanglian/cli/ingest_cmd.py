"""CLI commands for the ingest_cmd area (registered on the shared app)."""

from __future__ import annotations

from shuanglian.cli import app  # noqa: F401

