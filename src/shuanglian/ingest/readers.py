"""Input discovery: walk files and folders, read and decode each document, name every failure.

Supported: `.txt`, `.md` (text), `.html`/`.htm` (HTML) and `.jsonl` (one document per line with
`text` or `html`, optional `url`, `title`, `published`, `source`). A file over
`settings.max_document_bytes` (or a `.jsonl` line over it) is refused without being read whole.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shuanglian.settings import get_settings

TEXT_EXTS = {".txt", ".md", ".text", ".markdown"}
HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXTS = {".jsonl", ".ndjson"}
KNOWN_EXTS = TEXT_EXTS | HTML_EXTS | JSONL_EXTS
# jsonl record fields copied onto the document as declared metadata
DECLARED_FIELDS = ("url", "title", "published", "source")


@dataclass
class RawInput:
    """One decoded document ready for the pipeline."""

    source: str  # the path as given (for .jsonl records: "path#LINE")
    raw: str
    is_html: bool
    encoding: str | None = None
    declared: dict[str, Any] = field(default_factory=dict)  # metadata given by a .jsonl record
    flags: list[str] = field(default_factory=list)  # what reading repaired (decode_replaced, nul_removed...)


@dataclass
class InputError:
    """A file or record that could not be read; `skipped` marks a note (unknown type), not a failure."""

    source: str
    reason: str
    skipped: bool = False


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype", "<html", "<?xml")) or ("<body" in head and "</" in head)


def _decode(data: bytes, source: str) -> tuple[str, str | None, list[str]]:
    """Text, encoding and repair flags; bad bytes in an otherwise readable page become U+FFFD."""
    from shuanglian.ingest.decode import decode_report, scrub_text  # owned by the cleaning area

    got = decode_report(data, source)
    text, flags = scrub_text(got.text)
    if got.replaced:
        flags.insert(0, "decode_replaced")
    return text, got.encoding, flags


def _size_error(source: str, size: int, limit: int) -> InputError:
    return InputError(source, f"too big: {size} bytes > limit {limit} (SHUANGLIAN_MAX_DOCUMENT_BYTES)")


def _read_file(path: Path, source: str, explicit: bool) -> Iterator[RawInput | InputError]:
    """Read one regular file as text/HTML (or several records for .jsonl)."""
    from shuanglian.ingest.decode import DecodeError

    limit = get_settings().max_document_bytes
    ext = path.suffix.lower()
    if ext in JSONL_EXTS:
        yield from _read_jsonl(path, source, limit)
        return
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # FIFOs and devices would block or never end
            yield InputError(source, "not a regular file")
            return
        size = st.st_size
        if size > limit:
            yield _size_error(source, size, limit)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(source, f"unreadable: {exc.strerror or exc}")
        return
    if not data.strip():
        yield InputError(source, "empty file" if not data else "empty file (whitespace only)")
        return
    try:
        text, enc, flags = _decode(data, source)
    except DecodeError as exc:
        yield InputError(source, f"cannot decode (binary or unknown encoding): {exc}")
        return
    if not text.strip():
        yield InputError(source, "empty after decoding")
        return
    is_html = ext in HTML_EXTS or (explicit and ext not in TEXT_EXTS and _looks_like_html(text))
    yield RawInput(source, text, is_html, enc, flags=flags)


def _record(
    obj: Any, source: str, where: str, enc: str | None, flags: list[str] | None = None
) -> RawInput | InputError:
    """Turn one parsed .jsonl object into an input (`source`), or say what is wrong with it (`where`)."""
    from shuanglian.ingest.decode import scrub_text

    if not isinstance(obj, dict):
        return InputError(where, f"jsonl record is {type(obj).__name__}, expected an object")
    html, text = obj.get("html"), obj.get("text")
    is_html = isinstance(html, str) and bool(html.strip())
    body = html if is_html else text
    if not isinstance(body, str) or not body.strip():
        return InputError(where, "jsonl record has no non-empty 'text' or 'html'")
    # JSON escapes can spell NUL and lone surrogates ("\ud800"), which no later stage can hold
    body, found = scrub_text(body)
    declared = {}
    for k in DECLARED_FIELDS:
        v = obj.get(k)
        if isinstance(v, str) and v.strip():
            declared[k], more = scrub_text(v)
            found += [f for f in more if f not in found]
    if not body.strip():
        return InputError(where, "jsonl record has no non-empty 'text' or 'html'")
    return RawInput(source, body, is_html, enc, declared, flags=[*(flags or []), *found])


def _read_jsonl(path: Path, source: str, limit: int) -> Iterator[RawInput | InputError]:
    """One document per line; a bad line is a failure named `path:LINE`, the rest go on."""
    from shuanglian.ingest.decode import DecodeError

    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputError(source, f"unreadable: {exc.strerror or exc}")
        return
    any_line = False
    with fh:
        for lineno, line in enumerate(fh, start=1):
            rec_src = f"{source}:{lineno}"
            if len(line) > limit:
                yield _size_error(rec_src, len(line), limit)
                continue
            if not line.strip():
                continue
            any_line = True
            enc: str | None = "utf-8"
            flags: list[str] = []
            try:
                # JSON is UTF-8 by definition; fall back to detection for crawlers that wrote GBK
                s = line.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError:
                try:
                    s, enc, flags = _decode(line, rec_src)
                except DecodeError as exc:
                    yield InputError(rec_src, f"cannot decode jsonl line: {exc}")
                    continue
            try:
                obj = json.loads(s)
            except json.JSONDecodeError as exc:
                yield InputError(rec_src, f"bad JSON: {exc.msg} at column {exc.colno}")
                continue
            except RecursionError:
                yield InputError(rec_src, "bad JSON: nested too deeply")
                continue
            except ValueError as exc:  # e.g. an integer literal with too many digits
                yield InputError(rec_src, f"bad JSON: {exc}")
                continue
            yield _record(obj, f"{source}#{lineno}", rec_src, enc, flags)
    if not any_line:
        yield InputError(source, "empty file")


def _walk(root: Path, given: str, errors: list[OSError] | None = None) -> Iterator[tuple[Path, str]]:
    """Files under a folder in a stable order, hidden entries skipped, paths joined to the given one.
    Symlinked folders are not followed (no loops); folders that cannot be listed go to `errors`."""
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append if errors is not None else None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = os.path.relpath(dirpath, root)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            shown = os.path.join(given, name) if rel == "." else os.path.join(given, rel, name)
            yield Path(dirpath) / name, shown


def _guarded(items: Iterator[RawInput | InputError], source: str) -> Iterator[RawInput | InputError]:
    """Whatever goes wrong reading one file becomes that file's named failure; the walk goes on."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - one hostile file must not end the batch
        yield InputError(source, f"unreadable: {type(exc).__name__}: {exc}")


def _folder_errors(errors: list[OSError], given: str, root: Path) -> Iterator[InputError]:
    while errors:
        err = errors.pop(0)
        where = os.path.relpath(err.filename, root) if err.filename else "."
        yield InputError(given if where == "." else os.path.join(given, where),
                         f"unreadable folder: {err.strerror or err}")


def iter_inputs(paths: Sequence[str | Path]) -> Iterator[RawInput | InputError]:
    """Walk files and folders (recursively) and yield decoded inputs or named failures, lazily."""
    for given in paths:
        shown = str(given)
        p = Path(given)
        if p.is_dir():
            errors: list[OSError] = []
            for fp, fshown in _walk(p, shown, errors):
                yield from _folder_errors(errors, shown, p)
                if fp.suffix.lower() not in KNOWN_EXTS:
                    yield InputError(fshown, f"skipped: unsupported file type {fp.suffix or '(none)'}", True)
                    continue
                yield from _guarded(_read_file(fp, fshown, explicit=False), fshown)
            yield from _folder_errors(errors, shown, p)
        elif p.exists() and not p.is_file():
            yield InputError(shown, "not a regular file")
        elif p.exists() or p.is_symlink():
            yield from _guarded(_read_file(p, shown, explicit=True), shown)
        else:
            yield InputError(shown, "no such file or directory")


def count_inputs(paths: Sequence[str | Path]) -> int:
    """Cheap estimate of the number of documents (files, plus lines of .jsonl files) for progress bars."""
    total = 0
    for given in paths:
        p = Path(given)
        files = [fp for fp, _ in _walk(p, str(given))] if p.is_dir() else [p]
        for fp in files:
            if fp.suffix.lower() in JSONL_EXTS:
                try:
                    with fp.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total
