"""Official 六个一 figures read from a page: counts per register, money as written and normalised, only
near a cue; kept by the projector per changed document and equal to a rebuild."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.projections import apply_changes, rebuild_all
from shuanglian.registers.official import add_official, official_figures, parse_official
from shuanglian.registers.tables import OfficialFigure
from shuanglian.store.documents import DocumentRow

LIST = """深圳市推进“两链融合”工作情况
截至目前，全市已梳理“六个一”清单：
一套创新载体与平台161个；
一批重点企业154家；
一批重点项目146个，总投资1641亿元；
一批境内外创新资源452个；
一批战略咨询机构36家。
另外，全市企业总数达230万家。"""


def _by(figs: list[dict]) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    return {(f["register"], f["measure"]): f for f in figs}


def test_a_six_registers_list_gives_each_register_its_figure() -> None:
    got = _by(parse_official(LIST))
    assert {k: f["text"] for k, f in got.items()} == {
        ("carriers", "count"): "161个", ("enterprises", "count"): "154家", ("projects", "count"): "146个",
        ("projects", "investment"): "1641亿元", ("resources", "count"): "452个", ("consultants", "count"): "36家",
    }  # fmt: skip
    assert got[("projects", "investment")]["value"] == 164_100_000_000
    s, e = got[("carriers", "count")]["span"]
    assert LIST[s:e] == "创新载体与平台161个"


def test_inline_list_and_no_cue() -> None:
    inline = "梳理形成161个创新载体、154家重点企业、146个重点项目（总投资1641亿元）、452个创新资源和36家战略咨询机构的“六个一”清单。"
    assert {k: f["value"] for k, f in _by(parse_official(inline)).items()} == {
        ("carriers", "count"): 161, ("enterprises", "count"): 154, ("projects", "count"): 146,
        ("projects", "investment"): 1641e8, ("resources", "count"): 452, ("consultants", "count"): 36,
    }  # fmt: skip
    assert parse_official("全市企业总数达230万家，新开工重点项目146个，总投资1641亿元。") == []
    # a cue only in the title: the first lines of the text are read
    assert _by(parse_official("一批重点企业154家；", title="深圳“六个一”清单"))[("enterprises", "count")]["value"] == 154


def test_projector_keeps_figures_per_document_and_equals_rebuild(session: Session) -> None:
    session.add(DocumentRow(id="six", content_hash="six" * 8, source="six.txt", raw=LIST, text=LIST,
                            published="2025-06-01"))  # fmt: skip
    session.add(DocumentRow(id="other", content_hash="oth" * 8, source="o.txt", raw="x", text="企业154家"))
    apply_changes(session)
    rows = {(f.register, f.measure): f for f in session.scalars(select(OfficialFigure))}
    assert len(rows) == 6 and rows[("projects", "investment")].text == "1641亿元"
    assert rows[("carriers", "count")].region == "深圳" and rows[("carriers", "count")].as_of == "2025-06-01"
    manual = add_official(session, "policies", "count", "12项", "alice", region="深圳市")
    before = {(f.id, f.text) for f in session.scalars(select(OfficialFigure))}
    rebuild_all(session)
    assert {(f.id, f.text) for f in session.scalars(select(OfficialFigure))} == before, "rebuild equals incremental"
    figs = official_figures(session, "深圳")
    assert figs["policies"]["count"]["id"] == manual["id"] and figs["enterprises"]["count"]["text"] == "154家"
    assert official_figures(session, "广州") == {}
    # the page changes: its figures follow
    doc = session.get(DocumentRow, "six")
    assert doc is not None
    doc.text = LIST.replace("161个", "170个")
    apply_changes(session)
    assert official_figures(session, "深圳")["carriers"]["count"]["text"] == "170个"
    with pytest.raises(ValueError, match="161个"):
        add_official(session, "carriers", "count", "许多", "alice")
