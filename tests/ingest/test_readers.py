"""Input discovery: folders walked recursively, every kind of bad input named with a reason."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from shuanglian.ingest.readers import InputError, RawInput, count_inputs, iter_inputs
from shuanglian.settings import get_settings

TEXT = "深圳市科技创新局召开产业链对接会,南方科技大学和深圳湾实验室的代表参加会议。"


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Shrink the document size limit so a 'huge' file is cheap to write."""
    monkeypatch.setenv("SHUANGLIAN_MAX_DOCUMENT_BYTES", "2000")
    get_settings.cache_clear()
    yield 2000
    monkeypatch.delenv("SHUANGLIAN_MAX_DOCUMENT_BYTES")
    get_settings.cache_clear()


def _split(items: list[RawInput | InputError]) -> tuple[dict[str, RawInput], dict[str, InputError]]:
    ok = {i.source: i for i in items if isinstance(i, RawInput)}
    bad = {i.source: i for i in items if isinstance(i, InputError)}
    return ok, bad


def test_folders_are_walked_recursively_with_types_and_notes(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text(f"<html><body><p>{TEXT}</p></body></html>", encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.md").write_text("# 标题\n" + TEXT, encoding="utf-8")
    (tmp_path / "sub" / "report.pdf").write_bytes(b"%PDF-1.4 not for us")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    given = str(tmp_path)
    ok, bad = _split(list(iter_inputs([given])))
    assert set(ok) == {f"{given}/a.txt", f"{given}/sub/b.html", f"{given}/sub/deeper/c.md"}
    assert ok[f"{given}/sub/b.html"].is_html and not ok[f"{given}/a.txt"].is_html
    note = bad[f"{given}/sub/report.pdf"]
    assert note.skipped and "unsupported" in note.reason
    assert count_inputs([given]) == 4  # three documents and the skipped pdf


def test_explicit_file_with_unknown_extension_is_read_and_sniffed(tmp_path: Path) -> None:
    page = tmp_path / "page.dat"
    page.write_text(f"<!DOCTYPE html><html><body><p>{TEXT}</p></body></html>", encoding="utf-8")
    note = tmp_path / "note.log"
    note.write_text(TEXT, encoding="utf-8")
    ok, bad = _split(list(iter_inputs([page, note])))
    assert not bad
    assert ok[str(page)].is_html and not ok[str(note)].is_html
    assert ok[str(note)].raw == TEXT


def test_jsonl_records_and_bad_lines_are_named_by_line(tmp_path: Path) -> None:
    f = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"text": TEXT, "title": "对接会", "published": "2023-04-18"}, ensure_ascii=False),
        '{"text": "broken',
        json.dumps({"html": f"<p>{TEXT}</p>", "url": "https://example.org/a", "source": "site-a/1"}),
        json.dumps({"url": "https://example.org/empty"}),
        "[1, 2]",
        "",
    ]
    f.write_text("\n".join(lines), encoding="utf-8")
    ok, bad = _split(list(iter_inputs([f])))
    assert set(ok) == {f"{f}#1", f"{f}#3"}
    assert ok[f"{f}#1"].declared == {"title": "对接会", "published": "2023-04-18"}
    assert ok[f"{f}#3"].is_html and ok[f"{f}#3"].declared["source"] == "site-a/1"
    assert set(bad) == {f"{f}:2", f"{f}:4", f"{f}:5"}
    assert "bad JSON" in bad[f"{f}:2"].reason
    assert "'text' or 'html'" in bad[f"{f}:4"].reason
    assert "expected an object" in bad[f"{f}:5"].reason
    assert not any(b.skipped for b in bad.values())


def test_bad_inputs_each_get_a_reason(
    tmp_path: Path, small_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "huge.txt").write_text(TEXT * 50, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "fine.txt").write_text(TEXT, encoding="utf-8")
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        # chmod does not stop root (CI runs as root), so simulate the permission error
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    d = str(tmp_path)
    ok, bad = _split(list(iter_inputs([d, str(tmp_path / "missing.txt")])))
    assert set(ok) == {f"{d}/fine.txt"}
    reasons = {Path(k).name: v.reason for k, v in bad.items()}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"].startswith("empty file")
    assert reasons["image.html"].startswith("cannot decode")
    assert reasons["huge.txt"].startswith("too big") and "2000" in reasons["huge.txt"]
    assert reasons["locked.txt"] == "unreadable: Permission denied"
    assert reasons["missing.txt"] == "no such file or directory"


def test_oversized_jsonl_line_fails_alone(tmp_path: Path, small_limit: int) -> None:
    f = tmp_path / "mixed.jsonl"
    big = json.dumps({"text": TEXT * 40}, ensure_ascii=False)
    small = json.dumps({"text": TEXT}, ensure_ascii=False)
    f.write_text(f"{small}\n{big}\n{small}x\n", encoding="utf-8")
    ok, bad = _split(list(iter_inputs([f])))
    assert set(ok) == {f"{f}#1"}
    assert bad[f"{f}:2"].reason.startswith("too big")
    assert "bad JSON" in bad[f"{f}:3"].reason


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("gbk", "深圳湾实验室与南方科技大学共建联合实验室,推动医疗器械关键技术攻关。"),
        ("gb18030", "深圳湾实验室与南方科技大学共建联合实验室,推动医疗器械关键技术攻关。"),
        ("big5", "深圳灣實驗室與南方科技大學共建聯合實驗室,推動醫療器械關鍵技術攻關。"),
        ("utf-8-sig", "深圳湾实验室与南方科技大学共建联合实验室,推动医疗器械关键技术攻关。"),
    ],
)
def test_encodings_are_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    f = tmp_path / f"page-{encoding}.txt"
    f.write_bytes(("\n".join([text] * 6)).encode(encoding))
    [item] = list(iter_inputs([f]))
    assert isinstance(item, RawInput), item
    assert item.raw.lstrip("\ufeff").startswith(text)
