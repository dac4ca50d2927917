"""Targets bench: main expected targets, all quantified targets, link to next year's outcome, status.

Reads the hand-made gold under tests/fixtures/targets_gold/ and the report texts from
../shared/data/real/national-reports-1954-2015.jsonl (target -> next year's outcome pairs) and
../shared/data/real/provincial-reports-2026/ (targets only: no next report, so main/all only); prints one
line per split (dev / holdout / all) for the national pairs, then one per split for the provincial reports.
Usage: python bench/targets.py [--split dev|holdout|all] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from shuanglian.targets.derive import derive_figures, normalise_text
from shuanglian.targets.link import Candidate, best_link, status_of
from shuanglian.targets.model import Figure

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "targets_gold"
REAL = ROOT.parent / "shared" / "data" / "real"
REPORTS = REAL / "national-reports-1954-2015.jsonl"
GOALS = {"main": 0.95, "all": 0.80, "linked": 0.80, "status": 0.90}


def load_reports(path: Path = REPORTS) -> dict[int, dict]:
    """Report records by year."""
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            out[int(r["year"])] = r
    return out


def load_text(source: str, reports: dict[int, dict]) -> dict:
    """The report a gold `source` names: `file.jsonl#year` (national) or a provincial file path (its
    first line is a `# url: … | title: … | date: …` header, not report text)."""
    if "#" in source:
        return reports[int(source.split("#")[1])]
    raw = (REAL / source).read_text(encoding="utf-8")
    head, _, text = raw.partition("\n")
    title = re.search(r"title: ([^|]+)", head)
    return {"text": text, "title": title.group(1).strip() if title else None}


def _occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    norm, q = normalise_text(text), normalise_text(quote)
    return [(m.start(), m.end()) for m in re.finditer(re.escape(q), norm)]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def evaluate(gold: dict, reports: dict[int, dict], verbose: bool = False) -> dict[str, list[int]]:
    """Counts [hits, total] per metric for one gold file."""
    rep = load_text(gold["source"], reports)
    y = int(gold["source"].split("#")[1]) if "#" in gold["source"] else int(gold["published"][:4])
    figs = derive_figures(rep["text"], gold.get("published") or f"{y}-03-05", rep.get("title"), gold["source"])
    cands: list[Candidate] = []
    nxt: dict | None = None
    ny = y + 1
    if gold.get("outcome_source"):
        ny = int(gold["outcome_source"].split("#")[1])
        nxt = load_text(gold["outcome_source"], reports)
        nfigs = derive_figures(nxt["text"], f"{ny}-03-05", nxt.get("title"), gold["outcome_source"])
        cands = [Candidate(gold["outcome_source"], f"{ny}-03-05", f, 0) for f in nfigs if not f.is_target]
    res = {k: [0, 0] for k in ("main", "all", "linked", "status")}
    for g in gold["targets"]:
        spans = _occurrences(rep["text"], g["quote"])
        found: Figure | None = None
        for f in figs:
            in_quote = f.is_target and any(a <= f.span[0] < b for a, b in spans)
            same = _close(f.value, g["value"]) and _close(f.value_max, g["value_max"])
            if in_quote and same and f.qualifier == g["qualifier"] and f.year == g["year"]:
                found = f
                break
        ok = found is not None
        res["all"][0] += ok
        res["all"][1] += 1
        if g["main"]:
            res["main"][0] += ok
            res["main"][1] += 1
        if nxt is None:  # targets only (no later report): main/all
            if verbose and not ok:
                near = [f"{f.measure}={f.value}{f.unit}/{f.qualifier}/{f.year}/{'T' if f.is_target else 'A'}" for f in figs if any(a - 5 <= f.span[0] < b + 5 for a, b in spans)]
                print(f"  {gold['id']} {g['measure']} {g['value']}{g['unit']} {g['qualifier']}: not found, near={near}", file=sys.stderr)
            continue
        link = best_link(found, cands) if found else None
        if g["outcome"] is not None:
            ospans = _occurrences(nxt["text"], g["outcome"]["quote"])
            hit = bool(link and _close(link.actual.value, g["outcome"]["value"]) and any(a <= link.actual.span[0] < b for a, b in ospans))
            res["linked"][0] += hit
            res["linked"][1] += 1
        status = status_of(found, link.actual if link else None, ny + 1) if found else None
        res["status"][0] += status == g["status"]
        res["status"][1] += 1
        if verbose and (not ok or status != g["status"] or (g["outcome"] and not (link and _close(link.actual.value, g["outcome"]["value"])))):
            near = [f"{f.measure}={f.value}{f.unit}/{f.qualifier}/{f.year}/{'T' if f.is_target else 'A'}" for f in figs if any(a - 5 <= f.span[0] < b + 5 for a, b in spans)]
            print(f"  {y} {g['measure']} {g['value']}{g['unit']} {g['qualifier']}: found={ok} near={near} "
                  f"link={link.actual.value if link else None} status={status} gold={g['status']}", file=sys.stderr)
    return res


def main() -> int:
    """Print the four rates per split."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="all", choices=["dev", "holdout", "all"])
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    if not REPORTS.exists():
        print(f"missing {REPORTS}", file=sys.stderr)
        return 2
    reports = load_reports()
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    splits = ["dev", "holdout"] if args.split == "all" else [args.split]
    for group in ("national", "provincial"):
        members = [g for g in golds if ("#" in g["source"]) == (group == "national")]
        for split in splits + (["all"] if args.split == "all" and group == "national" else []):
            tot = {k: [0, 0] for k in GOALS}
            years = []
            for g in members:
                if split != "all" and g["split"] != split:
                    continue
                years.append(g["id"].rsplit("_", 1)[-1])
                r = evaluate(g, reports, args.verbose and split == "dev")
                for k in tot:
                    tot[k][0] += r[k][0]
                    tot[k][1] += r[k][1]
            if not years:
                continue
            parts = []
            for k, goal in GOALS.items():
                h, n = tot[k]
                if not n:
                    continue
                rate = h / n
                parts.append(f"{k} {rate:.3f} ({h}/{n}, goal {goal}{'' if rate >= goal else ' MISSED'})")
            label = split if group == "national" else f"prov-{split}"
            print(f"{label:12s} {'years' if group == 'national' else 'reports'}={len(years)}  " + "  ".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
