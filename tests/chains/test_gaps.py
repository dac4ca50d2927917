"""Gap analysis (补链 / 强链 / 延链) on a small hand-made graph, with ranked candidates and reasons."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from shuanglian.services.chains import UnknownChain, chain_map, chains_report, gaps, place
from shuanglian.services.registers import import_register, list_register
from tests.registers.conftest import add_entity

MED = "high_end_medical_devices"
RESOURCES_CSV = (
    "名称,类型,所在地,国内外,主要产品或技术\n"
    "上海微创医疗机器人（集团）股份有限公司,企业,上海市浦东新区,国内,腔镜手术机器人\n"
    "Intuitive Surgical,企业,美国桑尼维尔,境外,手术机器人\n"
)


def _graph(session: Session) -> None:
    # Shenzhen: monitors with a local lab (complete link), ultrasound without a carrier (强链).
    add_entity(session, "enterprise", "深圳甲医疗公司", products=["监护仪", "除颤仪"], place="深圳市南山区",
               chain_leader=True)
    add_entity(session, "lab", "深圳乙生命体征实验室", technologies=["生命体征监测"], place="深圳市")
    add_entity(session, "enterprise", "深圳丙影像公司", products=["彩超"], place="深圳市宝安区")
    # Elsewhere: leads for the gaps.
    add_entity(session, "enterprise", "广州丁诊断公司", products=["化学发光", "生化分析仪"], place="广州市")
    add_entity(session, "enterprise", "苏州戊传感公司", products=["医用传感器"], place="苏州市")
    add_entity(session, "research_institute", "杭州己材料研究院", technologies=["医用传感器"], place="杭州市")
    add_entity(session, "lab", "北京庚影像实验室", technologies=["影像重建"], place="北京市")
    rep = import_register(session, "resources", RESOURCES_CSV.encode("utf-8"), "csv", user="analyst")
    assert rep.errors == [] and rep.rows_ok == 2
    place(session)


def test_gap_types_per_link(session: Session) -> None:
    _graph(session)
    found = {g["link"]: g for g in gaps(session, MED, region="深圳")}
    assert "midstream_life_support" not in found  # enterprises and a carrier: no gap
    assert found["midstream_imaging"]["type"] == "strengthen" and found["midstream_imaging"]["type_zh"] == "强链"
    assert found["midstream_imaging"]["local"]["enterprises"] == 1
    for link in ("upstream_components", "midstream_ivd", "midstream_surgical_consumables"):
        assert found[link]["type"] == "fill", link
    for link in ("downstream_hospitals", "downstream_testing", "downstream_services"):
        assert found[link]["type"] == "extend" and found[link]["type_zh"] == "延链", link
        assert "需延链" in found[link]["reason"]
    assert "没有本地企业" in found["midstream_ivd"]["reason"]
    assert "没有本地创新载体" in found["midstream_imaging"]["reason"]


def test_candidates_ranked_with_reasons(session: Session) -> None:
    _graph(session)
    found = {g["link"]: g for g in gaps(session, MED, region="深圳")}
    ivd = found["midstream_ivd"]["candidates"]
    assert [c["name"] for c in ivd] == ["广州丁诊断公司"]
    reason = ivd[0]["reason"]
    assert "位于广州市（区域外）" in reason and ("化学发光" in reason or "生化分析仪" in reason)

    up = [c["name"] for c in found["upstream_components"]["candidates"]]
    assert up == ["苏州戊传感公司", "杭州己材料研究院"], "an enterprise answers 补链 better than an institute"

    surg = found["midstream_surgical_consumables"]["candidates"]
    assert {c["name"] for c in surg} == {"上海微创医疗机器人（集团）股份有限公司", "Intuitive Surgical"}
    assert all(c["in_resources"] and "已列入境内外创新资源台账" in c["reason"] for c in surg)
    scores = [c["score"] for c in surg]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)

    img = found["midstream_imaging"]["candidates"]
    assert img[0]["name"] == "北京庚影像实验室" and img[0]["kind"] == "lab", "强链 wants carriers first"


def test_chain_map_and_report_for_region(session: Session) -> None:
    _graph(session)
    cmap = chain_map(session, MED, region="广东", include_outside=True)
    links = {ln["id"]: ln for ln in cmap["links"]}
    assert {e["name"] for e in links["midstream_ivd"]["enterprises"]} == {"广州丁诊断公司"}
    life = links["midstream_life_support"]
    assert [e["name"] for e in life["enterprises"]] == ["深圳甲医疗公司"] and life["enterprises"][0]["chain_leader"]
    assert [c["name"] for c in life["carriers"]] == ["深圳乙生命体征实验室"]
    assert {e["name"] for e in links["upstream_components"]["outside"]} == {"苏州戊传感公司", "杭州己材料研究院"}
    report = chains_report(session, region="深圳", chain=MED)
    assert len(report) == 1 and report[0]["gaps"] and report[0]["chain"]["id"] == MED

    res = list_register(session, "resources", region="深圳", chain=MED)
    names = {r["name"] for r in res["rows"]}
    assert {"Intuitive Surgical", "广州丁诊断公司", "北京庚影像实验室"} <= names
    assert not names & {"深圳甲医疗公司", "深圳乙生命体征实验室"}
    ent = list_register(session, "enterprises", region="深圳", chain="高端医疗器械")
    assert {r["name"] for r in ent["rows"]} == {"深圳甲医疗公司", "深圳丙影像公司"}


def test_unknown_chain_names_the_valid_ones(session: Session) -> None:
    with pytest.raises(UnknownChain, match="unknown chain 'nope'; one of: .*high_end_medical_devices"):
        gaps(session, "nope", region="深圳")


def test_candidates_of_unknown_location_are_not_leads_unless_registered(session: Session) -> None:
    _graph(session)
    add_entity(session, "enterprise", "某诊断试剂公司", products=["化学发光", "体外诊断试剂"])  # no place at all
    place(session)
    ivd = {g["link"]: g for g in gaps(session, MED, region="深圳")}["midstream_ivd"]["candidates"]
    assert [c["name"] for c in ivd] == ["广州丁诊断公司"], "unknown location may be local: not a 招商 lead"
