"""Register services on SQLite and PostgreSQL: listing + filters, export/import round trip, idempotency."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shuanglian.graph.tables import AuditLog, Statement
from shuanglian.services.registers import export_register, import_register, list_register
from tests.registers.conftest import add_doc, add_entity

TEXT = "深圳迈瑞生物医疗电子股份有限公司位于深圳市南山区，主要生产监护仪和除颤仪。鹏城实验室在深圳。"

PROJECTS_CSV = (
    "项目名称,牵头单位,投资额（亿元）,建设周期,项目负责人,状态,所在地\n"
    "脑解析与脑模拟设施,中国科学院深圳先进技术研究院,12.5,2021-2025,张三,在建,深圳市光明区\n"
    "合成生物研究设施,深圳先进院,12亿,2021-2025,李四,在建,深圳\n"
    "广州某项目,广州某公司,3,2022-2024,王五,建成,广州市黄埔区\n"
)


def _statements(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Statement)) or 0)


def test_list_filters_by_region_kind_and_sources(session: Session) -> None:
    add_doc(session, "d1", TEXT)
    add_entity(session, "enterprise", "深圳迈瑞生物医疗电子股份有限公司", "d1", TEXT, place="深圳市南山区")
    add_entity(session, "lab", "鹏城实验室", "d1", TEXT, place="深圳市")
    add_entity(session, "university", "天津大学", place="天津市")
    add_entity(session, "enterprise", "广州视源电子科技股份有限公司", place="广州市")

    ent = list_register(session, "enterprises", region="广东")
    assert [r["name"] for r in ent["rows"]] == ["广州视源电子科技股份有限公司", "深圳迈瑞生物医疗电子股份有限公司"]
    sz = list_register(session, "enterprises", region="深圳")
    assert sz["total"] == 1
    row = sz["rows"][0]
    assert row["region"] == "深圳市南山区" and row["sources"] == ["doc:d1"]

    carriers = list_register(session, "carriers")
    assert {r["name"] for r in carriers["rows"]} == {"鹏城实验室", "天津大学"}
    assert [r["name"] for r in list_register(session, "carriers", kind="高校")["rows"]] == ["天津大学"]
    assert list_register(session, "carriers", region="深圳", q="鹏城")["total"] == 1
    assert list_register(session, "carriers", region="北京")["total"] == 0
    page = list_register(session, "carriers", limit=1, offset=1, sort="-name")
    assert page["total"] == 2 and [r["name"] for r in page["rows"]] == [sorted(["鹏城实验室", "天津大学"])[0]]


def test_import_validates_names_row_and_cell_and_is_idempotent(session: Session) -> None:
    data = PROJECTS_CSV.encode("utf-8")
    preview = import_register(session, "projects", data, "csv", user="alice", dry_run=True)
    assert preview.rows_ok == 2 and preview.created == 2
    assert preview.errors == [
        {"row": 3, "column": "投资额", "value": "12亿", "message": "'12亿' is not a number (enter the number in 亿元)"}
    ]
    assert _statements(session) == 0, "a dry run writes nothing"

    first = import_register(session, "projects", data, "csv", user="alice")
    assert (first.rows_ok, first.created, first.updated) == (2, 2, 0)
    n = _statements(session)
    again = import_register(session, "projects", data, "csv", user="alice")
    assert (again.created, again.updated, again.unchanged, again.statements_created) == (0, 0, 2, 0)
    assert _statements(session) == n, "importing the same file twice adds nothing"

    rows = list_register(session, "projects", region="深圳")["rows"]
    assert [r["name"] for r in rows] == ["脑解析与脑模拟设施"]
    r = rows[0]
    assert r["investment"] == 12.5 and r["period"] == "2021-2025" and r["manager"] == "张三"
    assert r["lead_org"] == "中国科学院深圳先进技术研究院" and r["status"] == "在建"
    assert r["sources"] == ["import:alice"]
    st = session.scalars(select(Statement).where(Statement.prop == "investment")).first()
    assert st is not None and float(st.value) == 1.25e9 and st.origin == "import" and st.user == "alice"
    assert session.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "import")) == 2

    changed = PROJECTS_CSV.replace("12.5,2021-2025,张三", "15,2021-2026,张三").encode("utf-8")
    upd = import_register(session, "projects", changed, "csv", user="alice")
    assert (upd.updated, upd.unchanged) == (1, 1)
    r = list_register(session, "projects", q="脑解析")["rows"][0]
    assert r["investment"] == 15 and r["period"] == "2021-2026"
    # the export states money in 亿元 as the header says (stored in yuan, never divided twice)
    csv_out = export_register(session, "projects", "csv", q="脑解析").decode("utf-8-sig").splitlines()
    header, line = csv_out[0].split(","), csv_out[1].split(",")
    assert line[header.index("投资额（亿元）")] == "15"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_import_round_trip(session: Session, fmt: str) -> None:
    src = (
        "名称,简称,所在地,链主,领域,主要产品\n"
        "深圳迈瑞生物医疗电子股份有限公司,迈瑞医疗,深圳市南山区,是,医疗器械,监护仪、除颤仪\n"
        "深圳市理邦精密仪器股份有限公司,,深圳市坪山区,否,医疗器械,超声诊断仪\n"
    )
    rep = import_register(session, "enterprises", src.encode("utf-8"), "csv", user="bob")
    assert rep.errors == [] and rep.created == 2
    exported = export_register(session, "enterprises", fmt, region="深圳")
    before = list_register(session, "enterprises")["rows"]
    leader = next(r for r in before if r["name"].startswith("深圳迈瑞"))
    assert leader["chain_leader"] is True and leader["short_name"] == ["迈瑞医疗"]
    assert leader["products"] == ["监护仪", "除颤仪"] or set(leader["products"]) == {"监护仪", "除颤仪"}
    assert any(c.startswith("高端医疗器械/生命支持与监护设备") for c in leader["chains"])
    n = _statements(session)
    back = import_register(session, "enterprises", exported, fmt, user="bob")
    assert back.errors == [] and back.warnings == [] and back.rows_ok == 2
    assert (back.created, back.updated, back.statements_created) == (0, 0, 0)
    assert _statements(session) == n
    after = list_register(session, "enterprises")["rows"]
    assert [(r["name"], r["chain_leader"], sorted(r["products"])) for r in after] == [
        (r["name"], r["chain_leader"], sorted(r["products"])) for r in before
    ]


def test_import_rejects_property_foreign_to_kind(session: Session) -> None:
    csv_text = "名称,类型,发布机构,规模\n深圳市天使投资引导基金,基金,深圳市财政局,100\n"
    rep = import_register(session, "policies", csv_text.encode("utf-8"), "csv", user="carol", dry_run=True)
    assert rep.rows_ok == 0
    assert rep.errors == [
        {"row": 2, "column": "发布机构", "value": "深圳市财政局", "message": "does not apply to a 基金 (fund)"}
    ]


def test_sql_paging_matches_complete_listing(session: Session) -> None:
    add_entity(session, "enterprise", "深圳甲公司", place="深圳市南山区", products=["监护仪"])
    add_entity(session, "enterprise", "深圳乙公司", place="深圳市宝安区")
    add_entity(session, "enterprise", "广州丙公司", place="广州市", products=["彩超"])
    add_entity(session, "lab", "深圳丁实验室", place="深圳市")
    add_entity(session, "enterprise", "无地区公司")
    import_register(session, "resources", "名称,类型,所在地\n上海戊公司,企业,上海市\n".encode(), "csv", user="u")
    from shuanglian.services.chains import place

    place(session)
    cases = [
        {},
        {"region": "深圳"},
        {"region": "广东", "sort": "-name"},
        {"q": "公司", "limit": 2, "offset": 1},
        {"chain": "高端医疗器械"},
        {"sort": "region"},
    ]
    for kw in cases:
        fast = list_register(session, "enterprises", **kw)  # type: ignore[arg-type]
        slow = list_register(session, "enterprises", fast=False, **kw)  # type: ignore[arg-type]
        assert (fast["total"], fast["rows"]) == (slow["total"], slow["rows"]), kw
    assert "上海戊公司" not in {r["name"] for r in list_register(session, "enterprises")["rows"]}
    assert list_register(session, "enterprises", chain="高端医疗器械")["total"] == 2


def test_policies_take_region_from_issuer_and_wider_policies_apply(session: Session) -> None:
    add_entity(session, "policy", "深圳市促进高端医疗器械产业集群高质量发展的若干措施")
    add_entity(session, "policy", "关于加快科技创新的若干措施", issuer="广东省人民政府")
    add_entity(session, "policy", "天津市制造业高质量发展行动方案")
    add_entity(session, "fund", "国家集成电路产业投资基金")
    rows = list_register(session, "policies", region="深圳")["rows"]
    assert [r["name"] for r in rows] == ["关于加快科技创新的若干措施", "深圳市促进高端医疗器械产业集群高质量发展的若干措施"]
    assert {r["region"] for r in rows} == {"广东", "深圳"}
    assert list_register(session, "policies", region="天津")["total"] == 1
    assert list_register(session, "policies")["total"] == 4


def test_consultants_by_name_rule_or_import(session: Session) -> None:
    add_entity(session, "enterprise", "赛迪顾问股份有限公司", place="北京市")
    add_entity(session, "research_institute", "综合开发研究院（中国·深圳）", place="深圳市")
    add_entity(session, "enterprise", "华为技术有限公司", place="深圳市")
    rep = import_register(session, "consultants", "名称,类型,所在地\n麦肯锡公司,机构,美国纽约\n".encode(), "csv", user="u")
    assert rep.errors == []
    names = [r["name"] for r in list_register(session, "consultants")["rows"]]
    assert sorted(names) == sorted(["赛迪顾问股份有限公司", "综合开发研究院（中国·深圳）", "麦肯锡公司"])
    assert [r["name"] for r in list_register(session, "consultants", region="深圳")["rows"]] == ["综合开发研究院（中国·深圳）"]
