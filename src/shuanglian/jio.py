"""Quiet, shared access to jionlp (division data, time parser) and the data files it ships."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import threading
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


# One jionlp call at a time: `redirect_stdout` swaps `sys.stdout` for the whole process (overlapping calls in
# the web app's request threads could leave it a StringIO), and the location parser writes match counts and
# offsets into its shared division lists while it scans (concurrent scans returned other cities' answers).
_LOCK = threading.RLock()


def quiet(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a jionlp function with its stdout chatter swallowed, one call at a time in the process."""
    with _LOCK, contextlib.redirect_stdout(io.StringIO()):
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


class _Subset:
    """What jionlp's `LocationParser.get_candidates` reads of its parser, with the division list cut to the
    entries that name something in one text (the parser's own method runs on it: same code, same order)."""

    def __init__(self, parser: Any, items: list[Any]) -> None:
        self.administrative_map_list = items
        self.municipalities_cities = parser.municipalities_cities
        self._process_exception_alias = parser._process_exception_alias


@lru_cache(maxsize=1)
def _division_index() -> tuple[Any, Any, dict[str, tuple[int, ...]]] | None:
    """The prepared location parser, an Aho-Corasick automaton of its names and aliases, and for each name the
    positions of the division entries that carry it; None when this jionlp's parser has another shape."""
    import ahocorasick

    parser = jionlp().parse_location
    cls = type(parser)
    if getattr(parser, "administrative_map_list", None) is None and hasattr(parser, "_prepare"):
        quiet(parser._prepare)
    items = getattr(parser, "administrative_map_list", None)
    if not items or not all(hasattr(parser, a) for a in ("municipalities_cities", "_process_exception_alias")) \
            or not callable(getattr(cls, "get_candidates", None)):
        return None
    where: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        for pair in item[1:4]:
            for name in pair:
                if name is None:
                    continue
                if not name:
                    return None  # an empty name is in every text: the cut below would miss its entry
                where.setdefault(name, []).append(i)
    auto = ahocorasick.Automaton()
    for name in where:
        auto.add_word(name, name)
    auto.make_automaton()
    return parser, auto, {k: tuple(v) for k, v in where.items()}


def _get_candidates(location_text: str) -> list[Any]:
    """jionlp's candidate scan over only the entries one of whose names occurs in the text, in list order: an
    entry none of whose names is a substring of the text matches nothing there (count 0, never a candidate,
    left unchanged), so the candidates, their order and the entries' updates are those of the full scan of
    ~3,600 entries (the parser's own note calls that scan its slowest part)."""
    index = _division_index()
    assert index is not None
    parser, auto, where = index
    hits = sorted({i for _end, name in auto.iter(location_text) for i in where[name]})
    items = parser.administrative_map_list
    return type(parser).get_candidates(_Subset(parser, [items[i] for i in hits]), location_text)  # type: ignore[no-any-return]


@lru_cache(maxsize=50_000)
def _parse_location(text: str) -> tuple[tuple[str, Any], ...]:
    index = _division_index()
    if index is None:
        res = quiet(jionlp().parse_location, text)
    else:
        parser = index[0]
        with _LOCK:  # the patch and the scan it feeds, under the lock `quiet` takes again (re-entrant)
            if parser.__dict__.get("get_candidates") is not _get_candidates:
                parser.get_candidates = _get_candidates  # the instance's scan; the rest of the parser is its own
            res = quiet(parser, text)
    return tuple(res.items())


def parse_location(text: str) -> dict[str, Any]:
    """jionlp's `parse_location(text)` (province, city, county…; its defaults), equal to the library's answer:
    memoised (the parser is pure for one text) and scanning only the divisions whose names occur in the text."""
    return dict(_parse_location(text))
