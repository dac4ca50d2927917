"""Issue 8, real-error classes left over from the news benchmarks and the real gold (read on MSRA dev, the CLUENER
dev part and real-gold half A only): one test per class."""

from __future__ import annotations

from shuanglian.extract.ner.tagger import NerSpan
from tests.extract.tokens import kinds as _kinds
from tests.extract.tokens import toks as _toks


def test_a_listed_first_item_starts_after_the_verb_that_opens_the_list() -> None:
    # 企业|有|李宁、康威…等公司: the list's first member is 李宁, not 企业有李宁
    text = "国内著名企业有李宁、康威、英派斯等公司。"
    toks = _toks(("国内", "s"), ("著名", "a"), ("企业", "n"), ("有", "v"), ("李宁", "PER"), ("、", "w"),
                 ("康威", "ORG"), ("、", "w"), ("英派斯", "ORG"), ("等", "u"), ("公司", "n"), ("。", "w"))
    kinds = _kinds(text, toks, [])
    assert "企业有李宁" not in kinds
    assert kinds.get("李宁") == "enterprise" and kinds.get("康威") == "enterprise"


def test_a_unit_named_after_its_parent_is_not_cut_at_the_parents_suffix() -> None:
    # LAC reads the branch as one word; its parent's suffix 中心 inside is no end of the name (subunit_suffixes)
    text = "中国人民银行宁波市中心支行行长殷兴山指出"
    toks = _toks(("中国人民银行宁波市中心支行", "ORG"), ("行长", "n"), ("殷兴山", "PER"), ("指出", "v"))
    kinds = _kinds(text, toks, [NerSpan(0, 13, "ORG", "pd", 0.99), NerSpan(0, 13, "COM", "clue", 0.99)])
    assert "中国人民银行宁波市中心支行" in kinds and "中国人民银行宁波市中心" not in kinds
    # a suffix-less tail after a complete name is still cut off (南开大学|化学)
    text = "南开大学化学学科排名靠前"
    toks = _toks(("南开大学化学", "ORG"), ("学科", "n"), ("排名", "vn"), ("靠前", "v"))
    assert "南开大学" in _kinds(text, toks, [])


def test_a_latin_person_three_readings_agree_on_and_a_latin_brand_with_a_number() -> None:
    # LAC and both heads read JohnConnor as a person; the People's Daily head is unsure (0.71) of a Latin name
    text = "反抗军成员JohnConnor。"
    toks = _toks(("反抗", "vn"), ("军", "n"), ("成员", "n"), ("JohnConnor", "PER"), ("。", "w"))
    spans = [NerSpan(5, 15, "PER", "pd", 0.71), NerSpan(5, 15, "PER", "clue", 0.93)]
    assert _kinds(text, toks, spans).get("JohnConnor") == "person"
    # LAC reads it as a noun: the People's Daily head must be sure, as before
    toks = _toks(("反抗", "vn"), ("军", "n"), ("成员", "n"), ("JohnConnor", "nz"), ("。", "w"))
    assert "JohnConnor" not in _kinds(text, toks, spans)
    # bet365: a Latin brand's number is no count (90后); a year after letters is an event's edition
    text = "bet365更是开出赔率"
    toks = _toks(("bet365", "nz"), ("更是", "d"), ("开出", "v"), ("赔率", "n"))
    spans = [NerSpan(0, 6, "ORG", "pd", 0.98), NerSpan(0, 6, "COM", "clue", 0.99)]
    assert _kinds(text, toks, spans).get("bet365") == "enterprise"
    text = "blizzcon2009正式开幕"
    toks = _toks(("blizzcon2009", "nz"), ("正式", "ad"), ("开幕", "v"))
    spans = [NerSpan(0, 12, "ORG", "pd", 0.98), NerSpan(0, 12, "ORGN", "clue", 0.97)]
    assert "blizzcon2009" not in _kinds(text, toks, spans)


def test_a_group_described_by_its_power_or_aim_is_no_name() -> None:
    # 投机集团, 领导集团: a set of people described, not a company; a named political group stays an organisation
    text = "国际金融投机集团对泰币进行了袭击，苏联领导集团和犯罪集团、胡风反革命集团、华润集团。"
    toks = _toks(("国际", "n"), ("金融", "n"), ("投机", "vn"), ("集团", "n"), ("对", "p"), ("泰币", "n"),
                 ("进行", "v"), ("了", "u"), ("袭击", "vn"), ("，", "w"), ("苏联", "LOC"), ("领导", "vn"), ("集团", "n"),
                 ("和", "c"), ("犯罪", "vn"), ("集团", "n"), ("、", "w"), ("胡风", "PER"), ("反革命", "n"),
                 ("集团", "n"), ("、", "w"), ("华润集团", "ORG"), ("。", "w"))
    kinds = _kinds(text, toks, [])
    assert not {"国际金融投机集团", "金融投机集团", "苏联领导集团", "犯罪集团"} & kinds.keys()
    assert kinds.get("胡风反革命集团") == "organization" and kinds.get("华润集团") == "enterprise"
