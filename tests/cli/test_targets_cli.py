"""`shuanglian targets|target|targets-rebuild|taskbook-import|projects*` on a database with two reports."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from shuanglian.cli import app, projects_cmd, targets_cmd  # noqa: F401 - registers the commands
from tests.targets.conftest import add_reports

runner = CliRunner()
CONTRACT = ["id", "measure", "value", "value_max", "unit", "qualifier", "year", "deadline", "region", "owner",
            "source", "outcome", "status", "progress"]


def test_targets_json_contract_and_filters(sqlite_url: str) -> None:
    add_reports(sqlite_url)
    r = runner.invoke(app, ["targets-rebuild", "--db", sqlite_url])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["targets", "--db", sqlite_url, "--region", "深圳", "--year", "2024", "--json"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert rows and all(list(row)[: len(CONTRACT)] == CONTRACT for row in rows)
    gdp = next(row for row in rows if row["measure"] == "国内生产总值增长率")
    assert gdp["outcome"]["value"] == 6.5 and set(gdp["source"]) >= {"document", "span", "quote"}
    assert set(gdp["outcome"]["source"]) >= {"document", "quote"}
    r = runner.invoke(app, ["targets", "--db", sqlite_url, "--status", "missed", "--json"])
    assert all(json.loads(line)["status"] == "missed" for line in r.output.splitlines())
    assert runner.invoke(app, ["targets", "--db", sqlite_url, "--status", "late"]).exit_code == 2
    r = runner.invoke(app, ["target", gdp["id"], "--db", sqlite_url])
    assert r.exit_code == 0 and json.loads(r.output)["timeline"]
    assert runner.invoke(app, ["target", "nope", "--db", sqlite_url]).exit_code == 2


def test_taskbook_and_projects_import_exit_1_on_bad_rows(sqlite_url: str, tmp_path: Path) -> None:
    add_reports(sqlite_url)
    book = tmp_path / "任务书.csv"
    book.write_text("任务名称,指标,目标值,单位,年度\n稳就业,城镇新增就业,100000,人,2024\n坏行,研发投入强度,五,%,2024\n", encoding="utf-8")
    r = runner.invoke(app, ["taskbook-import", str(book), "--db", sqlite_url, "--user", "alice"])
    assert r.exit_code == 1 and "row 3, column 目标值" in r.output
    plist = tmp_path / "projects.csv"
    plist.write_text("项目名称,总投资（亿元）,开工时间\n甲项目,10,2024-01\n乙项目,很多,2024-02\n", encoding="utf-8")
    r = runner.invoke(app, ["projects-import", str(plist), "--db", sqlite_url, "--user", "alice"])
    assert r.exit_code == 1 and "row 3, column 总投资" in r.output
    r = runner.invoke(app, ["projects", "--db", sqlite_url, "--json"])
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert [p["name"] for p in rows] == ["甲项目"] and rows[0]["total_investment"] == 1e9
    r = runner.invoke(app, ["projects-assign", rows[0]["id"], "--name", "王经理", "--contact", "123", "--db", sqlite_url])
    assert r.exit_code == 0 and json.loads(r.output)["name"] == "王经理"
    out = tmp_path / "out.xlsx"
    assert runner.invoke(app, ["projects-export", str(out), "--db", sqlite_url]).exit_code == 0
    from shuanglian.projects.tabular import parse_projects

    good, errors, _ = parse_projects(out.read_bytes(), "xlsx")  # the export imports again unchanged
    assert not errors and good[0][1]["name"] == "甲项目" and good[0][1]["total_investment"] == 1e9


def test_target_no_outcome_and_undo(sqlite_url: str) -> None:
    add_reports(sqlite_url)
    assert runner.invoke(app, ["targets-rebuild", "--db", sqlite_url]).exit_code == 0
    r = runner.invoke(app, ["targets", "--db", sqlite_url, "--year", "2024", "--json"])
    jobs = next(json.loads(x) for x in r.output.splitlines() if json.loads(x)["measure"] == "城镇新增就业")
    r = runner.invoke(app, ["target-no-outcome", jobs["id"], "--note", "未见公开数据", "--user", "alice", "--db", sqlite_url])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["outcome"] is None and out["status"] == "unknown" and out["no_outcome"]["note"] == "未见公开数据"
    r = runner.invoke(app, ["target-no-outcome", jobs["id"], "--undo", "--user", "alice", "--db", sqlite_url])
    assert r.exit_code == 0 and json.loads(r.output)["outcome"]["value"] == 90000
    r = runner.invoke(app, ["target-no-outcome", jobs["id"], "--undo", "--user", "alice", "--db", sqlite_url])
    assert r.exit_code == 2 and "no 'no outcome reported' judgement" in r.output
    assert runner.invoke(app, ["target-no-outcome", "nope", "--db", sqlite_url, "--user", "alice"]).exit_code == 2
