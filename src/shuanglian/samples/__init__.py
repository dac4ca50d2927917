"""Bundled sample corpus: pages the team wrote in the styles of crawled Chinese pages, plus register rows.

Used by `shuanglian demo`, the README's first command, tests and benchmarks. See README.md here for
what each file holds and which boilerplate it carries.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# Suffixes the ingester reads; README.md and __init__.py are not sample pages.
PAGE_SUFFIXES = (".txt", ".html", ".htm", ".md", ".jsonl")


def samples_dir() -> Path:
    """Directory of the bundled samples (holds pages/, registers/ and README.md)."""
    # The package is always installed as plain files (setuptools package-data), so the resource
    # root is a real directory that CLI commands can walk like any user-supplied folder.
    return Path(str(files(__name__)))


def pages_dir() -> Path:
    """Directory of the bundled sample pages (text dumps, HTML, one JSON-lines feed)."""
    return samples_dir() / "pages"


def registers_dir() -> Path:
    """Directory of the bundled register files (CSV in the column layout of registers/data)."""
    return samples_dir() / "registers"


def page_files() -> list[Path]:
    """Every sample page, sorted by name."""
    return sorted(p for p in pages_dir().iterdir() if p.suffix in PAGE_SUFFIXES)


def register_files() -> dict[str, Path]:
    """Register name (carriers, enterprises, projects, ...) -> bundled CSV file."""
    return {p.stem: p for p in sorted(registers_dir().glob("*.csv"))}
