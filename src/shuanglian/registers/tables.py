"""Register index tables: which canonical entities each register lists, with their sort keys and chain
keys, materialised from the entity views whenever canonical entities are (re)written, so every listing,
filter and sort is an indexed SQL query instead of a scan of all entities in Python."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shuanglian.store.db import Base


def _keytype(n: int) -> Any:
    """Code-point ordering on every backend (PostgreSQL "C" collation, SQLite BINARY), so SQL sorts
    strings exactly as Python's sort does in the complete listing."""
    return String(n).with_variant(String(n, collation="C"), "postgresql")


class RegisterEntry(Base):
    """One canonical entity listed by (or, for the resources register, a candidate of) one register."""

    __tablename__ = "register_entries"

    register: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(_keytype(512))  # the row's display name (ties sort by it)
    region: Mapped[str | None] = mapped_column(_keytype(128), nullable=True)
    search_text: Mapped[str] = mapped_column(Text, default="")  # |normalised name|alias|…|
    registered: Mapped[bool] = mapped_column(Boolean, default=False)  # imported into this register
    eligible: Mapped[bool] = mapped_column(Boolean, default=True)  # kind is one the register lists
    # an analyst hid or rejected the row (a live register_hidden statement): out of the default view
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    pinyin: Mapped[str] = mapped_column(_keytype(1000), default="")  # registers.pinyin.pinyin_key(name)
    # dates of the first and latest document mentioning it (publication date, else when it was stored)
    seen_first: Mapped[str | None] = mapped_column(String(10), nullable=True)
    seen_last: Mapped[str | None] = mapped_column(String(10), nullable=True)

    __table_args__ = (
        Index("ix_register_entries_name", "register", "name", "entity_id"),
        Index("ix_register_entries_region", "register", "region", "name", "entity_id"),
        Index("ix_register_entries_kind", "register", "kind", "name", "entity_id"),
        # covers the resources test (outside the region, imported or on one of its chains) without row reads
        Index("ix_register_entries_scope", "register", "region", "registered", "eligible", "entity_id"),
        Index("ix_register_entries_entity", "entity_id"),
        Index("ix_register_entries_pinyin", "register", "pinyin", "name", "entity_id"),
        # the resources register without a region lists imported rows only: by name without a scan of the rest
        Index("ix_register_entries_registered", "register", "registered", "hidden", "name", "entity_id"),
    )


class RegisterSortKey(Base):
    """The sort key of one non-empty register cell, as the complete listing orders it: numbers (rank 0)
    before text (rank 1), then by name and id. Empty cells have no row (they sort last)."""

    __tablename__ = "register_sort_keys"

    register: Mapped[str] = mapped_column(String(32), primary_key=True)
    column: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)
    num: Mapped[float] = mapped_column(Float, default=0.0)
    text: Mapped[str] = mapped_column(_keytype(1000), default="")
    name: Mapped[str] = mapped_column(_keytype(512))

    __table_args__ = (
        Index("ix_register_sort_keys_order", "register", "column", "rank", "num", "text", "name", "entity_id"),
        Index("ix_register_sort_keys_entity", "entity_id"),
    )


class EntityChain(Base):
    """A chain id or chain name an indexed entity is placed on (live on_chain_link statements)."""

    __tablename__ = "register_entity_chains"

    entity_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    chain: Mapped[str] = mapped_column(String(200), primary_key=True)

    __table_args__ = (Index("ix_register_entity_chains_chain", "chain", "entity_id"),)


class RegisterCount(Base):
    """How many register entries share one region, chain set, kind and flags (registers.counts): totals,
    facets and the resources register's outside-the-region test are sums over these groups instead of
    counts over every entry. Kept by the register projection with the entries (incremental == rebuild)."""

    __tablename__ = "register_counts"

    register: Mapped[str] = mapped_column(String(32), primary_key=True)
    region: Mapped[str] = mapped_column(_keytype(128), primary_key=True)  # the entry's region, '' for none
    chains_key: Mapped[str] = mapped_column(String(16), primary_key=True)  # counts.chains_key(chains)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    hidden: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    registered: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    eligible: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    chains: Mapped[str] = mapped_column(Text, default="")  # |chain|chain|… the entity's chain keys, '' none
    n: Mapped[int] = mapped_column(Integer)


class RegisterRegionCount(Base):
    """register_counts summed over chain sets: entries per register, region, kind and flags (the region
    facet and region totals without a chain filter read a few rows per region)."""

    __tablename__ = "register_region_counts"

    register: Mapped[str] = mapped_column(String(32), primary_key=True)
    region: Mapped[str] = mapped_column(_keytype(128), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    hidden: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    registered: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    eligible: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class RegisterTotal(Base):
    """register_counts summed over regions (has_region: the entry has a region): whole-register totals and
    facets, and the resources register's outside counts (all regions minus the inside ones)."""

    __tablename__ = "register_totals"

    register: Mapped[str] = mapped_column(String(32), primary_key=True)
    has_region: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    chains_key: Mapped[str] = mapped_column(String(16), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    hidden: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    registered: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    eligible: Mapped[bool] = mapped_column(Boolean, primary_key=True)
    chains: Mapped[str] = mapped_column(Text, default="")
    n: Mapped[int] = mapped_column(Integer)


class OfficialFigure(Base):
    """An official 六个一 figure (161 carriers, 146 projects with 1641亿元) linked to its register: read from
    a page (origin document, kept by the official_figures projector) or entered by an analyst (manual)."""

    __tablename__ = "register_official_figures"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    register: Mapped[str] = mapped_column(String(32))
    measure: Mapped[str] = mapped_column(String(16))  # count | investment
    value: Mapped[float] = mapped_column(Float)  # normalised: a count, or yuan
    unit: Mapped[str] = mapped_column(String(8))  # as written: 个, 家, 亿元
    text: Mapped[str] = mapped_column(String(64))  # as written: 161个, 1641亿元
    label: Mapped[str] = mapped_column(String(64), default="")  # the counted thing: 创新载体
    region: Mapped[str | None] = mapped_column(String(128), nullable=True)
    document_id: Mapped[str | None] = mapped_column(String(16), nullable=True)
    span_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    span_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    as_of: Mapped[str | None] = mapped_column(String(10), nullable=True)  # the page's publication day
    origin: Mapped[str] = mapped_column(String(16), default="document")  # document | manual
    user: Mapped[str | None] = mapped_column(String(64), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_register_official_register", "register", "region"),
        Index("ix_register_official_document", "document_id"),
    )
