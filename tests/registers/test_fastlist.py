"""The indexed SQL listing (registers.fastlist) gives exactly the complete listing's answer for every
register, filter, sort column (both directions) and page window, and stays in step after edits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from shuanglian.registers.index import rebuild_index, sort_key
from shuanglian.registers.spec import get_spec
from shuanglian.registers.tables import RegisterEntry
from shuanglian.services.chains import place
from shuanglian.services.registers import import_register, list_register, register_names
from tests.registers.conftest import add_entity

PROJECTS = (
    "项目名称,牵头单位,投资额（亿元）,建设周期,状态,所在地\n"
    "脑解析与脑模拟设施,中国科学院深圳先进技术研究院,12.5,2021-2025,在建,深圳市光明区\n"
    "合成生物研究设施,深圳先进院,3,2021-2025,在建,深圳\n"
    "广州某项目,广州某公司,3,2022-2024,建成,广州市黄埔区\n"
    "无投资项目,某单位,,,谋划,东莞市\n"
)
RESOURCES = "名称,类型,所在地,国内外\n上海戊公司,企业,上海市,国内\n波士顿某研究所,科研院所,美国波士顿,境外\n"


def _graph(session: Session) -> None:
    add_entity(session, "enterprise", "深圳甲医疗公司", place="深圳市南山区", products=["监护仪", "除颤仪"], chain_leader="true")
    add_entity(session, "enterprise", "深圳乙公司", place="深圳市宝安区", industry="新能源")
    add_entity(session, "enterprise", "广州丙医疗公司", place="广州市", products=["彩超"])
    add_entity(session, "enterprise", "苏州丁医疗公司", place="苏州市", products=["呼吸机"])
    add_entity(session, "enterprise", "无地区公司")
    add_entity(session, "enterprise", "赛迪顾问股份有限公司", place="北京市")
    add_entity(session, "research_institute", "综合开发研究院（中国·深圳）", place="深圳市")
    add_entity(session, "lab", "深圳某实验室", place="深圳市", level="国家级")
    add_entity(session, "university", "天津大学", place="天津市", level="国家级")
    add_entity(session, "platform", "光明科学城", place="深圳市光明区")
    add_entity(session, "policy", "深圳市促进高端医疗器械产业集群高质量发展的若干措施")
    add_entity(session, "policy", "关于加快科技创新的若干措施", issuer="广东省人民政府")
    add_entity(session, "fund", "国家集成电路产业投资基金")
    import_register(session, "projects", PROJECTS.encode(), "csv", user="u")
    import_register(session, "resources", RESOURCES.encode(), "csv", user="u")
    import_register(session, "consultants", "名称,类型,所在地\n麦肯锡公司,机构,美国纽约\n".encode(), "csv", user="u")
    place(session)


def _same(session: Session, name: str, **kw: Any) -> dict[str, Any]:
    fast = list_register(session, name, **kw)
    slow = list_register(session, name, fast=False, **kw)
    assert (fast["total"], fast["rows"]) == (slow["total"], slow["rows"]), (name, kw)
    return fast


def test_every_register_filter_and_sort_matches_complete_listing(session: Session) -> None:
    _graph(session)
    filters: list[dict[str, Any]] = [
        {}, {"region": "深圳"}, {"region": "广东"}, {"region": "北京"}, {"chain": "高端医疗器械"},
        {"q": "医疗"}, {"q": "研究"}, {"region": "深圳", "chain": "高端医疗器械"},
    ]  # fmt: skip
    nonempty = 0
    for name in register_names():
        spec = get_spec(name)
        kinds = [{"kind": k} for k in spec.kinds[:2]] + [{"kind": next(iter(spec.kind_labels.values()))}]
        for f in filters + kinds:
            nonempty += _same(session, name, **f)["total"] > 0
        for col in [c.key for c in spec.columns] + ["kind_label", "unknown"]:
            for sort in (col, f"-{col}"):
                _same(session, name, sort=sort)
                for offset in (1, 3):
                    _same(session, name, sort=sort, limit=2, offset=offset)
    assert nonempty > 30  # the comparison is not between empty lists


def test_number_sort_puts_numbers_first_and_empties_last(session: Session) -> None:
    _graph(session)
    rows = _same(session, "projects", sort="-investment")["rows"]
    assert [r["investment"] for r in rows] == [12.5, 3.0, 3.0, None]
    assert [r["name"] for r in rows[1:3]] == ["广州某项目", "合成生物研究设施"]  # descending ties by name, reversed
    assert sort_key(True) == (0, 1.0, "") and sort_key(["a", "b"]) == (1, 0.0, "a、b") and sort_key([]) is None


def test_resources_are_decided_against_the_region(session: Session) -> None:
    _graph(session)
    sz = _same(session, "resources", region="深圳")
    names = {r["name"] for r in sz["rows"]}
    assert {"上海戊公司", "波士顿某研究所"} <= names  # imported outside resources
    assert {"广州丙医疗公司", "苏州丁医疗公司"} <= names  # outside, on a chain 深圳 has
    assert not names & {"深圳甲医疗公司", "无地区公司"}
    assert {r["name"] for r in _same(session, "resources")["rows"]} == {"上海戊公司", "波士顿某研究所"}


def test_index_follows_edits_and_can_be_rebuilt(session: Session) -> None:
    _graph(session)
    before = _same(session, "enterprises", region="深圳")["total"]
    add_entity(session, "enterprise", "深圳新公司", place="深圳市福田区")
    assert _same(session, "enterprises", region="深圳")["total"] == before + 1
    n = int(session.scalar(select(func.count()).select_from(RegisterEntry)) or 0)
    assert rebuild_index(session) == n
    session.execute(delete(RegisterEntry))  # an older database: listings answer by the complete path
    assert _same(session, "enterprises", region="深圳")["total"] == before + 1
    assert session.scalar(select(func.count()).select_from(RegisterEntry)) == 0  # reads never write
    assert rebuild_index(session) == n
    assert _same(session, "enterprises", region="深圳")["total"] == before + 1


def test_region_pages_never_build_the_place_hierarchy_once_region_scope_is_filled(
    session: Session, monkeypatch: Any
) -> None:
    _graph(session)
    from shuanglian.graph.region_scope import scope_ready
    from shuanglian.registers import listing

    assert scope_ready(session)
    expected = {n: list_register(session, n, region="深圳") for n in register_names()}

    def built(*_: Any, **__: Any) -> Any:
        raise AssertionError("the place hierarchy was built for a page region_scope answers")

    monkeypatch.setattr(listing, "stored_region_index", built)
    monkeypatch.setattr(listing, "load_views", built)
    for name in register_names():
        assert list_register(session, name, region="深圳") == expected[name], name
