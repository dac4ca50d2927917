"""A fund named on an ingested page is extracted as kind `fund` and listed in the policies-and-funds register
(issue 8: funds were typed as organisations); a foundation (基金会) stays an organisation."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from shuanglian.document import ENTITY_KINDS, Document
from shuanglian.graph.tables import Entity
from shuanglian.pipeline.default import build_pipeline
from shuanglian.services import documents as svc
from shuanglian.services.registers import list_register
from shuanglian.store.db import session_scope

PAGE = (
    "福建设立企业技术改造投资基金，为先进制造业企业提供支持。"
    "首期规模500亿元的浙江社保科创基金签约落地。"
    "中国红十字基金会向灾区捐赠物资。\n"
)


def test_extractor_types_funds_as_fund_and_foundations_as_organisation() -> None:
    assert "fund" in ENTITY_KINDS
    doc = build_pipeline()(Document(source="fund.txt", raw=PAGE))
    assert not doc.error, doc.error
    kinds = {m.name: m.kind for m in doc.entities}
    assert kinds.get("浙江社保科创基金") == "fund", kinds
    assert kinds.get("中国红十字基金会") == "organization", kinds
    assert not [n for n, k in kinds.items() if "基金" in n and not n.endswith("基金会") and k != "fund"], kinds


def test_fund_from_an_ingested_page_lands_in_the_policies_register(sqlite_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fund.txt").write_text(PAGE, encoding="utf-8")
    report = svc.ingest_paths([folder], sqlite_url)
    assert report.ok, report.to_json()
    with session_scope(sqlite_url) as session:
        rows = list_register(session, "policies")["rows"]
        funds = {r["name"]: r["kind"] for r in rows}
        assert funds.get("浙江社保科创基金") == "fund", rows
        assert "中国红十字基金会" not in funds
        assert "浙江社保科创基金" in {r["name"] for r in list_register(session, "policies", kind="fund")["rows"]}
        # stored as a fund in the graph itself, not only relisted by the register's retype_by_name rule
        stored = {name: kind for name, kind in session.execute(select(Entity.name, Entity.kind))}
        assert stored.get("浙江社保科创基金") == "fund", stored
        assert stored.get("中国红十字基金会") == "organization", stored


NAMED = (
    "全国社会保障基金积累6927亿元。设立城市更新基金和稀土产业基金，做优“金芙蓉”基金矩阵。"
    "鼓励发展私募证券投资基金，将16支省级政府投资基金整合。\n"
)


def test_funds_named_by_level_field_or_quotes_land_in_the_policies_register(sqlite_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "named.txt").write_text(NAMED, encoding="utf-8")
    report = svc.ingest_paths([folder], sqlite_url)
    assert report.ok, report.to_json()
    with session_scope(sqlite_url) as session:
        funds = {r["name"] for r in list_register(session, "policies", kind="fund")["rows"]}
    assert {"全国社会保障基金", "城市更新基金", "“金芙蓉”基金矩阵"} <= funds, funds
    # (稀土产业基金, an industry and a class head, is a kind of fund for registers/data/name_rules.yaml rule 5)
    assert not [n for n in funds if n.startswith("私募") or "省级政府投资基金" in n], funds
