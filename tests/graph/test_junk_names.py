"""Junk hub entities (issue 11): words that are no names never become entities, from any fact."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.graph import build
from shuanglian.graph.tables import Statement
from tests.graph.factories import ent, make_doc

# Real report sentences: LAC tags 和 (和美乡村) as a place; the policy extractor cut issuers 四 and 兴
# from the quoted programme names; 经济 is a common noun.
TEXT = "加快建设宜居宜业和美乡村。开展“四水四定”全面深化年行动。持续实施“兴滇英才支持计划”。经济运行稳中向好，深圳市发布《深圳市若干措施》。"


def _names(session: Session) -> set[str]:
    return set(session.scalars(select(Statement.value).where(Statement.prop == "name")))


def test_one_character_and_listed_words_make_no_entity(session: Session) -> None:
    ents = [
        ent("和", "place", TEXT),
        ent("经济", "organization", TEXT),
        ent("深圳市", "place", TEXT),
        ent("深圳某科技有限公司", "enterprise", TEXT, place="和", industries=["经济", "人工智能"]),
    ]
    pols = [
        {"title": "四水四定全面深化年行动", "issuer": "四", "span": [TEXT.index("四水"), TEXT.index("四水") + 4]},
        {"title": "兴滇英才支持计划", "issuer": ["兴", "深圳市"], "span": [TEXT.index("兴滇"), TEXT.index("兴滇") + 8]},
    ]
    row = make_doc(session, TEXT, ents, policies=pols,
                   figures=[{"value": 5, "unit": "个", "measure": "数量", "subject": "和", "span": [0, 4]}])  # fmt: skip
    statements, errors = build.document_statements(row)
    names = {s.value for s in statements if s.prop == "name"}
    assert {"和", "经济", "四", "兴"}.isdisjoint(names)
    assert {"深圳市", "深圳某科技有限公司", "人工智能", "四水四定全面深化年行动", "兴滇英才支持计划"} <= names
    # the rest of each fact is kept: the policy with its real issuer, the enterprise's real industry
    issuers = {(s.value) for s in statements if s.prop == "issuer"}
    assert issuers == {"深圳市"}
    assert any(s.prop == "works_on_industry" and s.value == "人工智能" for s in statements)
    assert not any(s.prop == "located_in" for s in statements)
    assert not any(s.prop == "figure" for s in statements)
    assert any("'和'" in e and "not an entity name" in e for e in errors)
    assert build.add_document_statements(session, row) == len(statements)
    assert "和" not in _names(session)


def test_real_names_pass() -> None:
    for name in ("深圳市", "华为", "国务院", "东莞", "习近平"):
        assert build.is_entity_name(name), name
    for name in ("和", "四", "经济", "全国", " 经济 "):
        assert not build.is_entity_name(name), name
