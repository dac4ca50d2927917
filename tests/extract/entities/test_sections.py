"""Sections of a report cut out of the page: no place named, yet bodies and sector lists named."""

from __future__ import annotations


def test_local_bodies_unplaced_kept_as_written(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("政府要主动接受省人大及其常委会的监督和省政协的民主监督，完善省政府与省总工会的联系机制。")
    assert e["省政协"].kind == "government" and e["省政府"].kind == "government"
    e = ents("自觉接受市政协的民主监督。")
    assert e["市政协"].kind == "government"


def test_levels_of_government_are_no_body(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("各直辖市政府和省辖市政府的机构改革基本完成。")
    assert "市政府" not in e


def test_bare_department_is_a_body(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("全面落实学生资助政策（牵头单位：教育厅、人社厅）。")
    assert e["教育厅"].kind == "government"


def test_bare_sector_words_in_a_list(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("要调整生产布局，促进林业、牧业和渔业全面发展。")
    assert e["林业"].kind == "industry" and e["牧业"].kind == "industry" and e["渔业"].kind == "industry"
    e = ents("积极吸引外资投向商贸、旅游、会计等方面。")
    assert e["商贸"].kind == "industry" and e["会计"].kind == "industry"


def test_bare_sector_words_not_alone_nor_in_fields(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("推动旅游高质量发展。")
    assert "旅游" not in e
    # a list of fields models are built for names sectors (real_gold README session-13 rule 6): 文旅, 物流 are
    # industries there, the whole-economy 工业 is not
    e = ents("支持工业、文旅、物流等领域大模型建设。")
    assert "工业" not in e and e["文旅"].kind == "industry"


def test_sector_words_in_a_service_list(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("金融、商业、电信等服务业对外开放进一步扩大。")
    assert e["电信"].kind == "industry" and e["金融"].kind == "industry"


def test_service_consumption_closer_cut_in_two(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("积极发展旅游、健身等服务性消费。")
    assert e["旅游"].kind == "industry" and e["健身"].kind == "industry"


def test_festivals_and_quoted_slogans_are_no_names(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("各地召开“新春第一会”，部署全年工作。")
    assert "新春" not in e
    e = ents("扎实做好“保交楼”工作，守住不发生系统性风险的底线。")
    assert "保交楼" not in e


def test_person_inside_a_doctrine_name(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("军队要在毛泽东军事思想的指引下加强建设，反对背离马克思列宁主义的错误倾向。")
    assert "毛泽东" not in e and "马克思" not in e
    e = ents("邓小平同志指出，发展才是硬道理。")
    assert e["邓小平"].kind == "person"


def test_sector_list_with_a_shared_head(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("逐步实现林业、牧业、渔业现代化。")
    assert e["渔业"].kind == "industry" and e["林业"].kind == "industry"


def test_industry_list_before_a_performance_noun(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("提升能源、化工、食品等传统产业质量效益。")
    assert e["能源"].kind == "industry"


def test_bare_department_cut_by_lac(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("新增养老床位2000张（牵头单位：民政厅）。")
    assert e["民政厅"].kind == "government"
    e = ents("走进宽敞的服务大厅，群众办事更方便。")
    assert not [m for m in e.values() if m.kind == "government"]


def test_pairings_are_no_places(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("携手港澳健全协商合作机制，深化粤港澳合作，推进京津冀协同发展。")
    assert "港澳" not in e and "粤港澳" not in e
    assert e["京津冀"].kind == "place"


def test_title_issuer_is_named(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("认真落实《国务院关于促进养老服务发展的意见》，加快补齐短板。")
    assert e["国务院"].kind == "government"
    e = ents("印发《江苏省促进数据产业发展行动方案》。")
    assert "江苏省" not in e


def test_games_short_names(ents) -> None:  # type: ignore[no-untyped-def]
    e = ents("我省健儿在全运会、残运会等赛事中屡创佳绩。")
    assert e["全运会"].kind == "organization"


def test_bare_assembly_of_a_supervision_clause_is_the_pages_body(ents) -> None:  # type: ignore[no-untyped-def]
    # 人大/政协 written bare where a report lists who supervises the government: the province's own bodies, not
    # 人大 the university (gold-o/gold-q convention, real_gold README)
    e = ents("2026年河北省政府工作报告\n要坚守法治原则，主动接受人大监督、政协监督和各方面监督。")
    assert e["人大"].name == "河北省人大" and e["人大"].kind == "government"
    assert e["政协"].name == "河北省政协" and e["政协"].kind == "government"
    e = ents("自觉接受人大及其常委会监督、政协民主监督，累计办理省人大代表建议6148件。")
    assert e["人大"].kind == "government" and e["人大"].name == "省人大"
    e = ents("依法接受市人大及其常委会的监督。去年举行的六届人大一次会议曾经指出。")
    assert "人大" not in e or e["人大"].kind != "university"
