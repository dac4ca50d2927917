"""Input discovery: walk files and folders, read and decode each document, name every failure.

Supported: `.txt`, `.md` (text), `.html`/`.htm` (HTML) and `.jsonl` (one document per line with
`text` or `html`, optional `url`, `title`, `published`, `source`). A file over
`settings.max_document_bytes` (or a `.jsonl` line over it) is refused without being read whole.
"""

from __future__ import annotations

import json
import os
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


@dataclass
class InputError:
    """A file or record that could not be read; `skipped` marks a note (unknown type), not a failure."""

    source: str
    reason: str
    skipped: bool = False


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype", "<html", "<?xml")) or ("<body" in head and "</" in head)


def _decode(data: bytes, source: str) -> tuple[str, str | None]:
    from shuanglian.ingest.decode import decode_bytes  # owned by the cleaning area

    text, enc = decode_bytes(data, source)
    return text, enc


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
        size = path.stat().st_size
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
        text, enc = _decode(data, source)
    except DecodeError as exc:
        yield InputError(source, f"cannot decode (binary or unknown encoding): {exc}")
        return
    text = text.replace("\x00", "")  # PostgreSQL text cannot hold NUL; never meaningful in a page
    if not text.strip():
        yield InputError(source, "empty after decoding")
        return
    is_html = ext in HTML_EXTS or (explicit and ext not in TEXT_EXTS and _looks_like_html(text))
    yield RawInput(source, text, is_html, enc)


def _record(obj: Any, source: str, where: str, enc: str | None) -> RawInput | InputError:
    """Turn one parsed .jsonl object into an input (`source`), or say what is wrong with it (`where`)."""
    if not isinstance(obj, dict):
        return InputError(where, f"jsonl record is {type(obj).__name__}, expected an object")
    html, text = obj.get("html"), obj.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        return InputError(where, "jsonl record has no non-empty 'text' or 'html'")
    declared = {k: obj[k] for k in DECLARED_FIELDS if isinstance(obj.get(k), str) and obj[k].strip()}
    return RawInput(source, body.replace("\x00", ""), body is html, enc, declared)


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
            try:
                # JSON is UTF-8 by definition; fall back to detection for crawlers that wrote GBK
                s = line.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError:
                try:
                    s, enc = _decode(line, rec_src)
                except DecodeError as exc:
                    yield InputError(rec_src, f"cannot decode jsonl line: {exc}")
                    continue
            try:
                obj = json.loads(s)
            except json.JSONDecodeError as exc:
                yield InputError(rec_src, f"bad JSON: {exc.msg} at column {exc.colno}")
                continue
            yield _record(obj, f"{source}#{lineno}", rec_src, enc)
    if not any_line:
        yield InputError(source, "empty file")


def _walk(root: Path, given: str) -> Iterator[tuple[Path, str]]:
    """Files under a folder in a stable order, hidden entries skipped, paths joined to the given one."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = os.path.relpath(dirpath, root)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            shown = os.path.join(given, name) if rel == "." else os.path.join(given, rel, name)
            yield Path(dirpath) / name, shown


def iter_inputs(paths: Sequence[str | Path]) -> Iterator[RawInput | InputError]:
    """Walk files and folders (recursively) and yield decoded inputs or named failures, lazily."""
    for given in paths:
        shown = str(given)
        p = Path(given)
        if p.is_dir():
            for fp, fshown in _walk(p, shown):
                if fp.suffix.lower() not in KNOWN_EXTS:
                    yield InputError(fshown, f"skipped: unsupported file type {fp.suffix or '(none)'}", True)
                    continue
                yield from _read_file(fp, fshown, explicit=False)
        elif p.exists() and not p.is_file():
            yield InputError(shown, "not a regular file")
        elif p.exists() or p.is_symlink():
            yield from _read_file(p, shown, explicit=True)
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
