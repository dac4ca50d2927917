"""`shuanglian extract`: clean (or take as plain text) and extract facts, one JSON object per document."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import typer

from shuanglian.cli import app
from shuanglian.document import Document

BATCH = 16  # documents per pipeline batch: the NER stage is much faster batched


def _echo_json(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False))


def _summary(doc: Document) -> str:
    """Readable per-document summary for the terminal."""
    dropped = ", ".join(f"{k} {v}" for k, v in sorted(doc.dropped_counts().items())) or "none"
    kinds: dict[str, int] = {}
    for m in doc.entities:
        kinds[m.kind] = kinds.get(m.kind, 0) + 1
    ents = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none"
    return "\n".join(
        [
            f"== {doc.source}",
            f"   title: {doc.title or '-'}",
            f"   media: {doc.media or '-'}   date: {doc.published or '-'}",
            f"   kept {len(doc.text)} chars; dropped: {dropped}; repairs: {len(doc.repairs)}",
            f"   flags: {', '.join(doc.flags) or 'none'}",
            f"   entities: {ents}; policies {len(doc.policies)}, figures {len(doc.figures)}, "
            f"events {len(doc.events)}",
        ]
    )


def _chunks(files: list[str]) -> Iterator[list[Any]]:
    """Inputs (documents and input errors) in input order, in pipeline-sized chunks."""
    from shuanglian.ingest.readers import iter_inputs

    buf: list[Any] = []
    for item in iter_inputs(files):
        buf.append(item)
        if len(buf) >= BATCH:
            yield buf
            buf = []
    if buf:
        yield buf


@app.command("extract")
def extract(
    files: list[str] = typer.Argument(
        ..., help="Files or folders: .txt .md .html .htm .jsonl (one doc per line)"
    ),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per document per line."),
    plain: bool = typer.Option(False, "--plain", help="Inputs are clean text: nothing dropped or rewritten."),
    full: bool = typer.Option(False, "--full", help="Also print every dropped line and excluded range."),
) -> None:
    """Print what each document keeps and the facts extracted from it (no database). Exit 1 if any failed."""
    from shuanglian.pipeline.default import build_pipeline

    try:
        failed = _run(files, build_pipeline(plain=plain, extract=True), as_json, full)
    except KeyboardInterrupt:
        typer.echo("extract interrupted", err=True)
        raise typer.Exit(130) from None
    raise typer.Exit(1 if failed else 0)


def _run(files: list[str], pipeline: Any, as_json: bool, full: bool) -> int:
    """Process and print every input in order; returns the number of failures."""
    from shuanglian.ingest.readers import InputError
    from shuanglian.services.documents import apply_declared, document_from_input

    failed = 0
    for chunk in _chunks(files):
        docs = [document_from_input(it) for it in chunk if not isinstance(it, InputError)]
        pipeline.batch(docs)
        done = iter(docs)
        for item in chunk:
            if isinstance(item, InputError) and item.skipped:
                typer.echo(f"skipped {item.source}: {item.reason}", err=True)
                continue
            doc = None if isinstance(item, InputError) else apply_declared(next(done))
            error = item.reason if isinstance(item, InputError) else doc and doc.error
            if doc is None or error:
                failed += 1
                source = doc.source if doc else item.source
                if as_json:
                    _echo_json({"source": source, "error": error})
                else:
                    typer.echo(f"== {source}\n   FAILED: {error}")
            else:
                typer.echo(
                    json.dumps(doc.to_json(full=full), ensure_ascii=False) if as_json else _summary(doc)
                )
    return failed
