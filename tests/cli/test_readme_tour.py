"""The README's CLI tour runs as written: every `shuanglian …` line of its shell blocks (placeholders filled
with real ids from the database the tour builds), in order, on a fresh SQLite database."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shuanglian.cli import app
from shuanglian.samples import pages_dir

README = Path(__file__).resolve().parents[2] / "README.md"
# commands that serve forever or need files/users the tour does not make; each is covered by its own tests
SKIP = ("serve", "demo", "users", "chain-add", "import", "eval", "ingest ~/crawl/", "taskbook-import",
        "projects-import")


def tour_commands() -> list[str]:
    """Every `shuanglian` command line in the README's bash blocks, without pipes and comments."""
    text = README.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            for part in line.split("&&"):
                cmd = part.split("|", 1)[0].strip()
                if cmd.startswith("shuanglian "):
                    out.append(cmd)
    return out


def test_readme_lists_the_tour() -> None:
    cmds = tour_commands()
    assert any(c.startswith("shuanglian review list --json") for c in cmds)
    assert any(c.startswith("shuanglian audit --json") for c in cmds)


def run(runner: CliRunner, args: list[str]) -> str:
    from shuanglian.cli import register_commands

    register_commands()

    res = runner.invoke(app, args, catch_exceptions=False)
    assert res.exit_code == 0, (args, res.output)
    return res.stdout


def test_readme_cli_tour_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = f"sqlite:///{tmp_path / 'tour.db'}"
    monkeypatch.setenv("SHUANGLIAN_DATABASE_URL", db)
    from shuanglian.settings import get_settings

    get_settings.cache_clear()
    runner = CliRunner()
    page = sorted(pages_dir().glob("*.html"))[0]
    run(runner, ["ingest", str(pages_dir())])
    ents = [json.loads(x) for x in run(runner, ["entities", "--kind", "enterprise", "--json"]).splitlines() if x]
    review = [json.loads(x) for x in run(runner, ["review", "list", "--json", "--limit", "5"]).splitlines() if x]
    groups = [json.loads(x) for x in run(runner, ["review", "groups", "--by", "prop"]).splitlines() if x]
    mindray = [json.loads(x) for x in run(runner, ["entities", "--name", "迈瑞", "--json"]).splitlines() if x]
    mindray = [e for e in mindray if "迈瑞" in (e.get("names") or [])]
    assert mindray, "the samples name 迈瑞 on its own"
    fill = {
        "page.html": str(page), "dump.jsonl": str(page), "clean.txt": str(page), "pages/": str(pages_dir()),
        "more.jsonl": str(page), "ENTITY_ID": ents[0]["id"], "ID1": ents[0]["id"], "ID2": ents[1]["id"],
        "ID": mindray[0]["id"], "ID3": ents[2]["id"], "ID4": ents[3]["id"], "STATEMENT_ID": review[0]["id"], "VALUE": "新值", "GROUP_KEY": groups[-1]["key"],
        "sqlite:///shuanglian.db": db, "projects.xlsx": str(tmp_path / "projects.xlsx"),
    }
    ran = 0
    for cmd in tour_commands():
        if any(cmd.startswith(f"shuanglian {s}") for s in SKIP):
            continue
        args = shlex.split(cmd)[1:]
        args = [fill.get(a, a) for a in args]
        if "TARGET_ID" in args or "PROJECT_ID" in args:
            listing = ["targets", "--json"] if "TARGET_ID" in args else ["projects", "--json"]
            found = [json.loads(x) for x in run(runner, listing).splitlines() if x.startswith("{")]
            if not found:
                continue  # the bundled samples state no such record: the listing command itself ran
            args = [str(found[0]["id"]) if a in ("TARGET_ID", "PROJECT_ID") else a for a in args]
        if "AUDIT_ID" in args:
            audit = [json.loads(x) for x in run(runner, ["audit", "--json"]).splitlines() if x]
            bulk = [e for e in audit if e["action"] in ("bulk_accept", "bulk_reject")]
            args = [str(bulk[0]["id"]) if a == "AUDIT_ID" else a for a in args]
        run(runner, args)
        ran += 1
    assert ran >= 15
    get_settings.cache_clear()
