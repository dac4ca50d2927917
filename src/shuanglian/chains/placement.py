"""Place entities on chain links from evidence, and store each placement as an `on_chain_link` statement.

Evidence, strongest first: what statements say an entity makes or researches (products, technologies,
industries, summaries — from documents or imports), the sentence around each of its mentions in the
stored document text, and its own name (医院, 检测中心). Every placement keeps the matched term, the
evidence text, its document and span, and a score, so the chain map can show why an entity is there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from shuanglian.chains.matcher import Hit, LinkMatcher, Target
from shuanglian.chains.tables import ClusterClaims, ClusterState, ContextClaims
from shuanglian.chains.templates import ChainTemplate
from shuanglian.graph.ids import make_entity_id
from shuanglian.graph.reader import (
    EntityView,
    Fact,
    chunks,
    entity_kinds,
    live_clause,
    load_views,
    member_facts,
    views_for_members,
)
from shuanglian.graph.schema import get_schema
from shuanglian.graph.tables import (
    ACCEPTED,
    ALL_MOVED,
    EDITED,
    PROPOSED,
    AuditLog,
    EntityMember,
    MemberMove,
    Statement,
)
from shuanglian.graph.writer import Provenance, fetch_statements, new_statement
from shuanglian.settings import get_settings
from shuanglian.store import changes
from shuanglian.store.documents import DocumentRow

EXTRACTOR = "chain_placement"
VERSION = "1"
PROP = "on_chain_link"
# How much to trust a term by where it was found (multiplies the term's own weight).
SOURCE_FACTOR = {
    "products": 1.0,
    "technologies": 1.0,
    "industry": 0.95,
    "works_on_industry": 0.95,
    "summary": 0.85,
    "stage": 0.85,
    "name": 0.7,
    "clause": 0.8,
    "sentence": 0.55,
}
# People are placed only from what statements say they work on: the sentences around a person's name
# (often an official on a visit) say where they were, not what they research.
CONTEXT_EXCLUDED_KINDS = frozenset({"person"})
FACT_PROPS = ("products", "technologies", "industry", "works_on_industry", "summary", "stage")
MIN_SCORE = 0.35  # one generic keyword somewhere in the same sentence (0.33) is not enough
_SENT_END = "。！？!?；;\n"
_CLAUSE_END = re.compile(r"[，,：:、（）()]")
_MAX_EVIDENCE = 160


def chain_target_id(chain_id: str, link_id: str | None) -> str:
    """Deterministic graph id of a chain link (or of the chain itself when link_id is None)."""
    if link_id is None:
        return make_entity_id("chain", chain_id, "template")
    return make_entity_id("chain_link", f"{chain_id}/{link_id}", "template")


@dataclass
class Evidence:
    """One reason to put an entity on a link."""

    chain_id: str
    link_id: str | None
    term: str
    field: str
    via: str  # which evidence source (a prop name, "name", "clause" or "sentence")
    text: str
    score: float
    fact: Fact | None
    member_id: str
    document_id: str | None = None
    span: tuple[int, int] | None = None  # of the term, in the document text when document_id is set


@dataclass
class PlacementStats:
    """What one placement run did."""

    entities: int = 0
    placed: int = 0
    statements_created: int = 0
    retracted: int = 0
    by_chain: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Plain dict."""
        return {
            "entities": self.entities,
            "placed": self.placed,
            "statements_created": self.statements_created,
            "retracted": self.retracted,
            "by_chain": dict(self.by_chain),
        }


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s = max(text.rfind(c, 0, start) for c in _SENT_END) + 1
    ends = [i for i in (text.find(c, end) for c in _SENT_END) if i >= 0]
    e = min(ends) if ends else len(text)
    return s, min(len(text), e + 1)


def _clip(text: str, start: int, end: int) -> str:
    """Evidence text around [start, end) clipped to a readable length."""
    if len(text) <= _MAX_EVIDENCE:
        return text.strip()
    mid = (start + end) // 2
    a = max(0, mid - _MAX_EVIDENCE // 2)
    return ("…" if a else "") + text[a : a + _MAX_EVIDENCE].strip() + "…"


def _evidence_from_hits(
    hits: list[Hit], via: str, text: str, fact: Fact | None, member: str, doc: str | None, offset: int | None
) -> list[Evidence]:
    out = []
    for h in hits:
        span = (offset + h.start, offset + h.end) if offset is not None else None
        out += [_evidence(t, h, via, _clip(text, h.start, h.end), fact, member, doc, span) for t in h.targets]
    return out


def _evidence(
    t: Target, h: Hit, via: str, clip: str, fact: Fact | None, member: str, doc: str | None, span: tuple[int, int] | None
) -> Evidence:
    """One piece of evidence: a link term `h` for target link `t`, found by `via` (weighted by it)."""
    return Evidence(t.chain_id, t.link_id, h.term, t.field, via, clip, t.weight * SOURCE_FACTOR[via], fact, member, doc, span)


Claim = tuple[str, int, int, list[Evidence]]  # (document, sentence start, sentence end, evidence there)


def _claims(matcher: LinkMatcher, facts: Iterable[Fact], doc_texts: dict[str, str]) -> list[Claim]:
    """The sentences these facts (in order) claim around their mentions, each once (the first fact in it
    claims it), with the link terms there: same clause counts more than same sentence."""
    out: list[Claim] = []
    seen: set[tuple[str, int, int]] = set()
    for f in facts:
        if f.prop == PROP or not f.document_id or f.span is None or f.document_id not in doc_texts:
            continue  # placements are this module's output, never its evidence
        text = doc_texts[f.document_id]
        ms, me = f.span
        if not (0 <= ms < me <= len(text)):
            continue
        s, e = _sentence_bounds(text, ms, me)
        if (f.document_id, s, e) in seen:
            continue
        seen.add((f.document_id, s, e))
        sentence = text[s:e]
        evs: list[Evidence] = []
        for h in matcher.find(sentence):
            a, b = s + h.start, s + h.end
            if a < me and b > ms:
                continue  # the term is inside the mention itself (the name path handles that)
            lo, hi = min(a, ms), max(b, me)
            via = "sentence" if _CLAUSE_END.search(text[lo:hi]) else "clause"
            for t in h.targets:
                if t.field == "name":
                    continue  # name terms count only inside the entity's own name
                evs.append(_evidence(t, h, via, _clip(sentence, h.start, h.end), f, f.member_id, f.document_id, (a, b)))
        out.append((f.document_id, s, e, evs))
    return out


def _context_evidence(matcher: LinkMatcher, view: EntityView, doc_texts: dict[str, str]) -> list[Evidence]:
    """Terms in the sentences around the entity's mentions: same clause counts more than same sentence."""
    return [ev for *_, evs in _claims(matcher, view.facts, doc_texts) for ev in evs]


def collect_evidence(
    matcher: LinkMatcher,
    view: EntityView,
    doc_texts: dict[str, str],
    context: list[Evidence] | None = None,
    first_member: str | None = None,
) -> list[Evidence]:
    """All placement evidence for one entity (statements, its names, its mention contexts; `context`:
    the mention contexts already merged from the members' stored claims; `first_member`: its first member
    with live statements, when view.member_ids does not list every member)."""
    out: list[Evidence] = []
    for f in view.facts:
        if f.prop in FACT_PROPS:
            out += _evidence_from_hits(
                matcher.find(f.value), f.prop, f.value, f, f.member_id, f.document_id, None
            )
    name_members = {f.value: f for f in view.facts if f.prop == "name"}
    for n in [] if view.kind in CONTEXT_EXCLUDED_KINDS else [view.name, *view.names]:
        nf = name_members.get(n)
        member = nf.member_id if nf else first_member or next(iter(sorted(view.member_ids)), view.id)
        out += _evidence_from_hits(matcher.find(n), "name", n, nf, member, None, None)
    if view.kind not in CONTEXT_EXCLUDED_KINDS:
        out += _context_evidence(matcher, view, doc_texts) if context is None else context
    return out


def combine(scores: Iterable[float]) -> float:
    """Noisy-or of independent pieces of evidence (two weak hints make a stronger one, never above 1)."""
    p = 1.0
    for s in scores:
        p *= 1.0 - max(0.0, min(1.0, s))
    return round(1.0 - p, 4)


def placements_for(evidence: list[Evidence]) -> dict[tuple[str, str | None], tuple[float, list[Evidence]]]:
    """Group evidence by (chain, link): combined score over distinct terms/documents, best evidence first.

    A chain-level (industry) hint is dropped when the entity already sits on a link of that chain."""
    groups: dict[tuple[str, str | None], dict[tuple[str, str | None], Evidence]] = {}
    for ev in evidence:
        key = (ev.chain_id, ev.link_id)
        dedup = (ev.term, ev.document_id)
        g = groups.setdefault(key, {})
        if dedup not in g or g[dedup].score < ev.score:
            g[dedup] = ev
    linked_chains = {c for c, ln in groups if ln is not None}
    out: dict[tuple[str, str | None], tuple[float, list[Evidence]]] = {}
    for key, g in groups.items():
        if key[1] is None and key[0] in linked_chains:
            continue
        evs = sorted(g.values(), key=lambda e: -e.score)
        score = combine(e.score for e in evs)
        if score >= MIN_SCORE:
            out[key] = (score, evs)
    return out


_MATCHERS: dict[tuple[tuple[str, int], ...], tuple[list[ChainTemplate], LinkMatcher]] = {}


def _matcher(templates: dict[str, ChainTemplate]) -> LinkMatcher:
    """The Aho-Corasick matcher of a template set, built once per set (every write places entities)."""
    key = tuple((k, id(t)) for k, t in sorted(templates.items()))
    hit = _MATCHERS.get(key)
    if hit is None:
        if len(_MATCHERS) > 8:
            _MATCHERS.clear()
        # the templates are kept with the matcher so their ids in the key cannot be reused
        hit = _MATCHERS[key] = (list(templates.values()), LinkMatcher(templates.values()))
    return hit[1]


# What placing an entity of a context-excluded kind reads: the facts its evidence comes from, its names
# and its earlier placements (to retract the stale ones). Other kinds add their aliases (names) and take
# their mention contexts from the members' stored claims (ContextClaims).
_LEAN_PROPS = (*FACT_PROPS, "name", PROP)
_CLAIMED_PROPS = (*_LEAN_PROPS, "alias")


# Names are read only through the view's distinct names and the last name fact of each value (the name
# evidence's member): read ranked (graph.reader._ranked), a few rows per name of a hub, not one per page.
# A view's member_ids then lists fewer members: retracting stale placements needs only those holding a
# placement (PROP is read whole); the claimed kinds' member_ids come from their stored claims.
_NAME_PROPS = ("name", "alias")


def _views(session: Session, entity_ids: set[str]) -> dict[str, EntityView]:
    """The views placement needs, never a hub's whole history: people (placed from FACT_PROPS alone) read
    _LEAN_PROPS, other kinds _CLAIMED_PROPS (their contexts come from stored claims), names ranked; no
    region (unused)."""
    kinds = entity_kinds(session, entity_ids)
    lean = {e for e in entity_ids if kinds.get(e) in CONTEXT_EXCLUDED_KINDS}
    views = views_for_members(
        session, entity_ids - lean, props=_CLAIMED_PROPS, region=False, ranked=_NAME_PROPS
    )
    got = (
        views_for_members(session, lean, props=_LEAN_PROPS, region=False, ranked=_NAME_PROPS) if lean else {}
    )
    # a lean seed whose cluster turned out to be of another kind is read as the others
    whole = {cid for cid, v in got.items() if v.kind not in CONTEXT_EXCLUDED_KINDS}
    views.update({cid: v for cid, v in got.items() if cid not in whole})
    if whole:
        views.update(
            views_for_members(session, whole, props=_CLAIMED_PROPS, region=False, ranked=_NAME_PROPS)
        )
    return views


def _templates_digest(templates: dict[str, ChainTemplate]) -> str:
    """templates_hash of a template set, computed once per set (stored with every claim row)."""
    key = tuple((k, id(t)) for k, t in sorted(templates.items()))
    hit = _DIGESTS.get(key)
    if hit is None:
        from shuanglian.chains.incremental import templates_hash

        if len(_DIGESTS) > 8:
            _DIGESTS.clear()
        hit = _DIGESTS[key] = (list(templates.values()), templates_hash(templates))
    return hit[1]


_DIGESTS: dict[tuple[tuple[str, int], ...], tuple[list[ChainTemplate], str]] = {}


def _claim_json(claims: list[Claim]) -> list[Any]:
    out = []
    for doc, s, e, evs in claims:
        f = evs[0].fact if evs else None
        out.append([doc, s, e, f.id if f else None, f.member_id if f else None, f.origin if f else None,
                    f.user if f else None,
                    [[ev.chain_id, ev.link_id, ev.term, ev.field, ev.via, ev.text, ev.score, *(ev.span or (None, None))]
                     for ev in evs]])  # fmt: skip
    return out


def _claims_of_json(data: list[Any], kind: str) -> list[Claim]:
    out: list[Claim] = []
    for doc, s, e, fid, member, origin, user, evs in data:
        fact = (
            Fact(fid, member, kind, "mention", "", None, None, origin, doc, None, user, 1.0, ACCEPTED, None)
            if fid
            else None
        )
        out.append((doc, s, e, [Evidence(c, ln, term, fld, via, text, score, fact, member, doc,
                                         (a, b) if a is not None else None)
                                for c, ln, term, fld, via, text, score, a, b in evs]))  # fmt: skip
    return out


def _fresh_claims(
    session: Session, matcher: LinkMatcher, members: Iterable[str]
) -> dict[str, tuple[str, list[Any]]]:
    """(kind of its first statement, claims as stored) of these source entities, computed from their own
    statements and documents. A member without live statements has kind ''."""
    todo = sorted(set(members))
    facts = member_facts(session, todo)
    texts = _doc_texts_of(
        session, {f.document_id for fs in facts.values() for f in fs if f.document_id and f.span}
    )
    out: dict[str, tuple[str, list[Any]]] = {}
    for m in todo:
        fs = facts.get(m, [])
        out[m] = (fs[0].kind if fs else "", _claim_json(_claims(matcher, fs, texts)))
    return out


def _merge_document(doc: str, claimants: list[str], claims: dict[str, tuple[str, list[Any]]]) -> list[Any]:
    """The winners of one document: claimants in id order, each sentence of `doc` to the first claiming
    it (what _claims over the cluster's facts in (member, id) order gives), kept when it has evidence."""
    out: list[Any] = []
    seen: set[tuple[int, int]] = set()
    for m in claimants:
        kind, data = claims[m]
        for i, claim in enumerate(data):
            if claim[0] != doc or (claim[1], claim[2]) in seen:
                continue
            seen.add((claim[1], claim[2]))
            if claim[7]:
                out.append([m, i, kind, claim])
    return out


def _sync_clusters(
    session: Session, matcher: LinkMatcher, digest: str, cluster_ids: Iterable[str], fresh: set[str]
) -> None:
    """Bring the ClusterClaims rows of these canonical entities up to date, O(changed): the members that
    moved since the last run (graph.tables.MemberMove, logged by resolution) leave their old entity's rows
    and join their new one's, members of these entities whose statements changed (`fresh`) are recomputed,
    and only the documents they claim (or claimed) are merged again. An entity never merged (or merged
    with other templates) is merged whole, once."""
    CC, EM = ContextClaims, EntityMember
    cids = sorted(set(cluster_ids))
    in_cids = set(cids)
    moves = set(session.scalars(select(MemberMove.member_id)))
    for part in chunks(sorted(moves)):  # only the moves read: ones logged meanwhile wait for the next run
        session.execute(delete(MemberMove).where(MemberMove.member_id.in_(part)))
    if ALL_MOVED in moves:  # a full re-resolution: every entity is merged whole again on its next placement
        session.execute(delete(ClusterClaims))
        session.execute(delete(ClusterState))
        session.execute(update(CC).where(CC.cluster_id.is_not(None)).values(cluster_id=None))
        moves = set()
    state: dict[str, str] = {}
    canon: dict[str, str] = {}  # member -> its canonical entity (an unresolved one stands for itself)
    rows: dict[str, Any] = {}  # ContextClaims rows read
    cols = (CC.member_id, CC.cluster_id, CC.templates, CC.kind, CC.claims)
    for part in chunks(sorted(set(fresh) | moves)):
        canon.update(
            {
                m: e
                for m, e in session.execute(select(EM.member_id, EM.entity_id).where(EM.member_id.in_(part)))
            }
        )
        rows.update({r.member_id: r for r in session.execute(select(*cols).where(CC.member_id.in_(part)))})
    anchors = set(cids) | set(canon.values()) | moves | {r.cluster_id for r in rows.values() if r.cluster_id}
    for part in chunks(sorted(anchors)):
        sq = select(ClusterState.entity_id, ClusterState.templates).where(ClusterState.entity_id.in_(part))
        state.update({e: t for e, t in session.execute(sq)})
    whole = [c for c in cids if state.get(c) != digest]
    # members of the entities merged whole this time
    members: dict[str, str] = {}
    for part in chunks(whole):
        members.update(
            {
                m: e
                for m, e in session.execute(select(EM.member_id, EM.entity_id).where(EM.entity_id.in_(part)))
            }
        )
    alone = [c for c in whole if c not in set(members.values())]
    for part in chunks(alone):
        got = set(session.scalars(select(EM.member_id).where(EM.member_id.in_(part))))
        members.update({c: c for c in part if c not in got})  # an unresolved id: its cluster is itself
    merged = {c for c, t in state.items() if t == digest} - set(whole)  # kept by moves below
    for c in whole:
        merged.add(c)
    # member -> the merged entity it is in after this (None: in none kept here)
    now: dict[str, str | None] = {}
    for m in moves:
        c = canon.get(m, m)
        now[m] = c if c in merged else None
    for m in fresh:
        c = canon.get(m, m)
        if c in in_cids:
            now[m] = c
    now.update(members)
    if not now:
        return
    delta = sorted(now)
    for part in chunks([m for m in delta if m not in rows]):
        rows.update({r.member_id: r for r in session.execute(select(*cols).where(CC.member_id.in_(part)))})
    redo = [
        m
        for m in delta
        if now[m] is not None and (m in fresh or m not in rows or rows[m].templates != digest)
    ]
    claims = _fresh_claims(session, matcher, redo) if redo else {}
    for m in delta:
        if now[m] is not None and m not in claims:
            claims[m] = (rows[m].kind, rows[m].claims)
    # the (entity, document) rows whose claimants change: of merged entities only
    touched: dict[tuple[str, str], None] = {}
    for m in delta:
        r = rows.get(m)
        if r is not None and r.cluster_id is not None and r.cluster_id in merged:
            touched.update({(r.cluster_id, c[0]): None for c in r.claims})
        if now[m] is not None:
            touched.update({(str(now[m]), c[0]): None for c in claims[m][1]})
    pairs = sorted(touched)
    old: dict[tuple[str, str], list[str]] = {}
    redone = set(whole)
    for cond in _pair_conditions([p for p in pairs if p[0] not in redone]):
        q = select(ClusterClaims.entity_id, ClusterClaims.document_id, ClusterClaims.claimants).where(cond)
        old.update({(e, d): list(ms) for e, d, ms in session.execute(q)})
    moved = set(delta)
    new: dict[tuple[str, str], list[str]] = {p: [m for m in old.get(p, []) if m not in moved] for p in pairs}
    for m in delta:
        if now[m] is not None:
            for claim in claims[m][1]:
                ms = new[(str(now[m]), claim[0])]
                if m not in ms:
                    ms.append(m)
    others = sorted({m for ms in new.values() for m in ms if m not in claims})
    for part in chunks(others):
        for m, kind, data in session.execute(
            select(CC.member_id, CC.kind, CC.claims).where(CC.member_id.in_(part))
        ):
            claims[m] = (kind, data)
    out = []
    for (c, d), ms in new.items():
        if ms:
            ms.sort()
            winners = _merge_document(d, ms, claims)
            out.append(
                {
                    "entity_id": c,
                    "document_id": d,
                    "claimants": ms,
                    "winners": winners,
                    "evident": bool(winners),
                }
            )
    for part in chunks(whole):
        session.execute(delete(ClusterClaims).where(ClusterClaims.entity_id.in_(part)))
        session.execute(delete(ClusterState).where(ClusterState.entity_id.in_(part)))
    for cond in _pair_conditions(pairs):
        session.execute(delete(ClusterClaims).where(cond))
    for i in range(0, len(out), 2000):
        session.execute(insert(ClusterClaims), out[i : i + 2000])
    if whole:
        session.execute(insert(ClusterState), [{"entity_id": c, "templates": digest} for c in whole])
    for part in chunks(redo):
        session.execute(delete(CC).where(CC.member_id.in_(part)))
    fresh_rows = [{"member_id": m, "templates": digest, "kind": claims[m][0], "claims": claims[m][1], "cluster_id": now[m]}
                  for m in redo]  # fmt: skip
    for i in range(0, len(fresh_rows), 2000):
        session.execute(insert(CC), fresh_rows[i : i + 2000])
    done = set(redo)
    moves_rows = [{"member_id": m, "cluster_id": now[m]} for m in delta if m not in done and m in rows
                  and rows[m].cluster_id != now[m]]  # fmt: skip
    if moves_rows:
        session.execute(update(CC), moves_rows)  # by primary key


def _pair_conditions(pairs: list[tuple[str, str]]) -> Iterator[ColumnElement[bool]]:
    """WHERE conditions selecting exactly these (entity, document) rows of ClusterClaims, a few hundred
    pairs each: per entity its documents (SQLite answers a row-value IN list by a table scan)."""
    by_entity: dict[str, list[str]] = {}
    for e, d in pairs:
        by_entity.setdefault(e, []).append(d)
    group: list[ColumnElement[bool]] = []
    n = 0
    for e in sorted(by_entity):
        docs = by_entity[e]
        for i in range(0, len(docs), 400):
            group.append(and_(ClusterClaims.entity_id == e, ClusterClaims.document_id.in_(docs[i : i + 400])))
            n += 1 + len(docs[i : i + 400])
            if n >= 400:
                yield or_(*group)
                group, n = [], 0
    if group:
        yield or_(*group)


def _cluster_contexts(
    session: Session, matcher: LinkMatcher, digest: str, cluster_ids: list[str], fresh: set[str]
) -> tuple[dict[str, list[Evidence]], dict[str, str], dict[str, str]]:
    """Per canonical entity: its context evidence (its members' claims merged: a sentence belongs to the
    first member in id order claiming it), the kinds of the members in it, and its first member in id
    order with live statements, read from the ClusterClaims rows with evidence once brought up to date."""
    _sync_clusters(session, matcher, digest, cluster_ids, fresh)
    winners: dict[str, list[Any]] = {c: [] for c in cluster_ids}
    first: dict[str, str] = {}
    for part in chunks(sorted(winners)):
        q = select(ClusterClaims.entity_id, ClusterClaims.winners).where(ClusterClaims.entity_id.in_(part),
                                                                         ClusterClaims.evident.is_(True))  # fmt: skip
        for cid, data in session.execute(q):
            winners[cid] += data
        q2 = (select(ContextClaims.cluster_id, func.min(ContextClaims.member_id))
              .where(ContextClaims.cluster_id.in_(part), ContextClaims.kind != "").group_by(ContextClaims.cluster_id))  # fmt: skip
        first.update({c: m for c, m in session.execute(q2) if c is not None})
    contexts: dict[str, list[Evidence]] = {}
    kinds: dict[str, str] = {}
    for cid, ws in winners.items():
        ws.sort(key=lambda w: (w[0], w[1]))
        evs: list[Evidence] = []
        for member, _i, kind, claim in ws:
            if kind:
                kinds[member] = kind
            evs += _claims_of_json([claim], kind)[0][3]
        contexts[cid] = evs
    return contexts, kinds, first


def warm_claims(session: Session, templates: dict[str, ChainTemplate], chunk: int = 2000) -> int:
    """Merge the context claims of every placeable canonical entity whole now (what the first targeted
    placement of each would do), so the writes after a full rebuild are incremental at once instead of
    each merging its hubs whole the first time (a bulk load's rebuild, bench/ingest_growth.py). Changes no
    placement; returns the entities merged."""
    from shuanglian.graph.tables import Entity

    placeable = set(get_schema().kinds_with("placeable")) - CONTEXT_EXCLUDED_KINDS
    ids = sorted(session.scalars(select(Entity.id).where(Entity.kind.in_(sorted(placeable)))))
    matcher, digest = _matcher(templates), _templates_digest(templates)
    for i in range(0, len(ids), chunk):
        _sync_clusters(session, matcher, digest, ids[i : i + chunk], set())
        session.flush()
    return len(ids)


def cluster_claims_rebuilt(session: Session, cluster_ids: Iterable[str]) -> set[tuple[Any, ...]]:
    """The ClusterClaims rows of these canonical entities made from scratch (every member's stored claims
    merged per document), as comparable tuples: what _sync_clusters keeps must always equal it."""
    members: dict[str, set[str]] = {}
    for part in chunks(sorted(set(cluster_ids))):
        for m, e in session.execute(
            select(EntityMember.member_id, EntityMember.entity_id).where(EntityMember.entity_id.in_(part))
        ):
            members.setdefault(e, set()).add(m)
    for c in cluster_ids:
        if (
            c not in members
            and session.scalar(select(EntityMember.entity_id).where(EntityMember.member_id == c)) is None
        ):
            members[c] = {c}  # an unresolved id stands for itself
    out: set[tuple[Any, ...]] = set()
    for c, ms in members.items():
        claims: dict[str, tuple[str, list[Any]]] = {}
        for part in chunks(sorted(ms)):
            q = select(ContextClaims.member_id, ContextClaims.kind, ContextClaims.claims).where(
                ContextClaims.member_id.in_(part)
            )
            claims.update({m: (k, data) for m, k, data in session.execute(q)})
        by_doc: dict[str, list[str]] = {}
        for m in sorted(claims):
            for d in dict.fromkeys(claim[0] for claim in claims[m][1]):
                by_doc.setdefault(d, []).append(m)
        for d, cs in by_doc.items():
            winners = _merge_document(d, cs, claims)
            out.add((c, d, json.dumps(cs), json.dumps(winners, ensure_ascii=False), bool(winners)))
    return out


def cluster_claims_stored(session: Session, cluster_ids: Iterable[str]) -> set[tuple[Any, ...]]:
    """The stored ClusterClaims rows of these canonical entities, as cluster_claims_rebuilt gives them."""
    out: set[tuple[Any, ...]] = set()
    cols = (ClusterClaims.entity_id, ClusterClaims.document_id, ClusterClaims.claimants, ClusterClaims.winners,
            ClusterClaims.evident)  # fmt: skip
    for part in chunks(sorted(set(cluster_ids))):
        for c, d, cs, ws, ev in session.execute(select(*cols).where(ClusterClaims.entity_id.in_(part))):
            out.add((c, d, json.dumps(cs), json.dumps(ws, ensure_ascii=False), bool(ev)))
    return out


def member_kinds_of(session: Session, members: Iterable[str]) -> dict[str, str]:
    """Kinds of these source entities' first statements, as their ContextClaims rows hold them ('' left out)."""
    out: dict[str, str] = {}
    for part in chunks(sorted(set(members))):
        q = select(ContextClaims.member_id, ContextClaims.kind).where(ContextClaims.member_id.in_(part))
        out.update({m: k for m, k in session.execute(q) if k})
    return out


def _doc_texts(session: Session, views: Iterable[EntityView]) -> dict[str, str]:
    """Texts of the documents where context evidence may be read (never for context-excluded kinds)."""
    return _doc_texts_of(session, {f.document_id for v in views if v.kind not in CONTEXT_EXCLUDED_KINDS
                                   for f in v.facts if f.document_id and f.span})  # fmt: skip


def _doc_texts_of(session: Session, doc_ids: set[str | None]) -> dict[str, str]:
    """Texts of these documents."""
    ids = sorted(d for d in doc_ids if d)
    out: dict[str, str] = {}
    for part in chunks(ids):
        for did, text in session.execute(
            select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(part))
        ):
            out[did] = text or ""
    return out


def place_entities(
    session: Session,
    templates: dict[str, ChainTemplate],
    entity_ids: Iterable[str] | None = None,
    max_evidence: int = 3,
    fresh: Iterable[str] = (),
) -> PlacementStats:
    """Place entities (all, or the canonical ids given) on links of `templates`; store the placements.
    `fresh`: source entities whose statements changed since their context claims were stored.

    Idempotent: statement ids are deterministic, so a re-run adds only new evidence.
    """
    matcher = _matcher(templates)
    placeable = get_schema().kinds_with("placeable")  # schema.yaml traits: never a list here
    # Canonical ids are anchor member ids, so both kinds of id select the right clusters.
    contexts: dict[str, list[Evidence]] = {}
    member_kinds: dict[str, str] = {}
    first: dict[str, str] = {}
    claimed: set[str] = set()
    if entity_ids is None:
        views = load_views(session)
        docs = _doc_texts(session, views.values())
        session.execute(delete(ContextClaims))  # a full run: claims are recomputed on next use
        for memo in (ClusterClaims, ClusterState, MemberMove):
            session.execute(delete(memo))
    else:
        # a targeted run (every write): mention contexts merged from the members' stored claims, kept
        # merged per canonical entity (ClusterClaims) for the members that joined, left or changed. A
        # view's member_ids stay the members of the facts read: every holder of a placement is one.
        views = _views(session, set(entity_ids))
        docs = {}
        claimed = {
            v.id for v in views.values() if v.kind in placeable and v.kind not in CONTEXT_EXCLUDED_KINDS
        }
        contexts, member_kinds, first = _cluster_contexts(session, matcher, _templates_digest(templates),
                                                          sorted(claimed), set(fresh))  # fmt: skip
    stats = PlacementStats()
    produced: set[str] = set()
    built: list[Statement] = []
    found: list[tuple[EntityView, dict[tuple[str, str | None], tuple[float, list[Evidence]]]]] = []
    for view in views.values():
        if view.kind not in placeable:
            continue
        stats.entities += 1
        placed = placements_for(collect_evidence(matcher, view, docs, contexts.get(view.id),
                                                 first.get(view.id, view.id) if view.id in claimed else None))  # fmt: skip
        found.append((view, placed))
    # the kinds of the members holding evidence (a statement's kind is its member's first statement's)
    need = {
        ev.member_id
        for v, placed in found
        if v.id in claimed
        for _, evs in placed.values()
        for ev in evs[:max_evidence]
    }
    member_kinds.update(member_kinds_of(session, need - set(member_kinds)))
    for view, placed in found:
        if placed:
            stats.placed += 1
        for (chain_id, link_id), (score, evs) in placed.items():
            stats.by_chain[chain_id] = stats.by_chain.get(chain_id, 0) + 1
            tpl = templates[chain_id]
            link = tpl.link(link_id) if link_id else None
            for ev in evs[:max_evidence]:
                fact = ev.fact
                origin = fact.origin if fact else "document"
                value_json = {
                    "chain": chain_id,
                    "chain_name": tpl.name,
                    "link": link_id,
                    "link_name": link.name if link else None,
                    "stage": link.stage if link else None,
                    "term": ev.term,
                    "field": ev.field,
                    "via": ev.via,
                    "evidence": ev.text,
                    "score": round(ev.score, 4),
                    "combined_score": score,
                }
                origin = origin if origin in ("document", "import", "manual") else "document"
                prov = Provenance(origin, ev.document_id, EXTRACTOR, VERSION,
                                  fact.user if fact and origin != "document" else None)  # fmt: skip
                built.append(
                    new_statement(
                        prov,
                        entity_id=ev.member_id,
                        kind=member_kinds.get(ev.member_id) or _member_kind(view, ev.member_id),
                        prop=PROP,
                        value=f"{tpl.name}/{link.name}" if link else tpl.name,
                        value_json=value_json,
                        target_id=chain_target_id(chain_id, link_id),
                        target_kind="chain_link",  # the chain itself is addressed as its own pseudo-link
                        span=ev.span,
                        confidence=round(ev.score, 4),
                        json_in_id=False,
                    )  # fmt: skip
                )
    stored = fetch_statements(session, (st.id for st in built))
    threshold = get_settings().auto_accept_threshold
    for st in built:
        if st.id in produced:
            continue
        produced.add(st.id)
        old = stored.get(st.id)
        if old is None:
            session.add(st)
            stats.statements_created += 1
        elif old.status == EDITED and old.extractor == EXTRACTOR:
            # Retired by an earlier run, supported again now.
            old.status = ACCEPTED if old.confidence >= threshold else PROPOSED
            stats.statements_created += 1
    session.flush()
    stats.retracted = _retract_stale(session, templates, views.values(), produced)
    return stats


def _retract_stale(
    session: Session, templates: dict[str, ChainTemplate], views: Iterable[EntityView], produced: set[str]
) -> int:
    """Retire automatic placements this run no longer supports (rules or templates changed), so old
    evidence does not linger; placements a person accepted below the auto-accept bar are kept."""
    threshold = get_settings().auto_accept_threshold
    members = sorted({m for v in views for m in v.member_ids})
    stale: list[tuple[str, str]] = []
    # plain rows, not ORM objects: a hub's placements are read on every write that touches it
    cols = (Statement.id, Statement.entity_id, Statement.status, Statement.confidence, Statement.value_json)
    for part in chunks(members):
        rows = session.execute(
            select(*cols).where(
                Statement.entity_id.in_(part),
                Statement.prop == PROP,
                Statement.extractor == EXTRACTOR,
                live_clause(),  # status IN (...) made SQLite scan the (status, kind) index: the whole table
            )
        )
        for sid, entity_id, status, confidence, value_json in rows:
            chain = value_json.get("chain") if isinstance(value_json, dict) else None
            if sid in produced or chain not in templates:
                continue
            if status == PROPOSED or confidence >= threshold:
                # `edited` (superseded), not `rejected`: a rejection is a reviewer's call, and a later
                # run that finds the evidence again revives the statement.
                stale.append((sid, entity_id))
    n = len(stale)
    for i in range(0, n, 900):
        part_ids = [sid for sid, _ in stale[i : i + 900]]
        session.execute(update(Statement).where(Statement.id.in_(part_ids)).values(status=EDITED),
                        execution_options={"synchronize_session": "fetch"})  # fmt: skip
    changes.note(session, "statements", [{"entity_id": e, "prop": PROP} for _, e in stale])
    if n:
        session.add(
            AuditLog(
                user="system:chain_placement",
                action="retract",
                object_type="statement",
                object_id=PROP,
                before=None,
                after={"retracted": n},
            )  # fmt: skip
        )
        session.flush()
    return n


def _member_kind(view: EntityView, member_id: str) -> str:
    for f in view.facts:
        if f.member_id == member_id:
            return f.kind
    return view.kind


__all__ = ["Evidence", "PlacementStats", "Target", "chain_target_id", "collect_evidence", "place_entities"]
