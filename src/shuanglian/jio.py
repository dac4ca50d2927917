"""Quiet, shared access to jionlp (division data, time parser) and the data files it ships."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def jionlp() -> Any:
    """Import jionlp once; its import prints a banner on stdout, which would corrupt JSON-lines output."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp as module
    return module


def quiet(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a jionlp function with its stdout chatter swallowed."""
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args, **kwargs)


def dictionary_text(name: str) -> str:
    """Text of a file in jionlp's `dictionary/` folder, without importing jionlp (slow, noisy).

    A fresh install ships some files only zipped (`NAME.zip`); jionlp unpacks them on first import,
    so read the zip when the plain file is not there yet.
    """
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jionlp is not installed: its dictionary data is needed")
    folder = Path(list(spec.submodule_search_locations)[0]) / "dictionary"
    plain = folder / name
    if plain.exists():
        return plain.read_text(encoding="utf-8")
    archive = folder / (Path(name).stem + ".zip")
    if not archive.exists():
        raise RuntimeError(f"jionlp data file {name} is missing (neither {plain} nor {archive})")
    with zipfile.ZipFile(archive) as zf:
        return zf.read(name).decode("utf-8")


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _ranked_chars() -> tuple[str, ...]:
    """CJK characters by descending frequency, from jionlp's shipped character distribution."""
    rows: list[tuple[str, int]] = []
    for line in dictionary_text("char_distribution.json").split("\n"):  # not splitlines: \x1c etc. are data
        line = line.strip()
        if not line:
            continue
        ch, count = json.loads(line)
        if _CJK.match(ch):
            rows.append((ch, int(count)))
    rows.sort(key=lambda r: -r[1])
    return tuple(ch for ch, _ in rows)


@lru_cache(maxsize=4)
def common_chars(top: int = 1500) -> frozenset[str]:
    """The `top` most frequent simplified Chinese characters (1,500 cover ~96% of running text)."""
    return frozenset(_ranked_chars()[:top])


@lru_cache(maxsize=1)
def _division_names() -> Any:
    """An Aho-Corasick automaton of every name and alias jionlp's location parser matches, or None
    when this jionlp does not expose its list (then every text goes to the parser)."""
    import ahocorasick

    parser = jionlp().parse_location
    if getattr(parser, "administrative_map_list", None) is None and hasattr(parser, "_prepare"):
        quiet(parser._prepare)
    items = getattr(parser, "administrative_map_list", None)
    if not items:
        return None
    auto = ahocorasick.Automaton()
    for item in items:
        for pair in item[1:4]:
            for name in pair:
                if name:
                    auto.add_word(name, name)
    auto.make_automaton()
    if next(auto.iter("北京市海淀区"), None) is None:
        return None  # the parser's list no longer has the shape read here: never skip it
    return auto


def may_name_division(text: str) -> bool:
    """False only when `text` holds no name or alias the location parser could match: the parser scans
    its ~3,600 divisions for each text (5 ms), and with no match it finds no province, city or county."""
    auto = _division_names()
    if auto is None:
        return True
    return next(auto.iter(text), None) is not None
