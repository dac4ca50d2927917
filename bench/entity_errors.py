"""Dev-split entity errors of the real gold, per kind, with the sentence they come from.

Usage: PYTHONPATH=src python bench/entity_errors.py [KIND ...] [--out FILE] [--half A|B]
Reads only the dev split (crc32 rule); never prints holdout errors. `--half A` (or B) keeps the dev files with
crc32(id) % 2 == 0 (or 1) and prints per-kind F1 of that half: read errors on one half, check a rule on the other
(a rule that helps the half it was written on but not the other fits those pages, not the language). For every false negative it shows
whether the extractor found the same name with another kind (kind confusion) or a longer/shorter overlapping
name (span error), so misses can be grouped into classes before rules are written.
"""

from __future__ import annotations

import argparse
import zlib
from collections import Counter
from pathlib import Path

from shuanglian.evaluation.eval import run_texts
from shuanglian.evaluation.eval_match import Counts, gold_entities, match_entities, norm
from shuanglian.evaluation.eval_real import load_real_gold, scored_types

ROOT = Path(__file__).resolve().parents[1]


def sentence(text: str, name: str) -> str:
    i = text.find(name)
    if i < 0:
        return ""
    lo = max(text.rfind(c, 0, i) for c in "。！？\n；") + 1
    his = [j for j in (text.find(c, i) for c in "。！？\n；") if j >= 0]
    hi = min(his) if his else len(text)
    s = text[lo:hi]
    return s if len(s) < 160 else text[max(lo, i - 60) : min(hi, i + len(name) + 60)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("kinds", nargs="*")
    ap.add_argument("--out", default="/tmp/entity_errors.txt")
    ap.add_argument("--half", choices=["A", "B"], help="only dev files with crc32(id) %% 2 == 0 (A) or 1 (B)")
    ap.add_argument("--annotators", default="", help="comma-separated blind sets to keep (e.g. gold-i,gold-j)")
    ap.add_argument("--totals", action="store_true", help="print totals only, write no error lists")
    a = ap.parse_args()
    items = [i for i in load_real_gold(ROOT / "tests/fixtures/real_gold") if i.split == "dev"]
    items = [i for i in items if "entities" in scored_types(i.gold)]
    if a.half:
        items = [i for i in items if "AB"[zlib.crc32(i.id.encode()) % 2] == a.half]
    if a.annotators:
        keep = {n.strip() for n in a.annotators.split(",") if n.strip()}
        items = [i for i in items if i.gold.get("annotator") in keep]
    docs = run_texts(items)
    kinds = set(a.kinds)
    classes: Counter[str] = Counter()
    by_kind: dict[str, Counts] = {}
    lines = []
    for item, doc in zip(items, docs, strict=True):
        gents = gold_entities(item.gold)
        counts, fps, fns = match_entities(gents, doc.entities, typed=True)
        for k, c in counts.items():
            by_kind.setdefault(k, Counts()).add(c)
        pred = {norm(m.name): m.kind for m in doc.entities}
        for m in doc.entities:
            for al in m.aliases:
                pred.setdefault(norm(al), m.kind)
        gkinds = {}
        for g in gents:
            for n in g.names:
                gkinds[n] = g.kind
        for name, kind in fns:
            if kinds and kind not in kinds:
                continue
            g = next(g for g in gents if g.name == name and g.kind == kind)
            other = [f"{n}:{pred[n]}" for n in g.names if n in pred]
            if other:
                cls = "kind"
            else:
                over = [f"{p}:{k}" for p, k in pred.items() if (p in norm(name) or norm(name) in p) and len(p) > 1]
                other = over
                cls = "span" if over else "miss"
            classes[f"FN {kind} {cls}"] += 1
            s = sentence(item.text, name) or sentence(item.text, next(iter(g.names)))
            lines.append(f"FN\t{kind}\t{cls}\t{name}\t{'|'.join(sorted(g.names - {norm(name)}))}\t{' '.join(other)}\t{item.id}\t{s}")
        for name, kind in fps:
            if kinds and kind not in kinds:
                continue
            gk = gkinds.get(norm(name))
            cls = f"gold={gk}" if gk else "none"
            if not gk:
                over = [f"{n}:{k}" for n, k in gkinds.items() if (n in norm(name) or norm(name) in n) and len(n) > 1]
                cls = "span" if over else "none"
            else:
                over = []
            classes[f"FP {kind} {cls if not gk else 'kind'}"] += 1
            lines.append(f"FP\t{kind}\t{cls}\t{name}\t\t{' '.join(over)}\t{item.id}\t{sentence(item.text, name)}")
    if a.totals:
        lines = []
        classes.clear()
    else:
        Path(a.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    for k, v in sorted(classes.items()):
        print(f"{v:5d}  {k}")
    if a.half:
        for k, c in sorted(by_kind.items()):
            if not kinds or k in kinds:
                print(f"half {a.half} {k}: F1 {c.f1:.3f} (tp {c.tp}, fp {c.fp}, fn {c.fn})")
        total = Counts()
        for c in by_kind.values():
            total.add(c)
        print(f"half {a.half} typed total: F1 {total.f1:.3f} (tp {total.tp}, fp {total.fp}, fn {total.fn})")
    if not a.totals:
        print("written", a.out)


if __name__ == "__main__":
    main()
