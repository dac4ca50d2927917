"""Real-gold loading (texts from the shared data folder, splits by crc32) and the projects/roles-org/P-L-O scores."""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from shuanglian.document import Document, Mention
from shuanglian.evaluation import eval as ev
from shuanglian.evaluation.eval_match import alias_map, gold_entities, match_projects, match_roles
from shuanglian.evaluation.eval_real import expected_split, is_real_gold_dir, load_real_gold

CCTV = "# url: https://x | title: t | date: 2023-05-31 | outlet: CCTV\n第一行正文。\n第二行正文。\n第三行。\n"


def _data(tmp: Path) -> Path:
    data = tmp / "shared" / "data" / "real"
    (data / "cctv").mkdir(parents=True)
    (data / "cctv" / "a.txt").write_text(CCTV, encoding="utf-8")
    recs = [{"year": 1987, "text": "甲\n乙\n丙"}, {"year": 1988, "text": "丁"}]
    (data / "nat.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    return data


def _gold(gdir: Path, item_id: str, **kw: object) -> None:
    gdir.mkdir(parents=True, exist_ok=True)
    obj = {"id": item_id, "split": expected_split(item_id), "entities": [], **kw}
    (gdir / f"{item_id}.gold.json").write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def test_split_rule_is_crc32_mod_3() -> None:
    for i in ("xwlb_001", "xwlb_002", "xwlb_003", "national_1987_L20-60"):
        assert expected_split(i) == ("holdout" if zlib.crc32(i.encode()) % 3 == 0 else "dev")


def test_loader_cuts_texts_from_shared_data(tmp_path: Path) -> None:
    data = _data(tmp_path)
    gdir = tmp_path / "gold"
    _gold(gdir, "a", source="cctv/a.txt", lines=None, published=None)
    _gold(gdir, "a_L2-3", source="cctv/a.txt", lines=[2, 3], published="2020-01-01")
    _gold(gdir, "nat_1987_L2-3", source="nat.jsonl#1987", lines=[2, 3], published="1987-03-25")
    assert is_real_gold_dir(gdir)
    items = {i.id: i for i in load_real_gold(gdir, data)}
    assert items["a"].text == "第一行正文。\n第二行正文。\n第三行。"  # header line is not text
    assert items["a"].published == "2023-05-31"  # no annotated date: the header date
    assert items["a_L2-3"].published == "2020-01-01"  # the annotated date wins
    assert items["a_L2-3"].text == "第二行正文。\n第三行。"  # body lines: the header line is not counted
    assert items["nat_1987_L2-3"].text == "乙\n丙" and items["nat_1987_L2-3"].published == "1987-03-25"


def test_a_national_record_without_a_date_is_dated_by_its_year(tmp_path: Path) -> None:
    data = _data(tmp_path)
    gdir = tmp_path / "gold"
    _gold(gdir, "nat_1988", source="nat.jsonl#1988", lines=None, published=None)
    (item,) = load_real_gold(gdir, data)
    assert item.published == "1988"  # the record carries its year, as a real ingest of it would


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"source": "cctv/missing.txt"}, "no file"),
        ({"source": "nat.jsonl#1999"}, "no record for year 1999"),
        ({"source": "cctv/a.txt", "lines": [3, 9]}, "outside the 4 lines"),
    ],
)
def test_loader_names_bad_files(tmp_path: Path, kw: dict[str, object], message: str) -> None:
    data = _data(tmp_path)
    _gold(tmp_path / "gold", "b", **kw)
    with pytest.raises(ValueError, match=f"b.gold.json: .*{message}"):
        load_real_gold(tmp_path / "gold", data)


def test_loader_refuses_a_wrong_split(tmp_path: Path) -> None:
    data = _data(tmp_path)
    gdir = tmp_path / "gold"
    gdir.mkdir()
    wrong = "dev" if expected_split("a") == "holdout" else "holdout"
    (gdir / "a.gold.json").write_text(json.dumps({"id": "a", "source": "cctv/a.txt", "split": wrong, "entities": []}))
    with pytest.raises(ValueError, match="crc32 rule"):
        load_real_gold(gdir, data)


GOLD: dict[str, Any] = {
    "entities": [
        {"name": "宿州市科学技术局", "kind": "government", "aliases": ["宿州市科技局"]},
        {"name": "张三", "kind": "person", "aliases": []},
        {"name": "宿州市", "kind": "place", "aliases": ["宿州"]},
    ],
    "roles": [{"person": "张三", "title": "局长", "org": "宿州市科技局"}],
    "projects": [
        {"name": "宿州高端装备产业园项目", "investment": 1.45e10, "org": None, "place": "宿州市", "status": "签约"},
        {"name": "年产10万吨电池材料项目", "investment": None, "org": None, "place": None, "status": "开工"},
    ],
}


def test_roles_with_org_resolve_through_gold_aliases() -> None:
    amap = alias_map(gold_entities(GOLD))
    right = [Mention("张三", "person", attrs={"roles": [{"title": "局长", "org": "宿州市科技局"}]})]
    wrong = [Mention("张三", "person", attrs={"roles": [{"title": "局长", "org": None, "place": "宿州市"}]})]
    assert match_roles(GOLD, right, amap, with_org=True).tp == 1
    assert match_roles(GOLD, wrong, amap).tp == 1
    c = match_roles(GOLD, wrong, amap, with_org=True)
    assert (c.tp, c.fp, c.fn) == (0, 1, 1)


def test_projects_match_leniently_and_score_investment() -> None:
    pred = [
        {"name": "高端装备产业园", "investment": 1.45e10},  # contained in the gold name
        {"name": "某某大桥", "investment": 1e9},
    ]
    s, missed = match_projects(GOLD["projects"], pred)
    assert (s.found.tp, s.found.fp, s.found.fn, s.investment_ok) == (1, 1, 1, 1)
    assert missed == ["年产10万吨电池材料项目"]
    assert match_projects(GOLD["projects"], [])[0].found.fn == 2


def test_evaluate_real_reports_splits_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _data(tmp_path)
    gdir = tmp_path / "gold"
    ids = ["xwlb_001", "xwlb_008"]  # one of each split
    assert {expected_split(i) for i in ids} == {"dev", "holdout"}
    for i in ids:
        _gold(gdir, i, source="cctv/a.txt", lines=None, **{k: v for k, v in GOLD.items() if k != "entities"},
              entities=GOLD["entities"])

    def fake_run(items: list[object]) -> list[Document]:
        docs = []
        for it in items:
            d = Document(source=it.id, text=it.text)  # type: ignore[attr-defined]
            d.entities = [
                Mention("宿州", "place"),
                Mention("宿州市科技局", "organization"),
                Mention("张三", "person", attrs={"roles": [{"title": "局长", "org": None, "place": "宿州市"}]}),
            ]
            if it.split == "dev":  # type: ignore[attr-defined]
                d.projects = [{"name": "宿州高端装备产业园项目", "investment": 1.45e10}]  # type: ignore[attr-defined]
            docs.append(d)
        return docs

    monkeypatch.setattr(ev, "run_texts", fake_run)
    reps = ev.evaluate_real(gdir, data)
    dev, hold = reps["dev"].to_json(), reps["holdout"].to_json()
    assert dev["pages"] == hold["pages"] == 1
    assert dev["entities"]["typed"]["f1"] < 1.0 and dev["entities"]["plo"]["f1"] == 1.0  # org kind merged
    assert dev["projects"]["tp"] == 1 and dev["projects"]["investment_accuracy"] == 1.0
    assert hold["projects"]["tp"] == 0 and hold["projects"]["fn"] == 2  # no projects predicted: scored 0
    assert dev["roles"]["tp"] == 1 and dev["roles_with_org"]["tp"] == 0 and dev["roles_with_org"]["org_rate"] == 0.0

    from shuanglian.cli import app, eval_cmd  # noqa: F401 - registers the command

    res = CliRunner().invoke(app, ["eval", str(gdir), "--json", "--data", str(data)])
    assert res.exit_code == 0, res.output
    assert set(json.loads(res.output)) == {"dev", "holdout"}
    res = CliRunner().invoke(app, ["eval", str(gdir), "--data", str(data)])
    assert res.exit_code == 0 and "holdout (1 documents)" in res.output


def test_a_file_annotated_for_projects_only_is_scored_for_projects_only(tmp_path: Path) -> None:
    """`annotated: ["projects"]`: the file's other fact types (gold and predictions) count nowhere."""
    data = _data(tmp_path)
    gdir = tmp_path / "gold"
    item_id = "xwlb_001"
    _gold(gdir, item_id, source="cctv/a.txt", lines=None, annotated=["projects"], projects=GOLD["projects"],
          roles=GOLD["roles"], figures=[{"value": 5, "unit": "个", "measure": "项目数量", "year": None, "target": False}])
    [item] = load_real_gold(gdir, data)
    doc = Document(source=item.id, text=item.text)
    doc.entities = [Mention("宿州", "place"), Mention("某人", "person", attrs={"roles": [{"title": "局长"}]})]
    doc.projects = [{"name": "宿州高端装备产业园项目", "investment": 1.45e10}, {"name": "某某大桥"}]  # type: ignore[attr-defined]
    doc.policies = [{"title": "某某条例"}]
    rep = ev.score_splits([item], [doc])[item.split].to_json()
    assert (rep["projects"]["tp"], rep["projects"]["fp"], rep["projects"]["fn"]) == (1, 1, 1)
    ents = rep["entities"]["typed"]
    assert (ents["tp"], ents["fp"], ents["fn"]) == (0, 0, 0)  # predicted entities are not false positives here
    assert (rep["roles"]["tp"], rep["roles"]["fp"], rep["roles"]["fn"]) == (0, 0, 0)  # gold role not missed
    assert rep["figures"]["gold"] == 0 and (rep["policies"]["fp"], rep["policies"]["fn"]) == (0, 0)
    # without `annotated` the same file is scored for every type
    _gold(gdir, item_id, source="cctv/a.txt", lines=None, projects=GOLD["projects"], roles=GOLD["roles"])
    [item] = load_real_gold(gdir, data)
    full = ev.score_splits([item], [doc])[item.split].to_json()
    assert full["entities"]["typed"]["fp"] == 2 and full["roles"]["fn"] == 1 and full["policies"]["fp"] == 1


@pytest.mark.parametrize("annotated", [[], ["projects", "visits"], "projects"])
def test_loader_refuses_a_bad_annotated_list(tmp_path: Path, annotated: object) -> None:
    data = _data(tmp_path)
    _gold(tmp_path / "gold", "b", source="cctv/a.txt", annotated=annotated)
    with pytest.raises(ValueError, match="b.gold.json: 'annotated' must be"):
        load_real_gold(tmp_path / "gold", data)


def test_areas_are_compared_in_square_metres() -> None:
    from shuanglian.evaluation.eval_match import match_figures

    gold = [{"value": 62_810_000.0, "unit": "亩", "measure": "高标准农田面积", "year": None, "target": False}]
    pred = [{"value": 62_810_000.0 * 666.6667, "unit": "平方米", "measure": "面积", "year": None, "target": False}]
    score, missed = match_figures(gold, pred)
    assert score.matched == 1 and not missed
    score, missed = match_figures(gold, [dict(pred[0], value=62_810_000.0)])
    assert score.matched == 0 and missed == gold
