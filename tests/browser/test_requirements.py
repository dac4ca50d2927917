"""The browser tests refuse to be skipped under CI=true when Chromium or the web assets are missing."""

from __future__ import annotations

import pytest

from tests.browser.conftest import _require


def test_missing_browser_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="chromium"):
        _require(False, "/usr/bin/chromium is missing")
    _require(True, "never raised when the condition holds")


def test_missing_browser_skips_on_a_laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _require(False, "/usr/bin/chromium is missing")
