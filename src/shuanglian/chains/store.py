"""All chain templates in effect: shipped files overlaid with user chains from the database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.chains.tables import UserChain
from shuanglian.chains.templates import ChainTemplate, load_template_text, shipped_templates


def all_templates(session: Session) -> dict[str, ChainTemplate]:
    """Shipped templates, each replaced by the user's chain of the same id; user-only chains appended."""
    out = dict(shipped_templates())
    for row in session.scalars(select(UserChain).order_by(UserChain.id)):
        out[row.id] = load_template_text(row.yaml_text, f"db:user_chains/{row.id}", origin="user")
    return out


def save_user_chain(session: Session, yaml_text: str, user: str, source: str = "<upload>") -> tuple[ChainTemplate, bool]:
    """Validate and store a user chain (insert or replace); returns (template, created)."""
    tpl = load_template_text(yaml_text, source, origin="user")
    row = session.get(UserChain, tpl.id)
    created = row is None
    if row is None:
        session.add(UserChain(id=tpl.id, yaml_text=yaml_text, user=user))
    else:
        row.yaml_text = yaml_text
        row.user = user
    session.flush()
    return tpl, created
