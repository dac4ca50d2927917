"""UI strings: both languages load, share every key, and every key a template uses exists."""

from __future__ import annotations

import re
from pathlib import Path

from shuanglian.web.translate import LANGS, Translator, pick_lang, strings

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "shuanglian" / "web" / "templates"


def test_languages_share_keys() -> None:
    zh, en = strings("zh"), strings("en")
    assert set(zh) == set(en) and len(zh) > 100
    assert all(v.strip() for v in zh.values()) and all(v.strip() for v in en.values())


def test_every_literal_key_used_in_templates_exists() -> None:
    used: set[str] = set()
    for f in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"\bt\('([a-z_.]+)'\s*[,)]", f.read_text(encoding="utf-8")))
    assert used, "no t('...') calls found"
    for lang in LANGS:
        assert not (used - set(strings(lang))), f"{lang}: missing {sorted(used - set(strings(lang)))}"


def test_translator_formats_and_falls_back() -> None:
    assert Translator("en")("search.results", n=3) == "3 matching documents"
    assert Translator("zh")("no.such.key") == "no.such.key"
    assert pick_lang("fr") == "zh" and pick_lang("en") == "en" and pick_lang(None) == "zh"
