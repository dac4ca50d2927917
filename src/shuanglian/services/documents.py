"""Document services: ingest files or built documents into the store, list and show stored documents.

Ingest is idempotent and resumable: each small batch of documents is committed in one transaction
(a crash or Ctrl-C loses at most the batch in flight; a document that makes the write fail is retried
alone so only it fails), and content hashes already stored are skipped before the expensive pipeline
runs, so re-running the same command continues where it stopped.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datasketch import MinHash
from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, load_only
from sqlalchemy.sql.elements import ColumnElement

from shuanglian.document import EXTRACTOR_KEY, EXTRACTOR_VERSION_KEY, Document
from shuanglian.ingest.near_dup import (
    Match,
    NearDuplicateIndex,
    StoredNearDuplicateIndex,
    band_rows,
    recut_bands,
    signature,
)
from shuanglian.ingest.readers import InputError, RawInput, iter_inputs
from shuanglian.pipeline import Pipeline
from shuanglian.pipeline.default import pipeline_factory
from shuanglian.pipeline.runners import make_runner
from shuanglian.samples import pages_dir
from shuanglian.settings import get_settings
from shuanglian.store.db import init_db, session_scope
from shuanglian.store.documents import DocumentBand, DocumentRow, IngestFailure

# progress(kind, source): kind is one of stored, copy, duplicate, failed, skipped
Progress = Callable[[str, str], None]
GraphHook = Callable[[Session, DocumentRow], Any]
GraphBatchHook = Callable[[Session, list[DocumentRow]], Any]


@dataclass
class IngestReport:
    """What one ingest batch did: counts, each failure with its reason, and whether it was interrupted."""

    batch: str = ""
    stored: int = 0  # new documents written (copies included)
    duplicates: int = 0  # identical content already stored (or repeated in this batch)
    copies: int = 0  # stored, and linked to an earlier near-duplicate
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # notes, e.g. unsupported file types
    ids: list[str] = field(default_factory=list)
    copy_links: list[tuple[str, str, float]] = field(default_factory=list)  # (id, copy_of, similarity)
    interrupted: bool = False
    chars: int = 0  # cleaned characters stored
    placed: int = 0  # entities (re)placed on chain links after the batch
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when nothing failed and the batch ran to the end."""
        return not self.failed and not self.interrupted

    def to_json(self) -> dict[str, Any]:
        """The summary printed by `shuanglian ingest --json`."""
        return {
            "batch": self.batch,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "copies": self.copies,
            "failed": [{"source": s, "reason": r} for s, r in self.failed],
            "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
            "ids": self.ids,
            "copy_links": [{"id": i, "copy_of": c, "similarity": sim} for i, c, sim in self.copy_links],
            "interrupted": self.interrupted,
            "chars": self.chars,
            "placed": self.placed,
            "seconds": round(self.seconds, 3),
        }


def _graph_hook() -> GraphHook | None:
    """Per-document graph hook (kept for callers that store one row at a time)."""
    return lambda session, row: _graph_batch(session, [row])


def _graph_batch_hook() -> GraphBatchHook | None:
    """The batch hook: statements of every document of the batch, then one apply_changes."""
    return _graph_batch


def _graph_batch(session: Session, rows: list[DocumentRow]) -> int:
    """Write the batch's statements and bring every projection up to date (same transaction); returns
    the number of entities placed on chain links."""
    from shuanglian.graph.build import add_documents_statements
    from shuanglian.projections import apply_changes

    add_documents_statements(session, rows, resolve=False)
    return apply_changes(session).stats.get("placed", 0)


def _stamp_external(doc: Document) -> Document:
    """Documents handed over already processed keep the extractor they name; without one they are
    recorded as `external` with an unknown version, so their statements still carry provenance."""
    if doc.entities or doc.policies or doc.figures or doc.events:
        doc.meta.setdefault(EXTRACTOR_KEY, "external")
        doc.meta.setdefault(EXTRACTOR_VERSION_KEY, "unknown")
    return doc


def document_from_input(item: RawInput) -> Document:
    """Build a pipeline document from a decoded input; declared (.jsonl) metadata is pre-filled."""
    declared = dict(item.declared)
    doc = Document(source=declared.get("source") or item.source, raw=item.raw, is_html=item.is_html)
    doc.encoding = item.encoding
    for flag in item.flags:  # what reading repaired (bad bytes replaced, NUL removed)
        doc.flag(flag)
    doc.url = declared.get("url")
    doc.title = declared.get("title")
    doc.published = declared.get("published")
    if declared:
        doc.meta["declared"] = declared
    if doc.source != item.source:
        doc.meta["input"] = item.source
    return doc


def apply_declared(doc: Document) -> Document:
    """Metadata a .jsonl record states explicitly wins over what cleaning guessed from the page."""
    declared = doc.meta.get("declared") or {}
    for key in ("title", "published", "url"):
        if declared.get(key):
            setattr(doc, key, declared[key])
    return doc


def _record_failure(db_url: str | None, source: str, reason: str, batch: str) -> None:
    """Store a failure (one current row per source, so re-runs do not pile up copies)."""
    with session_scope(db_url) as s:
        s.execute(delete(IngestFailure).where(IngestFailure.source == source))
        s.add(IngestFailure(source=source, reason=reason, batch=batch))


def _load_state(db_url: str | None, threshold: float) -> tuple[set[str], NearDuplicateIndex]:
    """Stored content hashes and the near-duplicate index, whose stored originals are read by band key when
    a page is looked up (document_bands, issue 11), never loaded whole."""
    with session_scope(db_url) as s:
        known = set(s.scalars(select(DocumentRow.content_hash)))
        recut_bands(s, threshold)
    return known, StoredNearDuplicateIndex(threshold, lambda: session_scope(db_url))


class _Ingester:
    """One batch: filters inputs, runs the pipeline, stores each result in its own transaction."""

    def __init__(self, db_url: str | None, progress: Progress | None) -> None:
        self.db_url = db_url
        self.progress = progress or (lambda kind, source: None)
        self.report = IngestReport(batch=uuid.uuid4().hex[:12])
        self.known, self.index = _load_state(db_url, get_settings().near_duplicate_threshold)
        self.hook = _graph_hook()
        # one graph resolution pass per batch when the graph offers it, else the per-row hook
        self.batch_hook = _graph_batch_hook()
        with session_scope(db_url) as s:
            # sources with a recorded failure: a successful store clears theirs (no query otherwise)
            self.failed_sources = set(s.scalars(select(IngestFailure.source).distinct()))

    def fail(self, source: str, reason: str) -> None:
        """Record and report one failure; the batch goes on."""
        _record_failure(self.db_url, source, reason, self.report.batch)
        self.failed_sources.add(source)
        self.report.failed.append((source, reason))
        self.progress("failed", source)

    def fresh(self, items: Iterable[Document | RawInput | InputError]) -> Generator[Document, None, None]:
        """Documents not stored yet; input errors recorded, exact duplicates counted and dropped."""
        for item in items:
            if isinstance(item, InputError):
                if item.skipped:
                    self.report.skipped.append((item.source, item.reason))
                    self.progress("skipped", item.source)
                else:
                    self.fail(item.source, item.reason)
                continue
            doc = document_from_input(item) if isinstance(item, RawInput) else item
            h = doc.content_hash
            if h in self.known:
                self.report.duplicates += 1
                self.progress("duplicate", doc.source)
                continue
            self.known.add(h)
            yield doc

    def _stored_elsewhere(self, content_hash: str) -> bool:
        with session_scope(self.db_url) as s:
            return (
                s.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == content_hash)) is not None
            )

    def _prepare(self, doc: Document) -> tuple[DocumentRow, MinHash | None, Match | None] | None:
        """Row, signature and near-duplicate match for a processed document (None if it failed)."""
        if doc.error:
            self.known.discard(doc.content_hash)  # let a later run retry it
            self.fail(doc.source, doc.error)
            return None
        apply_declared(doc)
        if not doc.text.strip():
            doc.flag("empty_text")
        sig = signature(doc.text)
        match = self.index.find(sig)
        row = DocumentRow.from_document(doc, minhash=[int(v) for v in sig.hashvalues] if sig else None)
        if match is not None:
            row.copy_of, row.copy_similarity = match.doc_id, round(match.similarity, 4)
        return row, sig, match

    def _write(self, rows: list[DocumentRow]) -> int:
        """One transaction: the rows, their graph statements and projections, and clearing their old
        failures; returns the number of entities placed on chain links."""
        placed = 0
        with session_scope(self.db_url) as s:
            s.add_all(rows)
            s.flush()
            bands = band_rows(rows, self.index.threshold)
            if bands:  # the originals' LSH bands, for later runs' near-duplicate lookups
                s.execute(insert(DocumentBand), bands)
            if self.batch_hook is not None:
                placed = int(self.batch_hook(s, rows) or 0)
            elif self.hook is not None:
                for row in rows:
                    placed += int(self.hook(s, row) or 0)
            cleared = [r.source for r in rows if r.source in self.failed_sources]
            if cleared:
                s.execute(delete(IngestFailure).where(IngestFailure.source.in_(cleared)))
        return placed

    def store(self, docs: list[Document]) -> None:
        """Write processed documents atomically (one small batch); on error retry one by one so only
        the bad document fails, the rest are stored."""
        prepared: list[tuple[Document, DocumentRow, Match | None]] = []
        for doc in docs:
            got = self._prepare(doc)
            if got is None:
                continue
            row, sig, match = got
            # indexed before commit so a copy later in the same batch links to it; undone on rollback
            self.index.add(doc.doc_id, sig, match.doc_id if match else None)
            prepared.append((doc, row, match))
        if not prepared:
            return
        # Rows are not read after the transaction: the graph hook may have expired them.
        try:
            placed = self._write([row for _, row, _ in prepared])
        except BaseException as exc:
            for doc, _, _ in prepared:
                self.index.remove(doc.doc_id)
            if not isinstance(exc, Exception):
                raise  # Ctrl-C: this batch is rolled back, a re-run stores it
            if len(prepared) > 1:
                for doc, _, _ in prepared:
                    self.store([doc])
            else:
                self._failed_write(prepared[0][0], exc)
            return
        rep = self.report
        rep.placed += placed
        for doc, _row, match in prepared:
            rep.stored += 1
            rep.chars += len(doc.text)
            rep.ids.append(doc.doc_id)
            if match is not None:
                rep.copies += 1
                rep.copy_links.append((doc.doc_id, match.doc_id, round(match.similarity, 4)))
            self.progress("copy" if match else "stored", doc.source)

    def _failed_write(self, doc: Document, exc: Exception) -> None:
        """Classify a failed single-document write: a concurrent duplicate, or a recorded failure."""
        if isinstance(exc, IntegrityError) and self._stored_elsewhere(doc.content_hash):
            # another writer stored the same content since this batch started
            self.report.duplicates += 1
            self.progress("duplicate", doc.source)
            return
        self.known.discard(doc.content_hash)
        detail = exc.orig if isinstance(exc, IntegrityError) else exc
        self.fail(doc.source, f"store: {type(exc).__name__}: {detail}")


def ingest_documents(
    docs: Iterable[Document | RawInput | InputError],
    db_url: str | None = None,
    runner: str | Any = "local",
    progress: Progress | None = None,
    *,
    workers: int = 2,
    batch_size: int = 48,
    processed: bool = False,
    factory: Callable[[], Pipeline] | None = None,
    ray_address: str | None = None,
    write_batch: int | None = None,
) -> IngestReport:
    """Store documents (raw ones go through the pipeline; `processed=True` stores them as they are).

    `runner` is a name (local, process, ray) or a runner object kept by the caller (its workers start
    once for many calls); `write_batch` documents are written per transaction (default `batch_size`):
    workers process small chunks, the driver writes and projects large batches.
    Ctrl-C is caught: the report comes back with `interrupted=True` and everything committed so far.
    """
    t0 = time.perf_counter()
    init_db(db_url)
    ing = _Ingester(db_url, progress)
    stream = ing.fresh(docs)
    try:
        if processed:
            done = map(_stamp_external, stream)
        else:
            run = runner if not isinstance(runner, str) else \
                make_runner(runner, factory or pipeline_factory(), workers, batch_size, ray_address)  # fmt: skip
            done = run.run(stream)
        pending: list[Document] = []
        per_write = write_batch or batch_size
        for doc in done:
            pending.append(doc)
            if len(pending) >= per_write:
                ing.store(pending)
                pending = []
        if pending:
            ing.store(pending)
    except KeyboardInterrupt:
        ing.report.interrupted = True
    finally:
        stream.close()
    ing.report.seconds = time.perf_counter() - t0
    return ing.report


def ingest_paths(
    paths: Sequence[str | Path],
    db_url: str | None = None,
    runner: str = "local",
    progress: Progress | None = None,
    *,
    workers: int = 2,
    batch_size: int = 48,
    plain: bool = False,
    extract: bool = True,
    factory: Callable[[], Pipeline] | None = None,
    ray_address: str | None = None,
    write_batch: int | None = None,
) -> IngestReport:
    """Ingest files and folders (recursively) into the database; see `ingest_documents`."""
    return ingest_documents(
        iter_inputs(paths),
        db_url,
        runner,
        progress,
        workers=workers,
        batch_size=batch_size,
        factory=factory or pipeline_factory(plain=plain, extract=extract),
        ray_address=ray_address,
        write_batch=write_batch,
    )


def ingest_samples(db_url: str | None = None, progress: Progress | None = None) -> IngestReport:
    """Ingest the bundled sample pages in `<samples>/pages` (idempotent: a second call stores nothing new)."""
    d = pages_dir()  # the samples root also holds registers and a README: not documents
    if not d.is_dir():
        raise FileNotFoundError(f"no bundled samples at {d}")
    return ingest_paths([d], db_url, progress=progress)


# --- reading -----------------------------------------------------------------------------------------

SORT_COLUMNS = {
    "created": DocumentRow.created_at,
    "published": DocumentRow.published,
    "title": DocumentRow.title,
    "source": DocumentRow.source,
    "chars": DocumentRow.chars,
}
_LIST_COLUMNS = (
    DocumentRow.id,
    DocumentRow.source,
    DocumentRow.url,
    DocumentRow.title,
    DocumentRow.published,
    DocumentRow.media,
    DocumentRow.chars,
    DocumentRow.flags,
    DocumentRow.copy_of,
    DocumentRow.copy_similarity,
    DocumentRow.created_at,
)


@dataclass
class DocumentPage:
    """One page of a document listing plus the total matching count."""

    items: list[DocumentRow]
    total: int
    limit: int
    offset: int


def _like(q: str) -> str:
    esc = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


def list_documents(
    session: Session, limit: int = 50, offset: int = 0, q: str | None = None, sort: str = "-created"
) -> DocumentPage:
    """Stored documents, newest first by default; `q` matches title/text/source, `sort` = [-]column."""
    key = sort.lstrip("-")
    if key not in SORT_COLUMNS:
        raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORT_COLUMNS)} (prefix - for descending)")
    col = SORT_COLUMNS[key]
    # Ties by id in the same direction: (column, id) indexes then serve the whole ORDER BY.
    desc = sort.startswith("-")
    order: list[ColumnElement[Any]] = [
        col.desc() if desc else col.asc(),
        DocumentRow.id.desc() if desc else DocumentRow.id.asc(),
    ]
    stmt = select(DocumentRow).options(load_only(*_LIST_COLUMNS))
    count = select(func.count()).select_from(DocumentRow)
    if q:
        pat = _like(q)
        cond = or_(
            DocumentRow.title.like(pat, escape="\\"),
            DocumentRow.text.like(pat, escape="\\"),
            DocumentRow.source.like(pat, escape="\\"),
        )
        stmt, count = stmt.where(cond), count.where(cond)
    limit = max(0, min(limit, 1000))
    items = list(session.scalars(stmt.order_by(*order).limit(limit).offset(max(0, offset))))
    return DocumentPage(items, int(session.scalar(count) or 0), limit, offset)


def get_document(session: Session, doc_id: str) -> DocumentRow | None:
    """One stored document by id (or None)."""
    return session.get(DocumentRow, doc_id)


def document_summary(row: DocumentRow) -> dict[str, Any]:
    """The JSON line for a document in listings (no text, no raw)."""
    return {
        "id": row.id,
        "source": row.source,
        "url": row.url,
        "title": row.title,
        "published": row.published,
        "media": row.media,
        "chars": row.chars,
        "flags": list(row.flags or []),
        "copy_of": row.copy_of,
        "copy_similarity": row.copy_similarity,
        "created_at": row.created_at.isoformat() if row.created_at else None,
    }


def document_detail(row: DocumentRow) -> dict[str, Any]:
    """Everything about one document: summary, cleaned text, dropped lines, repairs and facts."""
    out = document_summary(row)
    out.update(
        {
            "encoding": row.encoding,
            "is_html": row.is_html,
            "text": row.text,
            "repairs": row.repairs,
            "dropped": row.dropped,
            "excluded": row.excluded,
            **{k: (row.facts or {}).get(k, []) for k in ("entities", "policies", "figures", "events", "projects")},
            "extractor_version": row.extractor_version,
        }
    )
    return out


def list_failures(session: Session, limit: int = 100, offset: int = 0) -> list[IngestFailure]:
    """Current ingest failures (one per source), newest first."""
    stmt = select(IngestFailure).order_by(IngestFailure.created_at.desc(), IngestFailure.id.desc())
    return list(session.scalars(stmt.limit(limit).offset(offset)))
