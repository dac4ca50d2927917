"""Pages: entity list and entity page (facts with sources, relations, neighbourhood graph, merge/split),
review queue (accept / edit / reject) and the audit log."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shuanglian.graph.schema import SchemaError, get_schema
from shuanglian.services import graph
from shuanglian.services.doc_labels import document_labels
from shuanglian.web.auth import Principal
from shuanglian.web.deps import MAX_PAGE, Paging, get_db, page_envelope, require_editor
from shuanglian.web.errors import ApiError
from shuanglian.web.highlight import context_parts
from shuanglian.web.labels import label
from shuanglian.web.pages.common import page_user, redirect, safe_next
from shuanglian.web.templating import lang_of, render

router = APIRouter(include_in_schema=False)


def kinds() -> list[str]:
    """Entity kinds of the declared graph schema (for the kind filters)."""
    return sorted(get_schema().kinds)


@router.get("/entities")
def entities_page(
    request: Request,
    q: str = Query("", max_length=100),
    kind: str = Query("", max_length=32),
    sort: str = Query("name", pattern="^(name|statements|documents|kind)$"),
    limit: int = Query(50, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Entities, searchable by name, filterable by kind, sortable."""
    try:
        res = graph.search_entities(db, kind=kind or None, name=q or None, limit=limit, offset=offset, sort=sort)
    except SchemaError as exc:
        raise ApiError(422, str(exc), "invalid_filter") from exc
    page = page_envelope(res["items"], res["total"], Paging(limit, offset))
    base = "/entities?" + urlencode({"q": q, "kind": kind, "sort": sort})
    return render(request, "entities.html", {"page": page, "q": q, "kind": kind, "sort": sort, "kinds": kinds(),
                                             "base_url": base})


def snippet_parts(st: dict[str, Any]) -> list[tuple[str, Any]]:
    """The statement's snippet with its own span marked (the service cuts SNIPPET chars each side)."""
    snip = st.get("snippet") or ""
    span = st.get("span")
    if not snip or not span or span[0] is None:
        return [(snip, None)] if snip else []
    # the service cut the snippet SNIPPET characters before the span's start
    offset = max(0, int(span[0]) - graph.SNIPPET)
    return context_parts(snip, int(span[0]) - offset, int(span[1]) - offset, graph.SNIPPET)


STATEMENTS_PER_PAGE = 100
PER_KIND = 8  # neighbours shown per kind before the rest fold into one "+N" node the user can expand
EXPANDED = 80


def graph_json(nb: dict[str, Any], lang: str = "zh", expand: str = "") -> dict[str, Any]:
    """Neighbourhood in the shape app.js draws (labels are set as data, never as HTML). A hub's neighbours
    are grouped by kind: the best connected PER_KIND of each kind are drawn, the rest fold into one node
    that links to the same page with that kind expanded; parallel edges are drawn once with a count."""
    center = nb["center"]
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for n in nb["nodes"]:
        if n["id"] != center:
            by_kind.setdefault(n["kind"], []).append(n)
    keep = {center}
    folded: dict[str, str] = {}  # node id -> group node id
    groups = []
    for kind, ns in by_kind.items():
        ns.sort(key=lambda n: (-(n.get("statement_count") or 0), n["name"]))
        limit = EXPANDED if kind == expand else PER_KIND
        keep.update(n["id"] for n in ns[:limit])
        if len(ns) > limit:
            gid = f"group:{kind}"
            for n in ns[limit:]:
                folded[n["id"]] = gid
            groups.append({"id": gid, "label": f"+{len(ns) - limit} {label('kind', kind, lang)}", "kind": kind,
                           "center": False, "group": True,
                           "href": f"/entities/{center}?{urlencode({'expand': kind})}#graph"})
    nodes = [{"id": n["id"], "label": n["name"], "kind": n["kind"], "center": n["id"] == center,
              "href": f"/entities/{n['id']}"} for n in nb["nodes"] if n["id"] in keep]
    edges: dict[tuple[str, str, str], int] = {}
    for e in nb["edges"]:
        s_, t_ = folded.get(e["source"], e["source"]), folded.get(e["target"], e["target"])
        if (s_ in keep or s_.startswith("group:")) and (t_ in keep or t_.startswith("group:")) and s_ != t_:
            key = (s_, t_, e["relation"])
            edges[key] = edges.get(key, 0) + max(1, len(e.get("statement_ids") or []))
    return {
        "nodes": nodes + groups,
        "edges": [{"source": a, "target": b, "label": label("rel", r, lang) + (f" ×{n}" if n > 1 else "")}
                  for (a, b, r), n in edges.items()],
    }


def grouped_relations(rels: list[dict[str, Any]], other: str) -> list[dict[str, Any]]:
    """Relations of one direction, one row per (relation, other entity) with how many statements say it."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rels:
        key = (r["relation"], r.get(f"{other}_id") or "")
        if key in out:
            out[key]["count"] += 1
        else:
            out[key] = {**r, "count": 1}
    return sorted(out.values(), key=lambda r: (r["relation"], -r["count"], r.get(f"{other}_name") or ""))


@router.get("/entities/{entity_id}")
def entity_page(
    entity_id: str,
    request: Request,
    expand: str = Query("", max_length=32),
    offset: int = Query(0, ge=0, description="statements to skip"),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """One entity with provenance, relations and an interactive neighbourhood graph; statements are
    paged (STATEMENTS_PER_PAGE, a hub like 深圳市 has thousands)."""
    ent = graph.get_entity(db, entity_id, max_statements=500, limit=STATEMENTS_PER_PAGE, offset=offset)
    if ent is None:
        raise ApiError(404, f"no entity {entity_id!r}")
    if ent.get("redirected_from"):
        return redirect(f"/entities/{ent['id']}")
    nb = graph.neighbourhood(db, ent["id"], depth=1, max_nodes=400)
    ent["relations_out"] = grouped_relations(ent["relations_out"], "target")
    ent["relations_in"] = grouped_relations(ent["relations_in"], "source")
    labels = document_labels(db, (st.get("document_id") for st in ent["statements"]))
    statements = [{**st, "parts": snippet_parts(st), "source": labels.get(st.get("document_id") or ""),
                   "at": "-".join(str(x) for x in st["span"]) if st.get("span") and None not in st["span"] else ""}
                  for st in ent["statements"]]
    from shuanglian.services.entity_region import region_evidence, region_why

    evidence = region_evidence(db, ent["id"])
    page = page_envelope(statements, ent["statements_total"], Paging(STATEMENTS_PER_PAGE, offset))
    base = f"/entities/{quote(ent['id'])}?" + urlencode({"expand": expand})
    return render(request, "entity.html", {"ent": ent, "statements": statements, "page": page, "base_url": base,
                                           "graph": graph_json(nb, lang_of(request), expand),
                                           "region_evidence": evidence, "region_why": region_why(ent.get("region"), evidence)})


@router.post("/entities/merge")
def entities_merge(
    a: str = Form(..., max_length=64),
    b: str = Form(..., max_length=64),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Merge two entities given by id (the review page's merge form)."""
    out = graph.merge_entities(db, [a.strip(), b.strip()], p.username)
    db.commit()
    return redirect(f"/entities/{out.get('id') or a.strip()}")


@router.post("/entities/{entity_id}/merge")
def entity_merge(
    entity_id: str,
    other: str = Form(..., max_length=64),
    note: str = Form("", max_length=500),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Merge another entity into this one."""
    out = graph.merge_entities(db, [entity_id, other.strip()], p.username, note=note or None)
    db.commit()
    merged = out.get("id") or (out.get("entity") or {}).get("id") or entity_id
    return redirect(f"/entities/{merged}")


@router.post("/entities/{entity_id}/split")
async def entity_split(
    entity_id: str,
    request: Request,
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Split the checked names off into their own entity."""
    form = await request.form()
    names = [str(v) for v in form.getlist("names") if str(v).strip()]
    if not names:
        raise ApiError(422, "tick the names to split off", "invalid_request")
    graph.split_entity(db, entity_id, p.username, names=names)
    db.commit()
    return redirect(f"/entities/{entity_id}")


@router.post("/review/{stmt_id}/{action}")
async def review_action(
    stmt_id: str,
    action: str,
    request: Request,
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Accept, reject or edit one fact, then back to the queue."""
    form = await request.form()
    if action == "accept":
        graph.accept(db, stmt_id, p.username)
    elif action == "reject":
        graph.reject(db, stmt_id, p.username)
    elif action == "edit":
        value = str(form.get("value") or "").strip()
        if not value:
            raise ApiError(422, "the new value is empty", "invalid_request")
        graph.edit(db, stmt_id, value, p.username)
    else:
        raise ApiError(404, f"unknown review action {action!r}")
    db.commit()
    return redirect(safe_next(str(form.get("next") or "/review")))


@router.get("/audit")
def audit_page(
    request: Request,
    user: str = Query("", max_length=64),
    object_id: str = Query("", max_length=64),
    offset: int = Query(0, ge=0),
    p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """The audit log, newest first (admins: everyone's; others: their own entries)."""
    user = user if p.role == "admin" else p.username
    res = graph.audit_log(db, limit=50, offset=offset, user=user or None, object_id=object_id or None)
    page = page_envelope(res["items"], res["total"], Paging(50, offset))
    return render(request, "audit.html", {"page": page, "user_f": user, "object_id": object_id,
                                          "base_url": "/audit?" + urlencode({"user": user, "object_id": object_id})})
