"""Entity resolution across documents: the merges it must make and the ones it must not."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.graph import build, views
from shuanglian.graph.tables import Entity, EntityMember
from tests.graph.factories import ent, entity_named, make_doc

T1 = "深圳迈瑞生物医疗电子股份有限公司（迈瑞医疗）总部位于深圳。中国科学院专家来到深圳光明科学城，南开大学与天津大学团队参加。"
T2 = "迈瑞今年发布新款监护仪。中科院与光明科学城签约。中国科学院深圳先进技术研究院也参与。"
T3 = "邁瑞醫療在深圳光明科學城建設新基地，中國科學院院士出席。"


def _ingest(session: Session) -> None:
    d1 = make_doc(session, T1, [
        ent("深圳迈瑞生物医疗电子股份有限公司", "enterprise", T1, ["迈瑞医疗"]),
        ent("中国科学院", "research_institute", T1),
        ent("深圳光明科学城", "platform", T1),
        ent("南开大学", "university", T1),
        ent("天津大学", "university", T1),
        ent("深圳", "place", T1),
    ])  # fmt: skip
    d2 = make_doc(session, T2, [
        ent("迈瑞", "organization", T2),
        ent("中科院", "research_institute", T2),
        ent("光明科学城", "platform", T2),
        ent("中国科学院深圳先进技术研究院", "research_institute", T2),
    ])  # fmt: skip
    d3 = make_doc(session, T3, [
        ent("邁瑞醫療", "enterprise", T3),
        ent("深圳光明科學城", "platform", T3),
        ent("中國科學院", "research_institute", T3),
    ])  # fmt: skip
    for d in (d1, d2, d3):
        assert build.add_document_statements(session, d) > 0


def test_merges_across_documents(session: Session) -> None:
    _ingest(session)
    mindray = entity_named(session, "迈瑞")
    assert mindray.name == "深圳迈瑞生物医疗电子股份有限公司"
    assert mindray.kind == "enterprise"
    assert entity_named(session, "迈瑞医疗").id == mindray.id
    assert entity_named(session, "邁瑞醫療").id == mindray.id  # traditional script
    assert mindray.member_count == 3 and mindray.document_count == 3
    cas = entity_named(session, "中科院")
    assert entity_named(session, "中国科学院").id == cas.id and cas.member_count == 3
    assert cas.name == "中国科学院"  # the simplified spelling wins over the traditional repost
    city = entity_named(session, "光明科学城")
    assert entity_named(session, "深圳光明科学城").id == city.id and city.member_count == 3
    # automatic merges carry a score and a reason
    reasons = {m.name: (m.score, m.reason) for m in session.scalars(select(EntityMember).where(EntityMember.entity_id == mindray.id))}
    assert reasons["迈瑞"][0] == 0.8 and reasons["迈瑞"][1].startswith("core:")


def test_keeps_apart_what_differs(session: Session) -> None:
    _ingest(session)
    assert entity_named(session, "南开大学").id != entity_named(session, "天津大学").id
    institute = entity_named(session, "中国科学院深圳先进技术研究院")
    assert institute.id != entity_named(session, "中国科学院").id
    assert institute.member_count == 1


def test_same_surname_and_place_vs_party_committee(session: Session) -> None:
    t1 = "深圳市委书记王伟中和王伟来到深圳市调研。"
    t2 = "广东省委书记王伟中在广州调研。深圳市委召开会议。"
    d1 = make_doc(session, t1, [
        ent("王伟中", "person", t1, roles=[{"title": "书记", "org": "深圳市委"}]),
        ent("王伟", "person", t1),
        ent("深圳市委", "government", t1),
        ent("深圳市", "place", t1),
    ])  # fmt: skip
    d2 = make_doc(session, t2, [
        ent("王伟中", "person", t2, roles=[{"title": "省委书记", "org": "广东省委"}]),
        ent("深圳市委", "government", t2),
    ])  # fmt: skip
    build.add_document_statements(session, d1)
    build.add_document_statements(session, d2)
    people = list(session.scalars(select(Entity).where(Entity.kind == "person")))
    # 王伟 is not 王伟中; the two 王伟中 have different organisations on record: not merged automatically
    assert sorted(p.name for p in people) == ["王伟", "王伟中", "王伟中"]
    assert entity_named(session, "深圳市委").kind == "government"
    assert entity_named(session, "深圳市委").id != entity_named(session, "深圳市").id


def test_people_with_shared_organisation_merge(session: Session) -> None:
    t1 = "天津大学校长金东寒介绍。"
    t2 = "金东寒（天津大学校长）表示。"
    for t in (t1, t2):
        d = make_doc(session, t, [ent("金东寒", "person", t, roles=[{"title": "校长", "org": "天津大学"}]),
                                  ent("天津大学", "university", t)])  # fmt: skip
        build.add_document_statements(session, d)
    assert entity_named(session, "金东寒").member_count == 2


def test_ambiguous_short_name_stays_apart(session: Session) -> None:
    t1 = "深圳华强电子有限公司和北京华强电子有限公司。"
    t2 = "华强电子发布年报。"
    d1 = make_doc(session, t1, [ent("深圳华强电子有限公司", "enterprise", t1), ent("北京华强电子有限公司", "enterprise", t1)])
    d2 = make_doc(session, t2, [ent("华强电子", "enterprise", t2)])
    build.add_document_statements(session, d1)
    build.add_document_statements(session, d2)
    assert session.scalar(select(func.count()).select_from(Entity)) == 3


def test_incremental_equals_full_rebuild(session: Session) -> None:
    _ingest(session)
    before = {(m.member_id, m.entity_id) for m in session.scalars(select(EntityMember))}
    names_before = {e.id: (e.name, e.kind, e.statement_count) for e in session.scalars(select(Entity))}
    views.rebuild(session)
    after = {(m.member_id, m.entity_id) for m in session.scalars(select(EntityMember))}
    assert before == after
    assert names_before == {e.id: (e.name, e.kind, e.statement_count) for e in session.scalars(select(Entity))}


def test_people_names_alone(session: Session) -> None:
    t1 = "黄坤明、王旭出席。"
    t2 = "省委书记黄坤明与王旭座谈。"
    d1 = make_doc(session, t1, [ent("黄坤明", "person", t1), ent("王旭", "person", t1)])
    d2 = make_doc(session, t2, [ent("黄坤明", "person", t2, roles=[{"title": "省委书记", "place": "广东省"}]),
                                ent("王旭", "person", t2)])  # fmt: skip
    build.add_documents_statements(session, [d1, d2])
    assert entity_named(session, "黄坤明").member_count == 2  # a 3-character name, nothing conflicting
    assert session.scalar(select(func.count()).select_from(Entity).where(Entity.name == "王旭")) == 2


def test_abbreviation_only_shows_full_name(session: Session) -> None:
    t = "中科院与中科院近代物理研究所。"
    d = make_doc(session, t, [ent("中科院", "research_institute", t), ent("中科院近代物理研究所", "research_institute", t)])
    t2 = "中国科学院近代物理研究所建设加速器。"
    d2 = make_doc(session, t2, [ent("中国科学院近代物理研究所", "research_institute", t2)])
    build.add_documents_statements(session, [d, d2])
    assert entity_named(session, "中科院").name == "中国科学院"
    assert entity_named(session, "中科院近代物理研究所").member_count == 2
