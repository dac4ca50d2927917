"""Pages: chain list and the interactive chain map (links upstream -> downstream, members, gaps)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from shuanglian.services import chains
from shuanglian.web.api.chains import MAX_YAML
from shuanglian.web.auth import Principal
from shuanglian.web.deps import get_db, require_editor
from shuanglian.web.errors import ApiError
from shuanglian.web.pages.common import page_user, redirect
from shuanglian.web.templating import render

router = APIRouter(include_in_schema=False)
STAGES = ("upstream", "midstream", "downstream")


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


def diagram(m: dict[str, Any], gaps: list[dict[str, Any]]) -> dict[str, Any]:
    """Links and feed edges in the shape app.js draws; gap links flagged."""
    gap_links = {g["link"] for g in gaps}
    ids = {link["id"] for link in m["links"]}
    return {
        "links": [{"id": link["id"], "name": link["name"], "stage": link["stage"],
                   "members": sum(link["counts"].values()), "gap": link["id"] in gap_links} for link in m["links"]],
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
    m = chains.chain_map(db, chain_id, region=region or None)
    gaps = chains.gaps(db, chain_id, region=region or None)
    by_stage = {s: [link for link in m["links"] if link["stage"] == s] for s in STAGES}
    gap_by_link: dict[str, list[dict[str, Any]]] = {}
    for g in gaps:
        gap_by_link.setdefault(g["link"], []).append(g)
    return render(request, "chain.html", {"m": m, "gaps": gaps, "gap_by_link": gap_by_link, "by_stage": by_stage,
                                          "region": region, "diagram": diagram(m, gaps),
                                          "roles": ("enterprises", "carriers", "projects", "policies", "funds", "others")})


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
