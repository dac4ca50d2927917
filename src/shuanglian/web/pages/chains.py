"""Pages: chain list and the interactive chain map (links upstream -> downstream, members, gaps)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shuanglian.graph.schema import CHAIN_ROLES
from shuanglian.services import chain_brief, chains
from shuanglian.web.api.chains import MAX_YAML
from shuanglian.web.auth import Principal
from shuanglian.web.deps import get_db, require_editor
from shuanglian.web.errors import ApiError
from shuanglian.web.pages.common import page_user, redirect
from shuanglian.web.pages.prefs import region_for
from shuanglian.web.templating import lang_of, render

router = APIRouter(include_in_schema=False)
STAGES = ("upstream", "midstream", "downstream")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.get("/chains")
def chains_page(request: Request, _p: Principal = Depends(page_user), db: Session = Depends(get_db)) -> Response:
    """Every chain with its number of links and members."""
    return _chains_list(request, db)


def _chains_list(request: Request, db: Session, **extra: Any) -> Response:
    report = chains.chains_report(db)
    rows = []
    for m in report:
        members = sum(sum(link["counts"].values()) for link in m["links"])
        rows.append({**m["chain"], "n_links": len(m["links"]), "members": members, "gaps": len(m["gaps"])})
    rows.sort(key=lambda r: (-r["members"], r["id"]))
    return render(request, "chains.html", {"chains": rows, **extra})


def diagram(m: dict[str, Any], gaps: list[dict[str, Any]], lang: str = "zh") -> dict[str, Any]:
    """Links (named in the page language) and feed edges in the shape app.js draws; gap links flagged,
    links without evidence apart."""
    gap_links = {g["link"] for g in gaps if g.get("status", "gap") == "gap"}
    unknown = {g["link"] for g in gaps if g.get("status") == "no_evidence"}
    ids = {link["id"] for link in m["links"]}
    return {
        "links": [{"id": link["id"], "name": link["name"] if lang == "zh" else (link.get("name_en") or link["name"]),
                   "stage": link["stage"],
                   "members": sum(link["counts"].values()), "gap": link["id"] in gap_links,
                   "noev": link["id"] in unknown} for link in m["links"]],
        "edges": [{"source": link["id"], "target": f} for link in m["links"] for f in link.get("feeds", []) if f in ids],
    }


@router.get("/chains/{chain_id}")
def chain_page(
    chain_id: str,
    request: Request,
    region: str = Query("", max_length=64),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Interactive map of one chain in a region: members per link, gaps highlighted with candidates."""
    region = region_for(request, db, region)
    m = chains.chain_map(db, chain_id, region=region or None)
    gaps = chains.gaps(db, chain_id, region=region or None)
    by_stage = {s: [link for link in m["links"] if link["stage"] == s] for s in STAGES}
    gap_by_link: dict[str, list[dict[str, Any]]] = {}
    for g in gaps:
        gap_by_link.setdefault(g["link"], []).append(g)
    return render(request, "chain.html", {"m": m, "gaps": gaps, "gap_by_link": gap_by_link, "by_stage": by_stage,
                                          "region": region, "diagram": diagram(m, gaps, lang_of(request)),
                                          "roles": CHAIN_ROLES})


@router.get("/chains/{chain_id}/leads.{fmt}")
def chain_leads(
    chain_id: str,
    fmt: str,
    region: str = Query("", max_length=64),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """The chain's 招商 lead list as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise ApiError(404, f"unknown format {fmt!r}", "unknown_format")
    data = chain_brief.export_leads(db, chain_id, region or None, fmt)
    media = "text/csv; charset=utf-8" if fmt == "csv" else XLSX
    name = quote(f"{region or '全部'}-{chain_id}-招商线索.{fmt}")
    return Response(data, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


@router.get("/chains/{chain_id}/brief.docx")
def chain_brief_doc(
    chain_id: str,
    region: str = Query("", max_length=64),
    _p: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """A Word brief of the chain's gaps and leads in the region, for the 招商 meeting."""
    data = chain_brief.brief_docx(db, chain_id, region or None)
    name = quote(f"{region or '全部'}-{chain_id}-断点简报.docx")
    return Response(data, media_type=DOCX, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})


@router.post("/chains")
def chain_add(
    request: Request,
    yaml_text: str = Form(..., max_length=MAX_YAML),
    p: Principal = Depends(require_editor),
    _u: Principal = Depends(page_user),
    db: Session = Depends(get_db),
) -> Response:
    """Add or replace a chain from a pasted YAML template; errors name the field."""
    try:
        out = chains.add_chain(db, yaml_text, p.username, source="<web form>")
    except chains.TemplateError as exc:
        db.rollback()
        return _chains_list(request, db, flash=str(exc), flash_kind="err", yaml_text=yaml_text)
    except ValueError as exc:
        raise ApiError(422, str(exc), "invalid_chain") from exc
    db.commit()
    return redirect(f"/chains/{out['chain']['id']}")
