"""Placement on chain links from document sentences and statements, with the evidence kept."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.chains.matcher import LinkMatcher
from shuanglian.chains.placement import PROP, chain_target_id, combine
from shuanglian.chains.templates import shipped_templates
from shuanglian.graph.tables import Statement
from shuanglian.services.chains import chain_map, place
from tests.registers.conftest import add_doc, add_entity

MED = "high_end_medical_devices"
TEXT = (
    "在第二十四届高交会上，深圳科曼医疗设备有限公司展示了自主研发的除颤仪和新一代病人监护仪。"
    "该公司总部位于深圳市光明区。"
    "另据介绍，鹏城实验室正在建设新一代网络通信试验平台。"
)


def test_matcher_prefers_longest_term_and_ascii_word_bounds() -> None:
    m = LinkMatcher([shipped_templates()[MED]])
    hits = m.find("公司推出自动体外除颤仪（AED）与ACTIVE系列，并布局CT。")
    assert [h.term for h in hits] == ["自动体外除颤仪", "AED", "CT"]
    assert hits[0].targets[0].link_id == "midstream_life_support"
    assert combine([0.5, 0.5]) == 0.75


def test_defibrillator_and_monitor_maker_lands_on_life_support_link(session: Session) -> None:
    add_doc(session, "d1", TEXT)
    company = add_entity(session, "enterprise", "深圳科曼医疗设备有限公司", "d1", TEXT, place="深圳市光明区")
    lab = add_entity(session, "lab", "鹏城实验室", "d1", TEXT, place="深圳市")
    # the write placed them (projections); an explicit full run finds the same placements
    stats = place(session, full=True)
    assert stats["placed"] >= 1 and stats["statements_created"] == 0

    rows = list(session.scalars(select(Statement).where(Statement.prop == PROP)))
    mine = [r for r in rows if r.entity_id == company]
    assert {r.value_json["link"] for r in mine} == {"midstream_life_support"}
    assert all(r.target_id == chain_target_id(MED, "midstream_life_support") for r in mine)
    terms = {r.value_json["term"] for r in mine}
    assert terms <= {"除颤仪", "病人监护仪"} and terms
    for r in mine:  # evidence: document, span of the term in the stored text, the sentence, a score
        assert r.document_id == "d1" and TEXT[r.span_start : r.span_end] == r.value_json["term"]
        assert "除颤仪" in r.value_json["evidence"] and 0.3 <= r.confidence <= 1
        assert r.extractor == "chain_placement" and r.origin == "document"
    assert not [r for r in rows if r.entity_id == lab and r.value_json["chain"] == MED]

    n = len(rows)
    assert place(session)["statements_created"] == 0, "placement is idempotent"
    assert len(list(session.scalars(select(Statement).where(Statement.prop == PROP)))) == n

    cmap = chain_map(session, MED, region="深圳")
    life = next(ln for ln in cmap["links"] if ln["id"] == "midstream_life_support")
    assert [e["name"] for e in life["enterprises"]] == ["深圳科曼医疗设备有限公司"]
    ev = life["enterprises"][0]["evidence"][0]
    assert ev["document_id"] == "d1" and ev["term"] in ("除颤仪", "病人监护仪") and ev["text"]
    assert chain_map(session, "高端医疗器械", region="北京")["links"][3]["enterprises"] == []


def test_products_statement_places_without_any_document(session: Session) -> None:
    eid = add_entity(session, "enterprise", "某医疗科技公司", products=["血液透析机"], place="广州市")
    place(session, MED)
    st = session.scalars(select(Statement).where(Statement.prop == PROP, Statement.entity_id == eid)).one()
    assert st.value == "高端医疗器械/生命支持与监护设备" and st.value_json["via"] == "products"
    assert st.origin == "manual" and st.user == "tester"


def test_name_terms_count_only_in_the_entitys_own_name(session: Session) -> None:
    text = "深圳甲医疗器械公司的病人监护仪已进入国内绝大多数医院。深圳市人民医院引进了一批新设备。"
    add_doc(session, "d2", text)
    maker = add_entity(session, "enterprise", "深圳甲医疗器械公司", "d2", text, place="深圳市")
    hospital = add_entity(session, "organization", "深圳市人民医院", "d2", text, place="深圳市")
    place(session, MED)
    links = {
        (r.entity_id, r.value_json["link"])
        for r in session.scalars(select(Statement).where(Statement.prop == PROP, Statement.status != "edited"))
    }
    assert (maker, "midstream_life_support") in links
    assert (maker, "downstream_hospitals") not in links, "a customer named in the sentence is not a placement"
    assert (hospital, "downstream_hospitals") in links


def test_every_write_places_what_it_touched(session: Session) -> None:
    def placed() -> set[str]:
        q = select(Statement.entity_id).where(Statement.prop == PROP, Statement.status != "edited")
        return set(session.scalars(q))

    a = add_entity(session, "enterprise", "甲监护公司", products=["监护仪"], place="深圳市")
    b = add_entity(session, "enterprise", "乙影像公司", products=["彩超"], place="深圳市")
    assert {a, b} <= placed()
    assert place(session) == {"entities": 0, "placed": 0, "statements_created": 0, "retracted": 0, "by_chain": {}}
    c = add_entity(session, "enterprise", "丙诊断公司", products=["化学发光"], place="广州市")
    assert c in placed()
    full = place(session, full=True)
    assert full["entities"] == 3 and full["statements_created"] == 0
    # A user chain is placed by the write that stores it; nothing is left for `place` afterwards.
    from shuanglian.services.chains import add_chain

    out = add_chain(session, "id: demo\nname: 示例\nlinks:\n  - {id: a, name: 甲, stage: upstream, products: [监护仪]}\n", "u")
    assert out["placement"]["placed"] >= 1
    demo = select(Statement.entity_id).where(Statement.prop == PROP, Statement.value == "示例/甲")
    assert set(session.scalars(demo)) == {a}
    assert place(session)["entities"] == 0
