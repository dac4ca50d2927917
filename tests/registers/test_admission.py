"""Register admission and regions by evidence: generic words stay out, branches sit where they are."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.document import Document
from shuanglian.graph import build
from shuanglian.graph.tables import Entity
from shuanglian.pipeline.default import build_pipeline
from shuanglian.registers.admission import generic_name
from shuanglian.store.db import init_db, session_scope
from shuanglian.store.documents import DocumentRow


def _ingest(session: Session, texts: list[str]) -> None:
    docs = build_pipeline(plain=True).batch([Document(source=f"test://{i}", raw=t) for i, t in enumerate(texts)])
    rows = []
    for d in docs:
        row = DocumentRow.from_document(d)
        session.add(row)
        rows.append(row)
    session.flush()
    build.add_documents_statements(session, rows)
    session.flush()


def test_generic_words_are_not_names() -> None:
    for w in ("全国", "全年", "全省", "新时代", "建设河套深港科技创新合作区", "深圳先行示范区"):
        assert generic_name(w), w
    for w in ("鹏城实验室", "中国科学院深圳先进技术研究院", "河套深港科技创新合作区"):
        assert not generic_name(w), w
    # classes the real corpus put in registers (issue 9): bare nouns, cut fragments, clauses, classes of policy
    for w in ("农业", "两国", "性住房", "业园区", "夜大学", "并完善相关政策", "和实行一系列政策措施", "出台稳外贸稳外资政策",
              "后续政策", "二期工程", "现代化改造", "蒋介石集团"):  # fmt: skip
        assert generic_name(w), w
    for w in ("和记黄埔", "中大", "洋浦港", "中华人民共和国建筑法", "完美日记", "京东方"):
        assert not generic_name(w), w
    # kinds of funds seen on the real pages are not funds; named funds are
    for w in ("私募证券投资基金", "产业投资母基金", "科研启动基金", "基础设施不动产投资信托基金", "头部跨国公司和主权基金"):
        assert generic_name(w), w
    for w in ("国家人工智能产业投资基金", "深圳市天使投资引导基金", "国家自然科学基金", "四川社保科创基金"):
        assert not generic_name(w), w


def test_branches_and_campuses_are_where_they_are(sqlite_url: str) -> None:
    init_db(sqlite_url)
    with session_scope(sqlite_url) as s:
        _ingest(s, ["中国科学院深圳先进技术研究院与中山大学深圳校区签署合作协议，鹏城实验室位于深圳。",
                    "中国科学院和中山大学的专家来到深圳。"])  # fmt: skip
        region = {e.name: e.region for e in s.scalars(select(Entity))}
        assert region["中国科学院深圳先进技术研究院"] in ("深圳市", "深圳")
        assert region["中山大学深圳校区"] in ("深圳市", "深圳")
        assert region["鹏城实验室"] in ("深圳市", "深圳")
