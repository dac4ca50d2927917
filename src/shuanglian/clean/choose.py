"""Pick one main-content candidate per HTML page from features that never look at gold.

The features (data/choose.yaml): agreement with the other candidates (extractors fail in different
ways, so the body most of them share is the likely article), coverage relative to the longest body,
and Chinese punctuation density (running text, not menus).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from shuanglian.clean.rules import load_yaml

_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PUNCT_RE = re.compile(r"[。，！？；：、]")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class ChooseRules:
    """Candidate order (tie-break) and feature weights."""

    order: tuple[str, ...]
    weights: dict[str, float]
    punct_cap: float
    shortcut_agreement: float


@lru_cache(maxsize=1)
def choose_rules() -> ChooseRules:
    """Rules from data/choose.yaml."""
    d = load_yaml("choose.yaml")
    return ChooseRules(
        order=tuple(d["order"]),
        weights={k: float(v) for k, v in d["weights"].items()},
        punct_cap=float(d["punct_cap"]),
        shortcut_agreement=float(d["shortcut_agreement"]),
    )


@dataclass
class Choice:
    """The chosen candidate and every candidate's features and score."""

    name: str
    features: dict[str, dict[str, float]] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)


def bigrams(text: str) -> Counter[str]:
    """Character bigrams of a text with whitespace removed."""
    t = _WS.sub("", text)
    return Counter(t[i : i + 2] for i in range(len(t) - 1))


def bigram_f1(a: Counter[str], b: Counter[str]) -> float:
    """F1 between two bigram multisets (1.0 when both are empty)."""
    if not a or not b:
        return float(not a and not b)
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    inter = sum(min(n, large[k]) for k, n in small.items() if k in large)
    if not inter:
        return 0.0
    p, r = inter / sum(a.values()), inter / sum(b.values())
    return 2 * p * r / (p + r)


def features(texts: dict[str, str], cap: float) -> dict[str, dict[str, float]]:
    """Gold-free features of each candidate body."""
    # many candidates end with the same body: compare each distinct body pair once
    distinct = sorted(set(texts.values()))
    grams = [bigrams(t) for t in distinct]
    pair: dict[tuple[int, int], float] = {}
    for i in range(len(distinct)):
        for j in range(i, len(distinct)):
            pair[i, j] = pair[j, i] = 1.0 if i == j else bigram_f1(grams[i], grams[j])
    index = {k: distinct.index(v) for k, v in texts.items()}
    cjk = {k: len(_CJK_RE.findall(v)) for k, v in texts.items()}
    top = max(cjk.values()) or 1
    out: dict[str, dict[str, float]] = {}
    for name, text in texts.items():
        others = [pair[index[name], index[o]] for o in texts if o != name]
        out[name] = {
            "agreement": sum(others) / len(others) if others else 1.0,
            "coverage": cjk[name] / top,
            "punct_density": min(len(_PUNCT_RE.findall(text)) / max(cjk[name], 1), cap) / cap,
        }
    return out


def choose(texts: dict[str, str]) -> Choice:
    """The candidate with the best weighted feature score (empty bodies never win over non-empty)."""
    rules = choose_rules()
    feats = features(texts, rules.punct_cap)
    scores = {
        name: sum(rules.weights.get(k, 0.0) * v for k, v in f.items()) if texts[name].strip() else float("-inf")
        for name, f in feats.items()
    }
    rank = {n: i for i, n in enumerate(rules.order)}
    # rounded so candidates with the same body tie exactly and the order decides
    name = max(scores, key=lambda n: (round(scores[n], 9), -rank.get(n, len(rank))))
    return Choice(name, feats, scores)
