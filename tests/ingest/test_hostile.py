"""Hostile input: a folder of broken, huge, deep, binary and odd files beside good pages. Every good
page is stored, every bad one is named with a reason, and nothing raises or hangs (issue 12)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from shuanglian.ingest.decode import decode_report, scrub_text
from shuanglian.ingest.readers import InputError, RawInput, iter_inputs
from shuanglian.services import documents as svc
from shuanglian.store.db import session_scope
from shuanglian.store.documents import DocumentRow
from tests.ingest.articles import ARTICLE_A, ARTICLE_B, site_one

PARA = "深圳市科技创新局组织召开产业链对接会,南方科技大学和深圳湾实验室的代表参加会议并介绍研发进展。"


def _good(i: int) -> str:
    """A distinct good article (its own lead line, so no two are near-duplicates)."""
    lead = f"第{i}号稿件:" + "、".join(f"{c}{i}" for c in "甲乙丙丁戊己庚辛壬癸") + "等单位参加了本次活动。"
    return site_one(f"产业链对接会之{i}", [lead, *(ARTICLE_A if i % 2 else ARTICLE_B)])


def _hostile_folder(root: Path) -> tuple[set[str], set[str]]:
    """Write the folder; returns (sources that must be stored, sources that must fail)."""
    good: set[str] = set()
    bad: set[str] = set()

    def put(name: str, data: bytes, ok: bool) -> None:
        (root / name).write_bytes(data)
        (good if ok else bad).add(str(root / name))

    for i in range(3):
        put(f"good{i}.txt", _good(i).encode(), True)
    put("good_gbk.html", f"<html><head><meta charset=gbk></head><body><p>{_good(10)}</p></body></html>"
        .encode("gb18030"), True)
    put("bidi.txt", ("\u202e\u2066" + _good(11) + "\u202c\u2069").encode(), True)
    body = _good(12).encode()
    put("bad_byte.txt", body[:40] + b"\xff" + body[40:], True)  # one bad byte: replaced, flagged
    put("truncated.txt", _good(13).encode() + "中".encode()[:2], True)  # truncated last character
    for cs in ("undefined", "idna", "punycode", "utf-7", "hex"):
        page = f"<html><head><meta charset={cs}></head><body><p>{_good(20 + len(cs))}</p></body></html>"
        put(f"charset_{cs}.html", page.encode("gb18030"), True)
    put("empty.txt", b"", False)
    put("blank.txt", b" \n\t\n", False)
    put("binary.txt", bytes(range(256)) * 64, False)
    put("nul.txt", b"\x00" * 10 + _good(30).encode(), False)  # NUL bytes: binary, refused
    put("deep.html", b"<html><body>" + b"<div>" * 20000 + PARA.encode() + b"</div>" * 20000
        + b"</body></html>", True)
    with (root / "huge.txt").open("wb") as fh:  # 50 MB, sparse: refused unread
        fh.truncate(50 * 1024 * 1024)
    bad.add(str(root / "huge.txt"))
    # JSONL: one good record, a lone surrogate record (repaired), bad / nested / huge / non-object lines
    lines = [
        json.dumps({"text": _good(40), "title": "好记录"}),
        '{"text": ' + json.dumps(_good(41))[:-1] + '\\udfff\\ud800\\u0000"}',
        "{not json",
        '{"text": ' + "[" * 100000 + "]" * 100000 + "}",
        json.dumps({"text": "中" * (6 * 1024 * 1024)}),
        "[1, 2, 3]",
        '{"text": 1' + "0" * 5000 + "}",
    ]
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    good |= {f"{root}/records.jsonl#1", f"{root}/records.jsonl#2"}
    bad |= {f"{root}/records.jsonl:{n}" for n in (3, 4, 5, 6, 7)}
    os.symlink("loop_b.txt", root / "loop_a.txt")  # a symlink loop
    os.symlink("loop_a.txt", root / "loop_b.txt")
    os.symlink(".", root / "self_dir")  # a folder symlink to itself: not followed
    os.symlink("/nonexistent/page.txt", root / "dangling.txt")
    os.mkfifo(root / "fifo.txt")  # would block a plain read forever
    bad |= {str(root / n) for n in ("loop_a.txt", "loop_b.txt", "dangling.txt", "fifo.txt")}
    return good, bad


def test_hostile_folder_reader_names_every_bad_file(tmp_path: Path) -> None:
    good, bad = _hostile_folder(tmp_path)
    items = list(iter_inputs([tmp_path]))
    ok = {i.source for i in items if isinstance(i, RawInput)}
    failed = {i.source: i.reason for i in items if isinstance(i, InputError) and not i.skipped}
    assert ok == good
    assert set(failed) == bad
    assert all(reason for reason in failed.values())
    flags = {i.source: i.flags for i in items if isinstance(i, RawInput)}
    assert "decode_replaced" in flags[str(tmp_path / "bad_byte.txt")]
    assert "decode_replaced" in flags[str(tmp_path / "truncated.txt")]
    assert "surrogates_replaced" in flags[f"{tmp_path}/records.jsonl#2"]


def test_hostile_folder_ingest_stores_every_good_page(tmp_path: Path, sqlite_url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good, bad = _hostile_folder(folder)
    t0 = time.perf_counter()
    report = svc.ingest_paths([folder], sqlite_url)
    elapsed = time.perf_counter() - t0
    assert not report.interrupted
    assert {s for s, _ in report.failed} == bad
    with session_scope(sqlite_url) as s:
        rows = {r.source: list(r.flags or []) for r in s.execute(select(DocumentRow.source, DocumentRow.flags))}
    assert set(rows) == good, sorted(set(good) - set(rows))
    assert "decode_replaced" in rows[str(folder / "bad_byte.txt")]
    assert elapsed < 60, f"hostile folder took {elapsed:.0f} s"  # a bound against hangs, not a benchmark


@pytest.mark.parametrize("charset", ["undefined", "idna", "punycode", "utf-7", "hex", "rot13", "zlib"])
def test_odd_declared_charsets_never_raise(charset: str) -> None:
    page = f"<html><head><meta charset={charset}></head><body><p>{PARA}</p></body></html>"
    got = decode_report(page.encode("gb18030"), "a.html")
    assert PARA in got.text and got.encoding == "gb18030"
    got = decode_report(PARA.encode("gb18030"), "a.txt", declared=charset + "\x00")
    assert got.text == PARA


def test_utf8_bad_byte_and_truncation_are_replaced_and_counted() -> None:
    data = (PARA * 5).encode()
    got = decode_report(data[:30] + b"\xff" + data[30:], "a.txt")
    assert (got.encoding, got.replaced) == ("utf-8", 1) and got.text.count("\ufffd") == 1
    got = decode_report(data[:-1], "a.txt")
    assert got.encoding == "utf-8" and got.replaced == 1 and got.text.endswith("\ufffd")
    assert decode_report(data, "a.txt").replaced == 0


def test_scrub_text_removes_nul_and_lone_surrogates() -> None:
    assert scrub_text("a\x00b\ud800c") == ("ab\ufffdc", ["nul_removed", "surrogates_replaced"])
    assert scrub_text(PARA) == (PARA, [])


def test_lone_surrogates_never_reach_opencc() -> None:
    from shuanglian.clean.script import t2s

    assert t2s("學\ud800校") == "学\ufffd校"
