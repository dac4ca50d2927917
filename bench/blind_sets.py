"""Scores of the blind annotator sets of the real gold, one line per set: the honest picture of unseen prose.

Usage: .venv/bin/python bench/blind_sets.py [--annotators gold-o,gold-p] [--json]

The blind sets (README of tests/fixtures/real_gold, "annotator") were drawn at random from the real reports and
written before any extractor output on them was seen; each session scores the new ones with the extractor of
its start, then again at its end, before anyone reads their errors. This prints only totals (no error lists),
dev items only (the blind sets are all dev), so running it never exposes held-out text or errors.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shuanglian.evaluation.eval import run_texts, score
from shuanglian.evaluation.eval_real import load_real_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "real_gold"
DEFAULT = "gold-i,gold-j,gold-k,gold-l,gold-m,gold-n,gold-o,gold-p,gold-q,gold-r"


def summary(report: dict) -> dict[str, object]:
    """The numbers the closing notes quote, from one eval report's JSON."""
    e, f, p, pr = report["entities"], report["figures"], report["policies"], report.get("projects", {})
    return {
        "pages": report["pages"],
        "typed": e["typed"]["f1"], "typed_tp_fp_fn": [e["typed"][k] for k in ("tp", "fp", "fn")],
        "plo": e["plo"]["f1"],
        "industry": e["by_kind"].get("industry", {}).get("f1"), "platform": e["by_kind"].get("platform", {}).get("f1"),
        "place": e["by_kind"].get("place", {}).get("f1"),
        "figures_recall": f.get("recall"), "specific": f.get("specific_accuracy"), "target": f.get("target_accuracy"),
        "year": f.get("year_accuracy"), "figures_gold": f.get("gold"),
        "policies": p.get("f1"), "policies_tp_fp_fn": [p.get(k) for k in ("tp", "fp", "fn")],
        "projects": pr.get("f1"), "projects_gold": (pr.get("tp") or 0) + (pr.get("fn") or 0),
    }


def main() -> None:
    """Score each named annotator set (dev items only) and print one line (or one JSON object) per set."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--annotators", default=DEFAULT, help="comma-separated annotator names (default: all blind sets)")
    ap.add_argument("--json", action="store_true", help="one JSON object per set")
    a = ap.parse_args()
    names = [n.strip() for n in a.annotators.split(",") if n.strip()]
    items = [i for i in load_real_gold(GOLD) if i.split == "dev" and i.gold.get("annotator") in names]
    docs = run_texts(items)
    for name in names:
        pairs = [(Path(i.id), i.gold) for i in items if i.gold.get("annotator") == name]
        if not pairs:
            print(f"{name}: no dev items")
            continue
        got = [d for i, d in zip(items, docs, strict=True) if i.gold.get("annotator") == name]
        s = summary(score(pairs, got).to_json())
        if a.json:
            print(json.dumps({"annotator": name, **s}, ensure_ascii=False))
            continue

        def fmt(v: object) -> str:
            return f"{v:.3f}" if isinstance(v, float) else str(v)

        print(f"{name}: pages {s['pages']}  typed {fmt(s['typed'])} {s['typed_tp_fp_fn']}  P/L/O {fmt(s['plo'])}  "
              f"industry {fmt(s['industry'])}  platform {fmt(s['platform'])}  place {fmt(s['place'])}  "
              f"figures {s['figures_gold']}: specific {fmt(s['specific'])} target {fmt(s['target'])} year {fmt(s['year'])}  "
              f"policies {fmt(s['policies'])} {s['policies_tp_fp_fn']}  projects {fmt(s['projects'])} (gold {s['projects_gold']})")


if __name__ == "__main__":
    main()
