"""Where the shared data folder is found (shuanglian.shared_data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuanglian import shared_data
from shuanglian.settings import get_settings


@pytest.fixture(autouse=True)
def _fresh_settings(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SHUANGLIAN_SHARED_DATA", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_checkout_default_is_beside_the_repo() -> None:
    repo = Path(__file__).resolve().parents[1]
    assert shared_data.shared_data_dir() == repo.parent / "shared" / "data"


def test_setting_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SHUANGLIAN_SHARED_DATA", str(tmp_path))
    get_settings.cache_clear()
    assert shared_data.shared_data_dir() == tmp_path


def test_installed_package_uses_the_working_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # a package installed outside any checkout: its own file says nothing, the working directory's checkout does
    site = tmp_path / "site-packages" / "shuanglian"
    site.mkdir(parents=True)
    repo = tmp_path / "clone"
    (repo / "sub").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("")
    monkeypatch.setattr(shared_data, "__file__", str(site / "shared_data.py"))
    monkeypatch.chdir(repo / "sub")
    assert shared_data.shared_data_dir() == tmp_path / "shared" / "data"
