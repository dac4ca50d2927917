"""`shuanglian eval`: run the full clean + extract pipeline on a hand-annotated gold set and score it.

A gold directory holds pages (`NAME.txt`, `.md`, `.html`, ...) each with `NAME.gold.json` (format in
tests/fixtures/gold/GUIDELINES.md). Entities are matched per page by (any name form, kind); figures by
value within 1% and unit; policies by title; visits paired by date and visitors.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shuanglian.document import ENTITY_KINDS, Document, Mention
from shuanglian.evaluation.eval_match import (
    Counts,
    EventScore,
    FigureScore,
    GoldEntity,
    ProjectScore,
    alias_map,
    coarse_kind,
    gold_entities,
    match_entities,
    match_events,
    match_figures,
    match_policies,
    match_projects,
    match_roles,
    norm,
)
from shuanglian.evaluation.eval_real import (
    FACT_TYPES,
    SPLITS,
    RealGoldError,
    RealItem,
    load_real_gold,
    scored_types,
)
from shuanglian.pipeline import Pipeline

KINDS = ENTITY_KINDS


class GoldError(ValueError):
    """A gold directory or file that cannot be used (names the file and the reason)."""


@dataclass
class PageResult:
    """What went wrong on one page (for developers reading `eval --json`)."""

    page: str
    entity_f1: float
    missed_entities: list[tuple[str, str]] = field(default_factory=list)
    extra_entities: list[tuple[str, str]] = field(default_factory=list)
    missed_figures: list[dict[str, Any]] = field(default_factory=list)
    missed_policies: list[str] = field(default_factory=list)
    extra_policies: list[str] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    missed_projects: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class EvalReport:
    """Scores over a gold set."""

    pages: int = 0
    entities_by_kind: dict[str, Counts] = field(default_factory=dict)
    entities_typed: Counts = field(default_factory=Counts)
    entities_untyped: Counts = field(default_factory=Counts)
    entities_plo: Counts = field(default_factory=Counts)  # person/place/organisation, org kinds merged
    roles: Counts = field(default_factory=Counts)
    roles_org: Counts = field(default_factory=Counts)  # person, title and organisation all right
    projects: ProjectScore = field(default_factory=ProjectScore)
    figures: FigureScore = field(default_factory=FigureScore)
    policies: Counts = field(default_factory=Counts)
    visits: EventScore = field(default_factory=EventScore)
    issuer_ok: int = 0  # matched policies whose issuer is right (of those with a gold issuer)
    issuer_gold: int = 0
    published_fallbacks: int = 0
    failed_pages: int = 0
    per_page: list[PageResult] = field(default_factory=list)

    def visits_counts(self) -> Counts:
        """Visits as found/expected counts (paired events are true positives)."""
        v = self.visits
        return Counts(v.paired, v.pred - v.paired, v.gold - v.paired)

    def to_json(self, details: bool = False) -> dict[str, Any]:
        """Scores as a JSON-able dict (with per-page misses when `details`)."""
        out: dict[str, Any] = {
            "pages": self.pages,
            "failed_pages": self.failed_pages,
            "published_fallbacks": self.published_fallbacks,
            "entities": {
                "typed": self.entities_typed.to_json(),
                "untyped": self.entities_untyped.to_json(),
                "plo": self.entities_plo.to_json(),
                "by_kind": {k: v.to_json() for k, v in sorted(self.entities_by_kind.items())},
            },
            "roles": self.roles.to_json(),
            "roles_with_org": {
                **self.roles_org.to_json(),
                # of the roles found (person + title), the share whose organisation is also right
                "org_rate": round(self.roles_org.tp / self.roles.tp, 4) if self.roles.tp else 0.0,
            },
            "figures": self.figures.to_json(),
            "policies": {
                **self.policies.to_json(),
                "issuer_accuracy": round(self.issuer_ok / self.issuer_gold, 4) if self.issuer_gold else 1.0,
            },
            "visits": self.visits.to_json(),
            "projects": self.projects.to_json(),
        }
        if details:
            out["per_page"] = [vars(p) for p in self.per_page]
        return out


def load_gold(gold_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Pairs of (page file, gold annotation) in name order; raises GoldError naming a bad file."""
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: not a directory")
    pairs = []
    for gpath in sorted(gold_dir.glob("*.gold.json")):
        stem = gpath.name[: -len(".gold.json")]
        pages = [p for p in gold_dir.glob(stem + ".*") if not p.name.endswith(".gold.json")]
        if not pages:
            raise GoldError(f"{gpath}: no page file {stem}.* beside it")
        try:
            gold = json.loads(gpath.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GoldError(f"{gpath}: cannot read gold annotation: {exc}") from exc
        if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
            raise GoldError(f"{gpath}: expected an object with an 'entities' list")
        pairs.append((sorted(pages)[0], gold))
    if not pairs:
        raise GoldError(f"{gold_dir}: no *.gold.json files")
    return pairs


def _pipelines() -> tuple[Pipeline, Pipeline]:
    """(cleaning, extraction): run apart so a page's printed date can stand in when cleaning finds none."""
    from shuanglian.pipeline.default import build_pipeline

    clean = build_pipeline(extract=False)
    from shuanglian.extract.pipeline import ExtractStage

    return clean, Pipeline([ExtractStage()])


def _read_page(path: Path) -> Document:
    """Decode a page the way `shuanglian extract` does."""
    from shuanglian.ingest.readers import InputError, iter_inputs
    from shuanglian.services.documents import document_from_input

    items = list(iter_inputs([str(path)]))
    if not items or isinstance(items[0], InputError):
        reason = items[0].reason if items and isinstance(items[0], InputError) else "not readable"
        return Document(source=str(path), error=f"read: {reason}")
    return document_from_input(items[0])


def run_pages(pairs: list[tuple[Path, dict[str, Any]]]) -> tuple[list[Document], int]:
    """Clean and extract every page; returns the documents and how many used the gold publication date."""
    clean, extract = _pipelines()
    docs = clean.batch([_read_page(p) for p, _ in pairs])
    fallbacks = 0
    for doc, (_, gold) in zip(docs, pairs, strict=True):
        if not doc.published and gold.get("published") and not doc.error:
            doc.published = gold["published"]
            fallbacks += 1
    extract.batch(docs)
    return docs, fallbacks


def score(pairs: list[tuple[Path, dict[str, Any]]], docs: list[Document]) -> EvalReport:
    """Score extracted documents against their gold annotations."""
    rep = EvalReport(pages=len(pairs))
    for (path, full_gold), doc in zip(pairs, docs, strict=True):
        # a file annotated for some fact types only (`annotated`) is scored for those alone: the other
        # types count neither their gold (not annotated) nor their predictions (nothing to judge them by)
        types = scored_types(full_gold)
        gold = {k: v for k, v in full_gold.items() if k not in FACT_TYPES or k in types}
        gents = gold_entities(gold) if "entities" in types else []
        amap = alias_map(gold_entities(full_gold))
        entities = [] if doc.error else doc.entities
        pred = entities if "entities" in types else []
        role_pred = entities if "roles" in types else []
        by_kind, fps, fns = match_entities(gents, pred, typed=True)
        untyped, _, _ = match_entities(gents, pred, typed=False)
        page_counts = Counts()
        for kind, c in by_kind.items():
            rep.entities_by_kind.setdefault(kind, Counts()).add(c)
            rep.entities_typed.add(c)
            page_counts.add(c)
        for c in untyped.values():
            rep.entities_untyped.add(c)
        rep.entities_plo.add(_plo_counts(gents, pred))
        rep.roles.add(match_roles(gold, role_pred, amap))
        rep.roles_org.add(match_roles(gold, role_pred, amap, with_org=True))
        projs, missed_projects = match_projects(
            gold.get("projects", []), _pred(doc, "projects", types)
        )
        rep.projects.add(projs)
        figs, missed = match_figures(gold.get("figures", []), _pred(doc, "figures", types))
        rep.figures.add(figs)
        pol, pfp, pfn, (iss_ok, iss_n) = match_policies(gold.get("policies", []), _pred(doc, "policies", types), amap)
        rep.policies.add(pol)
        rep.issuer_ok += iss_ok
        rep.issuer_gold += iss_n
        pred_aliases = {norm(m.name): {norm(a) for a in m.aliases} for m in entities}
        rep.visits.add(match_events(gold.get("events", []), _pred(doc, "events", types), amap, pred_aliases))
        rep.failed_pages += bool(doc.error)
        rep.per_page.append(
            PageResult(
                page=path.name,
                entity_f1=round(page_counts.f1, 4),
                missed_entities=fns,
                extra_entities=fps,
                missed_figures=missed,
                missed_policies=pfn,
                missed_projects=missed_projects,
                extra_policies=pfp,
                events=[{k: e.get(k) for k in ("date", "visitors", "visited", "place")} for e in _pred(doc, "events", types)],
                error=doc.error,
            )
        )
    return rep


def _pred(doc: Document, kind: str, types: frozenset[str]) -> list[Any]:
    """The document's predictions of one fact type, none when the page failed or the type is not scored."""
    if doc.error or kind not in types:
        return []
    return list(getattr(doc, kind, None) or [])


def _plo_counts(gents: list[GoldEntity], pred: list[Any]) -> Counts:
    """Person/place/organisation counts: every organisation kind counts as one `org` kind; industries left out."""
    g = [GoldEntity(e.name, coarse_kind(e.kind), e.names) for e in gents if e.kind != "industry"]
    p = [Mention(m.name, coarse_kind(m.kind), aliases=list(m.aliases)) for m in pred if m.kind != "industry"]
    total = Counts()
    for c in match_entities(g, p, typed=True)[0].values():
        total.add(c)
    return total


def evaluate(gold_dir: Path) -> EvalReport:
    """Run clean + extract on every page of `gold_dir` and score against the hand annotations."""
    pairs = load_gold(Path(gold_dir))
    docs, fallbacks = run_pages(pairs)
    rep = score(pairs, docs)
    rep.published_fallbacks = fallbacks
    return rep


def render(rep: EvalReport) -> Any:
    """A rich renderable summary (tables of entity P/R/F1 per kind and the fact scores)."""
    from rich.console import Group
    from rich.table import Table

    ents = Table(title=f"Entities ({rep.pages} pages)")
    for col in ("kind", "tp", "fp", "fn", "P", "R", "F1"):
        ents.add_column(col, justify="left" if col == "kind" else "right")

    def row(label: str, c: Counts) -> None:
        ents.add_row(label, str(c.tp), str(c.fp), str(c.fn), f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")

    for kind in KINDS:
        if kind in rep.entities_by_kind:
            row(kind, rep.entities_by_kind[kind])
    row("ALL (typed, micro)", rep.entities_typed)
    row("ALL (untyped)", rep.entities_untyped)
    row("person/place/org", rep.entities_plo)

    facts = Table(title="Facts")
    for col in ("what", "score"):
        facts.add_column(col)
    f = rep.figures.to_json()
    v = rep.visits.to_json()
    facts.add_row("roles P/R/F1", _prf(rep.roles))
    org_rate = rep.roles_org.tp / rep.roles.tp if rep.roles.tp else 0.0
    facts.add_row("roles with org P/R/F1", f"{_prf(rep.roles_org)}  (org right on {org_rate:.3f} of roles found)")
    facts.add_row(
        "figures",
        f"recall {f['recall']:.3f}  precision {f['precision']:.3f}  (gold {f['gold']}, predicted {f['predicted']})",
    )
    facts.add_row(
        "figures on matches",
        f"target {f['target_accuracy']:.3f}  measure {f['measure_accuracy']:.3f}  specific {f['specific_accuracy']:.3f}  year {f['year_accuracy']:.3f}",
    )
    facts.add_row("policies P/R/F1", _prf(rep.policies))
    issuer = rep.issuer_ok / rep.issuer_gold if rep.issuer_gold else 1.0
    facts.add_row("policy issuer accuracy", f"{issuer:.3f} (of {rep.issuer_gold} with a gold issuer)")
    facts.add_row("visits found P/R/F1", _prf(rep.visits_counts()))
    facts.add_row("visit date accuracy", f"{v['date_accuracy']:.3f} (of {v['gold']} gold visits)")
    facts.add_row("visit place accuracy", f"{v['place_accuracy']:.3f} (of {rep.visits.place_gold} naming a place)")
    facts.add_row("visitors P/R/F1", _prf(rep.visits.visitors))
    facts.add_row("visited P/R/F1", _prf(rep.visits.visited))
    pj = rep.projects.to_json()
    facts.add_row("projects P/R/F1", _prf(rep.projects.found))
    facts.add_row("project investment accuracy", f"{pj['investment_accuracy']:.3f} (of {rep.projects.found.tp} found)")
    if rep.failed_pages or rep.published_fallbacks:
        facts.add_row("notes", f"{rep.failed_pages} pages failed; {rep.published_fallbacks} used the gold date")
    return Group(ents, facts)


def _prf(c: Counts) -> str:
    return f"{c.precision:.3f} / {c.recall:.3f} / {c.f1:.3f}"



def run_texts(items: list[RealItem]) -> list[Document]:
    """Extract every real-gold text as plain text (no HTML cleaning), dated with the printed date."""
    from shuanglian.extract.pipeline import ExtractStage

    docs = [Document(source=i.id, raw=i.text, text=i.text, published=i.published) for i in items]
    return ExtractStage().batch(docs)


def evaluate_real(gold_dir: Path, data_dir: Path | None = None) -> dict[str, EvalReport]:
    """Score a real-gold folder (texts in ../shared/data/real): one report per split, dev and holdout."""
    try:
        items = load_real_gold(Path(gold_dir), data_dir)
    except RealGoldError as exc:
        raise GoldError(str(exc)) from exc
    return score_splits(items, run_texts(items))


def score_splits(items: list[RealItem], docs: list[Document]) -> dict[str, EvalReport]:
    """Score extracted real-gold documents, one report per split (dev first, then holdout)."""
    out = {}
    for split in SPLITS:
        pairs = [(Path(i.id), i.gold) for i in items if i.split == split]
        out[split] = score(pairs, [d for i, d in zip(items, docs, strict=True) if i.split == split])
    return out


def render_splits(reports: dict[str, EvalReport]) -> Any:
    """One summary per split (dev first), each titled with its split name."""
    from rich.console import Group
    from rich.rule import Rule

    parts: list[Any] = []
    for split, rep in reports.items():
        parts += [Rule(f"{split} ({rep.pages} documents)"), render(rep)]
    return Group(*parts)
