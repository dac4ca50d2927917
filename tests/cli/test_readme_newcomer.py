"""Issue 15 item 9, the README as a newcomer meets it: `make demo HOST=… PORT=…` reaches the command, a
busy port is reported before any ingest and without a "Serving" line, and the prerequisites, the database
file and the optional extras are stated."""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shuanglian.cli import app, register_commands, web_cmd

register_commands()
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_takes_host_and_port() -> None:
    out = subprocess.run(["make", "-n", "demo", "HOST=0.0.0.0", "PORT=8001"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "shuanglian demo --host 0.0.0.0 --port 8001" in out.stdout


@pytest.mark.parametrize("command", ["demo", "serve"])
def test_busy_port_is_reported_before_anything_starts(command: str, sqlite_url: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from shuanglian.web import demo

    def no_ingest(*_a: object, **_k: object) -> None:
        raise AssertionError("the demo ingested before checking the port")

    monkeypatch.setattr(demo, "prepare_demo", no_ingest)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("uvicorn started on a busy port"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        res = CliRunner().invoke(app, [command, "--db", sqlite_url, "--port", str(port)])
    assert res.exit_code == 1, res.output
    assert f"127.0.0.1:{port} is already in use" in res.output and "PORT=" in res.output
    assert "Serving" not in res.output
    assert web_cmd._port_free("127.0.0.1", port)  # free again once released: the check does not hold it


def test_readme_states_prerequisites_database_and_extras() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for needed in ("Python ≥ 3.11", "npm", "root rights", "apt-get install chromium", "./shuanglian.db",
                   "pip install -e '.[postgres]'", "pip install -e '.[ray]'", "--ray-address",
                   "make demo HOST=0.0.0.0 PORT=8001", "--data-urlencode"):
        assert needed in text, needed
    assert "/api/search?q=迈瑞" not in text, "an unencoded query fails with 400"


def test_demo_stores_one_document_per_sample_page(sqlite_url: str) -> None:
    """One document per page file or JSON line (17 files, 18 documents: the feed holds two): the samples'
    README.md lives beside pages/, never ingested as an empty document."""
    from shuanglian.samples import pages_dir

    files = [p for p in pages_dir().iterdir() if p.is_file()]
    n = sum(len(p.read_text(encoding="utf-8").splitlines()) if p.suffix == ".jsonl" else 1 for p in files)
    res = CliRunner().invoke(app, ["demo", "--db", sqlite_url, "--no-serve"])
    assert res.exit_code == 0, res.output
    assert f"samples: {n} stored" in res.output, res.output


def test_a_failure_is_cleared_once_the_path_ingests(tmp_path: Path, sqlite_url: str) -> None:
    page = tmp_path / "page.txt"
    page.write_text("", encoding="utf-8")
    r = CliRunner()
    assert r.invoke(app, ["ingest", str(page), "--db", sqlite_url]).exit_code == 1
    assert "page.txt" in r.invoke(app, ["failures", "--db", sqlite_url]).output
    page.write_text("深圳市科技创新局调研深圳湾实验室\n2024-05-20\n深圳市副市长李明到深圳湾实验室调研。\n", encoding="utf-8")
    ok = r.invoke(app, ["ingest", str(page), "--db", sqlite_url])
    assert ok.exit_code == 0, ok.output
    assert "page.txt" not in r.invoke(app, ["failures", "--db", sqlite_url]).output
