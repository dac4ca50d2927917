"""Register admission and regions by evidence: generic words stay out, branches sit where they are."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.document import Document
from shuanglian.graph import build
from shuanglian.graph.tables import Entity
from shuanglian.pipeline.default import build_pipeline
from shuanglian.registers.admission import admitted, generic_name, unknown_short
from shuanglian.registers.graphview import EntityView, Fact
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
    # more classes the real corpus put in the enterprises register (issue 9, session 5)
    for w in ("普惠性", "中英两国", "锚定党中央", "林彪反党集团", "国际侵略集团", "二十国集团", "举办采煤", "很多工业",
              "从严治党"):  # fmt: skip
        assert generic_name(w), w
    for w in ("中国华能集团", "海螺集团", "浪潮集团", "党中央办公厅"):
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


def _view(name: str, names: list[str] | None = None, origin: str = "document") -> EntityView:
    fact = Fact(id="st_1", member_id="ent_1", kind="enterprise", prop="name", value=name, value_json=None,
                target_id=None, origin=origin, document_id="d1" if origin == "document" else None, span=(0, 2),
                user=None, confidence=1.0, status="accepted", created_at=None)  # fmt: skip
    return EntityView(id="ent_1", kind="enterprise", name=name, names=names or [name], facts=[fact])


def test_two_character_pieces_of_words_are_not_admitted_but_known_short_names_are() -> None:
    # issue 9: the tagger cut these out of 百年大计, 国计民生, 东数西算, 上云企业, 全面从严治党, 综合国力
    for w in ("年大", "国计", "东数", "上云", "从严", "国力", "中学"):
        assert unknown_short(_view(w)) and not admitted(_view(w)), w
    for w in ("京东", "上汽", "中大", "华为"):
        assert not unknown_short(_view(w)) and admitted(_view(w)), w
    # a known short name of a body is no unknown piece, but no enterprise either (test_name_rules.py)
    assert not unknown_short(_view("妇联")) and not admitted(_view("妇联"))
    # a short name grounded by a longer name of the same entity, or registered by a person, is kept
    assert admitted(_view("蒙电", ["蒙电", "内蒙古电力集团"]))
    assert admitted(_view("蒙电", origin="import"))
    assert admitted(_view("鹏城实验室"))


def test_names_cut_at_a_joining_mark_are_not_names() -> None:
    for cut in ("津一·", "·PARK", "华为-", "长江/"):
        assert generic_name(cut), cut
    for name in ("比亚迪", "A&B科技有限公司", "中芯国际", "TCL科技"):
        assert not generic_name(name), name
