"""Suffix-less enterprise names whose shape shows another kind (bare_names.bare_kind), one test per rule."""

from __future__ import annotations

from shuanglian.extract.entities.bare_names import bare_kind
from shuanglian.extract.lac import Token


def _toks(*pieces: tuple[str, str]) -> tuple[str, list[Token]]:
    text, toks = "", []
    for word, tag in pieces:
        toks.append(Token(len(text), len(text) + len(word), word, tag))
        text += word
    return text, toks


def _kind(text: str, name: str, toks: list[Token] | None = None) -> str | None:
    start = text.index(name)
    return bare_kind(text, start, start + len(name), toks or [])


def test_phase_or_facility_tail_is_a_platform() -> None:
    assert _kind("建成华能四期等项目", "华能四期") == "platform"
    assert _kind("依托曙光、天河超算等头部企业", "天河超算") == "platform"
    assert _kind("开工沂源石桥抽水蓄能项目", "沂源石桥抽水蓄能") is not None
    assert _kind("加快建设北斗低轨星网系统", "北斗低轨星网系统") is not None


def test_short_engineering_name_stays_a_company() -> None:
    assert _kind("中汽工程承建", "中汽工程") is None  # 工程/系统 name a project only after a longer name
    assert _kind("比亚迪二号线", "比亚迪") is None


def test_quoted_app_before_platform_word_is_a_platform() -> None:
    text = "深度优化“闽政通”、“闽执法”等平台"
    assert _kind(text, "闽政通") == "platform"
    assert _kind(text, "闽执法") is not None
    assert _kind("推广“渝快政”APP", "渝快政") is not None
    assert _kind("“比亚迪”品牌走向世界", "比亚迪") is None


def test_four_character_slogan_is_no_entity() -> None:
    assert _kind("开展“技兴三湘”职业技能培训", "技兴三湘") == ""
    assert _kind("打响“鹭引五洲”品牌", "鹭引五洲") == ""
    assert _kind("引进华兴资本", "华兴资本") is None


def test_part_of_a_quoted_slogan_is_no_entity() -> None:
    assert _kind("深入实施“东数西算”工程", "东数") == ""
    assert _kind("打响“好品山东 商行天下”品牌", "商行") == ""
    assert _kind("上线“闽政通”，企业", "闽政通") is None  # the whole quote is the name
    assert _kind("支持“华为云计算”发展", "华为") is None  # a company the gazetteer knows stays one
    assert _kind("东数科技与“算力券”", "东数") is None  # no quote around the name


def test_name_opening_on_a_preposition_is_a_fragment() -> None:
    text, toks = _toks(("加强", "v"), ("同", "p"), ("拉美", "LOC"), ("合作", "vn"))
    assert _kind(text, "同拉美", toks) == ""
    text, toks = _toks(("深化", "v"), ("同拉美", "ORG"), ("国家", "n"))
    assert _kind(text, "同拉美", toks) == ""  # LAC's one word: a preposition and a place
    assert _kind("和记黄埔投资", "和记黄埔") is None
    text, toks = _toks(("延长", "v"), ("石油", "n"), ("投产", "v"))
    assert _kind(text, "延长石油", toks) is None  # a verb opens company names (延长石油, 出光兴产)


def test_one_more_common_word_of_a_list_is_no_brand() -> None:
    text, toks = _toks(("发展", "v"), ("铜基", "n"), ("、", "w"), ("锡基", "ORG"), ("、", "w"), ("钛基", "nz"),
                       ("等", "u"))
    assert _kind(text, "锡基", toks) == ""
    text, toks = _toks(("依托", "v"), ("曙光", "n"), ("、", "w"), ("海光", "ORG"), ("、", "w"), ("麒麟", "n"))
    assert _kind(text, "海光", toks) is None  # one alike sibling: both brands


def test_extractor_retypes_project_and_app_and_drops_slogan(ents) -> None:  # type: ignore[no-untyped-def]
    got = ents("信息技术产业依托曙光、海光、麒麟、天河超算等头部企业。开展“技兴三湘”职业技能培训100万人次。"
               "深度优化“闽政通”、“闽执法”等平台。")
    assert got["天河超算"].kind == "platform"
    assert got["闽政通"].kind == "platform"
    assert got["曙光"].kind == "enterprise"
    assert "技兴三湘" not in got


def test_long_names_with_a_project_tail_are_projects() -> None:
    assert _kind("大唐压缩空气储能等项目投产达效", "大唐压缩空气储能") == "platform"  # owner + technology + 储能
    assert _kind("加快推进青石峁天然气、石嘴山矿区煤层气等开发利用", "青石峁天然气") == "platform"  # a field's gas
    assert _kind("海辰储能签约落户", "海辰储能") is None  # a brand and a business word: the company stays
