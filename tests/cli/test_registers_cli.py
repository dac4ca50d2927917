"""`shuanglian import / registers / chains / chain-add`: JSON lines, files written, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

import shuanglian.cli.registers_cmd  # noqa: F401 - registers the commands
from shuanglian.cli import app

runner = CliRunner()
ENTERPRISES = (
    "名称,所在地,链主,主要产品\n"
    "深圳甲医疗公司,深圳市南山区,是,监护仪、除颤仪\n"
    "广州乙诊断公司,广州市,否,化学发光\n"
)


def _lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.strip().splitlines() if x.startswith("{")]


def test_import_registers_and_chains(tmp_path: Path, sqlite_url: str) -> None:
    f = tmp_path / "ent.csv"
    f.write_text(ENTERPRISES, encoding="utf-8")
    dry = runner.invoke(app, ["import", str(f), "--register", "enterprises", "--user", "u1", "--db", sqlite_url,
                              "--dry-run"])  # fmt: skip
    assert dry.exit_code == 0, dry.output
    assert _lines(dry.stdout)[0]["dry_run"] is True and _lines(dry.stdout)[0]["created"] == 2
    res = runner.invoke(app, ["import", str(f), "-r", "enterprises", "-u", "u1", "--db", sqlite_url])
    assert res.exit_code == 0, res.output
    assert _lines(res.stdout)[0]["created"] == 2

    out = runner.invoke(app, ["registers", "enterprises", "--db", sqlite_url, "--region", "深圳", "--json"])
    rows = _lines(out.stdout)
    assert [r["name"] for r in rows] == ["深圳甲医疗公司"] and rows[0]["sources"] == ["import:u1"]
    assert rows[0]["register"] == "enterprises" and rows[0]["chain_leader"] is True

    by_pinyin = _lines(runner.invoke(app, ["registers", "enterprises", "--db", sqlite_url, "--sort", "pinyin",
                                           "--json"]).stdout)  # fmt: skip
    assert [r["name"] for r in by_pinyin] == ["广州乙诊断公司", "深圳甲医疗公司"]  # guang < shen
    today = by_pinyin[0]["first_seen"]
    seen = runner.invoke(app, ["registers", "enterprises", "--db", sqlite_url, "--seen-from", today, "--json"])
    assert len(_lines(seen.stdout)) == 2
    none = runner.invoke(app, ["registers", "enterprises", "--db", sqlite_url, "--seen-to", "2000-01-01", "--json"])
    assert _lines(none.stdout) == [] and none.exit_code == 0
    bad = runner.invoke(app, ["registers", "enterprises", "--db", sqlite_url, "--seen-from", "soon"])
    assert bad.exit_code == 2 and "not a date" in bad.output
    assert _lines(runner.invoke(app, ["registers", "enterprises", "--db", sqlite_url, "--hidden", "--json"]).stdout) == []

    xlsx = tmp_path / "out.xlsx"
    csv_out = tmp_path / "out.csv"
    exp = runner.invoke(app, ["registers", "enterprises", "--db", sqlite_url, "--xlsx", str(xlsx), "--csv",
                              str(csv_out)])  # fmt: skip
    assert exp.exit_code == 0, exp.output
    assert xlsx.read_bytes()[:2] == b"PK" and "广州乙诊断公司" in csv_out.read_text(encoding="utf-8-sig")

    ch = runner.invoke(app, ["chains", "--db", sqlite_url, "--region", "深圳", "--chain", "高端医疗器械", "--json"])
    assert ch.exit_code == 0, ch.output
    (m,) = _lines(ch.stdout)
    life = next(ln for ln in m["links"] if ln["id"] == "midstream_life_support")
    assert [e["name"] for e in life["enterprises"]] == ["深圳甲医疗公司"]
    ivd = next(g for g in m["gaps"] if g["link"] == "midstream_ivd")
    assert ivd["type_zh"] == "补链" and ivd["candidates"][0]["name"] == "广州乙诊断公司"


def test_bad_inputs_name_file_and_exit_nonzero(tmp_path: Path, sqlite_url: str) -> None:
    bad = tmp_path / "projects.csv"
    bad.write_text("项目名称,投资额\n某项目,12亿\n", encoding="utf-8")
    res = runner.invoke(app, ["import", str(bad), "--register", "projects", "--db", sqlite_url])
    assert res.exit_code == 1
    assert f"{bad}: row 2, column 投资额: '12亿' is not a number" in res.stderr
    res = runner.invoke(app, ["import", str(bad), "--register", "nope", "--db", sqlite_url])
    assert res.exit_code == 2 and "unknown register 'nope'" in res.stderr
    odd = tmp_path / "x.ods"
    odd.write_bytes(b"x")
    res = runner.invoke(app, ["import", str(odd), "--register", "projects", "--db", sqlite_url])
    assert res.exit_code == 2 and f"{odd}: unsupported file type .ods" in res.stderr
    notxlsx = tmp_path / "y.xlsx"
    notxlsx.write_bytes(b"not a workbook")
    res = runner.invoke(app, ["import", str(notxlsx), "--register", "projects", "--db", sqlite_url])
    assert res.exit_code == 2 and f"{notxlsx}: not a readable XLSX" in res.stderr
    res = runner.invoke(app, ["registers", "people", "--db", sqlite_url, "--json"])
    assert res.exit_code == 2 and "one of: carriers" in res.stderr


def test_chain_add_overrides_and_validates(tmp_path: Path, sqlite_url: str) -> None:
    tpl = {
        "id": "high_end_medical_devices",
        "name": "高端医疗器械（本地版）",
        "category": "strategic_emerging",
        "links": [
            {"id": "devices", "name": "整机", "stage": "midstream", "products": ["监护仪"]},
            {"id": "care", "name": "医疗服务", "stage": "downstream", "keywords": ["医院"]},
        ],
    }
    f = tmp_path / "med.yaml"
    f.write_text(yaml.safe_dump(tpl, allow_unicode=True), encoding="utf-8")
    res = runner.invoke(app, ["chain-add", str(f), "--user", "admin", "--db", sqlite_url])
    assert res.exit_code == 0, res.output
    assert _lines(res.stdout)[0] == {"chain": "high_end_medical_devices", "name": "高端医疗器械（本地版）",
                                     "links": 2, "created": True,
                                     "placement": _lines(res.stdout)[0]["placement"]}  # fmt: skip
    ch = runner.invoke(app, ["chains", "--db", sqlite_url, "--chain", "high_end_medical_devices", "--json"])
    assert [ln["id"] for ln in _lines(ch.stdout)[0]["links"]] == ["devices", "care"]

    tpl["links"][0]["stage"] = "middle"
    f.write_text(yaml.safe_dump(tpl, allow_unicode=True), encoding="utf-8")
    res = runner.invoke(app, ["chain-add", str(f), "--db", sqlite_url])
    assert res.exit_code == 2 and f"{f}: field 'links[0].stage'" in res.stderr
