"""The graph CLI: JSON lines in, JSON lines out, audited changes, clear errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from shuanglian.cli import app, graph_cmd  # noqa: F401 - registers the graph commands
from shuanglian.graph import build
from shuanglian.store.db import init_db, session_scope
from tests.graph.factories import ent, make_doc

T = "中科院与中国科学院深圳先进技术研究院。中国科学院院士。"


def _lines(out: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_cli_round_trip(db_url: str) -> None:
    init_db(db_url)
    with session_scope(db_url) as s:
        build.add_document_statements(s, make_doc(s, T, [
            ent("中国科学院", "research_institute", T, ["中科院"]),
            ent("中国科学院深圳先进技术研究院", "research_institute", T),
        ]))  # fmt: skip
    r = CliRunner()
    res = r.invoke(app, ["entities", "--db", db_url, "--json"])
    assert res.exit_code == 0, res.output
    ents = _lines(res.output)
    assert sorted(e["name"] for e in ents) == ["中国科学院", "中国科学院深圳先进技术研究院"]
    assert all(e["kind"] == "research_institute" and e["statement_count"] > 0 for e in ents)
    cas = next(e for e in ents if e["name"] == "中国科学院")
    res = r.invoke(app, ["entities", "--db", db_url, "--name", "中科院", "--json"])
    assert [e["id"] for e in _lines(res.output)] == [cas["id"]]

    res = r.invoke(app, ["entity", cas["id"], "--db", db_url, "--json"])
    detail = _lines(res.output)[0]
    assert detail["names"] == ["中国科学院", "中科院"] and detail["statements"]

    res = r.invoke(app, ["review", "list", "--db", db_url])
    queue = _lines(res.output)
    assert queue and res.exit_code == 0
    res = r.invoke(app, ["review", "accept", queue[0]["id"], "--user", "alice", "--db", db_url])
    assert _lines(res.output)[0]["status"] == "accepted"
    alias = next(q for q in queue if q["prop"] == "alias")
    res = r.invoke(app, ["review", "edit", alias["id"], "中科院本部", "--user", "alice", "--db", db_url])
    assert _lines(res.output)[0]["value"] == "中科院本部"

    other = next(e for e in ents if e["name"] != "中国科学院")
    res = r.invoke(app, ["merge", cas["id"], other["id"], "--user", "bob", "--db", db_url])
    assert res.exit_code == 0, res.output
    merged = _lines(res.output)[0]
    res = r.invoke(app, ["split", merged["id"], "--names", "中国科学院深圳先进技术研究院", "--user", "bob", "--db", db_url])
    assert res.exit_code == 0, res.output
    res = r.invoke(app, ["rebuild", "--db", db_url])
    assert _lines(res.output)[0]["entities"] == 2
    res = r.invoke(app, ["rebuild", "--recreate", "--db", db_url])
    assert _lines(res.output)[0]["entities"] == 2  # the split judgement replays into fresh tables
    res = r.invoke(app, ["audit", "--db", db_url])
    assert [e["action"] for e in _lines(res.output)] == ["split", "merge", "edit", "accept"]

    res = r.invoke(app, ["review", "accept", "st_nope", "--user", "alice", "--db", db_url])
    assert res.exit_code == 2 and "no statement 'st_nope'" in res.output
    res = r.invoke(app, ["entity", "ent_nope", "--db", db_url])
    assert res.exit_code == 1
