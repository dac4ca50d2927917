"""Turn stored documents' extracted facts (and imports/manual input) into statements with
provenance, then resolve them into canonical entities incrementally. Idempotent: statement ids are
deterministic, so re-running adds nothing and keeps every review decision."""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from shuanglian.document import (
    EXTRACTOR_KEY,
    DocumentFacts,
    EventFact,
    FactRecord,
    FigureFact,
    Mention,
    PolicyFact,
    ProjectFact,
)
from shuanglian.graph.ids import make_entity_id, normalise_name
from shuanglian.graph.keys import graph_config
from shuanglian.graph.schema import SchemaError, get_schema
from shuanglian.graph.tables import Statement
from shuanglian.graph.writer import (
    Provenance,
    initial_status,
    new_statement,
    save_statement_rows,
    save_statements,
    statement_row,
)
from shuanglian.suffixes import kind_by_suffix

__all__ = ["Provenance", "add_document_statements", "add_documents_statements", "document_statements", "guess_kind",
           "initial_status", "new_statement", "save_statements"]  # fmt: skip
from shuanglian.store.documents import DocumentRow

log = logging.getLogger(__name__)
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


@lru_cache(maxsize=1)
def _place_suffixes() -> tuple[str, ...]:
    return tuple(graph_config()["place_suffixes"])


def guess_kind(name: str, default: str = "organization") -> str:
    """Kind of an entity known only by name: the one organisation suffix classifier (shuanglian.suffixes,
    as extraction uses), else a place by its suffix (深圳市, 南山区), else `default`."""
    n = normalise_name(name)
    kind = kind_by_suffix(n)
    if kind:
        return kind
    if any(n.endswith(s) and len(n) > len(s) for s in _place_suffixes()):
        return "place"
    return default


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    return frozenset(normalise_name(n) for n in graph_config()["build"].get("not_entity_names") or ())


def is_entity_name(name: str) -> bool:
    """False for what never names an entity: one character (和, 四 cut from a longer word) or a bare
    common noun listed in config.yaml (build.not_entity_names: 经济, 全国 ...)."""
    n = normalise_name(name or "")
    return len(n) > 1 and n not in _not_names()


def _names_only(facts: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    """A copy of a document's facts without the references that are not entity names (is_entity_name):
    such an entity is refused, such a place, parent, industry, issuer, visitor, subject or project
    field is left out (the rest of the fact is kept). Refusals are added to `errors`."""

    def ok(name: Any, what: str) -> bool:
        good = is_entity_name(str(name))
        if not good:
            errors.append(f"{what} {name!r}: not an entity name")
        return good

    def kept(v: Any, what: str) -> Any:
        """`v` (a name, a list of names or of {"name": ...}) without the refused names; `v` itself
        when nothing is refused, so statements (and their ids) stay as they were."""
        items = [v] if isinstance(v, str) else list(v or [])
        good = [x for x in items if ok(x.get("name") if isinstance(x, dict) else x, what)]
        if len(good) == len(items):
            return v
        return good if not isinstance(v, str) else (good[0] if good else None)

    out = dict(facts)
    ents = []
    for e in facts.get("entities", []):
        if isinstance(e, dict) and e.get("name") and not ok(e["name"], "entity"):
            continue
        if isinstance(e, dict) and isinstance(e.get("attrs"), dict):
            attrs = dict(e["attrs"])
            if attrs.get("place") and not ok(attrs["place"], "place"):
                attrs.pop("place")
                attrs.pop("place_reason", None)
            if attrs.get("parent") and not ok(attrs["parent"], "parent"):
                attrs.pop("parent")
            for key in ("industries", "industry"):
                if attrs.get(key):
                    attrs[key] = kept(attrs[key], "industry")
            roles = attrs.get("roles")
            if isinstance(roles, list):
                attrs["roles"] = [
                    {k: v for k, v in r.items() if k not in ("org", "place")}
                    if isinstance(r, dict) and (r.get("org") or r.get("place")) and not ok(r.get("org") or r.get("place"), "role at")
                    else r
                    for r in roles
                ]  # fmt: skip
            e = {**e, "attrs": attrs}
        ents.append(e)
    out["entities"] = ents
    out["policies"] = [
        {**p, "issuer": kept(p["issuer"], "issuer")} if isinstance(p, dict) and p.get("issuer") else p
        for p in facts.get("policies", [])
    ]  # fmt: skip
    evs = []
    for ev in facts.get("events", []):
        if isinstance(ev, dict):
            ev = dict(ev)
            for key in ("visitors", "visited"):
                if ev.get(key):
                    ev[key] = kept(ev[key], key)
        evs.append(ev)
    out["events"] = evs
    out["figures"] = [f for f in facts.get("figures", [])
                      if not (isinstance(f, dict) and (f.get("subject") or f.get("entity"))
                              and not ok(f.get("subject") or f.get("entity"), "figure subject"))]  # fmt: skip
    pjs = []
    for pj in facts.get("projects", []):
        if isinstance(pj, dict):
            if pj.get("name") and not ok(pj["name"], "project"):
                continue
            pj = dict(pj)
            for key in ("place", "org", "industry"):
                if pj.get(key) and not ok(pj[key], f"project {key}"):
                    pj.pop(key)
        pjs.append(pj)
    out["projects"] = pjs
    return out


class _DocFacts:
    """Collects the statements of one document."""

    def __init__(self, row: DocumentRow) -> None:
        cfg = graph_config()["build"]
        self.row = row
        self.text = row.text or ""
        meta = row.meta or {}
        # the extractor's name and version as the pipeline recorded them on the document
        self.prov = Provenance("document", row.id, str(meta.get(EXTRACTOR_KEY) or cfg["extractor"]), row.extractor_version)
        self.default_conf = float(cfg["default_confidence"])
        self.figure_conf = float(cfg["figure_confidence"])
        self.out: list[dict[str, Any]] = []  # statement rows (writer.statement_row)
        self.by_name: dict[str, tuple[str, str]] = {}  # normalised name/alias -> (entity id, kind)
        self.mentions: list[tuple[int, int, str, str]] = []  # (start, end, entity id, kind)
        self.errors: list[str] = []
        self.figure_index: tuple[list[int], list[tuple[int, int, str, str]], list[int]] | None = None

    def add(self, **kw: Any) -> None:
        try:
            self.out.append(statement_row(self.prov, **kw))
        except SchemaError as exc:
            self.errors.append(f"{kw.get('kind')}.{kw.get('prop')}={kw.get('value')!r}: {exc}")

    def ref(self, name: str, kind: str | None = None, span: Sequence[int] | None = None) -> tuple[str, str]:
        """Id and kind of a named entity of this document, creating it (with a name) if unseen."""
        key = normalise_name(name)
        if key in self.by_name and (kind is None or self.by_name[key][1] == kind):
            return self.by_name[key]
        k = kind or guess_kind(name)
        eid = make_entity_id(k, name, self.row.id)
        self.by_name.setdefault(key, (eid, k))
        at = self.text.find(name) if name else -1
        # provenance: where the name itself occurs, else the fact that named it
        where = (at, at + len(name)) if at >= 0 else span
        self.add(entity_id=eid, kind=k, prop="name", value=name, span=where, confidence=self.default_conf)
        return eid, k

    def span_of(self, s: str, spans: Sequence[Sequence[int]]) -> Sequence[int] | None:
        for sp in spans:
            if len(sp) == 2 and self.text[sp[0] : sp[1]] == s:
                return sp
        return spans[0] if spans else None


def document_statements(row: DocumentRow) -> tuple[list[Statement], list[str]]:
    """All statements one stored document supports (not saved), and the facts that were refused."""
    rows, errors = document_statement_rows(row)
    return [Statement(**r) for r in rows], errors


def document_statement_rows(row: DocumentRow) -> tuple[list[dict[str, Any]], list[str]]:
    """`document_statements` as rows (column -> value) for a bulk insert: no ORM object per statement."""
    d = _DocFacts(row)
    # typed at the boundary (extract's dicts -> dataclasses), after refusing references that are no names
    facts = DocumentFacts.from_json(_names_only(row.facts or {}, d.errors))
    d.errors.extend(facts.errors)
    schema = get_schema()
    ents = []
    for e in facts.entities:
        if e.kind not in schema.kinds:
            d.errors.append(f"entity {e.name!r}: unknown kind {e.kind!r}")
            continue
        ents.append(e)
        eid = make_entity_id(e.kind, e.name, row.id)
        for n in [e.name, *e.aliases]:
            d.by_name.setdefault(normalise_name(n), (eid, e.kind))
        for a, b in e.spans:
            d.mentions.append((a, b, eid, e.kind))
    d.mentions.sort()
    for e in ents:
        _entity_statements(d, e)
    for p in facts.policies:
        _policy_statements(d, p)
    for ev in facts.events:
        _event_statements(d, ev)
    for f in facts.figures:
        _figure_statements(d, f)
    for pj in facts.projects:
        _project_statements(d, pj)
    return d.out, d.errors


def _entity_statements(d: _DocFacts, e: Mention) -> None:
    kind, name = e.kind, e.name
    eid = make_entity_id(kind, name, d.row.id)
    spans = [list(sp) for sp in e.spans]
    conf = e.confidence if e.confidence is not None else d.default_conf
    d.add(entity_id=eid, kind=kind, prop="name", value=name, span=d.span_of(name, spans), confidence=conf)
    for a in e.aliases:
        if a and a != name:
            d.add(entity_id=eid, kind=kind, prop="alias", value=a, span=d.span_of(a, spans), confidence=conf)
    for sp in spans:
        d.add(entity_id=eid, kind=kind, prop="mention", value=d.text[sp[0] : sp[1]] or name, span=sp, confidence=conf)
    attrs = e.attrs
    first = spans[0] if spans else None
    for role in attrs.get("roles", []) or []:
        if not isinstance(role, dict):
            continue
        title = str(role.get("title") or "")
        d.add(entity_id=eid, kind=kind, prop="role", value=title, value_json=role, span=first, confidence=conf)
        where = role.get("org") or role.get("place")
        if where:
            tid, tkind = d.ref(str(where), None if role.get("org") else "place", first)
            d.add(
                entity_id=eid, kind=kind, prop="holds_role", value=str(where), value_json=role,
                target_id=tid, target_kind=tkind, span=first, confidence=conf,
            )  # fmt: skip
    place = attrs.get("place")
    if place and kind != "place":
        tid, tkind = d.ref(str(place), "place", first)
        why = {"reason": attrs["place_reason"]} if attrs.get("place_reason") else None  # stated/branch/name/...
        d.add(entity_id=eid, kind=kind, prop="located_in", value=str(place), target_id=tid, target_kind=tkind,
              span=first, confidence=conf, value_json=why)  # fmt: skip
    parent = attrs.get("parent")
    if parent and kind == "place":
        d.add(entity_id=eid, kind=kind, prop="parent", value=str(parent), span=first, confidence=conf)
        tid, tkind = d.ref(str(parent), "place", first)
        d.add(entity_id=eid, kind=kind, prop="located_in", value=str(parent), target_id=tid, target_kind=tkind,
              span=first, confidence=conf)  # fmt: skip
    industries = attrs.get("industries") or attrs.get("industry") or []
    for ind in [industries] if isinstance(industries, str) else industries:
        tid, tkind = d.ref(str(ind), "industry", first)
        d.add(entity_id=eid, kind=kind, prop="works_on_industry", value=str(ind), target_id=tid,
              target_kind=tkind, span=first, confidence=conf)  # fmt: skip
    props = get_schema().kind(kind).properties
    for key, val in attrs.items():
        if key in ("roles", "place", "parent", "industries", "industry") or key not in props or val in (None, ""):
            continue
        d.add(entity_id=eid, kind=kind, prop=key, value=val if not isinstance(val, dict | list) else "",
              value_json=val if isinstance(val, dict | list) else None, span=first, confidence=conf)  # fmt: skip


def _span(obj: FactRecord) -> Sequence[int] | None:
    sp = obj.span_pair
    return list(sp) if sp else None


def _policy_statements(d: _DocFacts, p: PolicyFact) -> None:
    title = str(p.title or "").strip("《》 ")
    if not title:
        return
    sp = _span(p)
    pid, _ = d.ref(title, "policy", sp)
    if p.period:
        d.add(entity_id=pid, kind="policy", prop="period", value=str(p.period), span=sp, confidence=d.default_conf)
    for issuer in p.issuers:
        d.add(entity_id=pid, kind="policy", prop="issuer", value=str(issuer), span=sp, confidence=d.default_conf)
        iid, ikind = d.ref(str(issuer), None, sp)
        d.add(entity_id=iid, kind=ikind, prop="issued", value=title, target_id=pid, target_kind="policy",
              span=sp, confidence=d.default_conf)  # fmt: skip


def _names(v: Any) -> list[str]:
    if isinstance(v, str):
        return [v] if v else []
    out = []
    for x in v or []:
        n = x.get("name") if isinstance(x, dict) else x
        if n:
            out.append(str(n))
    return out


def _event_statements(d: _DocFacts, ev: EventFact) -> None:
    if (ev.kind or "visit") != "visit":
        return
    sp = _span(ev)
    detail = {"date": ev.date, "place": ev.place, "kind": "visit"}
    targets = [t for t in _names(ev.visited) or _names(ev.place) if is_entity_name(t)]
    for visitor in _names(ev.visitors):
        vid, vkind = d.ref(visitor, "person", sp)
        for t in targets:
            tid, tkind = d.ref(t, None, sp)
            d.add(entity_id=vid, kind=vkind, prop="visited", value=t, value_json=detail, target_id=tid,
                  target_kind=tkind, span=sp, confidence=d.default_conf)  # fmt: skip


def _figure_statements(d: _DocFacts, f: FigureFact) -> None:
    """A figure goes on the organisation or place it measures: the one named in the figure, else the
    nearest such mention before it in the same sentence; unclear figures are left out."""
    sp = _span(f)
    subject: tuple[str, str] | None = None
    named = f.subject or f.get("entity")
    if named:
        subject = d.ref(str(named), None, sp)
    elif sp:
        start = sp[0]
        if d.figure_index is None:  # built once per document: per-figure rescans were quadratic
            subjects = get_schema().kinds_with("figure_subject")
            ms = [m for m in d.mentions if m[3] in subjects]
            ends = [m.end() for m in _SENTENCE_END.finditer(d.text)]
            d.figure_index = ([m[0] for m in ms], ms, ends)
        starts, ms, ends = d.figure_index
        i = bisect_right(ends, start) - 1
        cut = ends[i] if i >= 0 else 0
        # the mention starting last before the figure that also ends before it, in the same sentence
        j = bisect_right(starts, start) - 1
        while j >= 0 and ms[j][0] >= cut and ms[j][1] > start:
            j -= 1
        if j >= 0 and ms[j][0] >= cut:
            subject = (ms[j][2], ms[j][3])
    if subject is None:
        return
    # the specific measure (国家重点实验室数量) over the canonical one (实验室数量); shown in the Chinese UI
    measure = f.specific or f.measure or "数据"
    value = f"{measure}: {f.value}{f.unit or ''}"
    d.add(entity_id=subject[0], kind=subject[1], prop="figure", value=value, value_json=f.to_json(), span=sp,
          confidence=d.figure_conf if not named else d.default_conf)  # fmt: skip


def _project_statements(d: _DocFacts, p: ProjectFact) -> None:
    """A project entity with its investment, place, investor and this document's status (签约 → 开工 → 投产
    across documents gives the status history)."""
    name = str(p.name or "").strip()
    if not name:
        return
    sp = _span(p)
    conf = d.default_conf
    pid, _ = d.ref(name, "project", sp)
    if p.investment is not None:
        d.add(entity_id=pid, kind="project", prop="investment", value=p.investment, span=sp, confidence=conf,
              value_json={"written": p.investment_text, "currency": p.currency})  # fmt: skip
    if p.status:
        d.add(entity_id=pid, kind="project", prop="status", value=str(p.status), span=sp, confidence=conf,
              value_json={"status": p.status, "date": p.date or d.row.published})  # fmt: skip
    if p.place:
        tid, tkind = d.ref(str(p.place), "place", sp)
        d.add(entity_id=pid, kind="project", prop="located_in", value=str(p.place), target_id=tid,
              target_kind=tkind, span=sp, confidence=conf)  # fmt: skip
    if p.org:
        d.add(entity_id=pid, kind="project", prop="lead_org", value=str(p.org), span=sp, confidence=conf)
        oid, okind = d.ref(str(p.org), None, sp)
        if okind in get_schema().relations["leads"].sources:
            d.add(entity_id=oid, kind=okind, prop="leads", value=name, target_id=pid, target_kind="project",
                  span=sp, confidence=conf)  # fmt: skip
    if p.industry:
        tid, tkind = d.ref(str(p.industry), "industry", sp)
        d.add(entity_id=pid, kind="project", prop="works_on_industry", value=str(p.industry), target_id=tid,
              target_kind=tkind, span=sp, confidence=conf)  # fmt: skip


def _log_refused(row: DocumentRow, errors: list[str]) -> None:
    for err in errors:
        (log.debug if "not an entity name" in err else log.warning)("document %s (%s): fact skipped: %s", row.id, row.source, err)


def add_document_statements(session: Session, doc_row: DocumentRow, resolve: bool = True) -> int:
    """Store the statements of one document's facts (and, with `resolve`, re-resolve the touched
    entities: services use resolve=False and end the write with projections.apply_changes); returns
    the number of new statements (0 on a re-run). Refused facts are logged with the document id."""
    return add_documents_statements(session, [doc_row], resolve)


def add_documents_statements(session: Session, rows: Iterable[DocumentRow], resolve: bool = True) -> int:
    """Batch form of add_document_statements: the statements of every document in one bulk insert (in
    document order), then one resolution pass for the whole batch."""
    out: list[dict[str, Any]] = []
    for row in rows:
        statements, errors = document_statement_rows(row)
        _log_refused(row, errors)
        out.extend(statements)
    new = save_statement_rows(session, out)
    if new and resolve:
        from shuanglian.graph import views

        views.update(session, {s["entity_id"] for s in new})
    return len(new)
