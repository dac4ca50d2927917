"""Where the shipped entity stage loses names the tagger alone had right, on the news dev slices, by deciding step.

Usage: PYTHONPATH=src python bench/ner_losses.py [--msra N] [--clue] [--half even|odd|all] [--show K] [--group G]
(--msra N: the first N MSRA dev sentences, `msra_ner.dev_sentences`; --clue: CLUENER dev, `clue_part == "dev"`; both
when neither is given, MSRA with N = 1000). `--half even` keeps even-indexed sentences (read errors there), `odd` the
others (check a change there). Never run on the MSRA test set or the CLUENER held-out tenth: the loaders here only
read the dev parts.

For every gold span the tagger alone reads right (MSRA: `pd` head; CLUENER: `clue` head, coarse) that the shipped
stage (`msra_ner.shipped_spans`) does not output, the deciding step is:
- `gating`: the sentence piece was not tagged, and the same stage with every sentence tagged outputs the span;
- `combine:not-taken`: tagged, but `combine.overrule` / `merge` left no token or candidate of that span and label;
- `rules:dropped` / `rules:cut` / `rules:retyped`: the combination made the span a token (or a candidate), but the
  rules output nothing there, another span over it, or the same span with another type;
- `untagged <step>`: not tagged, and lost with every sentence tagged too: the step as above, with the tagger on every
  sentence.
Spans the shipped stage adds that are not gold and that the tagger alone did not have are counted as `added:<kind>`
(`added:lac` when a LAC word of that span and type exists, `added:rules` otherwise; `untagged` when not tagged).
Lost spans are also counted by a few shapes that follow the product's guideline rather than err (`convention`: one
character, a place kept in its government, a region with its region word, a place prefix of an organisation); the
rest is counted as "plain error" (it still holds conventions no shape test catches: rivers, 中华, 欧盟…).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict

from msra_ner import DEFAULT, Span, dev_sentences, rule_spans, score

COARSE = {"PER": "PER", "LOC": "LOC", "COM": "ORG", "GOV": "ORG", "ORGN": "ORG"}


def _load(args: argparse.Namespace) -> list[tuple[str, list[str], list[set[Span]], str]]:
    """(name, texts, gold, head) per corpus asked for."""
    out = []
    if args.msra or not args.clue:
        sents = dev_sentences(DEFAULT, args.msra or 1000)
        out.append(
            (f"MSRA dev (first {args.msra or 1000})", [t for t, _ in sents], [g for _, g in sents], "pd")
        )
    if args.clue:
        from shuanglian.extract.ner.corpora import clue_part, read_cluener, shared_data

        sents = [
            s
            for s in read_cluener(shared_data() / "ner" / "cluener2020" / "train.json")
            if clue_part(s.text) == "dev"
        ]
        out.append(
            (
                "CLUENER dev",
                [s.text for s in sents],
                [{(a, b, COARSE[t]) for a, b, t in s.spans if t in COARSE} for s in sents],
                "clue",
            )
        )
    return out


def _combined(text: str, toks: list, ner: list) -> set[Span]:
    """Spans the combination hands to the rules: entity tokens after `overrule`, and `merge`'s accepted spans."""
    from shuanglian.extract.entities.stage import (
        NER_LABELS,
        NER_POLICY,
        _cut_place,
        _head_title,
        _ner_gate,
        _take_gate,
        _title_word,
        _vetoable,
    )
    from shuanglian.extract.ner.combine import merge, overrule

    t2 = overrule(
        text,
        toks,
        ner,
        NER_POLICY,
        gate=_take_gate,
        vetoable=_vetoable,
        cut_place=_cut_place,
        uncut=_title_word,
        head_title=_head_title,
    )
    m = merge(text, t2, ner, labels=NER_LABELS, gate=_ner_gate, veto_per=True, as_tokens=False)
    out = {(t.start, t.end, t.tag) for t in m.tokens if t.tag in ("PER", "LOC", "ORG")}
    out |= {(s.start, s.end, s.label) for s in m.spans}
    # recovery candidates (tagger_spans.recovered) come later from the spans themselves: count a confident span too
    out |= {(s.start, s.end, s.label) for s in ner if s.head == "pd" and s.conf >= 0.9}
    return out


# shapes of a loss that follow the product's guidelines (tests/fixtures/gold/GUIDELINES.md), not an error: a name of
# one character (a surname alone, 访|华 where the product names the country only from the list), a place kept inside its
# government or body (美国|政府 -> 美国政府, 广东省|委 -> 广东省), a region kept with its region word (东北|地区)
_REGION_WORDS = ("地区", "流域", "山区", "一带", "沿海")
_BODY_TAILS = ("政府", "王国政府", "省委", "市委", "党委")


def convention(text: str, g: Span, shipped: set[Span]) -> str:
    """The guideline a lost gold span `g` follows in the shipped output, or "" for a plain error."""
    if g[1] - g[0] == 1:
        return "one-character"
    for a, b, t in shipped:
        if a == g[0] and b > g[1]:
            rest = text[g[1] : b]
            if t == "ORG" and g[2] == "LOC" and rest.endswith(_BODY_TAILS) and len(rest) <= 4:
                return "place-in-government"
            if t == "LOC" and rest in _REGION_WORDS:
                return "region-word"
    if g[2] == "LOC" and any(a == g[0] and b > g[1] and t == "ORG" for a, b, t in shipped):
        return "place-prefix-of-org"
    return ""


def _group(g: Span, shipped: set[Span], every: set[Span], tagged: bool, combined: set[Span]) -> str:
    if not tagged:
        return "gating" if g in every else "untagged " + _group(g, every, every, True, combined)
    if g not in combined:
        return "combine:not-taken"
    over = [s for s in shipped if s[0] < g[1] and g[0] < s[1]]
    if not over:
        return "rules:dropped"
    if any(s[:2] == g[:2] for s in over):
        return "rules:retyped"
    return "rules:cut"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--msra", type=int, default=0)
    ap.add_argument("--clue", action="store_true")
    ap.add_argument("--half", choices=["even", "odd", "all"], default="even")
    ap.add_argument("--show", type=int, default=0, help="print up to K examples per group")
    ap.add_argument("--group", default="", help="print examples of groups starting with this only")
    args = ap.parse_args()
    from shuanglian.extract.entities.stage import _needs_tagger
    from shuanglian.extract.lac import tag_many
    from shuanglian.extract.ner.tagger import get_ner

    for name, texts, gold, head in _load(args):
        keep = [i for i in range(len(texts)) if args.half == "all" or i % 2 == (args.half == "odd")]
        texts = [texts[i] for i in keep]
        gold = [gold[i] for i in keep]
        t0 = time.perf_counter()
        tokens = tag_many(texts)
        full = get_ner().tag_texts(texts, heads=("pd", "clue"))
        marks = [_needs_tagger(t, toks) for t, toks in zip(texts, tokens, strict=True)]
        gated = get_ner().tag_texts(texts, keep=lambda i, a, b, marks=marks: any(marks[i][a:b]))
        alone = [
            {
                (s.start, s.end, COARSE[s.label] if head == "clue" else s.label)
                for s in sp
                if s.head == head and s.label in (COARSE if head == "clue" else ("PER", "LOC", "ORG"))
            }
            for sp in full
        ]
        shipped = [rule_spans(t, k, True, n) for t, k, n in zip(texts, tokens, gated, strict=True)]
        every = [rule_spans(t, k, True, n) for t, k, n in zip(texts, tokens, full, strict=True)]
        groups: Counter[str] = Counter()
        conventions: Counter[str] = Counter()
        examples: dict[str, list[str]] = defaultdict(list)
        for i, (text, g, a, s, e) in enumerate(zip(texts, gold, alone, shipped, every, strict=True)):
            pd_full = full[i]
            combined = _combined(text, tokens[i], gated[i]) if gated[i] else set()
            combined_full = _combined(text, tokens[i], full[i])
            lac = {(t.start, t.end, t.tag) for t in tokens[i]}
            for span in sorted((g & a) - s):
                tagged = any(marks[i][span[0] : span[1]])
                grp = _group(span, s, e, tagged, combined if tagged else combined_full)
                conv = convention(text, span, s)
                groups[grp] += 1
                conventions[conv or "plain error"] += 1
                over = " ".join(
                    f"{text[x[0] : x[1]]}/{x[2]}" for x in sorted(s) if x[0] < span[1] and span[0] < x[1]
                )
                lacw = "|".join(
                    t.word + "/" + t.tag for t in tokens[i] if t.start < span[1] + 2 and span[0] - 2 < t.end
                )
                conf = max((x.conf for x in pd_full if (x.start, x.end) == span[:2]), default=0.0)
                clue = " ".join(
                    f"{text[x.start : x.end]}/{x.label}:{x.conf:.2f}"
                    for x in pd_full
                    if x.head == "clue" and x.start < span[1] and span[0] < x.end
                )
                examples[grp].append(
                    f"{text[span[0] : span[1]]}/{span[2]} conf={conf:.2f} -> [{over}] clue [{clue}] LAC {lacw} "
                    f"| {text[max(0, span[0] - 15) : span[1] + 15]}"
                )
            for span in sorted(s - g - a):
                grp = ("added:lac" if span in lac else "added:rules") + (
                    "" if any(marks[i][span[0] : span[1]]) else " untagged"
                )
                groups[grp] += 1
                examples[grp].append(
                    f"{text[span[0] : span[1]]}/{span[2]} | {text[max(0, span[0] - 15) : span[1] + 15]}"
                )
        sc = {
            k: score(gold, v)["ALL"][2] for k, v in (("alone", alone), ("shipped", shipped), ("every", every))
        }
        share = sum(sum(m[:-1]) for m in marks) / max(1, sum(len(t) for t in texts))
        print(
            f"{name}, half {args.half}: {len(texts)} sentences, {sum(map(len, gold))} gold; F1 tagger alone "
            f"{sc['alone']:.3f}, shipped {sc['shipped']:.3f}, every sentence tagged {sc['every']:.3f}; "
            f"marked chars {share:.1%} ({time.perf_counter() - t0:.0f}s)"
        )
        for grp, n in sorted(groups.items(), key=lambda x: -x[1]):
            print(f"  {grp:26} {n:5d}")
        print(
            "  lost spans by guideline shape: " + ", ".join(f"{k} {n}" for k, n in conventions.most_common())
        )
        if args.show:
            for grp, lines in sorted(examples.items()):
                if args.group and not grp.startswith(args.group):
                    continue
                print(f"--- {grp}")
                for line in lines[: args.show]:
                    print("   ", line)


if __name__ == "__main__":
    main()
