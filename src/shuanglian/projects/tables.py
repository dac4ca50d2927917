"""Project tables: the managed project record, its status history, links and in-app notifications."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shuanglian.store.db import Base
from shuanglian.store.documents import utcnow


class ProjectRow(Base):
    """A key project as managed: from a document's project entity or an imported 重点项目清单 row."""

    __tablename__ = "projects"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # canonical entity id, or prj_<hash>
    name: Mapped[str] = mapped_column(String(512), index=True)
    origin: Mapped[str] = mapped_column(String(16), default="document")  # document | import | manual
    builder: Mapped[str | None] = mapped_column(String(256), nullable=True)  # 建设单位
    content: Mapped[str | None] = mapped_column(Text, nullable=True)  # 建设内容
    region: Mapped[str | None] = mapped_column(String(128), nullable=True, index=True)
    total_investment: Mapped[float | None] = mapped_column(Float, nullable=True)  # 元
    planned_investment: Mapped[float | None] = mapped_column(Float, nullable=True)  # 年度计划投资, 元
    completed_investment: Mapped[float | None] = mapped_column(Float, nullable=True)  # 元
    start_date: Mapped[str | None] = mapped_column(String(10), nullable=True)  # 开工时间 (planned)
    end_date: Mapped[str | None] = mapped_column(String(10), nullable=True)  # 竣工时间 (planned)
    responsible_unit: Mapped[str | None] = mapped_column(String(256), nullable=True)  # 责任单位
    responsible_person: Mapped[str | None] = mapped_column(String(128), nullable=True)  # 责任人
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    manager_user: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    manager_name: Mapped[str | None] = mapped_column(String(128), nullable=True)
    manager_contact: Mapped[str | None] = mapped_column(String(128), nullable=True)
    last_activity: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProjectStatusRow(Base):
    """One status change of a project with its source (a document id or the user who set it)."""

    __tablename__ = "project_status_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))
    at: Mapped[str] = mapped_column(String(10))  # ISO date the status holds from
    source: Mapped[str] = mapped_column(Text)  # document:<id> | user:<name>
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProjectLinkRow(Base):
    """A project's link to a target, a chain link or an enterprise."""

    __tablename__ = "project_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # target | chain_link | enterprise
    ref_id: Mapped[str] = mapped_column(String(128))
    label: Mapped[str | None] = mapped_column(String(256), nullable=True)

    __table_args__ = (Index("ix_project_links_ref", "kind", "ref_id"),)


class NotificationRow(Base):
    """An in-app notification for one user (assigned as manager, milestone overdue, project stalled)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(Text, nullable=True)
    key: Mapped[str | None] = mapped_column(String(128), nullable=True, index=True)  # dedupe repeated flags
    read: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
