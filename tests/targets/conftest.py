"""Two short municipal work reports written for these tests (functional checks, not quality): a year's
targets, then next year's review of them."""

from __future__ import annotations

import pytest

from shuanglian.document import Document
from shuanglian.store.db import init_db, session_scope
from shuanglian.store.documents import DocumentRow

PLAN = ("二、2024年工作安排\n今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；城镇新增就业10万人以上；"
        "居民消费价格涨幅3%左右；城镇登记失业率控制在4.5%以内。\n到2027年，全市研发投入强度达到5.5%。")
REVIEW = ("一、2024年工作回顾\n地区生产总值比上年增长6.5%；城镇新增就业9万人；居民消费价格上涨0.5%；研发投入强度达到4.2%。\n"
          "二、2025年工作安排\n今年地区生产总值增长5%左右。")

# a later report on the same year (published after the review): the next-best outcome of a rejected one
BULLETIN = ("一、2024年工作回顾\n全市城镇新增就业10.5万人，地区生产总值增长6.4%。")
BULLETIN_META = ("2025-03-01", "深圳市人民政府关于2024年国民经济和社会发展计划执行情况的报告")


def add_document(url: str, text: str, published: str, title: str) -> str:
    """Store one report (targets not derived); returns its document id."""
    with session_scope(url) as s:
        d = Document(source=f"test:{published}", raw=text, text=text, title=title, published=published)
        s.add(DocumentRow.from_document(d))
    return d.doc_id


def add_reports(url: str) -> tuple[str, str]:
    """Store the two reports; returns their document ids."""
    init_db(url)
    return (add_document(url, PLAN, "2024-03-05", "2024年深圳市人民政府工作报告"),
            add_document(url, REVIEW, "2025-02-10", "2025年深圳市人民政府工作报告"))


@pytest.fixture
def reports_url(db_url: str) -> str:
    """A database (SQLite, and PostgreSQL when reachable) holding the two reports, targets not yet derived."""
    add_reports(db_url)
    return db_url
