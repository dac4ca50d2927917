"""Fund names (kind `fund`, issue 8): where a fund's name opens and ends, and what is no fund's name.

Rules in extract/entities/orgs.py, words in extract/data/fund_names.yaml."""

from __future__ import annotations


def _funds(ents, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.name: m.kind for m in ents(text).values()}


def test_national_level_opens_the_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "全国社会保障基金积累6927亿元，比上年增长44.2%。")
    assert got.get("全国社会保障基金") == "fund", got
    assert "社会保障基金" not in got


def test_level_cut_in_two_by_the_tagger_still_opens_the_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "省级政府投资引导基金规模扩大。")
    assert got.get("省级政府投资引导基金") == "fund", got
    assert got.get("省级政府") != "government", got


def test_field_written_noun_and_verb(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "设立乡村振兴基金和城市更新基金，用好政府投资基金。")
    assert got.get("乡村振兴基金") == "fund", got
    assert got.get("城市更新基金") == "fund", got
    assert not [n for n in got if n.startswith(("设立", "用好"))], got


def test_industry_before_a_generic_fund_word(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "设立稀土产业基金，加快轻稀土产业延链补链强链。发挥产业基金作用。")
    assert got.get("稀土产业基金") == "fund", got
    assert "产业基金" not in got


def test_adjective_of_the_industry_stays_in_the_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "国家已设立400亿元新兴产业创业投资引导基金，要整合筹措更多资金。")
    assert got.get("新兴产业创业投资引导基金") == "fund", got


def test_quoted_fund_name_and_its_short_name(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("做优“金芙蓉”基金矩阵，持续推进“金芙蓉”跃升行动。")
    fund = e.get("“金芙蓉”基金矩阵")
    assert fund is not None and fund.kind == "fund", {n: m.kind for n, m in e.items()}
    assert "金芙蓉" in fund.aliases
    assert not [m for m in e.values() if m.kind == "enterprise"]


def test_fund_family_assembles(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "重点领域改革协同发力。成立大宗商品等市级经营主体，推动设立国资并购基金矩阵、基石投资基金。")
    assert got.get("国资并购基金矩阵") == "fund", got
    assert got.get("基石投资基金") == "fund", got


def test_batches_and_classes_of_funds_are_not_names(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "将16支省级政府投资基金整合为2支基金。鼓励发展私募证券投资基金，完善私募股权投资基金管理。"
                       "新设两支产业基金和3只子基金。")
    assert not [n for n, k in got.items() if k == "fund"], got


def test_foundations_and_the_science_foundation_body_are_not_funds(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "国家自然科学基金委员会与中国青少年发展基金会签约，项目获得国家自然科学基金资助。")
    assert got.get("国家自然科学基金委员会") == "government", got
    assert got.get("中国青少年发展基金会") == "organization", got
    assert got.get("国家自然科学基金") == "fund", got


def test_money_of_a_kind_is_no_fund_but_the_national_one_is(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "加强社会保险基金监管，防止个人消费基金增长过快，编制政府性基金预算，建立地方水利建设基金。"
                       "建立了全国社会保障基金。")
    assert [n for n, k in got.items() if k == "fund"] == ["全国社会保障基金"], got


def test_a_clause_verb_before_the_field_stays_out(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "国家补贴转为粮食风险调节基金。企业按比例向国家交纳能源交通重点建设基金。")
    assert not [n for n in got if "转为" in n or "交纳" in n], got
    assert got.get("能源交通重点建设基金") == "fund", got


def test_quoted_reform_is_not_a_financing_product(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "把“拨改贷”资金转为国家资本金，推出“宁科贷”。")
    assert "拨改贷" not in got
    assert got.get("宁科贷") == "fund", got


def test_series_letter_and_a_joined_field_stay_in_the_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = _funds(ents, "成功落地国家科创协同发展母基金、国家创业投资S基金，全省“创投+产投”基金群加速扩容。")
    assert got.get("国家科创协同发展母基金") == "fund", got
    assert got.get("国家创业投资S基金") == "fund", got
    assert got.get("“创投+产投”基金群") == "fund", got


def test_a_verbs_complement_opens_no_funds_name(ents) -> None:  # type: ignore[no-untyped-def]
    got = {m.name: m.kind for m in ents("设立科创子基金，用好产业投资母基金和科技创新母基金。").values()}
    assert got.get("产业投资母基金") == "fund"
    assert "好产业投资母基金" not in got


def test_a_fund_named_by_its_field_in_nouns(ents) -> None:  # type: ignore[no-untyped-def]
    got = {m.name: m.kind for m in ents("发起设立科技成果转化基金。加强彩票公益基金预算管理。").values()}
    assert got.get("科技成果转化基金") == "fund"
    assert "彩票公益基金" not in got  # money of a kind (class_tails)
