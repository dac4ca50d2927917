"""Quoted carrier names, the sentences tagged for carriers LAC cuts into common nouns, and page consistency."""

from __future__ import annotations

from shuanglian.extract.entities import extract_entities
from shuanglian.extract.entities.candidates import Cand
from shuanglian.extract.entities.groups import Ranges, quoted_carrier
from shuanglian.extract.entities.stage import _needs_tagger, _quoted_carriers
from shuanglian.extract.lac import Token


def test_quoted_slogan_inside_a_carrier_name() -> None:
    text = "建好用好“一带一路”国际技术转移中心，推进“一带一路”建设。"
    start = text.index("“")
    end = text.index("，")
    assert _quoted_carriers(text) == [(start, end)]  # the slogan followed by 建设 names no carrier
    slogan = Ranges([(start + 1, start + 5), (text.rindex("一带一路"), text.rindex("一带一路") + 4)])
    assert quoted_carrier(text, Cand(start, end, "platform", text[start:end]), slogan)
    # a slogan not inside the quotes of the name, or a name of no carrier kind, stays blocked
    assert not quoted_carrier(text, Cand(start + 1, end, "platform", text[start + 1 : end]), slogan)
    assert not quoted_carrier(text, Cand(start, end, "place", text[start:end]), slogan)


def test_quoted_carrier_found_whole() -> None:
    text = "建好用好“一带一路”国际技术转移中心、全国高校区域技术转移转化中心（成渝地区），新培育10个概念验证中心。"
    got = {(m.name, m.kind) for m in extract_entities(text)}
    assert ("“一带一路”国际技术转移中心", "platform") in got


def test_carrier_cut_into_common_nouns_is_tagged() -> None:
    words = [("建设", "v"), ("全国", "n"), ("高校", "n"), ("区域", "n"), ("技术", "n"), ("转移", "vn"), ("转化", "vn"),
             ("中心", "n"), ("。", "w"), ("我们", "r"), ("去", "v"), ("中心", "n")]
    toks, pos = [], 0
    for w, tag in words:
        toks.append(Token(pos, pos + len(w), w, tag))
        pos += len(w)
    text = "".join(w for w, _ in words)
    marks = _needs_tagger(text, toks)
    centre = text.index("中心")
    assert all(marks[centre : centre + 2])
    assert not any(marks[text.rindex("中心") :])  # 去|中心: the suffix after a verb names nothing


def test_every_occurrence_of_a_whole_name_on_the_page() -> None:
    text = ("全国高校区域技术转移转化中心落户广东，建成国家人工智能创新中心。"
            "用好大湾区国家技术创新中心、全国高校区域技术转移转化中心，深化合作。")
    ms = {m.name: m for m in extract_entities(text)}
    whole = ms.get("全国高校区域技术转移转化中心")
    assert whole is not None and len(whole.spans) == 2
    assert "区域技术转移转化中心" not in ms
