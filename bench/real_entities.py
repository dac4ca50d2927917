"""Entity F1 on the real gold (hand-annotated real pages), per split, for LAC alone, the rules, the tagger
alone and the tagger with the rules: the ablation table of the model card.

Usage: .venv/bin/python bench/real_entities.py [GOLD_DIR ...]  (default tests/fixtures/real_gold)
Texts are read from ../shared/data/real (format in HELPERS.md / the real-gold README). Tune on split
"dev" only; "holdout" is reported apart and never tuned on.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "real"
LAC_KINDS = {"PER": "person", "LOC": "place", "ORG": "organization"}
NER_KINDS = {"PER": "person", "LOC": "place", "ORG": "organization"}


def load_items(dirs: list[Path]) -> list[dict[str, Any]]:
    """Gold records with their `text` cut from the shared real data (CCTV header line dropped)."""
    out = []
    cache: dict[str, list[str]] = {}
    for d in dirs:
        for g in sorted(d.glob("*.gold.json")):
            gold = json.loads(g.read_text(encoding="utf-8"))
            src = gold["source"]
            if src not in cache:
                name, _, year = src.partition("#")
                path = REAL / name
                if year:
                    rec = next(json.loads(x) for x in path.open(encoding="utf-8") if x.strip() and str(json.loads(x)["year"]) == year)
                    cache[src] = rec["text"].split("\n")
                else:
                    lines = path.read_text(encoding="utf-8").split("\n")
                    cache[src] = lines[1:] if lines and lines[0].startswith("# url:") else lines
            lines = cache[src]
            if gold.get("lines"):
                lo, hi = gold["lines"]
                lines = lines[lo - 1 : hi]
            gold["text"] = "\n".join(lines).strip("\n")
            out.append(gold)
    return out


def coarse(kind: str) -> str:
    """person / place / industry, every organisation kind as org."""
    return kind if kind in ("person", "place", "industry") else "org"


def main() -> None:
    """Score each system on each split and print the table."""
    dirs = [Path(a) for a in sys.argv[1:]] or [ROOT / "tests" / "fixtures" / "real_gold"]
    items = load_items(dirs)
    if not items:
        raise SystemExit(f"no *.gold.json under {', '.join(map(str, dirs))}")
    from shuanglian.document import Document, Mention
    from shuanglian.evaluation.eval_match import Counts, gold_entities, match_entities
    from shuanglian.extract.entities.stage import warm_up
    from shuanglian.extract.lac import tag_many
    from shuanglian.extract.ner.tagger import get_ner
    from shuanglian.extract.pipeline import ExtractStage

    warm_up()
    texts = [it["text"] for it in items]

    def mentions(pairs: list[tuple[str, str]]) -> list[Mention]:
        seen: dict[tuple[str, str], Mention] = {}
        for name, kind in pairs:
            seen.setdefault((name, kind), Mention(name=name, kind=kind))
        return list(seen.values())

    def lac_alone() -> list[list[Mention]]:
        return [mentions([(t.word, LAC_KINDS[t.tag]) for t in toks if t.tag in LAC_KINDS]) for toks in tag_many(texts)]

    def ner_alone() -> list[list[Mention]]:
        out = []
        for text, spans in zip(texts, get_ner().tag_texts(texts), strict=True):
            hints = {(s.start, s.end): s.label for s in spans if s.head == "clue"}
            kinds = {"COM": "enterprise", "GOV": "government", "ORGN": "organization"}
            out.append(mentions([(text[s.start : s.end], kinds.get(hints.get((s.start, s.end), ""), NER_KINDS[s.label])
                                  if s.label == "ORG" else NER_KINDS[s.label]) for s in spans if s.head == "pd"]))
        return out

    def pipeline(use_ner: bool) -> Callable[[], list[list[Mention]]]:
        def run() -> list[list[Mention]]:
            stage = ExtractStage()
            stage.stages[0].use_ner = use_ner
            docs = [Document(source=it["id"], text=it["text"]) for it in items]
            stage.batch(docs)
            return [d.entities for d in docs]
        return run

    systems = {"LAC alone": lac_alone, "rules (LAC+rules)": pipeline(False), "model alone": ner_alone, "model+rules": pipeline(True)}
    print(f"real gold: {len(items)} items ({sum(it['split'] == 'dev' for it in items)} dev, "
          f"{sum(it['split'] == 'holdout' for it in items)} holdout), {sum(map(len, texts))} chars")
    print(f"{'system':18} {'split':8} {'typed P':>7} {'R':>6} {'F1':>6} | {'P/L/O F1':>8} | {'untyped F1':>10} | {'s':>5}")
    for label, fn in systems.items():
        t0 = time.perf_counter()
        preds = fn()
        dt = time.perf_counter() - t0
        for split in ("dev", "holdout"):
            typed, plo, untyped = Counts(), Counts(), Counts()
            for it, pred in zip(items, preds, strict=True):
                if it["split"] != split:
                    continue
                gents = gold_entities(it)
                by_kind, _, _ = match_entities(gents, pred, typed=True)
                for c in by_kind.values():
                    typed.add(c)
                u, _, _ = match_entities(gents, pred, typed=False)
                for c in u.values():
                    untyped.add(c)
                g2 = [g for g in gents if g.kind != "industry"]
                for g in g2:
                    g.kind = coarse(g.kind)
                p2 = [Mention(name=m.name, kind=coarse(m.kind), aliases=list(m.aliases)) for m in pred if m.kind != "industry"]
                pk, _, _ = match_entities(g2, p2, typed=True)
                for c in pk.values():
                    plo.add(c)
            print(f"{label:18} {split:8} {typed.precision:7.3f} {typed.recall:6.3f} {typed.f1:6.3f} | {plo.f1:8.3f} | {untyped.f1:10.3f} | {dt:5.1f}")


if __name__ == "__main__":
    main()
