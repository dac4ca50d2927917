"""UI strings from the data files `i18n/<lang>.yaml`; the language comes from the `lang` cookie."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
LANG_COOKIE = "lang"
_DIR = Path(__file__).parent / "i18n"


@lru_cache(maxsize=len(LANGS))
def strings(lang: str) -> dict[str, str]:
    """All UI strings of one language (cached)."""
    data = yaml.safe_load((_DIR / f"{lang}.yaml").read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def pick_lang(cookie_value: str | None) -> str:
    """The cookie's language when supported, else Chinese (the default)."""
    return cookie_value if cookie_value in LANGS else DEFAULT_LANG


class Translator:
    """Callable used in templates as `t("key", n=3)`; unknown keys fall back to Chinese, then the key."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._s = strings(lang)
        self._fallback = strings(DEFAULT_LANG)

    def __call__(self, key: str, **fmt: object) -> str:
        """Translate one key, formatting `{name}` placeholders."""
        s = self._s.get(key) or self._fallback.get(key) or key
        return s.format(**fmt) if fmt else s
