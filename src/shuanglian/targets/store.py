"""Targets derived from stored documents: rebuild all, or update for changed documents, then relink.

`rebuild_targets(session)` / `update_targets(session, changed_docs)` are the projector pair: document
targets and actual figures are recomputed from the documents table; reviewed links (accepted, rejected,
manual) survive because target ids are deterministic (document + span + measure). They are judgements the
relink replays: a rejected link excludes that reported figure only (the next-best one is proposed), an
accepted or manual final link stops outcome proposals, and so does a "no outcome reported" judgement on the
target itself (targets.no_outcome_at: its status is unknown, interim figures are still proposed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import and_, case, delete, func, not_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from shuanglian.graph.reader import chunks
from shuanglian.store.documents import DocumentRow, utcnow
from shuanglian.targets.derive import derive_figures
from shuanglian.targets.link import MIN_SCORE, is_final, measure_chars, score, status_of
from shuanglian.targets.model import Figure
from shuanglian.targets.rules import load_rules, progress
from shuanglian.targets.tables import (
    LINK_ACCEPTED,
    LINK_MANUAL,
    LINK_PROPOSED,
    LINK_REJECTED,
    ActualRow,
    TargetLinkRow,
    TargetRow,
)

REVIEWED = (LINK_ACCEPTED, LINK_MANUAL)


def target_id(document_id: str, fig: Figure) -> str:
    """Deterministic id of a document target (same document, span and measure -> same id)."""
    key = f"{document_id}|{fig.span[0]}|{fig.span[1]}|{fig.measure}"
    return "t" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _owner_region(row: DocumentRow) -> tuple[str | None, str | None]:
    """The first government named on the page and the first place, as the owner/region fallback."""
    owner = region = None
    for e in (row.facts or {}).get("entities", []) or []:
        if owner is None and e.get("kind") == "government":
            owner = e.get("name")
        if region is None and e.get("kind") == "place":
            region = e.get("name")
    return owner, region


def _figures(row: DocumentRow) -> list[Figure]:
    """The document's figures; owner/region from its author rules, else from the entities it names."""
    figs = derive_figures(row.text or "", row.published, row.title, row.source)
    owner, region = _owner_region(row)
    for f in figs:
        f.owner = f.owner or owner
        f.region = f.region or region
    return figs


def _store_documents(session: Session, rows: list[DocumentRow]) -> dict[str, TargetRow]:
    """Replace these documents' targets and actuals; returns their targets by id (held, so the session's
    weak identity map keeps them for the relink that follows instead of reading each again). One read of the
    stored targets and one delete of the actuals for all of them; actuals (append-only) inserted in one
    Core executemany, in document then figure order."""
    ids = [r.id for r in rows]
    existing: dict[str, dict[str, TargetRow]] = {}
    for part in chunks(ids):
        for t in session.scalars(select(TargetRow).where(TargetRow.document_id.in_(part))):
            existing.setdefault(t.document_id or "", {})[t.id] = t
    keep: dict[str, TargetRow] = {}
    gone: list[str] = []
    actuals: list[dict[str, Any]] = []
    for row in rows:
        figs = _figures(row)
        mine = existing.get(row.id, {})
        kept: dict[str, TargetRow] = {}
        for f in figs:
            if not f.is_target:
                continue
            tid = target_id(row.id, f)
            t = mine.get(tid) or TargetRow(id=tid, origin="document", document_id=row.id)
            kept[tid] = t
            t.span_start, t.span_end, t.quote = f.span[0], f.span[1], f.quote
            t.measure, t.measure_text, t.known_measure = f.measure[:128], f.measure_text[:128], f.known_measure
            t.value, t.value_max, t.unit, t.qualifier = f.value, f.value_max, f.unit, f.qualifier
            t.year, t.deadline, t.region, t.owner, t.main = f.year, f.deadline, f.region, f.owner, f.main
            t.updated_at = utcnow()
            if tid not in mine:
                session.add(t)
        gone += [tid for tid in mine if tid not in kept]
        keep.update(kept)
        actuals += [
            {"document_id": row.id, "published": row.published, "span_start": f.span[0], "span_end": f.span[1],
             "quote": f.quote, "measure": f.measure[:128], "measure_text": f.measure_text[:128],
             "known_measure": f.known_measure, "value": f.value, "unit": f.unit, "year": f.year,
             "period_end": f.deadline, "region": f.region}
            for f in figs if not f.is_target
        ]  # fmt: skip
    for part in chunks(gone):
        session.execute(delete(TargetLinkRow).where(TargetLinkRow.target_id.in_(part)))
        session.execute(delete(TargetRow).where(TargetRow.id.in_(part)))
    for part in chunks(ids):
        session.execute(delete(ActualRow).where(ActualRow.document_id.in_(part)))
    if actuals:
        table: Any = ActualRow.__table__  # core executemany, no ORM objects
        session.execute(table.insert(), actuals)
    session.flush()
    return keep


def as_figure(obj: Any, is_target: bool | None = None) -> Figure:
    """A stored target or actual as a Figure (for scoring): an ORM row, or a plain row of its columns (a target's
    plain row says so with is_target=True)."""
    is_t = isinstance(obj, TargetRow) if is_target is None else is_target
    return Figure(
        measure=obj.measure, value=obj.value, unit=obj.unit, year=obj.year, is_target=is_t,
        span=(obj.span_start or 0, obj.span_end or 0), quote=getattr(obj, "quote", None) or "",
        qualifier=obj.qualifier if is_t else None,
        value_max=obj.value_max if is_t else None,
        deadline=obj.deadline if is_t else obj.period_end,
        region=obj.region, measure_text=obj.measure_text or "", known_measure=obj.known_measure,
    )


def _published(session: Session, doc_ids: Iterable[str]) -> dict[str, str | None]:
    ids = [d for d in set(doc_ids) if d]
    if not ids:
        return {}
    return dict(session.execute(select(DocumentRow.id, DocumentRow.published).where(DocumentRow.id.in_(ids))).all())  # type: ignore[arg-type]


def relink(session: Session, targets: list[TargetRow], as_of_year: int | None = None) -> int:
    """Propose outcome and interim links for targets (reviewed links kept), then set status/progress."""
    as_of_year = as_of_year or date.today().year
    targets = list({t.id: t for t in targets}.values())  # links are read once: each target relinked once
    rules = load_rules()
    pub = _published(session, [t.document_id for t in targets if t.document_id])
    links_of = _links_of(session, [t.id for t in targets])
    # targets of one measure and unit ask for the same actuals: read them once per relink, as plain rows
    actuals: dict[tuple[Any, ...], list[_Candidate]] = {}
    texts: dict[tuple[Any, ...], list[tuple[str, frozenset[str]]]] = {}
    odd: dict[tuple[Any, ...], bool] = {}
    proposed = 0
    for t in targets:
        tf = as_figure(t)
        links = links_of.get(t.id, [])
        rejected = {(ln.document_id, ln.span_start) for ln in links if ln.state == LINK_REJECTED}
        for ln in links:
            if ln.state == LINK_PROPOSED:
                session.delete(ln)
        links = [ln for ln in links if ln.state != LINK_PROPOSED]
        period = t.deadline or t.year
        t_pub = pub.get(t.document_id or "") if t.document_id else None
        best: _Best | None = None
        if t.known_measure:
            dated, interim = bool(t.deadline), bool(t.deadline and t.year)
            sig: tuple[Any, ...] = (True, tuple(rules.compatible_keys(t.measure)), t.unit, period, dated, interim)
            if sig[:3] not in odd:
                # an actual no rule names a measure for is scored by wording (rare): such a measure and unit
                # take the full scan below, the rest are chosen in SQL
                odd[sig[:3]] = session.execute(select(_A.id).where(
                    _A.measure.in_(sig[1]), _A.unit == t.unit, _A.known_measure.is_(False)).limit(1)).first() is not None
            if not odd[sig[:3]]:
                best = _best_known(session, t, tf, t_pub, period, rejected, rules, list(sig[1]))
                if any(sc < MIN_SCORE for _k, _a, sc, _r in best.values()):
                    # a class the SQL cannot see ruled the chosen row out (a plan's 年均 rate is not answered by a
                    # total over the span, targets.link.score): the full scan below decides
                    best = None
            q = select(*_ACTUAL).where(_A.measure.in_(sig[1]), _A.unit == t.unit)
            if period is not None:
                # only actuals that can score (targets.link.score): the period's own year, a total over the
                # same period, or an interim year of a multi-year target; the rest of the measure's history
                # (every year of every page, growing with the database) is not read
                years = [_A.year == period]
                if dated:
                    years.append(and_(_A.year.is_(None), _A.period_end == period))
                if interim:
                    years.append(_A.year < t.deadline)
                q = q.where(or_(*years))
        elif period is None and not t.region:
            best = {}  # no period, no region: score() gives at most 0.05 + 0.6 (same wording) < MIN_SCORE
        else:
            interim = bool(t.deadline and t.year)
            sig = (False, t.unit, period, t.region if period is None else interim)
            where = [_A.unit == t.unit]
            if period is None:
                # no period: score() gives at most 0.05 + 0.6 * similarity + 0.1 (the same region), so only the
                # actuals of the target's region can reach MIN_SCORE
                where.append(_A.region == t.region)
            elif interim:
                where.append(_A.year <= period)  # the final year or an interim one
            else:
                where.append(_A.year == period)  # score() gives an earlier year 0 unless it is an interim one
            if sig not in texts:
                texts[sig] = _measure_texts(session, where, rules)
            mine = measure_chars(t.measure_text or t.measure, rules)
            # score() gives at most 0.05 + 0.6 * similarity + 0.25 + 0.1: below 0.34 a wording cannot reach
            # MIN_SCORE (0.75), so only actuals of wordings at or above it are read, in table order as before
            near = sorted(w for w, b in texts[sig] if mine and b and 0.6 * (len(mine & b) / len(mine | b)) >= 0.34)
            rows: list[Any] = []
            for part in chunks(near):
                rows += session.execute(select(*_ACTUAL).where(*where, or_(
                    and_(_A.measure_text != "", _A.measure_text.in_(part)),
                    and_(_A.measure_text == "", _A.measure.in_(part))))).all()  # fmt: skip
            rows.sort(key=lambda r: r.id)
            best = _best(tf, t.document_id, t_pub, period, [_candidate(r) for r in rows], rejected, rules)
        if best is None:
            if sig not in actuals:
                actuals[sig] = [_candidate(a) for a in session.execute(q)]
            best = _best(tf, t.document_id, t_pub, period, actuals[sig], rejected, rules)
        for final, (_k, a, sc, reasons) in best.items():
            if final and (_decided(links) or _no_outcome(t)):
                continue  # a reviewer accepted or linked the outcome, or judged none reported (a rejection only excludes its figure)
            links.append(_propose(session, t, a, final, sc, reasons))
            proposed += 1
        set_status(session, t, as_of_year, links)
    session.flush()
    return proposed


_Candidate = tuple[Any, Figure, str, int, str | None, int | None]
_Best = dict[bool, tuple[tuple[float, str, int], Any, float, list[str]]]
_A: Any = ActualRow.__table__.c
# the columns of an actual that scoring and a proposed link read (plain rows, no ORM objects)
_ACTUAL = (_A.id, _A.document_id, _A.published, _A.span_start, _A.span_end, _A.quote, _A.measure, _A.measure_text,
           _A.known_measure, _A.value, _A.unit, _A.year, _A.period_end, _A.region)
_T: Any = TargetRow.__table__.c
# the columns of a target that scoring and its status check read (relink_added's plain rows; as_figure(row, True))
# (the quote too: score() reads a multi-year rate's own clause, 年均 or a total, targets.link._is_average)
_TARGET = (_T.id, _T.document_id, _T.span_start, _T.span_end, _T.measure, _T.measure_text, _T.known_measure, _T.value,
           _T.value_max, _T.unit, _T.qualifier, _T.year, _T.deadline, _T.region, _T.status, _T.no_outcome_at, _T.quote)
def _candidate(a: Any) -> _Candidate:
    """(row, figure, document, mention start, published, year) of an actual row."""
    return (a, as_figure(a), a.document_id, a.span_start, a.published, a.year)


def _measure_texts(session: Session, where: list[Any], rules: Any) -> list[tuple[str, frozenset[str]]]:
    """The distinct wordings (measure_text, else measure) of the actuals matching `where`, with their
    measure characters (targets.link.measure_chars)."""
    out = []
    q = select(_A.measure_text, _A.measure).where(*where).distinct()
    for w in sorted({text or measure for text, measure in session.execute(q)}):
        out.append((w, measure_chars(w, rules)))
    return out


def _best_known(
    session: Session, t: TargetRow, tf: Figure, t_pub: str | None, period: int | None,
    rejected: set[tuple[str | None, int | None]], rules: Any, keys: list[str],
) -> _Best:
    """_best over the actuals of a target with a known measure, chosen in SQL: for such a target and an actual
    with a known measure, score() depends on a few columns only (measure equal or of the family, year equal /
    a total over the period / interim, region equal or missing, unit, magnitude), so each score class is a
    filter and the best actual of a kind the first in the order _best ranks them (then the table order of the
    scan it replaces: measure, year, id). Only the chosen rows are scored in Python."""
    base: list[Any] = [_A.measure.in_(keys), _A.unit == t.unit, _A.known_measure.is_(True)]
    measure: Any = _A.measure
    if session.get_bind().dialect.name == "postgresql":
        measure = measure.collate("C")  # code-point order of the Chinese keys, as SQLite and Python sort them
    if t.document_id is not None:
        base.append(_A.document_id != t.document_id)
    t_day = t_pub[:10] if t_pub else None
    if t_day:
        base.append(or_(_A.published.is_(None), _A.published == "", func.substr(_A.published, 1, 10) > t_day))
    for d, at in sorted(rejected, key=str):
        if d is not None and at is not None:
            base.append(not_(and_(_A.document_id == d, _A.span_start == at)))
    r, tv = rules.max_ratio, t.value
    if r and t.unit != "%" and tv > 0:
        base.append(or_(_A.value <= 0, and_(_A.value >= tv, _A.value <= r * tv), and_(_A.value < tv, _A.value * r >= tv)))
    measures = [(0.6, _A.measure == t.measure)] + ([(0.45, _A.measure.in_(keys[1:]))] if keys[1:] else [])
    regions: list[tuple[float | None, Any]] = (
        [(0.1, _A.region == t.region), (None, or_(_A.region.is_(None), _A.region == ""))] if t.region else [(None, None)])
    kinds: dict[bool, list[tuple[float | None, Any]]] = {}
    if period is None:
        kinds[True], kinds[False] = [(None, _A.year.is_(None))], [(None, _A.year.isnot(None))]
    else:
        # a total over the target's whole period (五年累计, 年均增长 said once the period is over) is its final
        # outcome, as the period's own year is; an earlier year of a multi-year target is an interim figure
        finals: list[tuple[float | None, Any]] = [(0.25, _A.year == period)]
        if t.deadline:
            finals.append((0.25, and_(_A.year.is_(None), _A.period_end == period)))
        kinds[True] = finals
        kinds[False] = [(0.1, _A.year < t.deadline)] if t.deadline and t.year else []
    found: dict[bool, tuple[tuple[float, str, int], Any, float, list[str]]] = {}
    first: dict[bool, str] = {}
    final_where: Any = None
    for final, periods in kinds.items():
        classes: list[tuple[float, Any]] = []
        for m, mc in measures:
            for p, pc in periods:
                for rg, rc in regions:
                    s = 0.05
                    s += m
                    if p is not None:
                        s += p
                    if rg is not None:
                        s += rg
                    s = round(s, 3)
                    if s >= MIN_SCORE:
                        classes.append((s, and_(*[c for c in (mc, pc, rc) if c is not None])))
        if not classes:
            continue
        ranks = sorted({s for s, _c in classes}, reverse=True)
        rank = case(*[(or_(*[c for s, c in classes if s == sc]), i) for i, sc in enumerate(ranks)], else_=len(ranks))
        second = (case((or_(_A.published.is_(None), _A.published == ""), "9999"), else_=func.substr(_A.published, 1, 10))
                  if final else func.coalesce(_A.year, 0).desc())  # fmt: skip
        where = and_(*base, or_(*[c for _s, c in classes]))
        # ties then go as the scan meets rows: by measure, a total over the period (no year) before a year, id
        row = session.execute(select(*_ACTUAL).where(where).order_by(
            rank, second, _A.span_start, measure, _A.year.isnot(None), _A.id).limit(1)).first()
        if row is None:
            continue
        sc, reasons = score(tf, as_figure(row), rules)
        found[final] = (_key(final, sc, row.published, row.span_start, row.year), row, sc, reasons)
        if final:
            final_where = where
        if len(keys) > 1:
            first[final] = session.execute(select(func.min(measure)).where(where)).scalar_one()
    if len(found) < 2:
        return found
    # _best keeps the kinds in the order the scan (measure, then year with none first, then id) met them
    if len(keys) > 1 and first[True] != first[False]:
        order = [first[True] < first[False], first[True] > first[False]]
    elif period is None:
        order = [True, False]
    else:
        # in the first measure both kinds hold, the final kind comes first only through a total over the whole
        # period (no year: it sorts before every year); else the interim years, all before the deadline, do
        same = [_A.measure == first[True]] if len(keys) > 1 else []
        total = session.execute(select(_A.id).where(final_where, _A.year.is_(None), *same).limit(1)).first()
        order = [True, False] if total is not None else [False, True]
    return {k: found[k] for k in order}


def _key(final: bool, sc: float, a_pub: str | None, a_at: int, a_year: int | None) -> tuple[float, str, int]:
    """How links of one kind rank: best score, then for the final outcome the earliest report, for an
    interim figure the latest year (progress so far); then the earliest mention."""
    return (-sc, (a_pub or "9999")[:10], a_at) if final else (-sc, str(9999 - (a_year or 0)), a_at)


def _best(
    tf: Figure, t_doc: str | None, t_pub: str | None, period: int | None, candidates: Iterable[_Candidate],
    rejected: set[tuple[str | None, int | None]], rules: Any,
) -> _Best:
    """Per kind (final / interim) the best-ranked actual among candidates, as (key, row, score, reasons)."""
    t_day = t_pub[:10] if t_pub else None
    best: _Best = {}
    for a, af, a_doc, a_at, a_pub, a_year in candidates:
        if a_doc == t_doc or (a_doc, a_at) in rejected:
            continue
        if t_day and a_pub and a_pub[:10] <= t_day:
            continue  # an outcome is reported after the target was set
        sc, reasons = score(tf, af, rules)
        if sc < MIN_SCORE:
            continue
        final = is_final(tf, af, period)
        key = _key(final, sc, a_pub, a_at, a_year)
        if final not in best or key < best[final][0]:
            best[final] = (key, a, sc, reasons)
    return best


def _no_outcome(t: Any) -> bool:
    """Whether a reviewer judged that no outcome of the target is reported (未见公开结果): no final outcome is
    proposed and its status is unknown until the judgement is undone. `t` may be a plain `_TARGET` row."""
    return getattr(t, "no_outcome_at", None) is not None


def _decided(links: Iterable[TargetLinkRow]) -> bool:
    """Whether a reviewer decided the target's outcome: an accepted or manual final link stops proposals. A
    rejected one does not: it excludes that figure only, and the linker proposes the next-best candidate."""
    return any(not ln.interim and ln.state in REVIEWED for ln in links)


def _propose(session: Session, t: TargetRow, a: ActualRow, final: bool, sc: float, reasons: list[str]) -> TargetLinkRow:
    """Store a proposed link of target t to actual a."""
    link = TargetLinkRow(
        target_id=t.id, document_id=a.document_id, span_start=a.span_start, span_end=a.span_end,
        quote=a.quote, value=a.value, unit=a.unit, year=a.year, interim=not final, score=sc,
        reasons=reasons, state=LINK_PROPOSED,
    )
    session.add(link)
    return link


def relink_added(session: Session, targets: list[Any], added: list[ActualRow], as_of_year: int | None = None) -> int:
    """Relink targets whose candidate actuals were only added to (none removed since their last relink):
    the best over all actuals is the better of the stored proposal and the best added one, so only the added
    actuals are scored (a full relink scores every actual of the measure: its cost grew with the database).
    `targets` may be plain rows of the `_TARGET` columns: they are scored as rows, and only the targets an added
    actual scores for (or whose status the year may have moved, `_status_due`) are loaded with their links."""
    as_of_year = as_of_year or date.today().year
    targets = list({t.id: t for t in targets}.values())
    rules = load_rules()
    cands = [(a, as_figure(a), a.document_id, a.span_start, a.published, a.year) for a in added]
    # the added actuals by measure and unit and by unit, each with its place among them (kept in that order)
    by_measure: dict[tuple[str, str], list[tuple[int, _Candidate]]] = {}
    by_unit: dict[str, list[_Candidate]] = {}
    for i, c in enumerate(cands):
        by_measure.setdefault((c[0].measure, c[0].unit), []).append((i, c))
        by_unit.setdefault(c[0].unit, []).append(c)

    def mine_of(t: Any) -> list[_Candidate]:
        period = t.deadline or t.year
        if t.known_measure:
            parts = [by_measure.get((k, t.unit), []) for k in dict.fromkeys(rules.compatible_keys(t.measure))]
            return [c for _i, c in sorted((ic for part in parts for ic in part), key=lambda ic: ic[0])]
        return [c for c in by_unit.get(t.unit, []) if period is None or (c[5] is not None and c[5] <= period)]

    pub = _published(session, [t.document_id for t in targets if t.document_id])
    # a target no added actual scores for (rejections aside: they only remove candidates) keeps its links, and
    # its status unless the year moved it (set_status would store the same): it is not loaded
    mine: dict[str, list[_Candidate]] = {}
    for t in targets:
        m = mine_of(t)
        period = t.deadline or t.year
        t_pub = pub.get(t.document_id or "") if t.document_id else None
        if _status_due(t, as_of_year) or _best(as_figure(t, True), t.document_id, t_pub, period, m, set(), rules):
            mine[t.id] = m
    held = {t.id: t for t in targets if isinstance(t, TargetRow)}
    for part in chunks([i for i in mine if i not in held]):
        held.update((t.id, t) for t in session.scalars(select(TargetRow).where(TargetRow.id.in_(part))))
    links_of = _links_of(session, list(mine))
    linked_pub = _published(session, [ln.document_id for ls in links_of.values() for ln in ls if ln.document_id])
    proposed = 0
    for tid in mine:
        t = held[tid]
        tf = as_figure(t)
        links = links_of.get(t.id, [])
        rejected = {(ln.document_id, ln.span_start) for ln in links if ln.state == LINK_REJECTED}
        period = t.deadline or t.year
        t_pub = pub.get(t.document_id or "") if t.document_id else None
        best = _best(tf, t.document_id, t_pub, period, mine[tid], rejected, rules)
        for final, (key, a, sc, reasons) in best.items():
            if final and (_decided(links) or _no_outcome(t)):
                continue  # a reviewer accepted or linked the outcome, or judged none reported (a rejection only excludes its figure)
            old = [ln for ln in links if ln.state == LINK_PROPOSED and ln.interim == (not final)]
            if old and _key(final, old[0].score, linked_pub.get(old[0].document_id or ""), old[0].span_start or 0, old[0].year) <= key:
                continue  # the stored proposal still ranks first (ties: the earlier actual, as a full scan keeps)
            for ln in old:
                session.delete(ln)
                links.remove(ln)
            links.append(_propose(session, t, a, final, sc, reasons))
            proposed += 1
        set_status(session, t, as_of_year, links)
    session.flush()
    return proposed


def _status_due(t: Any, as_of_year: int) -> bool:
    """Whether set_status may store another status for a target whose links did not change: only a target
    without an outcome depends on the year (in_progress while its period is open, then unknown); a stored
    in_progress or unknown that disagrees with the year is due (an unknown one with an outcome judged unknown
    too: it is set again, to the same). A target judged "no outcome reported" is unknown whatever the year."""
    if t.status not in ("in_progress", "unknown") or _no_outcome(t):
        return False
    period = t.deadline or t.year
    return (t.status == "in_progress") != (period is not None and period >= as_of_year)


def _links_of(session: Session, target_ids: list[str]) -> dict[str, list[TargetLinkRow]]:
    """Every stored link of these targets, by target id, in one query per chunk of ids."""
    out: dict[str, list[TargetLinkRow]] = {}
    for part in chunks(target_ids):
        for ln in session.scalars(select(TargetLinkRow).where(TargetLinkRow.target_id.in_(part)).order_by(TargetLinkRow.id)):
            out.setdefault(ln.target_id, []).append(ln)
    return out


def _stored_links(session: Session, t: TargetRow, links: list[TargetLinkRow] | None) -> list[TargetLinkRow]:
    """The target's links: the given list (relink holds them), else read in id order."""
    if links is not None:
        return links
    return list(session.scalars(select(TargetLinkRow).where(TargetLinkRow.target_id == t.id).order_by(TargetLinkRow.id)))


def outcome_of(session: Session, t: TargetRow, links: list[TargetLinkRow] | None = None) -> TargetLinkRow | None:
    """The link that counts as the outcome: reviewed first, else the proposed final figure; none for a target
    judged "no outcome reported"."""
    if _no_outcome(t):
        return None
    finals = [ln for ln in _stored_links(session, t, links) if ln.state != LINK_REJECTED and not ln.interim]
    finals.sort(key=lambda ln: (ln.state not in REVIEWED, -(ln.score or 0)))
    return finals[0] if finals else None


def interim_of(session: Session, t: TargetRow, links: list[TargetLinkRow] | None = None) -> TargetLinkRow | None:
    """The latest interim figure of a multi-year target."""
    interims = [ln for ln in _stored_links(session, t, links) if ln.state != LINK_REJECTED and ln.interim]
    interims.sort(key=lambda ln: (ln.year or 0), reverse=True)
    return interims[0] if interims else None


def set_status(session: Session, t: TargetRow, as_of_year: int, links: list[TargetLinkRow] | None = None) -> None:
    """Store a target's status and progress from its outcome (or latest interim figure)."""
    out = outcome_of(session, t, links)
    tf = as_figure(t)
    of = Figure(measure=t.measure, value=out.value, unit=out.unit, year=out.year, is_target=False, span=(0, 0), quote="") if out else None
    t.status = "unknown" if _no_outcome(t) else status_of(tf, of, as_of_year)
    if out is not None:
        # share of the goal reached; for less-is-better measures (prices, unemployment) 1 when met
        down = load_rules().direction(t.measure) == "down"
        t.progress = (1.0 if t.status == "met" else 0.0) if down else progress(t.value, out.value)
    else:
        interim = interim_of(session, t, links)
        t.progress = progress(t.value, interim.value) if interim else None


def _copy_of(session: Session, ids: list[str]) -> dict[str, str | None]:
    """Which of these documents are stored, each with the original it copies (None for an original)."""
    out: dict[str, str | None] = {}
    for part in chunks(ids):
        for doc_id, original in session.execute(select(DocumentRow.id, DocumentRow.copy_of).where(DocumentRow.id.in_(part))):
            out[doc_id] = original
    return out


def _documents(session: Session, ids: list[str]) -> list[DocumentRow]:
    """The stored documents of these ids, in that order: the session's own objects where it holds them
    (an ingest just wrote them: their text and facts are not read and decoded again), the rest read at once."""
    held: dict[str, DocumentRow] = {}
    for i in ids:
        obj = session.identity_map.get(identity_key(DocumentRow, i))
        if isinstance(obj, DocumentRow):
            held[i] = obj
    missing = [i for i in ids if i not in held]
    for part in chunks(missing):
        held.update((r.id, r) for r in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(part))))
    return [held[i] for i in ids if i in held]


def update_targets(session: Session, changed_docs: Iterable[str], as_of_year: int | None = None) -> dict[str, Any]:
    """Recompute targets/actuals of the changed documents and relink the targets they may touch."""
    ids = list(dict.fromkeys(changed_docs))
    measures: set[tuple[str, str]] = set()
    # figures of documents that are gone (or now a copy) may have been some target's outcome
    before = list(session.execute(select(ActualRow.measure, ActualRow.unit, ActualRow.year, ActualRow.period_end,
                                         ActualRow.region).where(ActualRow.document_id.in_(ids))))  # fmt: skip
    measures |= {(m, u) for m, u, _y, _e, _r in before}
    # targets whose proposed outcome is a figure of a changed document: it is gone or stored again
    lost = set(session.scalars(select(TargetLinkRow.target_id).where(
        TargetLinkRow.document_id.in_(ids), TargetLinkRow.state == LINK_PROPOSED)))  # fmt: skip
    copy_of = _copy_of(session, ids)
    gone = [i for i in ids if i not in copy_of or copy_of[i]]  # a republished copy says nothing new
    if gone:
        stale = list(session.scalars(select(TargetRow.id).where(TargetRow.document_id.in_(gone))))
        if stale:
            session.execute(delete(TargetLinkRow).where(TargetLinkRow.target_id.in_(stale)))
            session.execute(delete(TargetRow).where(TargetRow.id.in_(stale)))
        session.execute(delete(ActualRow).where(ActualRow.document_id.in_(gone)))
        session.execute(delete(TargetLinkRow).where(TargetLinkRow.document_id.in_(gone), TargetLinkRow.state == "proposed"))
    touched = _store_documents(session, _documents(session, [i for i in copy_of if not copy_of[i]]))
    rules = load_rules()
    # measures whose actuals this update removed (documents gone, or stored again): their targets' best
    # outcome may be gone, so they are relinked over every actual; the rest only gained actuals
    removed = {(k, u) for m, u in measures for k in [m, *rules.compatible_keys(m)]}
    added = list(session.scalars(select(ActualRow).where(ActualRow.document_id.in_(ids))))
    measures |= {(a.measure, a.unit) for a in added}
    # only targets of the changed documents and those whose measure a changed document reports on
    # (a broad 物价涨幅 figure may answer a 居民消费价格涨幅 target: the compatible measures too)
    measures |= {(k, u) for m, u in list(measures) for k in rules.compatible_keys(m)}
    names = sorted({m for m, _u in measures})
    # a target can only gain or lose a link to an actual of the right period (targets.link.score gives
    # other years 0): its own year or deadline, a total over that period, or an interim year before a
    # deadline; targets of other years of the measure (growing with the database) are not read
    spans = [(y, e) for _m, _u, y, e, _r in before] + [(a.year, a.period_end) for a in added]
    years = {y for y, _e in spans if y is not None}
    ends = {e for y, e in spans if y is None and e is not None}
    # a target of no period scores at most 0.05 (unit) + 0.6 (same measure, or same wording) + 0.1 (same region):
    # it reaches MIN_SCORE only with a figure of its own region, so only those of a region a removed or added
    # figure names are read (the others of the measure, growing with the database, cannot change)
    regions = sorted({r for *_x, r in before if r} | {a.region for a in added if a.region})
    period = func.coalesce(TargetRow.deadline, TargetRow.year)
    can_score = or_(
        and_(period.is_(None), TargetRow.region.in_(regions)),
        period.in_(sorted(years | ends)),
        and_(TargetRow.deadline.isnot(None), TargetRow.year.isnot(None), TargetRow.deadline > min(years, default=9999)),
    )
    # plain rows: the targets that only gained actuals are scored as rows (relink_added loads those that change)
    q = select(*_TARGET).where(TargetRow.measure.in_(names), can_score)
    rows = [t for t in session.execute(q) if (t.measure, t.unit) in measures] if names else []
    # a target no rule names a measure for is matched by wording (targets.link.score): any added figure of
    # its unit and period may answer it, whatever that figure's measure string
    rows += _worded_targets(session, added, can_score, rules)
    rows = list({t.id: t for t in rows}.values())
    have = {t.id for t in rows}
    again = [t.id for t in rows if t.id in touched or t.id in lost or (t.measure, t.unit) in removed]
    again += [i for i in sorted(lost) if i not in have]
    full = _load(session, again, touched)
    full += [touched[i] for i in sorted(set(touched) - have - lost)]
    grown = [t for t in rows if t.id not in touched and t.id not in lost and (t.measure, t.unit) not in removed]
    proposed = relink(session, full, as_of_year) + relink_added(session, grown, added, as_of_year)
    return {"documents": len(ids), "targets": len(touched), "proposed": proposed}


# score() needs 0.6 * word similarity >= 0.35 for a worded target to reach MIN_SCORE (period and region add at
# most 0.35 to the base 0.05); 0.5 leaves room for its rounding
_WORDED_MIN_SIMILARITY = 0.5


def _load(session: Session, ids: list[str], held: dict[str, TargetRow]) -> list[TargetRow]:
    """The stored targets of these ids, in that order (those held as given, the rest read in chunks)."""
    out = dict(held)
    for part in chunks([i for i in ids if i not in out]):
        out.update((t.id, t) for t in session.scalars(select(TargetRow).where(TargetRow.id.in_(part))))
    return [out[i] for i in ids if i in out]


def _worded_targets(session: Session, added: list[ActualRow], can_score: Any, rules: Any) -> list[Any]:
    """Targets no rule names a measure for (matched by wording) that an added actual of their unit may answer,
    as plain rows of the `_TARGET` columns: only those whose measure words overlap an added actual's enough to
    score."""
    words: dict[str, dict[frozenset[str], None]] = {}  # distinct wordings per unit
    for a in added:
        words.setdefault(a.unit, {})[measure_chars(a.measure_text or a.measure, rules)] = None
    if not words:
        return []
    q = select(*_TARGET).where(TargetRow.known_measure.is_(False), TargetRow.unit.in_(sorted(words)), can_score)
    keep = []
    near: dict[tuple[str, str], bool] = {}  # one test per wording and unit (many targets share one)
    for t in session.execute(q):
        w = t.measure_text or t.measure
        ok = near.get((w, t.unit))
        if ok is None:
            mine = measure_chars(w, rules)
            ok = near[(w, t.unit)] = bool(mine) and any(
                b and len(mine & b) >= _WORDED_MIN_SIMILARITY * len(mine | b) for b in words[t.unit])
        if ok:
            keep.append(t)
    return keep


def rebuild_targets(session: Session, as_of_year: int | None = None) -> dict[str, Any]:
    """Recompute every document target and actual from the documents table, then relink all targets."""
    ids = list(session.scalars(select(DocumentRow.id).where(DocumentRow.copy_of.is_(None))))
    known = set(ids)
    stale = [t.id for t in session.scalars(select(TargetRow).where(TargetRow.origin == "document"))
             if t.document_id not in known]
    if stale:
        session.execute(delete(TargetLinkRow).where(TargetLinkRow.target_id.in_(stale)))
        session.execute(delete(TargetRow).where(TargetRow.id.in_(stale)))
    session.execute(delete(ActualRow).where(ActualRow.document_id.not_in(known) if known else ActualRow.id.isnot(None)))
    n = 0
    for part in chunks(ids):
        n += len(_store_documents(session, [r for r in (session.get(DocumentRow, i) for i in part) if r is not None]))
    targets = list(session.scalars(select(TargetRow)))
    return {"documents": len(ids), "targets": n, "proposed": relink(session, targets, as_of_year)}
