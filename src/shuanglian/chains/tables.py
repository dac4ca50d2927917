"""User-defined chain templates stored in the database (they override a shipped template of the same id)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shuanglian.graph.tables import _keytype
from shuanglian.store import changes
from shuanglian.store.db import Base
from shuanglian.store.documents import utcnow


class UserChain(Base):
    """One user chain: the validated YAML text as given, who stored it and when."""

    __tablename__ = "user_chains"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the template's slug id
    yaml_text: Mapped[str] = mapped_column(Text)
    user: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class PlacementState(Base):
    """Where the last full-set placement run stopped: the templates it used and the newest statement
    it saw, so the next run only re-places entities with newer statements."""

    __tablename__ = "placement_state"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # "all": the whole template set
    templates_hash: Mapped[str] = mapped_column(String(64))
    watermark: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


changes.watch(
    "user_chains", lambda r: r["id"] if isinstance(r, dict) else r.id
)  # an edited chain is re-placed


class ChainMember(Base):
    """One entity placed on one link of a chain (link "" = on the chain, no link yet), with what a chain
    map cell and a gap's lead list show: written by the chain_members projector (projections), read by
    chain maps and gaps filtered by region through region_scope."""

    __tablename__ = "chain_members"

    chain_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    link_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # "" for a chain-level placement
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # canonical entity
    role: Mapped[str] = mapped_column(String(16))  # bucket of the link (chains.maps.ROLES)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(_keytype(128), nullable=True)  # the entity's region value
    score: Mapped[float] = mapped_column(Float)  # combined placement score
    in_resources: Mapped[bool] = mapped_column(Boolean, default=False)
    # rounded lead score as a 补链/延链 (fill) or 强链 (strengthen) candidate; None: not a lead (projects...)
    lead_fill: Mapped[float | None] = mapped_column(Float, nullable=True)
    lead_strengthen: Mapped[float | None] = mapped_column(Float, nullable=True)
    member: Mapped[dict[str, Any]] = mapped_column(JSON)  # the map cell (chains.maps.member_json, local)
    lead: Mapped[dict[str, Any]] = mapped_column(JSON)  # the gap candidate without its score

    __table_args__ = (
        # covering indexes for the region filter (inside), the wide roles and the counts per link
        Index("ix_chain_members_region", "chain_id", "region", "role", "link_id", "entity_id"),
        Index("ix_chain_members_role", "chain_id", "role", "region", "link_id", "entity_id"),
        Index("ix_chain_members_link", "chain_id", "link_id", "role"),
        Index("ix_chain_members_fill", "chain_id", "link_id", "lead_fill"),
        Index("ix_chain_members_strengthen", "chain_id", "link_id", "lead_strengthen"),
        Index("ix_chain_members_entity", "entity_id"),
    )


class ChainMemberDocument(Base):
    """A document in the evidence of a chain member (gaps count the documents seen on each link)."""

    __tablename__ = "chain_member_documents"

    chain_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    link_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)

    __table_args__ = (Index("ix_chain_member_documents_entity", "entity_id"),)


class ContextClaims(Base):
    """Chain placement's context evidence of one source entity, computed once from its own statements and
    documents (chains.placement): the sentences its mentions claim, in statement order, each with the
    link terms found there. A canonical entity's context evidence is its members' claims merged in
    member order, so a hub's pages are never re-read or re-matched; a source entity whose statements
    change is recomputed, and rows of other templates (`templates`: their hash) count as missing."""

    __tablename__ = "chain_context_claims"

    member_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    templates: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32), default="")  # the kind of its first statement
    claims: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # the canonical entity whose ClusterClaims rows hold these claims (None: merged into none)
    cluster_id: Mapped[str | None] = mapped_column(String(64), nullable=True)

    __table_args__ = (Index("ix_chain_context_claims_cluster", "cluster_id", "member_id", "kind"),)


class ClusterClaims(Base):
    """A canonical entity's context evidence in one document, merged from its members' ContextClaims
    (chains.placement): the members claiming a sentence there, and per sentence the first of them in
    id order with its claim, kept only when link terms were found there. Kept current by chain placement
    for the members that joined, left or changed (O(changed)): placing a hub reads its evident rows, not
    every member's claims; a full placement run empties it (and ContextClaims)."""

    __tablename__ = "chain_cluster_claims"

    entity_id: Mapped[str] = mapped_column(
        String(64), primary_key=True
    )  # canonical entity (or unresolved id)
    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    claimants: Mapped[list[str]] = mapped_column(JSON, default=list)  # member ids with a claim here, sorted
    # [member, index in its claims, its kind, the claim (ContextClaims JSON)] of each sentence with evidence
    winners: Mapped[list[Any]] = mapped_column(JSON, default=list)
    evident: Mapped[bool] = mapped_column(Boolean, default=False)  # any winner

    __table_args__ = (Index("ix_chain_cluster_claims_evident", "entity_id", "evident"),)


class ClusterState(Base):
    """A canonical entity whose ClusterClaims rows are merged, and with which templates: its members'
    ContextClaims rows name it (cluster_id), and moves (graph.tables.MemberMove) keep it so; one without
    a row is merged whole on its next placement."""

    __tablename__ = "chain_cluster_state"

    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    templates: Mapped[str] = mapped_column(String(64))
