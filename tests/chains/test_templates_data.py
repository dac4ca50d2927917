"""The shipped Shenzhen "20+8" chain templates: complete, well-formed, and specific enough to place entities."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from shuanglian.chains.templates import STAGES, load_template_file

DATA = Path(__file__).resolve().parents[2] / "src" / "shuanglian" / "chains" / "data"
# Written by the chains engineer as the format reference; it is richer (synonym lists) than the
# 8-25-terms-per-link budget the other 27 files keep, so only structure is checked for it.
REFERENCE = "high_end_medical_devices"

STRATEGIC = [
    "网络与通信", "半导体与集成电路", "超高清视频显示", "智能终端", "智能传感器", "软件与信息服务", "数字创意",
    "现代时尚", "工业母机", "智能机器人", "激光与增材制造", "精密仪器设备", "新能源", "安全节能环保", "智能网联汽车",
    "新材料", "高端医疗器械", "生物医药", "大健康", "海洋产业",
]  # fmt: skip
FUTURE = [
    "合成生物",
    "区块链",
    "细胞与基因",
    "空天技术",
    "脑科学与类脑智能",
    "深地深海",
    "可见光通信与光计算",
    "量子信息",
]
# Terms that would place almost any entity on a link: never allowed alone.
GENERIC = {"技术", "产品", "系统", "设备", "材料", "服务", "平台", "产业", "应用", "制造", "研发", "软件", "硬件",
           "企业", "创新", "科技", "芯片", "器件", "装备", "医疗", "数据", "网络", "智能", "工程", "检测"}  # fmt: skip
TERM_FIELDS = ("products", "technologies", "keywords")


def _raw() -> dict[str, dict[str, Any]]:
    out = {}
    for p in sorted(DATA.glob("*.yaml")):
        out[p.stem] = yaml.safe_load(p.read_text(encoding="utf-8"))
    return out


RAW = _raw()
OWN = sorted(k for k in RAW if k != REFERENCE)


def test_all_28_chains_present_once_with_right_category() -> None:
    names = Counter(obj["name"] for obj in RAW.values())
    assert set(names) == set(STRATEGIC) | set(FUTURE), set(names) ^ (set(STRATEGIC) | set(FUTURE))
    assert all(n == 1 for n in names.values()), names
    for obj in RAW.values():
        want = "future" if obj["name"] in FUTURE else "strategic_emerging"
        assert obj["category"] == want, obj["id"]
        assert obj["set"] == "shenzhen_20_8", obj["id"]


@pytest.mark.parametrize("stem", sorted(RAW))
def test_file_loads_with_the_loader_and_is_well_formed(stem: str) -> None:
    path = DATA / f"{stem}.yaml"
    tpl = load_template_file(path, origin="shipped")
    raw = RAW[stem]
    assert tpl.id == stem, "file name must be id + .yaml"
    assert tpl.name_en and raw.get("name_en"), stem
    assert tpl.industries, stem
    assert {ln.stage for ln in tpl.links} == set(STAGES), (
        f"{stem} needs upstream, midstream and downstream links"
    )
    ids = [ln.id for ln in tpl.links]
    assert len(ids) == len(set(ids))
    for ln, rl in zip(tpl.links, raw["links"], strict=True):
        assert ln.name_en, f"{stem}.{ln.id} lacks name_en"
        # feeds run with the flow: a link supplies the same or a later stage, never an earlier one
        for f in ln.feeds:
            assert f in ids
            assert STAGES.index(tpl.link(f).stage) >= STAGES.index(ln.stage), (
                f"{stem}.{ln.id} feeds {f} backwards"
            )
        for fld in TERM_FIELDS:
            assert fld in rl and rl[fld], f"{stem}.{ln.id}: {fld} missing or empty"


@pytest.mark.parametrize("stem", OWN)
def test_terms_are_specific_distinct_and_within_budget(stem: str) -> None:
    raw = RAW[stem]
    assert 5 <= len(raw["links"]) <= 8, stem
    stages = Counter(ln["stage"] for ln in raw["links"])
    assert stages["upstream"] >= 2 and stages["midstream"] >= 2 and stages["downstream"] >= 1, (stem, stages)
    for ln in raw["links"]:
        terms = [t for fld in TERM_FIELDS for t in ln[fld]]
        where = f"{stem}.{ln['id']}"
        assert 8 <= len(terms) <= 25, f"{where}: {len(terms)} terms"
        assert len(terms) == len(set(terms)), (
            f"{where}: duplicate terms {[t for t, n in Counter(terms).items() if n > 1]}"
        )
        for t in terms:
            assert t not in GENERIC, f"{where}: generic term {t!r}"
            assert len(t) >= 2, f"{where}: term {t!r} too short to match safely"
    # every downstream link is fed by something
    fed = {f for ln in raw["links"] for f in ln.get("feeds", [])}
    for ln in raw["links"]:
        if ln["stage"] != "upstream" and any("feeds" in x for x in raw["links"]):
            assert ln["id"] in fed, f"{stem}.{ln['id']} is fed by no link"


def test_no_term_spread_over_many_chains() -> None:
    """A term listed in many chains cannot tell chains apart; allow a little overlap (e.g. 激光雷达)."""
    where: dict[str, set[str]] = {}
    for stem, raw in RAW.items():
        for ln in raw["links"]:
            for fld in TERM_FIELDS:
                for t in ln[fld]:
                    where.setdefault(t, set()).add(stem)
    spread = {t: sorted(s) for t, s in where.items() if len(s) > 3}
    assert not spread, spread


@pytest.mark.parametrize(
    ("term", "chain", "link"),
    [
        ("光刻胶", "semiconductors_ic", "upstream_materials"),
        ("刻蚀机", "semiconductors_ic", "upstream_equipment"),
        ("封测", "semiconductors_ic", "midstream_packaging"),
        ("负极材料", "new_energy", "upstream_materials"),
        ("刀片电池", "new_energy", "midstream_batteries_storage"),
        ("新能源汽车", "intelligent_connected_vehicles", "midstream_vehicles"),
        ("疫苗", "biomedicine", "midstream_biologics"),
        ("AI药物发现", "biomedicine", "upstream_rd_services"),
        ("量子密钥分发", "quantum_information", "midstream_communication"),
        ("稀释制冷机", "quantum_information", "upstream_control_cryogenics"),
        ("谐波减速器", "intelligent_robots", "upstream_core_parts"),
        ("CAR-T", "cell_gene", "midstream_cell_therapy"),
        ("脑机接口", "brain_science", "midstream_bci"),
        ("5G基站", "network_communication", "midstream_equipment"),
        ("碳纤维", "new_materials", "midstream_structural"),
    ],
)
def test_domain_terms_sit_on_the_expected_link(term: str, chain: str, link: str) -> None:
    """Spot checks from domain knowledge: a maker of X belongs on this link of this chain."""
    raw = RAW[chain]
    hits = [ln["id"] for ln in raw["links"] if any(term in ln[f] for f in TERM_FIELDS)]
    assert hits == [link]
