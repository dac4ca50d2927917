"""Scoring of `shuanglian eval`: entity matching by name form and kind, figures, policies, visits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shuanglian.document import Document, Mention
from shuanglian.evaluation.eval import GoldError, load_gold, score
from shuanglian.evaluation.eval_match import (
    Counts,
    gold_entities,
    match_entities,
    match_figures,
    match_policies,
    same_measure,
)

GOLD = {
    "published": "2023-06-01",
    "entities": [
        {"name": "深圳迈瑞生物医疗电子股份有限公司", "kind": "enterprise", "aliases": ["迈瑞医疗"]},
        {"name": "黄坤明", "kind": "person", "aliases": []},
        {"name": "深圳市", "kind": "place", "aliases": ["深圳"]},
        {"name": "生物医药", "kind": "industry", "aliases": []},
    ],
    "roles": [{"person": "黄坤明", "title": "省委书记", "org": "广东省"}],
    "figures": [
        {"value": 6.5e10, "unit": "元", "measure": "增加值", "year": 2025, "target": True},
        {"value": 40000, "unit": "名", "measure": "研发人员数量", "year": 2023, "target": False},
    ],
    "policies": [{"title": "“十四五”数字经济发展规划"}],
    "events": [
        {"date": "2023-05-30", "visitors": ["黄坤明"], "visited": ["深圳迈瑞生物医疗电子股份有限公司"], "place": "深圳市"}
    ],
}


def test_counts() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert (round(c.precision, 2), round(c.recall, 2), round(c.f1, 3)) == (0.75, 0.6, 0.667)
    assert Counts().f1 == 1.0  # nothing expected and nothing predicted
    assert Counts(fp=1).f1 == 0.0 and Counts(fn=1).precision == 0.0


def test_entities_match_by_any_name_form_and_kind() -> None:
    gold = gold_entities(GOLD)
    pred = [
        Mention("迈瑞医疗", "enterprise"),  # alias match
        Mention("深圳", "place", aliases=["深圳市"]),
        Mention("深圳市", "place"),  # a second entity for the same place: not merged -> false positive
        Mention("黄坤明", "organization"),  # wrong kind
        Mention("核心竞争力", "organization"),
    ]
    by_kind, fps, fns = match_entities(gold, pred, typed=True)
    assert (by_kind["enterprise"].tp, by_kind["place"].tp, by_kind["place"].fp) == (1, 1, 1)
    assert by_kind["organization"].fp == 2
    assert sorted(fns) == [("生物医药", "industry"), ("黄坤明", "person")]
    untyped, _, _ = match_entities(gold, pred, typed=False)
    assert sum(c.tp for c in untyped.values()) == 3


def test_figures_match_by_value_within_one_percent_and_unit() -> None:
    pred = [
        {"value": 6.52e10, "unit": "元", "measure": "增加值", "year": 2025, "target": True},
        {"value": 40000, "unit": "家", "measure": "企业数量", "year": 2023, "target": False},  # wrong unit
        {"value": 12, "unit": "%", "measure": None, "year": None, "target": False},
    ]
    s, missed = match_figures(GOLD["figures"], pred)
    assert (s.gold, s.pred, s.matched, s.target_ok, s.measure_ok, s.year_ok) == (2, 3, 1, 1, 1, 1)
    assert missed == [GOLD["figures"][1]]
    assert same_measure("研发人员数量", "研发人员") and not same_measure("营业收入", "增加值")


def test_policies_match_on_normalised_titles() -> None:
    gold = [{"title": "“十四五”数字经济发展规划", "issuer": "国务院"}]
    pred = [{"title": "“十四五” 数字经济发展规划", "issuer": "国务院"}, {"title": "卓粤计划", "issuer": None}]
    c, fps, fns, issuers = match_policies(gold, pred)
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)
    assert fps == ["卓粤计划"]
    assert issuers == (1, 1)
    assert match_policies(gold, [{"title": "十四五数字经济发展规划", "issuer": "工信部"}])[3] == (0, 1)


def test_score_pages(tmp_path: Path) -> None:
    page = tmp_path / "p1.txt"
    page.write_text("正文", encoding="utf-8")
    doc = Document(source=str(page), text="正文", published="2023-06-01")
    doc.entities = [
        Mention("深圳迈瑞生物医疗电子股份有限公司", "enterprise", aliases=["迈瑞医疗"]),
        Mention("黄坤明", "person", attrs={"roles": [{"title": "广东省委书记", "org": None, "place": "广东省"}]}),
    ]
    doc.figures = [{"value": 6.5e10, "unit": "元", "measure": "增加值", "year": 2025, "target": False}]
    doc.events = [
        {"date": "2023-05-30", "visitors": ["黄坤明"], "visited": ["迈瑞医疗", "深圳湾实验室"], "place": "深圳"}
    ]
    rep = score([(page, GOLD)], [doc])
    out = rep.to_json(details=True)
    assert out["entities"]["typed"]["tp"] == 2 and out["entities"]["typed"]["fn"] == 2
    assert out["roles"]["f1"] == 1.0
    assert out["figures"]["recall"] == 0.5 and out["figures"]["target_accuracy"] == 0.0
    assert out["policies"]["recall"] == 0.0
    v = out["visits"]
    assert v["date_accuracy"] == 1.0 and v["visitors"]["f1"] == 1.0
    assert v["place_accuracy"] == 1.0  # 深圳 is an alias of the gold place 深圳市
    assert (v["visited"]["tp"], v["visited"]["fp"]) == (1, 1)  # 迈瑞医疗 resolved through the gold aliases
    assert out["per_page"][0]["missed_policies"] == ["十四五数字经济发展规划"]
    failed = Document(source=str(page), error="clean: boom")
    assert score([(page, GOLD)], [failed]).to_json()["failed_pages"] == 1


def test_load_gold_names_bad_files(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="not a directory"):
        load_gold(tmp_path / "missing")
    with pytest.raises(GoldError, match="no \\*.gold.json"):
        load_gold(tmp_path)
    (tmp_path / "a.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    with pytest.raises(GoldError, match="a.gold.json: no page file"):
        load_gold(tmp_path)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert [p.name for p, _ in load_gold(tmp_path)] == ["a.txt"]
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldError, match="b.gold.json: cannot read"):
        load_gold(tmp_path)


def test_cli_reports_a_bad_gold_dir(tmp_path: Path) -> None:
    from shuanglian.cli import app, eval_cmd  # noqa: F401 - registers the command

    res = CliRunner().invoke(app, ["eval", str(tmp_path / "nope")])
    assert res.exit_code == 2
    assert "not a directory" in res.output
