"""CLUENER2020: P/R/F1 on the tenth of its train split held out from training (corpora.clue_part == 'test').

Person (name), place (address) and organisation (company + government + organization) for LAC alone,
the rules, the tagger alone (its CLUENER head) and the tagger with the rules, then the tagger's
CLUENER head on all ten labels. The corpus's own dev split is held out by the project and not read.
Usage: .venv/bin/python bench/cluener_ner.py [--dev]  (--dev: the 5 % used to pick the training epoch,
`clue_part == "dev"`, never trained on: analyse errors there, never on the held-out tenth)

Gold LOC is CLUENER's "address" only; its SCENE (scenic spots, sights) and the other labels are not scored, for any
column. The product's `place` covers addresses, scenic spots and countries alike, and CLUENER leaves country names used
as adjectives (美国人, 中国的银行业) unlabelled, so most of the shipped column's place false positives are that
convention (CLUENER dev: 23 are gold SCENE, 21 countries or continents unlabelled, 15 inside a BOOK/GAME/MOVIE/TITLE
span; model card, v7). No bench-side mapping is applied: the shipped column scores what the product outputs.
"""

from __future__ import annotations

import time
from collections import Counter

from msra_ner import Span, rule_spans, score, shipped_spans, table

COARSE = {"PER": "PER", "LOC": "LOC", "COM": "ORG", "GOV": "ORG", "ORGN": "ORG"}


def main() -> None:
    """Print the comparison table and the tagger's per-label scores."""
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", action="store_true", help="measure the dev part instead of the held-out tenth")
    part = "dev" if ap.parse_args().dev else "test"
    from shuanglian.extract.lac import tag_many
    from shuanglian.extract.ner.corpora import clue_part, read_cluener, shared_data
    from shuanglian.extract.ner.tagger import get_ner

    path = shared_data() / "ner" / "cluener2020" / "train.json"
    if not path.is_file():
        raise SystemExit(f"CLUENER2020 train not found: {path}")
    sents = [s for s in read_cluener(path) if clue_part(s.text) == part]
    texts = [s.text for s in sents]
    gold = [{(a, b, COARSE[t]) for a, b, t in s.spans if t in COARSE} for s in sents]
    t0 = time.perf_counter()
    tokens = tag_many(texts)
    lac = [{(t.start, t.end, t.tag) for t in toks if t.tag in ("PER", "LOC", "ORG")} for toks in tokens]
    rules = [rule_spans(x, toks, False) for x, toks in zip(texts, tokens, strict=True)]
    ner = get_ner().tag_texts(texts, heads=("pd", "clue"))
    alone = [{(s.start, s.end, COARSE[s.label]) for s in spans if s.head == "clue" and s.label in COARSE} for spans in ner]
    both = [rule_spans(x, toks, True, spans) for x, toks, spans in zip(texts, tokens, ner, strict=True)]
    print(f"CLUENER2020 train, {'dev part' if part == 'dev' else 'held-out tenth'}: {len(sents)} sentences, {sum(map(len, gold))} PER/LOC/ORG entities")
    shipped = shipped_spans(texts, tokens)
    table(gold, {"LAC alone": lac, "rules (LAC+rules)": rules, "model alone": alone, "model+rules": both,
                 "shipped": shipped})
    fine_gold: list[set[Span]] = [set(s.spans) for s in sents]
    fine_pred: list[set[Span]] = [{(s.start, s.end, s.label) for s in spans if s.head == "clue"} for spans in ner]
    labels = Counter(t for g in fine_gold for _, _, t in g)
    print("tagger CLUENER head, all labels (exact span and label):")
    for lab in sorted(labels):
        p, r, f = score([{x for x in g if x[2] == lab} for g in fine_gold], [{x for x in q if x[2] == lab} for q in fine_pred])["ALL"]
        print(f"  {lab:6} n={labels[lab]:4d}  P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print(f"time {time.perf_counter() - t0:.1f}s")


if __name__ == "__main__":
    main()
