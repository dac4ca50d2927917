"""Targets quality on the real national reports (hand-made gold in tests/fixtures/targets_gold): floors at
the issue's goals for the dev years, and recorded floors for the held-out years (never tuned on)."""

from __future__ import annotations

import importlib.util
import json
import os
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT.parent / "shared" / "data" / "real" / "national-reports-1954-2015.jsonl"
FLOORS = {"dev": {"main": 0.95, "all": 0.80, "linked": 0.80, "status": 0.90},
          "holdout": {"main": 0.95, "all": 0.95, "linked": 0.69, "status": 0.80}}  # session 7: 0.70 / 0.82


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_targets", ROOT / "bench" / "targets.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_targets_quality_floors(split: str) -> None:
    if not REPORTS.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {REPORTS} is missing")
        pytest.skip("../shared/data/real is not present")
    bench = _bench()
    reports = bench.load_reports(REPORTS)
    totals = {k: [0, 0] for k in FLOORS[split]}
    for p in sorted((ROOT / "tests" / "fixtures" / "targets_gold").glob("national_*.json")):
        gold = json.loads(p.read_text(encoding="utf-8"))
        if gold["split"] != split:
            continue
        for k, (h, n) in bench.evaluate(gold, reports).items():
            totals[k][0] += h
            totals[k][1] += n
    for k, floor in FLOORS[split].items():
        h, n = totals[k]
        assert n > 0 and h / n >= floor, f"{split} {k}: {h}/{n} below {floor}"


@pytest.mark.parametrize("split", ["dev", "holdout"])
def test_provincial_targets_floor(split: str) -> None:
    """The provincial 2026 reports' main expected targets (targets only, no next report yet)."""
    if not (REPORTS.parent / "provincial-reports-2026").exists():
        pytest.skip("../shared/data/real/provincial-reports-2026 is not present")
    bench = _bench()
    totals = {"main": [0, 0], "all": [0, 0]}
    for p in sorted((ROOT / "tests" / "fixtures" / "targets_gold").glob("provincial_*.json")):
        gold = json.loads(p.read_text(encoding="utf-8"))
        if gold["split"] != split:
            continue
        res = bench.evaluate(gold, {})
        assert res["linked"] == [0, 0] and res["status"] == [0, 0]  # targets only
        for k in totals:
            totals[k][0] += res[k][0]
            totals[k][1] += res[k][1]
    for k, (h, n) in totals.items():
        floor = 0.94 if (split, k) == ("holdout", "all") else 0.95  # held-out all: 0.941 measured in session 5
        assert n >= 100 and h / n >= floor, f"provincial {split} {k}: {h}/{n}"


def test_gold_is_well_formed() -> None:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "tests" / "fixtures" / "targets_gold").glob("*.json")]
    national = [g for g in golds if "#" in g["source"]]
    years = sorted(int(g["id"][-4:]) for g in national)
    assert len(years) >= 12 and years[0] <= 1995 and years[-1] >= 2014
    for g in golds:
        if "#" in g["source"]:
            # national_plan_1986: 1986 % 3 == 0, but the session-14 brief assigned the 七五 plan's report as a dev
            # file (read, annotated and tuned on): it can never be held out
            held = int(g["id"][-4:]) % 3 == 0 and g["id"] != "national_plan_1986"
            assert g["split"] == ("holdout" if held else "dev")
        else:  # provincial reports: targets only, split by the project's crc32 rule
            assert g["outcome_source"] is None
            assert g["split"] == ("holdout" if zlib.crc32(g["id"].encode()) % 3 == 0 else "dev")
        for t in g["targets"]:
            assert t["status"] in ("met", "missed", "unknown") and len(t["quote"]) <= 40
            assert (t["outcome"] is None) == (t["status"] == "unknown")
            assert g["outcome_source"] or t["outcome"] is None
