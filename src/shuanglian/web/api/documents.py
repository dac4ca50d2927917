"""Documents: list (paged, sorted, filtered), show (text, dropped lines, repairs, facts), upload + ingest."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path

from fastapi import APIRouter, Depends, File, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from shuanglian.graph.audit import record
from shuanglian.ingest.readers import InputError, RawInput, iter_inputs
from shuanglian.services import documents as docs
from shuanglian.settings import get_settings
from shuanglian.web.auth import Principal
from shuanglian.web.deps import Paging, get_db, page_envelope, paging, require_editor, require_viewer
from shuanglian.web.errors import ApiError

router = APIRouter(prefix="/api/documents", tags=["documents"])
MAX_UPLOAD_FILES = 50


@router.get("")
def list_documents(
    pg: Paging = Depends(paging),
    q: str | None = Query(None, max_length=200, description="substring of title, text or source"),
    sort: str = Query("-created", description="created|published|title|source|chars, prefix - for descending"),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Stored documents, newest first by default."""
    try:
        page = docs.list_documents(db, limit=pg.limit, offset=pg.offset, q=q, sort=sort)
    except ValueError as exc:
        raise ApiError(422, str(exc), "invalid_sort") from exc
    return page_envelope([docs.document_summary(r) for r in page.items], page.total, pg)


@router.get("/{doc_id}")
def show_document(doc_id: str, _p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """One document: cleaned text, what was dropped and why, repairs and extracted facts."""
    row = docs.get_document(db, doc_id)
    if row is None:
        raise ApiError(404, f"no document {doc_id!r}")
    return docs.document_detail(row)


async def ingest_uploads(request: Request, files: list[UploadFile], p: Principal) -> dict:
    """Keep the uploaded originals under the data directory (names kept, so errors name the file), ingest them."""
    if not files:
        raise ApiError(422, "no files uploaded", "no_files")
    if len(files) > MAX_UPLOAD_FILES:
        raise ApiError(413, f"at most {MAX_UPLOAD_FILES} files per upload")
    url = request.app.state.db_url
    settings = get_settings()
    # The original bytes are kept (the database holds the decoded text): an analyst can always go
    # back to exactly what was uploaded, e.g. to re-decode a file after an encoding fix.
    folder = upload_folder()
    shown: dict[str, str] = {}
    refused: list[InputError] = []
    total = 0
    for i, f in enumerate(files):
        name = Path(f.filename or "").name or f"upload-{i}.txt"
        # a .jsonl file is limited per line by the reader; any other file per file, unread beyond it
        cap = settings.max_upload_bytes if name.lower().endswith((".jsonl", ".ndjson")) else settings.max_document_bytes
        data = await f.read(cap + 1)
        total += len(data)
        if total > settings.max_upload_bytes:
            shutil.rmtree(folder, ignore_errors=True)
            raise ApiError(413, f"upload larger than {settings.max_upload_bytes} bytes (SHUANGLIAN_MAX_UPLOAD_BYTES)",
                           "upload_too_big")
        if len(data) > cap:
            refused.append(InputError(f"upload:{name}", f"too big: more than {cap} bytes; not kept"))
            continue
        target = folder / f"{i:03d}" / name  # one folder per file: same names may repeat
        target.parent.mkdir(parents=True)
        target.write_bytes(data)
        shown[str(target)] = f"upload:{name}"
    # The pipeline is CPU-bound and blocking: run it in a worker thread so the server keeps answering.
    items = chain(refused, _renamed(iter_inputs(list(shown)), shown))
    report = await run_in_threadpool(docs.ingest_documents, items, url)
    # Originals refused whole (empty, binary, undecodable, failed in the pipeline) are not kept;
    # a .jsonl with some bad lines is (its failures are named `file:LINE`).
    failed_whole = {src for src, _ in report.failed}
    for path, name in shown.items():
        if name in failed_whole:
            shutil.rmtree(Path(path).parent, ignore_errors=True)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    out = report.to_json()
    from shuanglian.store.db import session_scope

    with session_scope(url) as s:
        record(s, p.username, "ingest", "documents", report.batch, None,
               {"stored": report.stored, "ids": report.ids[:100], "failed": len(report.failed)})
    return out


def upload_folder() -> Path:
    """A new folder for one upload batch: `<data_dir>/uploads/<UTC time>-<random>`."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return get_settings().data_dir / "uploads" / f"{stamp}-{uuid.uuid4().hex[:8]}"


def _renamed(items: Iterable[RawInput | InputError], shown: dict[str, str]) -> Iterator[RawInput | InputError]:
    """Name uploads `upload:<file name>` (plus `#LINE` / `:LINE` for .jsonl records), never by their
    server path: the path is replaced wherever it appears, in sources and in failure reasons."""
    for item in items:
        for path, name in shown.items():
            if path in item.source:
                item.source = item.source.replace(path, name)
                if isinstance(item, InputError):
                    item.reason = item.reason.replace(path, name)
                break
        yield item



@router.post("", status_code=201)
async def upload_documents(
    request: Request,
    files: list[UploadFile] = File(..., description=".txt .html .htm .md .jsonl files"),
    p: Principal = Depends(require_editor),
) -> dict:
    """Upload files and ingest them (editors); the report lists stored ids and per-file failures."""
    return await ingest_uploads(request, files, p)
