"""Typed facts across extract -> store -> graph: dataclasses that read the extractors' dicts and give
them back unchanged, with a dict-compatible shim."""

from __future__ import annotations

import pytest

from shuanglian.document import (
    Document,
    DocumentFacts,
    EventFact,
    FigureFact,
    Mention,
    PolicyFact,
    ProjectFact,
)

FIGURE = {"value": 3900000000, "unit": "元", "measure": "研发投入", "measure_text": "研发投入", "specific": "迈瑞医疗研发投入",
          "written": "39亿元", "year": 2023, "target": False, "qualifier": "约", "approx": True, "span": [351, 356],
          "text": "约39亿元", "percent": None}  # fmt: skip  ("percent": a key the type does not declare)
POLICY = {"title": "深圳市培育发展高端医疗器械产业集群行动计划(2022-2025年)", "issuer": "深圳市", "period": "2022-2025",
          "span": [618, 653]}  # fmt: skip
EVENT = {"kind": "visit", "date": "2024-06-12", "date_text": "6月12日", "visitors": ["周文澜"],
         "visited": ["深圳湾实验室"], "place": "深圳市", "span": [0, 636]}  # fmt: skip
PROJECT = {"name": "比亚迪合肥基地", "investment": 1.5e10, "investment_text": "150亿元", "currency": "CNY",
           "status": "开工", "place": "合肥市", "org": "比亚迪", "industry": "新能源汽车", "span": [3, 40], "listed": True}  # fmt: skip


@pytest.mark.parametrize("typ,data", [(FigureFact, FIGURE), (PolicyFact, POLICY), (EventFact, EVENT), (ProjectFact, PROJECT)])
def test_round_trip_is_the_same_dict_in_the_same_order(typ, data) -> None:  # type: ignore[no-untyped-def]
    fact = typ.from_json(data)
    assert fact.to_json() == data and list(fact.to_json()) == list(data)
    assert typ.from_json(fact) is fact


def test_typed_fields_and_the_dict_shim() -> None:
    f = FigureFact.from_json(FIGURE)
    assert f.value == 3900000000 and f.unit == "元" and f.year == 2023 and f.span_pair == (351, 356)
    assert f.extra == {"percent": None}
    assert f["measure"] == "研发投入" and f.get("percent", "x") is None and f.get("nope", 1) == 1 and "unit" in f
    f["unit"] = "亿元"
    f["note"] = "added"
    assert f.unit == "亿元" and f.to_json()["note"] == "added" and list(f.to_json())[-1] == "note"
    p = PolicyFact(title="《若干措施》", issuer=["深圳市", "", "广东省"])
    assert p.issuers == ["深圳市", "广东省"] and p.to_json() == {"title": "《若干措施》", "issuer": ["深圳市", "", "广东省"]}
    assert PolicyFact.from_json({"title": "x", "issuer": "深圳市"}).issuers == ["深圳市"]


def test_document_facts_reads_stored_facts_and_reports_bad_ones() -> None:
    facts = DocumentFacts.from_json({
        "entities": [{"name": "深圳湾实验室", "kind": "lab", "aliases": [], "spans": [[1, 7], [3]], "attrs": {},
                      "confidence": 0.8}, {"name": "", "kind": "lab"}],
        "figures": [FIGURE, "not a fact"], "policies": [POLICY], "events": [EVENT], "projects": [PROJECT],
    })  # fmt: skip
    assert [m.name for m in facts.entities] == ["深圳湾实验室"] and facts.entities[0].spans == [(1, 7)]
    assert facts.entities[0].confidence == 0.8
    assert Mention.from_json({"name": "x", "kind": "lab"}).confidence is None  # the graph's default applies
    assert len(facts.figures) == 1 and facts.policies[0].period == "2022-2025" and facts.events[0].visitors == ["周文澜"]
    assert facts.projects[0].org == "比亚迪" and facts.projects[0].extra == {"listed": True}
    assert facts.errors == ["figures[1]: FigureFact: expected a mapping, got str"]


def test_a_document_may_hold_dicts_or_typed_facts() -> None:
    doc = Document(source="x", text="t")
    doc.figures.append(dict(FIGURE))  # what extractors do today
    doc.figures.append(FigureFact(value=5, unit="家", span=[0, 2]))
    out = doc.to_json()["figures"]
    assert out[0] == FIGURE and out[1] == {"value": 5, "unit": "家", "span": [0, 2]}
    typed = DocumentFacts.of(doc)
    assert [f.value for f in typed.figures] == [3900000000, 5] and not typed.errors
