"""`shuanglian ingest / documents / document / failures`: summaries, JSON lines and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import shuanglian.cli.ingest_cmd  # noqa: F401 - registers the commands
import shuanglian.pipeline.default as default_pipeline
from shuanglian.cli import app
from shuanglian.document import Document
from shuanglian.pipeline import Pipeline
from tests.ingest.articles import ARTICLE_A, ARTICLE_B, site_one, site_two

runner = CliRunner()


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "pages"
    d.mkdir()
    (d / "a.txt").write_text(site_one("深圳召开高端医疗器械产业链对接会", ARTICLE_A), encoding="utf-8")
    (d / "b.txt").write_text(site_two("天津大学与南开大学共建联合研究平台", ARTICLE_B), encoding="utf-8")
    (d / "c.html").write_text(
        "<html><head><title>南开大学新闻</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE_B[1:])
        + "</article></body></html>",
        encoding="utf-8",
    )
    return d


def test_ingest_json_summary_exit_0_and_idempotent(tmp_path: Path, sqlite_url: str) -> None:
    d = _folder(tmp_path)
    res = runner.invoke(app, ["ingest", str(d), "--db", sqlite_url, "--no-extract", "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert (summary["stored"], summary["duplicates"], summary["failed"]) == (3, 0, [])
    assert {"copies", "skipped", "ids", "interrupted", "batch"} <= set(summary)
    again = runner.invoke(app, ["ingest", str(d), "--db", sqlite_url, "--no-extract", "--json"])
    assert again.exit_code == 0
    assert json.loads(again.stdout.strip().splitlines()[-1])["duplicates"] == 3

    listed = runner.invoke(app, ["documents", "--db", sqlite_url, "--json", "--sort", "source"])
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [Path(r["source"]).name for r in rows] == ["a.txt", "b.txt", "c.html"]
    shown = runner.invoke(app, ["document", rows[0]["id"], "--db", sqlite_url])
    assert shown.exit_code == 0 and "迈瑞医疗" in json.loads(shown.stdout)["text"]
    missing = runner.invoke(app, ["document", "0" * 16, "--db", sqlite_url])
    assert missing.exit_code == 1


def test_any_failure_exits_1_and_names_file_and_reason(tmp_path: Path, sqlite_url: str) -> None:
    d = _folder(tmp_path)
    (d / "empty.md").write_bytes(b"")
    (d / "notes.xyz").write_text("ignored", encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(d), "--db", sqlite_url, "--no-extract"])
    assert res.exit_code == 1
    assert "stored 3" in res.stdout and "failed 1" in res.stdout and "skipped 1" in res.stdout
    assert f"FAILED {d / 'empty.md'}: empty file" in res.stdout
    fails = runner.invoke(app, ["failures", "--db", sqlite_url, "--json"])
    [row] = [json.loads(line) for line in fails.stdout.splitlines()]
    assert row["source"] == str(d / "empty.md") and row["reason"] == "empty file"


class _Interrupt:
    name = "interrupt"

    def __init__(self) -> None:
        self.seen = 0

    def __call__(self, doc: Document) -> Document:
        self.seen += 1
        if self.seen == 2:
            raise KeyboardInterrupt
        return doc


def test_ctrl_c_reports_what_was_stored_and_exits_130(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = _folder(tmp_path)
    real = default_pipeline.build_pipeline
    stop = _Interrupt()
    monkeypatch.setattr(
        default_pipeline,
        "build_pipeline",
        lambda plain=False, extract=True: Pipeline([*real(plain, extract).stages, stop]),
    )
    args = ["ingest", str(d), "--db", sqlite_url, "--no-extract", "--batch-size", "1", "--json"]
    res = runner.invoke(app, args)
    assert res.exit_code == 130
    summary = json.loads(res.stdout.strip().splitlines()[-1])
    assert summary["interrupted"] is True and summary["stored"] == 1
    monkeypatch.setattr(default_pipeline, "build_pipeline", real)
    resumed = runner.invoke(app, args)
    assert resumed.exit_code == 0
    assert json.loads(resumed.stdout.strip().splitlines()[-1])["stored"] == 2


def test_unknown_runner_is_a_usage_error(tmp_path: Path, sqlite_url: str) -> None:
    res = runner.invoke(app, ["ingest", str(tmp_path), "--db", sqlite_url, "--runner", "spark"])
    assert res.exit_code == 2 and "unknown runner" in res.output


def test_ray_address_needs_the_ray_runner(tmp_path: Path, sqlite_url: str) -> None:
    d = _folder(tmp_path)
    res = runner.invoke(app, ["ingest", str(d), "--db", sqlite_url, "--ray-address", "auto"])
    assert res.exit_code == 2
    assert "--ray-address" in res.output


def test_write_batch_groups_writes(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from shuanglian.services import documents

    sizes: list[int] = []
    real = documents._Ingester.store

    def store(self, docs):  # type: ignore[no-untyped-def]
        sizes.append(len(docs))
        return real(self, docs)

    monkeypatch.setattr(documents._Ingester, "store", store)
    d = _folder(tmp_path)
    res = runner.invoke(app, ["ingest", str(d), "--db", sqlite_url, "--no-extract", "--json", "--batch-size", "1",
                              "--write-batch", "3"])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout.strip().splitlines()[-1])["stored"] == 3
    assert sizes == [3]  # pipeline chunks of 1, one write of 3
