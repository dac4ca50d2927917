"""The written convention for gold `figures[].measure` (tests/fixtures/real_gold/README.md, "Measures"):
the mechanical part of it, as scripts/measure_convention_pass.py applies it, holds for every gold file."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
_spec = importlib.util.spec_from_file_location(
    "measure_convention_pass", REPO / "scripts" / "measure_convention_pass.py"
)
assert _spec and _spec.loader
_pass = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_pass)


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("累计新开工亿元以上项目数量", "新开工亿元以上项目数量"),
        ("国有资本累计投入", "国有资本投入"),
        ("单位GDP能耗累计下降率", "单位GDP能耗累计下降率"),  # a change over the period keeps its term
        ("集中签约重大项目数量", "签约重大项目数量"),
        ("一季度重点项目总投资", "重点项目总投资"),
        ("五年利用外资", "利用外资"),
        ("天然气五年累计产量", "天然气产量"),
        ("两年投资计划总额", "两年投资计划总额"),  # the span in a plan's name stays
        ("每天中转新鲜蔬果量", "每天中转新鲜蔬果量"),  # a rate per time stays
        ("利用外资相当于前九年总和倍数", "利用外资相当于前九年总和倍数"),
    ],
)
def test_convention_rules(measure: str, expected: str) -> None:
    assert _pass.convene(measure) == expected


def test_every_gold_measure_follows_the_mechanical_convention() -> None:
    bad = []
    for p in sorted((REPO / "tests" / "fixtures" / "real_gold").glob("*.gold.json")):
        for f in json.loads(p.read_text(encoding="utf-8")).get("figures", []):
            if f.get("measure") and _pass.convene(f["measure"]) != f["measure"]:
                bad.append((p.name, f["measure"]))
    assert bad == []
