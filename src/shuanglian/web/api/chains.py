"""Industry chains: list, one template, map per region (members per link), gaps, add/edit a chain (YAML)."""

from __future__ import annotations

from fastapi import APIRouter, Body, Depends, Query
from sqlalchemy.orm import Session

from shuanglian.services import chains
from shuanglian.web.auth import Principal
from shuanglian.web.deps import get_db, require_editor, require_viewer
from shuanglian.web.errors import ApiError

router = APIRouter(prefix="/api/chains", tags=["chains"])
MAX_YAML = 256 * 1024


@router.get("")
def list_chains(_p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """Every chain in effect (shipped templates + user chains)."""
    return {"items": chains.list_chains(db)}


@router.get("/{chain_id}")
def get_chain(chain_id: str, _p: Principal = Depends(require_viewer), db: Session = Depends(get_db)) -> dict:
    """One chain template with its links and terms."""
    return chains.get_chain(db, chain_id)


@router.get("/{chain_id}/map")
def chain_map(
    chain_id: str,
    region: str | None = Query(None, max_length=64),
    include_outside: bool = Query(False),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """Members (enterprises, carriers, projects, policies, funds) per link, with evidence."""
    return chains.chain_map(db, chain_id, region=region or None, include_outside=include_outside)


@router.get("/{chain_id}/gaps")
def chain_gaps(
    chain_id: str,
    region: str | None = Query(None, max_length=64),
    _p: Principal = Depends(require_viewer),
    db: Session = Depends(get_db),
) -> dict:
    """补链 / 强链 / 延链 gaps with reasons and ranked candidates."""
    return {"items": chains.gaps(db, chain_id, region=region or None)}


@router.post("", status_code=201)
def add_chain(
    yaml_text: str = Body(..., media_type="text/plain", description="a chain template in YAML"),
    p: Principal = Depends(require_editor),
    db: Session = Depends(get_db),
) -> dict:
    """Add or replace a chain from a YAML template (validated, audited), then place entities on it."""
    if len(yaml_text.encode()) > MAX_YAML:
        raise ApiError(413, "chain template too large")
    try:
        out = chains.add_chain(db, yaml_text, p.username, source="<api>")
    except chains.TemplateError as exc:
        raise ApiError(422, str(exc), "invalid_chain") from exc
    db.commit()
    return out
