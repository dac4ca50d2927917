"""Scoring helpers for `shuanglian eval`: counts, name normalisation and matching of each fact type."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any

from shuanglian.document import Mention
from shuanglian.extract.facts.policies import normalise_title


def accumulate(into: Any, other: Any) -> None:
    """Add every field of the score dataclass `other` to `into`: numbers summed, nested scores accumulated."""
    for f in fields(into):
        mine, theirs = getattr(into, f.name), getattr(other, f.name)
        if isinstance(mine, int | float):
            setattr(into, f.name, mine + theirs)
        else:
            accumulate(mine, theirs)


@dataclass
class Counts:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Accumulate another count."""
        accumulate(self, other)

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted and nothing expected."""
        d = self.tp + self.fp
        return self.tp / d if d else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected."""
        d = self.tp + self.fn
        return self.tp / d if d else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        """Counts and rounded scores."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def norm(name: str) -> str:
    """Comparison form of a name: NFKC (full-width brackets -> ASCII), no spaces or quotes."""
    return re.sub(r"[\s“”\"'‘’《》]", "", unicodedata.normalize("NFKC", name or ""))


@dataclass
class GoldEntity:
    """A hand-annotated entity: canonical name, kind and every name form."""

    name: str
    kind: str
    names: set[str] = field(default_factory=set)


def gold_entities(gold: dict[str, Any]) -> list[GoldEntity]:
    """Gold entities of a page with normalised name sets."""
    out = []
    for e in gold.get("entities", []):
        names = {norm(e["name"]), *(norm(a) for a in e.get("aliases", []) if a)}
        out.append(GoldEntity(e["name"], e["kind"], names))
    return out


def _pred_names(m: Mention) -> set[str]:
    return {norm(m.name), *(norm(a) for a in m.aliases if a)}


def match_entities(
    gold: list[GoldEntity], pred: list[Mention], typed: bool = True
) -> tuple[dict[str, Counts], list[tuple[str, str]], list[tuple[str, str]]]:
    """Per-kind counts; a prediction matches an unmatched gold entity sharing a name form (and kind).

    Exact canonical-name matches are paired first, then alias overlaps. A second prediction for an
    already matched gold entity is a false positive (the extractor failed to merge two name forms).
    Returns (counts by kind, false positives (name, kind), false negatives (name, kind)).
    """
    counts: dict[str, Counts] = {}
    used: set[int] = set()
    paired: set[int] = set()

    def c(kind: str) -> Counts:
        return counts.setdefault(kind, Counts())

    for exact in (True, False):
        for pi, p in enumerate(pred):
            if pi in paired:
                continue
            pnames = _pred_names(p)
            for gi, g in enumerate(gold):
                if gi in used or (typed and g.kind != p.kind):
                    continue
                hit = norm(p.name) == norm(g.name) if exact else bool(pnames & g.names)
                if hit:
                    used.add(gi)
                    paired.add(pi)
                    c(g.kind).tp += 1
                    break
    fps = [(p.name, p.kind) for pi, p in enumerate(pred) if pi not in paired]
    fns = [(g.name, g.kind) for gi, g in enumerate(gold) if gi not in used]
    for _, kind in fps:
        c(kind).fp += 1
    for _, kind in fns:
        c(kind).fn += 1
    return counts, fps, fns


def alias_map(gold: list[GoldEntity]) -> dict[str, str]:
    """Every normalised gold name form -> normalised canonical name."""
    out: dict[str, str] = {}
    for g in gold:
        for n in g.names:
            out.setdefault(n, norm(g.name))
    return out


def canonical(name: str, amap: dict[str, str], pred_aliases: dict[str, set[str]] | None = None) -> str:
    """Map a predicted name to the gold canonical form via any of its (predicted) aliases."""
    n = norm(name)
    if n in amap:
        return amap[n]
    for a in (pred_aliases or {}).get(n, set()):
        if a in amap:
            return amap[a]
    return n


def _pred_roles(pred: list[Mention], amap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(person, title, org) of every predicted role, names mapped to gold canonical forms."""
    out: list[tuple[str, str, str]] = []
    for m in pred:
        if m.kind != "person":
            continue
        person = canonical(m.name, amap, {norm(m.name): {norm(a) for a in m.aliases}})
        for r in m.attrs.get("roles") or []:
            if isinstance(r, dict) and r.get("title"):
                org = r.get("org") or r.get("place") or ""
                out.append((person, norm(str(r["title"])), canonical(str(org), amap) if org else ""))
    return out


def match_roles(
    gold: dict[str, Any], pred: list[Mention], amap: dict[str, str], with_org: bool = False
) -> Counts:
    """Roles match on the person (any name form) and the title (one ending with the other); with
    `with_org` the organisation (or place) must also be the gold one (through the gold aliases)."""
    gold_roles = [
        (canonical(r["person"], amap), norm(r["title"]), canonical(r.get("org") or "", amap))
        for r in gold.get("roles", [])
    ]
    counts = Counts()
    left = list(gold_roles)
    for person, title, org in _pred_roles(pred, amap):
        hit = next(
            (
                g
                for g in left
                if g[0] == person
                and (title.endswith(g[1]) or g[1].endswith(title))
                and (not with_org or (bool(org) and org == g[2]))
            ),
            None,
        )
        if hit:
            left.remove(hit)
            counts.tp += 1
        else:
            counts.fp += 1
    counts.fn += len(left)
    return counts


def same_project(gold_name: str, pred_name: str) -> bool:
    """Project names agree when one contains the other (names are written with and without 项目/place)."""
    g, p = norm(gold_name), norm(pred_name)
    return bool(g and p) and (g in p or p in g)


@dataclass
class ProjectScore:
    """Projects: paired by lenient name; investment (within 1%, or both unknown) judged on pairs."""

    found: Counts = field(default_factory=Counts)
    investment_ok: int = 0

    def add(self, o: ProjectScore) -> None:
        """Accumulate."""
        accumulate(self, o)

    def to_json(self) -> dict[str, Any]:
        """Counts and rates."""
        tp = self.found.tp
        return {
            **self.found.to_json(),
            "investment_accuracy": round(self.investment_ok / tp, 4) if tp else 0.0,
        }


def match_projects(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> tuple[ProjectScore, list[str]]:
    """Score projects of one page (name contained in / containing the gold name); returns missed names."""
    s = ProjectScore()
    free = [i for i, p in enumerate(pred) if isinstance(p, dict) and p.get("name")]
    missed = []
    for g in gold:
        cands = [i for i in free if same_project(g["name"], str(pred[i]["name"]))]
        if not cands:
            missed.append(g["name"])
            continue
        # prefer the prediction whose amount agrees
        cands.sort(key=lambda i: not _same_amount(pred[i].get("investment"), g.get("investment")))
        p = pred[cands[0]]
        free.remove(cands[0])
        s.found.tp += 1
        s.investment_ok += _same_amount(p.get("investment"), g.get("investment"))
    s.found.fp += len(free) + sum(1 for p in pred if not (isinstance(p, dict) and p.get("name")))
    s.found.fn += len(missed)
    return s, missed


def _same_amount(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return _close(float(a), float(b))
    except (TypeError, ValueError):
        return False


COARSE = {"person": "person", "place": "place", "industry": "industry"}


def coarse_kind(kind: str) -> str:
    """person / place / org (every organisation kind) / industry: the P/L/O view of entity kinds."""
    return COARSE.get(kind, "org")


_MEASURE_SUFFIX = re.compile(r"(?:数量|人数|总额|金额|额|数)$")


def same_measure(a: str | None, b: str | None) -> bool:
    """Measures agree when equal or one contains the other, ignoring 数量/额 suffixes."""
    if not a or not b:
        return False
    x, y = _MEASURE_SUFFIX.sub("", norm(a)), _MEASURE_SUFFIX.sub("", norm(b))
    return bool(x and y) and (x in y or y in x)


# The specific measure is compared exactly, up to three equivalences of the real-gold convention
# (tests/fixtures/real_gold/README.md, "Measures"): a leading scope word for the whole area the page is about
# (全省生产总值 = 生产总值), the suffix naming a count (数量 = 数 = 个数 = 人数) and the particle 的 inside
# (工业对经济增长的贡献率 = 工业对经济增长贡献率).
_SCOPE_WORD = re.compile(r"^(?:全省|全市|全区|全县|全州|全国)(?=..)")
_COUNT_SUFFIX = re.compile(r"(?:数量|个数|人数|数)$")
_PARTICLE = re.compile(r"(?<=.)的(?=.)")


def specific_form(measure: str | None) -> str:
    """Comparison form of a specific measure: normalised, without a whole-area scope word or an inner 的,
    one count suffix."""
    return _COUNT_SUFFIX.sub("数量", _PARTICLE.sub("", _SCOPE_WORD.sub("", norm(measure or ""))))


@dataclass
class FigureScore:
    """Figures: matched by value (within 1%) and unit; measure, year and target judged on matches."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    target_ok: int = 0
    measure_ok: int = 0
    year_ok: int = 0
    specific_ok: int = 0  # the specific measure equals the gold measure (specific_form), no other leniency

    def add(self, o: FigureScore) -> None:
        """Accumulate."""
        accumulate(self, o)

    def to_json(self) -> dict[str, Any]:
        """Counts and rates."""
        m = self.matched
        return {
            "gold": self.gold,
            "predicted": self.pred,
            "matched": m,
            "recall": round(m / self.gold, 4) if self.gold else 1.0,
            "precision": round(m / self.pred, 4) if self.pred else 1.0,
            "target_accuracy": round(self.target_ok / m, 4) if m else 0.0,
            "measure_accuracy": round(self.measure_ok / m, 4) if m else 0.0,
            "year_accuracy": round(self.year_ok / m, 4) if m else 0.0,
            "specific_accuracy": round(self.specific_ok / m, 4) if m else 0.0,
        }


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * abs(b) if b else a == b


def _measure_ok(p: dict[str, Any], g: dict[str, Any]) -> bool:
    """Lenient measure match: the canonical measure, the term as written or the specific measure."""
    return any(same_measure(p.get(k), g.get("measure")) for k in ("measure", "measure_text", "specific"))


# Areas: the real gold writes the unit of the page (亩, 公顷), the extract contract stores square metres (the
# team guideline "area in 平方米"); the same quantity either way, so both are compared in square metres.
_AREA_FACTORS = {"亩": 666.6667, "公顷": 10_000.0, "平方公里": 1_000_000.0}


def comparable(unit: str, value: float) -> tuple[str, float]:
    """Unit and value in the form figures are compared in (areas in square metres)."""
    factor = _AREA_FACTORS.get(unit)
    return ("平方米", value * factor) if factor else (unit, value)


def match_figures(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> tuple[FigureScore, list[dict[str, Any]]]:
    """Score figures of one page; returns the score and the gold figures that were missed."""
    s = FigureScore(gold=len(gold), pred=len(pred))
    free = list(range(len(pred)))
    missed = []
    for g in gold:
        unit, value = comparable(g["unit"], float(g["value"]))
        cands = [
            i for i in free if pred[i].get("unit") == unit and _close(float(pred[i].get("value") or 0), value)
        ]
        if not cands:
            missed.append(g)
            continue
        cands.sort(key=lambda i: (not _measure_ok(pred[i], g), pred[i].get("year") != g.get("year")))
        p = pred[cands[0]]
        free.remove(cands[0])
        s.matched += 1
        s.target_ok += bool(p.get("target")) == bool(g.get("target"))
        s.measure_ok += _measure_ok(p, g)
        s.year_ok += p.get("year") == g.get("year")
        s.specific_ok += bool(g.get("measure")) and specific_form(
            p.get("specific") or p.get("measure")
        ) == specific_form(g["measure"])
    return s, missed


def match_policies(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], amap: dict[str, str] | None = None
) -> tuple[Counts, list[str], list[str], tuple[int, int]]:
    """Policies match on the normalised title; returns counts, false positives, false negatives and
    (issuers right, gold issuers) over matched policies whose gold names an issuer."""
    g = {norm(normalise_title(p["title"])): p for p in gold}
    p = {norm(normalise_title(x["title"])): x for x in pred}
    issuers = [(p[k].get("issuer"), v["issuer"]) for k, v in g.items() if k in p and v.get("issuer")]
    right = sum(
        bool(a) and canonical(str(a), amap or {}) == canonical(str(b), amap or {}) for a, b in issuers
    )
    counts = Counts(len(g.keys() & p.keys()), len(p.keys() - g.keys()), len(g.keys() - p.keys()))
    return counts, sorted(p.keys() - g.keys()), sorted(g.keys() - p.keys()), (right, len(issuers))


@dataclass
class EventScore:
    """Visits: events paired by date and visitor overlap; date accuracy over gold events."""

    gold: int = 0
    pred: int = 0
    paired: int = 0
    date_ok: int = 0
    place_gold: int = 0  # gold visits that name the city/province visited
    place_ok: int = 0
    visitors: Counts = field(default_factory=Counts)
    visited: Counts = field(default_factory=Counts)

    def add(self, o: EventScore) -> None:
        """Accumulate."""
        accumulate(self, o)

    def to_json(self) -> dict[str, Any]:
        """Counts and rates."""
        ev = Counts(self.paired, self.pred - self.paired, self.gold - self.paired)
        return {
            "gold": self.gold,
            "predicted": self.pred,
            "events": ev.to_json(),
            "date_accuracy": round(self.date_ok / self.gold, 4) if self.gold else 1.0,
            "place_accuracy": round(self.place_ok / self.place_gold, 4) if self.place_gold else 1.0,
            "visitors": self.visitors.to_json(),
            "visited": self.visited.to_json(),
        }


def match_events(
    gold: list[dict[str, Any]],
    pred: list[dict[str, Any]],
    amap: dict[str, str],
    pred_aliases: dict[str, set[str]],
) -> EventScore:
    """Pair gold and predicted visits (same date first, then most shared visitors) and score them."""
    s = EventScore(gold=len(gold), pred=len(pred))

    def names(xs: list[str]) -> set[str]:
        return {canonical(x, amap, pred_aliases) for x in xs}

    free = list(range(len(pred)))
    for g in gold:
        gv, gd = names(g.get("visitors", [])), names(g.get("visited", []))
        s.place_gold += bool(g.get("place"))
        best = None
        best_score = 0.0
        for i in free:
            p = pred[i]
            score = 2.0 * (p.get("date") == g.get("date")) + len(gv & names(p.get("visitors") or []))
            if score > best_score:
                best, best_score = i, score
        if best is None:
            s.visitors.fn += len(gv)
            s.visited.fn += len(gd)
            continue
        free.remove(best)
        p = pred[best]
        s.paired += 1
        s.date_ok += p.get("date") == g.get("date")
        if g.get("place") and p.get("place"):
            s.place_ok += canonical(p["place"], amap, pred_aliases) == canonical(g["place"], amap)
        pv, pd = names(p.get("visitors") or []), names(p.get("visited") or [])
        s.visitors.add(Counts(len(gv & pv), len(pv - gv), len(gv - pv)))
        s.visited.add(Counts(len(gd & pd), len(pd - gd), len(gd - pd)))
    for i in free:
        s.visitors.fp += len(pred[i].get("visitors") or [])
        s.visited.fp += len(pred[i].get("visited") or [])
    return s
