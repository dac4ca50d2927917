"""Where the shared data folder is: real texts, NER corpora and name lists that are never copied into the repo."""

from __future__ import annotations

from pathlib import Path

from shuanglian.settings import get_settings


def _checkout_of(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding a pyproject.toml (a source checkout), if any."""
    for parent in (start, *start.parents):
        if (parent / "pyproject.toml").is_file():
            return parent
    return None


def shared_data_dir() -> Path:
    """SHUANGLIAN_SHARED_DATA when set, else `<checkout>/../shared/data`: the checkout this code runs from (a clone, a
    worktree, an editable install or a venv inside the clone), else the one of the working directory (a package
    installed elsewhere has no checkout of its own, and the path from its file would point into site-packages)."""
    configured = get_settings().shared_data
    if configured is not None:
        return configured
    here = Path(__file__).resolve().parent
    repo = _checkout_of(here) or _checkout_of(Path.cwd().resolve()) or Path.cwd().resolve()
    return repo.parent / "shared" / "data"
