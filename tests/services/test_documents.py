"""Ingest service: idempotent, resumable, near-duplicates linked, failures recorded while the batch goes on."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.document import Document
from shuanglian.pipeline import Pipeline
from shuanglian.pipeline.default import build_pipeline
from shuanglian.samples import pages_dir
from shuanglian.services import documents as svc
from shuanglian.store.db import session_scope
from shuanglian.store.documents import DocumentRow, IngestFailure
from tests.ingest.articles import ARTICLE_A, ARTICLE_B, edited, site_one, site_two

TITLE_A = "深圳召开高端医疗器械产业链对接会"
TITLE_B = "天津大学与南开大学共建联合研究平台"


def _pages(folder: Path, n: int) -> list[Path]:
    """n different articles (each with its own lead paragraph) as text dumps."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        lead = (
            f"第{i + 1}号稿件:"
            + "、".join(f"{c}{i}" for c in "甲乙丙丁戊己庚辛壬癸")
            + "等单位参加了本次活动。"
        )
        paras = [lead, *(ARTICLE_A if i % 2 else ARTICLE_B)]
        p = folder / f"page{i:02d}.txt"
        p.write_text(site_one(f"{TITLE_A}之{i}", paras), encoding="utf-8")
        out.append(p)
    return out


def _count(db_url: str, model: type) -> int:
    with session_scope(db_url) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _use_hook(monkeypatch: pytest.MonkeyPatch, hook: Callable[[Session, DocumentRow], int] | None) -> None:
    """Replace the graph area's hooks with a per-row test hook (or none)."""
    monkeypatch.setattr(svc, "_graph_hook", lambda: hook)
    monkeypatch.setattr(svc, "_graph_batch_hook", lambda: None)


def _clean_only() -> Pipeline:
    return build_pipeline(extract=False)


class Bomb:
    """A stage that raises on its n-th document (simulates a crash or Ctrl-C mid-batch)."""

    name = "bomb"

    def __init__(self, at: int, exc: BaseException) -> None:
        self.at, self.exc, self.seen = at, exc, 0

    def __call__(self, doc: Document) -> Document:
        self.seen += 1
        if self.seen == self.at:
            raise self.exc
        return doc


def _with_bomb(bomb: Bomb) -> Callable[[], Pipeline]:
    return lambda: Pipeline([*_clean_only().stages, bomb])


def test_same_content_twice_is_stored_once(db_url: str, tmp_path: Path) -> None:
    pages = _pages(tmp_path / "in", 3)
    (tmp_path / "in" / "again.txt").write_bytes(pages[0].read_bytes())  # same content, other name
    first = svc.ingest_paths([tmp_path / "in"], db_url, factory=_clean_only)
    assert (first.stored, first.duplicates, first.failed) == (3, 1, [])
    second = svc.ingest_paths([tmp_path / "in"], db_url, factory=_clean_only)
    assert (second.stored, second.duplicates, second.failed) == (0, 4, [])
    assert _count(db_url, DocumentRow) == 3


def test_interrupt_mid_batch_keeps_earlier_documents_and_rerun_resumes(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _pages(folder, 5)
    report = svc.ingest_paths(
        [folder], db_url, batch_size=1, factory=_with_bomb(Bomb(3, KeyboardInterrupt()))
    )
    assert report.interrupted and not report.ok
    assert report.stored == 2 and _count(db_url, DocumentRow) == 2
    assert _count(db_url, IngestFailure) == 0  # an interrupt is not a document failure
    rerun = svc.ingest_paths([folder], db_url, batch_size=1, factory=_clean_only)
    assert (rerun.stored, rerun.duplicates, rerun.interrupted) == (3, 2, False)
    assert _count(db_url, DocumentRow) == 5


def test_interrupt_inside_the_store_transaction_rolls_that_document_back(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pages(tmp_path / "in", 4)
    calls: list[str] = []

    def hook(session: Session, row: DocumentRow) -> int:
        # writes in the same transaction as the row, then "crashes" on the third document
        session.add(IngestFailure(source=f"marker:{row.id}", reason="hook ran"))
        calls.append(row.id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return 1

    _use_hook(monkeypatch, hook)
    report = svc.ingest_paths([tmp_path / "in"], db_url, batch_size=1, factory=_clean_only)
    assert report.interrupted and report.stored == 2
    with session_scope(db_url) as s:
        ids = set(s.scalars(select(DocumentRow.id)))
        markers = set(s.scalars(select(IngestFailure.source)))
    assert ids == set(calls[:2]) and markers == {f"marker:{i}" for i in calls[:2]}


def test_graph_hook_error_fails_only_that_document(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pages(tmp_path / "in", 3)

    def hook(session: Session, row: DocumentRow) -> int:
        failing = row.source.endswith("page01.txt")
        # a hook may expire what is in the session: the service must not read the row afterwards
        session.expire_all()
        if failing:
            raise ValueError("no such register")
        return 0

    _use_hook(monkeypatch, hook)
    report = svc.ingest_paths([tmp_path / "in"], sqlite_url, factory=_clean_only)
    assert report.stored == 2
    [(source, reason)] = report.failed
    assert source.endswith("page01.txt") and "ValueError: no such register" in reason
    assert _count(sqlite_url, DocumentRow) == 2
    # fixed: the re-run stores it and clears the recorded failure
    _use_hook(monkeypatch, None)
    again = svc.ingest_paths([tmp_path / "in"], sqlite_url, factory=_clean_only)
    assert (again.stored, again.duplicates, again.failed) == (1, 2, [])
    assert _count(sqlite_url, IngestFailure) == 0


def test_stage_exception_is_a_recorded_failure_and_batch_continues(sqlite_url: str, tmp_path: Path) -> None:
    _pages(tmp_path / "in", 4)
    report = svc.ingest_paths(
        [tmp_path / "in"], sqlite_url, batch_size=1, factory=_with_bomb(Bomb(3, RuntimeError("boom")))
    )
    assert report.stored == 3 and not report.interrupted
    [(source, reason)] = report.failed
    assert source.endswith("page02.txt") and "bomb: RuntimeError: boom" in reason
    with session_scope(sqlite_url) as s:
        [failure] = s.scalars(select(IngestFailure)).all()
    assert failure.source == source and failure.batch == report.batch


def test_bad_inputs_are_recorded_while_the_rest_is_stored(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    _pages(folder, 2)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.htm").write_bytes(b"\x00\x01\x02\x03PK\x03\x04" * 300)
    (folder / "huge.txt").write_text("深" * 3000, encoding="utf-8")
    (folder / "locked.md").write_text("深圳", encoding="utf-8")
    good = json.dumps({"text": site_one(TITLE_B, ARTICLE_B), "title": TITLE_B}, ensure_ascii=False)
    (folder / "dump.jsonl").write_text(good + "\n{oops\n", encoding="utf-8")
    monkeypatch.setenv("SHUANGLIAN_MAX_DOCUMENT_BYTES", "8000")
    svc.get_settings.cache_clear()
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    try:
        report = svc.ingest_paths([folder], sqlite_url, factory=_clean_only)
    finally:
        monkeypatch.delenv("SHUANGLIAN_MAX_DOCUMENT_BYTES")
        svc.get_settings.cache_clear()
    failed = {Path(s).name: r for s, r in report.failed}
    assert set(failed) == {"empty.txt", "binary.htm", "huge.txt", "locked.md", "dump.jsonl:2"}
    assert failed["huge.txt"].startswith("too big") and failed["locked.md"].startswith("unreadable")
    assert report.stored == 3  # two pages and the good jsonl record
    with session_scope(sqlite_url) as s:
        recorded = {Path(f.source).name: f.reason for f in s.scalars(select(IngestFailure))}
        titles = set(s.scalars(select(DocumentRow.title)))
    assert recorded == failed
    assert TITLE_B in titles  # declared jsonl title kept


@pytest.mark.parametrize("encoding", ["gbk", "big5", "utf-8-sig"])
def test_legacy_encodings_are_ingested(sqlite_url: str, tmp_path: Path, encoding: str) -> None:
    phrase = "迈瑞医疗介绍了监护仪和除颤仪核心传感器的研发进展"
    text = site_one(TITLE_A, ARTICLE_A).replace("©", "")  # no © in GBK/Big5
    if encoding == "big5":
        import opencc

        text = opencc.OpenCC("s2tw").convert(text)  # a Taiwan/Hong Kong repost in traditional script
    f = tmp_path / f"page-{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    report = svc.ingest_paths([f], sqlite_url, factory=_clean_only)
    assert report.stored == 1, report.failed
    with session_scope(sqlite_url) as s:
        row = s.scalars(select(DocumentRow)).one()
    assert row.raw.lstrip("\ufeff") == text  # decoded exactly
    assert phrase in row.text  # simplified after cleaning


def test_republished_copy_is_linked_and_other_article_is_not(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_original.txt").write_text(site_one(TITLE_A, ARTICLE_A), encoding="utf-8")
    (folder / "b_repost.txt").write_text(site_two(TITLE_A, edited(ARTICLE_A)), encoding="utf-8")
    (folder / "c_other.txt").write_text(site_two(TITLE_B, ARTICLE_B), encoding="utf-8")
    report = svc.ingest_paths([folder], db_url, factory=_clean_only)
    assert (report.stored, report.copies) == (3, 1)
    with session_scope(db_url) as s:
        rows = {Path(r.source).name: r for r in s.scalars(select(DocumentRow))}
    original, repost, other = rows["a_original.txt"], rows["b_repost.txt"], rows["c_other.txt"]
    assert repost.copy_of == original.id and (repost.copy_similarity or 0) >= 0.8
    assert original.copy_of is None and other.copy_of is None
    # the index is rebuilt from the database: a later batch still finds the original
    (tmp_path / "later.txt").write_text(site_two(TITLE_A + "(转载)", ARTICLE_A), encoding="utf-8")
    later = svc.ingest_paths([tmp_path / "later.txt"], db_url, factory=_clean_only)
    assert later.copies == 1 and later.copy_links[0][1] == original.id


def test_list_and_get_documents(sqlite_url: str, tmp_path: Path) -> None:
    _pages(tmp_path / "in", 5)
    report = svc.ingest_paths([tmp_path / "in"], sqlite_url, factory=_clean_only)
    with session_scope(sqlite_url) as s:
        page = svc.list_documents(s, limit=2, offset=0, sort="source")
        assert page.total == 5 and [Path(r.source).name for r in page.items] == ["page00.txt", "page01.txt"]
        summary = svc.document_summary(page.items[0])
        assert {"id", "title", "published", "media", "chars", "copy_of"} <= set(summary)
        hits = svc.list_documents(s, q="第3号稿件")
        assert [Path(r.source).name for r in hits.items] == ["page02.txt"]
        assert svc.list_documents(s, q="100%_不存在").total == 0
        with pytest.raises(ValueError, match="unknown sort"):
            svc.list_documents(s, sort="raw")
        row = svc.get_document(s, report.ids[0])
        assert row is not None
        detail = svc.document_detail(row)
        assert detail["text"] == row.text and {"entities", "dropped", "repairs"} <= set(detail)
        assert svc.get_document(s, "0" * 16) is None


def test_ingest_documents_already_processed(sqlite_url: str) -> None:
    doc = Document(source="upload:1", raw="原文" * 30, text="\n".join(ARTICLE_B), title=TITLE_B)
    report = svc.ingest_documents(
        [doc, Document(source="upload:2", raw="原文" * 30)], sqlite_url, processed=True
    )
    assert (report.stored, report.duplicates) == (1, 1)
    with session_scope(sqlite_url) as s:
        row = svc.get_document(s, doc.doc_id)
        assert row is not None and row.title == TITLE_B and row.minhash is not None
        back = row.to_document()
    assert back.text == doc.text and back.content_hash == doc.content_hash
    # a document too short for a signature is stored without one, and later batches still load the index
    short = Document(source="upload:3", raw="短讯", text="短讯一则")
    assert svc.ingest_documents([short], sqlite_url, processed=True).stored == 1
    copy = Document(source="upload:4", raw="转载" * 30, text="\n".join(ARTICLE_B) + "\n(转载)")
    later = svc.ingest_documents([copy], sqlite_url, processed=True)
    assert later.copy_links == [(copy.doc_id, doc.doc_id, later.copy_links[0][2])]


def test_bundled_samples_ingest_cleanly_and_idempotently(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(svc, "pipeline_factory", lambda plain=False, extract=True: _clean_only)
    pages = [p for p in pages_dir().iterdir() if not p.name.startswith(".")]
    assert pages, "the package ships sample pages"
    first = svc.ingest_samples(sqlite_url)
    assert first.failed == [] and first.skipped == [] and first.stored >= len(pages)
    assert svc.ingest_samples(sqlite_url).stored == 0


def test_concurrent_writer_storing_the_same_content_counts_as_duplicate(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    [page] = _pages(tmp_path / "in", 1)
    real_load = svc._load_state

    def load_then_race(db_url: str | None, threshold: float):  # type: ignore[no-untyped-def]
        state = real_load(db_url, threshold)
        # another process stores the same page after this batch loaded its hashes
        monkeypatch.setattr(svc, "_load_state", real_load)
        svc.ingest_paths([page], db_url, factory=_clean_only)
        return state

    monkeypatch.setattr(svc, "_load_state", load_then_race)
    report = svc.ingest_paths([page], sqlite_url, factory=_clean_only)
    assert (report.stored, report.duplicates, report.failed) == (0, 1, [])
    assert _count(sqlite_url, DocumentRow) == 1


def test_batch_graph_hook_failure_is_isolated_to_its_document(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pages(tmp_path / "in", 4)
    calls: list[int] = []

    def batch_hook(session: Session, rows: list[DocumentRow]) -> int:
        calls.append(len(rows))
        session.add_all(IngestFailure(source=f"marker:{r.id}", reason="hook ran") for r in rows)
        if any(r.source.endswith("page02.txt") for r in rows):
            raise ValueError("bad fact")
        return len(rows)

    monkeypatch.setattr(svc, "_graph_hook", lambda: None)
    monkeypatch.setattr(svc, "_graph_batch_hook", lambda: batch_hook)
    report = svc.ingest_paths([tmp_path / "in"], db_url, factory=_clean_only)
    # one call for the whole batch, then one per document to isolate the bad one
    assert calls == [4, 1, 1, 1, 1]
    assert report.stored == 3 and [Path(s).name for s, _ in report.failed] == ["page02.txt"]
    with session_scope(db_url) as s:
        ids = set(s.scalars(select(DocumentRow.id)))
        markers = {m for m in s.scalars(select(IngestFailure.source)) if m.startswith("marker:")}
    assert len(ids) == 3 and markers == {f"marker:{i}" for i in ids}
