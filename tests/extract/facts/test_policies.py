"""PolicyStage: titles in 《》 and quoted programme names, issuers, periods, exclusions."""

from __future__ import annotations

import re

from shuanglian.document import Document, Mention
from shuanglian.extract.facts import PolicyStage
from shuanglian.extract.facts.common import load_data
from shuanglian.extract.facts.policies import extract_policies, normalise_title


def mention(text: str, name: str, kind: str) -> Mention:
    return Mention(name, kind, spans=[(m.start(), m.end()) for m in re.finditer(re.escape(name), text)])


def test_issuer_from_entities_and_period_from_title() -> None:
    text = "近日，国务院印发《“十四五”数字经济发展规划》（以下简称《规划》），《规划》提出到2025年目标。"
    doc = Document(source="t", text=text, entities=[mention(text, "国务院", "government")])
    PolicyStage()(doc)
    assert len(doc.policies) == 1  # 《规划》 refers back to the full title
    p = doc.policies[0]
    assert p["title"] == "“十四五”数字经济发展规划"
    assert p["issuer"] == "国务院"
    assert p["period"] == "十四五"
    s, e = p["span"]
    assert text[s:e] == "《“十四五”数字经济发展规划》"


def test_first_of_joint_issuers_and_period_in_parentheses() -> None:
    text = "工业和信息化部、教育部等十七部门联合印发《“机器人+”应用行动实施方案（2023-2025年）》。"
    ents = [mention(text, "工业和信息化部", "government"), mention(text, "教育部", "government")]
    (p,) = extract_policies(text, ents)
    assert p["issuer"] == "工业和信息化部"
    assert p["period"] == "2023-2025"


def test_issuer_without_entities_and_place_issuers() -> None:
    (p,) = extract_policies("阿里研究院跨境电商研究中心在论坛上发布了《跨境产业链变迁研究报告》。")
    assert p["issuer"] == "阿里研究院跨境电商研究中心"
    text = "深圳出台《关于促进生物医药产业集群发展的若干措施》。"
    (p,) = extract_policies(text, [mention(text, "深圳", "place")])
    assert p["issuer"] == "深圳"


def test_songs_books_newspapers_and_headlines_are_not_policies() -> None:
    text = (
        "现场唱起《好日子》，他最爱读《平凡的世界》这本书，接受《科技日报》记者采访。"
        "（原标题《黄坤明到深圳调研》）"
    )
    assert extract_policies(text) == []


def test_quoted_programmes() -> None:
    titles = [
        p["title"]
        for p in extract_policies("实施十年“卓粤”计划，推进“双百行动计划”和“一号发展工程”，开展“量子科学与工程”专项。")
    ]
    assert titles == ["卓粤计划", "双百行动计划", "一号发展工程"]
    assert extract_policies("对他们做出的“过火”行动，共产党什么时候实行过“骄民政策”？") == []


def test_excluded_ranges_are_skipped() -> None:
    text = "省政府印发《关于加快发展的实施意见》。乱码《某某行动方案》"
    cut = text.index("乱码")
    assert [p["title"] for p in extract_policies(text, [], [(cut, len(text))])] == ["关于加快发展的实施意见"]


def test_normalise_title() -> None:
    assert normalise_title("《高端装备三年行动计划（2022-2024）》") == "高端装备三年行动计划"
    assert normalise_title("“十四五” 规划") == "十四五规划"


def test_cited_policies_take_the_issuer_named_later_or_the_title_place() -> None:
    text = "记者从省科技厅获悉，根据《陕西省推进平台建设若干措施》，将给予奖励。该措施由陕西省人民政府办公厅于近日印发。"
    ents = [mention(text, "省科技厅", "government"), mention(text, "陕西省人民政府办公厅", "government")]
    (p,) = extract_policies(text, ents)
    assert p["issuer"] == "陕西省人民政府办公厅"
    text = "根据《深圳市促进医疗器械产业发展的若干措施》，对企业给予奖励。"
    (p,) = extract_policies(text, [Mention("深圳市", "place", ["深圳"], [(3, 6)])])
    assert p["issuer"] == "深圳市"


def test_a_government_earlier_in_the_sentence_issues_a_programme() -> None:
    text = "东莞市工业和信息化局表示，将实施智能终端产业链“强链补链”行动。"
    (p,) = extract_policies(text, [mention(text, "东莞市工业和信息化局", "government")])
    assert (p["title"], p["issuer"]) == ("智能终端产业链强链补链行动", "东莞市工业和信息化局")


def test_reports_named_before_their_issuer_and_programme_names_after_quotes() -> None:
    text = "此外，《中国制造业数字化转型发展报告（2023）》近日由中国电子信息产业发展研究院发布。浙江省启动实施“415X”先进制造业集群培育工程。"
    ents = [mention(text, "中国电子信息产业发展研究院", "research_institute"), mention(text, "浙江省", "place")]
    report, programme = extract_policies(text, ents)
    assert (report["issuer"], report["period"]) == ("中国电子信息产业发展研究院", "2023")
    assert (programme["title"], programme["issuer"]) == ("415X先进制造业集群培育工程", "浙江省")


def test_unquoted_programmes_after_a_verb_are_policies() -> None:
    from shuanglian.extract.facts.policies import extract_policies

    text = (
        "深入实施服务业扩能提质行动、数字基础设施提升行动和提振消费专项行动，实施3000个技改项目，"
        "坚持积极的财政政策，深圳出台了各产业集群行动计划，将实施智能终端产业链“强链补链”行动。"
    )
    titles = [p["title"] for p in extract_policies(text)]
    assert titles == ["服务业扩能提质行动", "数字基础设施提升行动", "提振消费专项行动", "智能终端产业链强链补链行动"]


def titles_of(text: str) -> list[str]:
    return [p["title"] for p in extract_policies(text)]


def test_programmes_after_tui_jin_verbs_and_a_verb_after_the_campaign() -> None:
    assert titles_of("深入推进特殊引才计划和关键核心技术人才工程，纵深推进碳达峰专项行动。") == [
        "特殊引才计划", "关键核心技术人才工程", "碳达峰专项行动"]
    assert titles_of("推进人才兴皖工程提质增效，创建平台。") == ["人才兴皖工程"]
    assert titles_of("依法行政能力提升行动深入开展，覆盖率100%。陕皖直流输电工程有序推进。") == ["依法行政能力提升行动"]


def test_edition_words_and_levels_before_a_programme() -> None:
    # an issued plan's new edition is the plan; a national campaign keeps 新一轮 but not the level running it
    assert titles_of("推动出台新一轮南沙总体发展规划，深度对接国家新一轮重点产业链高质量发展行动。") == [
        "南沙总体发展规划", "新一轮重点产业链高质量发展行动"]
    # an issued title may open with a verb; an implemented programme loses it
    assert titles_of("出台加快发展生物制造产业实施方案，实施加快推进城市更新行动。") == [
        "加快发展生物制造产业实施方案", "城市更新行动"]


def test_rank_named_works_stances_and_category_words_are_not_programmes() -> None:
    assert titles_of("实施好重大生态工程，要落实就业优先政策，出台纾困帮扶政策，落实鼓励数据产业发展十条政策。") == [
        "鼓励数据产业发展十条政策"]
    assert titles_of("深入实施高等教育学科专业设置调整优化三年行动，实施风光水火等多能互补工程。") == [
        "高等教育学科专业设置调整优化三年行动"]
    assert titles_of("实施好转基因生物新品种培育科技重大专项。") == ["转基因生物新品种培育科技重大专项"]


def test_quoted_names_and_their_follower() -> None:
    # the field between the verb and the quote is the name's (the real gold's convention, not that of
    # tests/fixtures/gold); a list's earlier item and a scope word are not
    text = "开展人工智能“双百工程”，实施科技英才领航工程和“双千”计划，广东省出台全省“数字政府”建设总体规划实施方案。"
    assert titles_of(text) == ["人工智能双百工程", "科技英才领航工程", "双千计划", "数字政府建设总体规划实施方案"]
    # 的 ends the quote's part: the name is what follows it; 和 joins two things the quote names neither of
    assert titles_of("深入推进以“智改数转网联绿色”为特征的新型技术改造工程。") == ["新型技术改造工程"]
    assert titles_of("深化“双一流”培育和新一轮高峰学科建设行动。") == ["新一轮高峰学科建设行动"]


def test_quoted_names_need_a_verb_of_their_sentence_and_no_role_or_layout() -> None:
    assert titles_of("施工有序推进。甘肃“千亿有机奶源建设工程”全面复产。") == []
    assert titles_of("安徽把为民办实事作为开年“一号工程”，专班推进。") == []
    assert titles_of("协调推进“四个全面”战略布局，落实“一本三基四梁八柱”战略框架。") == []
    assert titles_of("全力打好“三北”工程三大标志性战役，推动“共同成长计划”提质扩面。") == ["三北工程", "共同成长计划"]


def test_plans_named_by_number_and_bare_report_titles() -> None:
    assert titles_of("2025年是“十四五”规划收官之年。第六个五年计划规定，大体保持第五个五年计划期间的水平。") == [
        "十四五规划", "第六个五年计划"]
    assert titles_of("体现了自治区党委《建议》提出的原则。《纲要草案》坚持以人民为中心。") == ["建议", "纲要草案"]
    # a bare 《规划》 still refers back, and so does 《建议》 after the full title
    assert titles_of("国务院印发《关于制定十五五规划的建议》。《建议》提出，《规划》明确。") == ["关于制定十五五规划的建议"]


def test_a_body_written_right_before_the_title_is_its_issuer() -> None:
    text = "依据自治区党委《建议》，聚焦重大问题。"
    (p,) = extract_policies(text, [mention(text, "自治区党委", "government")])
    assert (p["title"], p["issuer"]) == ("建议", "自治区党委")


def titles(text: str, entities: list[Mention] | None = None) -> list[str]:
    return [p["title"] for p in extract_policies(text, entities)]


def test_short_five_year_plan_names_need_their_quotes() -> None:
    assert titles("先回顾“六五”计划的执行情况，这是制定“七五”计划的依据。") == ["六五计划", "七五计划"]
    assert titles("“十五”计划顺利完成。") == ["十五计划"]
    assert titles("他们七五计划好了。") == []


def test_counted_quoted_names_take_their_field() -> None:
    assert titles("全面开展海岸带修复“三大行动”，成效明显。") == ["海岸带修复三大行动"]
    assert titles("大力推进重点镇“五大提升”工程，促进城乡统筹。") == ["重点镇五大提升工程"]
    # a slogan with a measure word is no count, but the field before it is the name's all the same
    assert titles("加快推进城区供暖“一张网”工程。") == ["城区供暖一张网工程"]


def test_programme_runs_around_quotes_and_document_heads_with_de() -> None:
    assert titles("打好大气污染防治三年行动“攻坚战”，紧盯重点领域。") == ["大气污染防治三年行动"]
    assert titles("深入实施以质量为核心的制造业提升三年行动计划。") == ["以质量为核心的制造业提升三年行动计划"]
    assert titles("全面实施“推进数字转型行动”，前瞻布局。") == ["推进数字转型行动"]
    assert titles("落实积极的就业计划。") == []  # a stance with 的, no document head


def test_unquoted_titled_documents_and_their_issuers() -> None:
    text = "国务院最近批准了商务部、财政部关于扩大对外开放若干问题的报告。"
    (p,) = extract_policies(text, [mention(text, "商务部", "government"), mention(text, "财政部", "government")])
    assert p["title"] == "关于扩大对外开放若干问题的报告"
    assert p["issuer"] == "商务部"
    (p,) = extract_policies("在党中央关于农村改革的决定指引下，各地积极探索。")
    assert (p["title"], p["issuer"]) == ("关于农村改革的决定", "党中央")
    (p,) = extract_policies("教育部关于加强师资培训的通知已经下发。")
    assert (p["title"], p["issuer"]) == ("关于加强师资培训的通知", "教育部")
    assert titles("大家关于这件事的意见很多。") == []  # no verb, no body before 关于


def test_title_written_as_body_about_names_its_issuer() -> None:
    (p,) = extract_policies("根据《中共湖南省委关于制定十五五规划的建议》，省政府编制了纲要。")
    assert p["issuer"] == "中共湖南省委"


def test_named_reform_pilots_and_works_are_not_programmes() -> None:
    assert titles("加快成渝要素市场化配置综合改革试点，深化国企改革。") == ["成渝要素市场化配置综合改革试点"]
    assert titles("加快建设北通道输电工程，开展试点。") == []
    assert titles("加快城北调蓄工程建设，推动市区环线扩容工程。") == []


def test_laws_regulations_and_outlines_without_quotes() -> None:
    assert titles("国家颁布了矿产资源法和森林保护条例。") == ["矿产资源法", "森林保护条例"]
    assert titles("争取提前实现全国农业发展纲要的目标。") == ["全国农业发展纲要"]
    assert titles("去年，土地管理法、城市规划条例相继颁布。") == ["土地管理法", "城市规划条例"]
    assert titles("要依法行政，改进工作方法。") == []
    assert titles("推动出台数字经济促进条例。") == ["数字经济促进条例"]


def test_shared_heads_are_expanded() -> None:
    assert titles("深入实施强产业、强城市、强生态行动。") == ["强产业行动", "强城市行动", "强生态行动"]
    assert titles("开展黑臭水体清零、工业园区污水整治等专项行动。") == ["黑臭水体清零专项行动", "工业园区污水整治专项行动"]
    # items of unequal shape are one name written whole, or qualifiers of one programme: not split
    assert titles("实施母婴关爱、孕产期保健和出生缺陷防治能力提升计划。") == []
    assert titles("实施高水平通用、垂类大模型培育工程。") == []


def test_named_subsidy_and_tax_policies_but_not_stances() -> None:
    assert titles("落实家电购置补贴政策，优化生育支持。") == ["家电购置补贴政策"]
    assert titles("落实就业优先政策。") == []


def test_one_five_year_plan_in_two_forms_is_one_policy() -> None:
    assert titles("提出了“八五”计划的任务。第八个五年计划草案已经制定完毕。") == ["八五计划"]
    assert titles("第八个五年计划草案已经制定完毕。") == ["第八个五年计划"]


def test_named_strategies_are_not_policies_but_their_actions_and_the_eight_rules_are() -> None:
    # README session 13 rule 3: a strategy is a direction; actions named after one stay; 中央八项规定 is a regulation
    assert titles("实施“走出去”战略，深入实施八八战略，实施新一轮找矿突破战略行动。") == ["新一轮找矿突破战略行动"]
    assert titles("锲而不舍落实中央八项规定精神，推进作风建设。") == ["中央八项规定"]
    assert titles("深入贯彻中央八项规定精神学习教育。") == []


def test_the_field_before_a_quoted_name_is_the_names() -> None:
    assert titles("实施农村牧区“客货邮”融合发展行动，打造示范。") == ["农村牧区客货邮融合发展行动"]
    assert titles("迭代实施软信产业“满天星”行动。开展新一轮生物经济“双百工程”。") == [
        "软信产业满天星行动", "生物经济双百工程"]
    # a whole quoted name with its programme word starts at its quote (unless it is a count)
    assert titles("持续开展企业上市“天骏计划”。实施新时代“中医药攀登工程”。") == ["天骏计划", "中医药攀登工程"]
    # a duration is no field; nor is a selection verb's programme someone else's
    assert titles("实施十年“卓粤”计划。") == ["卓粤计划"]


def test_shared_heads_of_field_and_action_items() -> None:
    assert titles("实施饲草料供给提升、肉牛肉羊增产增效、奶业振兴行动，确保产量。") == [
        "饲草料供给提升行动", "肉牛肉羊增产增效行动", "奶业振兴行动"]


def test_laws_with_their_edition_and_the_basic_laws() -> None:
    assert titles("认真实施修改后的个人所得税法，减轻税负。") == ["个人所得税法"]
    assert titles("香港特别行政区基本法得到全面贯彻执行。") == ["香港特别行政区基本法"]
    assert titles("实施方法很多。") == []


def test_full_names_of_older_five_year_plans() -> None:
    assert titles("审议国民经济和社会发展十年规划和第八个五年计划纲要。") == ["国民经济和社会发展十年规划和第八个五年计划纲要"]
    assert titles("国民经济和社会发展第七个五年计划规定，“七五”计划期间。") == ["国民经济和社会发展第七个五年计划"]


def test_laws_proposed_or_followed_and_short_law_names() -> None:
    assert titles("国务院提请全国人大常委会审议了社会保险法、防震减灾法等8件法律议案。") == ["社会保险法", "防震减灾法"]
    assert titles("要按国家公务员条例的规定录用。全面实施新的企业所得税法。颁布实施森林法。") == [
        "国家公务员条例", "企业所得税法", "森林法"]
    # a modifier before a two-character law, a bare 基本法 and a run that refers back are no names
    assert titles("颁布了新宪法，严格按照基本法办事，争取提前实现这个纲要。") == []


def test_examples_of_a_kind_conjunctions_and_kinds_of_plan() -> None:
    assert titles("实施“引黄济津”等应急调水工程。") == []
    assert titles("制定并实施了土地利用总体规划。") == ["土地利用总体规划"]
    assert titles("研究制定我国国民经济和社会发展第十个五年计划，编制长期计划。") == ["国民经济和社会发展第十个五年计划"]


def test_plans_sought_measured_programmes_and_sets_of_programmes() -> None:
    assert titles("争取自贸试验区海洋经济政策集成改革方案、上合示范区高质量发展实施方案获批。") == [
        "自贸试验区海洋经济政策集成改革方案", "上合示范区高质量发展实施方案"]
    assert titles("争取进入国家规划。") == []  # being taken into a plan
    assert titles("实施农村公路安全生命防护工程3万公里。") == ["农村公路安全生命防护工程"]
    assert titles("果断出台一揽子超常规政策措施。") == []


def test_titles_broken_over_lines_and_name_lines() -> None:
    # the national records put 《 and 》 on the lines around a title; a section may start inside one
    text = "国务院制定了《\n全面推进依法行政实施纲要\n》，明确了目标。各级政府认真实施《\n行政许可法"
    assert titles(text) == ["全面推进依法行政实施纲要", "行政许可法"]


def test_two_documents_joined_kinds_of_plan_and_prepositions() -> None:
    assert titles("抓紧制定文化体制改革总体方案和文化发展纲要。") == ["文化体制改革总体方案", "文化发展纲要"]
    assert titles("研究制定在全国范围内实施方案。要周密制定改革方案。") == []


def test_laws_given_as_examples_and_kinds_of_regulation() -> None:
    text = "制订了许多重要的法律，如工会法、劳动保险条例、农业合作社示范章程、婚姻法等等。国家颁布暂行条例、决定、指示。"
    assert titles(text) == ["工会法", "劳动保险条例", "农业合作社示范章程", "婚姻法"]
    assert titles("如果工作方法、做法好。") == []


def test_a_second_verb_joined_to_the_issuing_one_is_not_the_names() -> None:
    assert titles("实现第七个五年计划，制定和实行第八个五年计划。") == ["第七个五年计划", "第八个五年计划"]


def test_glossary_headwords_and_programmes_said_to_be_completed() -> None:
    text = "25.应急管理高质量发展“2653”行动：聚焦安全。\n1.科技英才领航工程和“双千”计划：面向2030年。\n3.新质生产力：是指"
    assert titles(text) == ["应急管理高质量发展2653行动", "科技英才领航工程", "双千计划"]
    assert titles("“百万人才进海南”行动计划提前完成。") == ["百万人才进海南行动计划"]


def test_counted_packages_of_articles_take_their_field() -> None:
    assert titles("出台支持中南部县城发展“19条”，县域经济稳步发展。") == ["支持中南部县城发展19条"]
    assert titles("落实“八条”。") == []


def test_a_managing_measure_taking_effect_in_a_place() -> None:
    text = "这个月，珠港澳科技创新合作项目管理办法在珠海正式实施，当地采取补助。执行资金管理方法。"
    assert titles(text) == ["珠港澳科技创新合作项目管理办法"]


def test_quoted_programmes_after_gao_hao_and_zhua_hao() -> None:
    assert titles("搞好“文化扶贫工程”。切实抓好新一轮“菜篮子”工程建设。不搞劳民伤财的“形象工程”。") == [
        "文化扶贫工程", "菜篮子工程"]


def test_headings_campaigns_of_law_and_parts_of_names() -> None:
    assert titles("超额完成生产计划\n正文。") == []  # a heading says something is done
    assert titles("实施“九五”普法，开展服务。") == []  # a campaign to teach the law, no law
    # the programme a counted name opens with stays; the Basic Law inside a longer title is that title's
    assert titles("实施整体提升教育水平攻坚行动“七大工程”。") == ["整体提升教育水平攻坚行动七大工程", "整体提升教育水平攻坚行动"]
    assert titles("严格执行《中华人民共和国香港特别行政区基本法》。") == ["中华人民共和国香港特别行政区基本法"]
    assert titles("落实民营经济促进法和市民营经济促进条例。") == ["民营经济促进法", "市民营经济促进条例"]
    assert titles("推进建设“万村千乡”市场工程。") == ["万村千乡市场工程"]


def test_plans_to_be_fulfilled_prepositions_and_some_regulations() -> None:
    assert titles("争取超额完成生产计划。制定并向社会公布年度住房建设计划。并将继续颁布一些规章条例。") == []


def test_a_quoted_word_ending_in_tiao_is_a_package_only_when_counted() -> None:
    # 条 alone closes a package of articles only after a numeral (“19条”, “稳增长十条”), not any word (链条)
    assert titles("推动“产业链条”向高端延伸。推进“上下游链条”。") == []
    assert titles("出台“稳增长十条”，推出“稳外贸20条”。") == ["稳增长十条", "稳外贸20条"]
    assert titles("出台支持中南部县城发展“19条”，县域经济稳步发展。") == ["支持中南部县城发展19条"]


def test_a_glossary_headword_opening_with_a_programme_verb_is_named_without_it() -> None:
    # the verb and its adverb say what is done with the programme (深入实施, 扎实推进), not its name
    text = "1.深入实施科技创新行动：聚焦前沿。\n3、扎实推进乡村振兴工程：加快建设。\n4.大力实施人才强省工程：引育人才。"
    assert titles(text) == ["科技创新行动", "乡村振兴工程", "人才强省工程"]
    # a name opening with a word that only follows a verb (好房子) keeps it
    assert titles("5.好房子建设行动：提升品质。") == ["好房子建设行动"]


def test_a_modifier_word_opens_only_three_character_example_laws() -> None:
    # 新宪法 is 新 + 宪法, but 新闻出版条例 and 原子能法 are names of their own
    text = "制订了许多重要的法律，如工会法、劳动保险条例、新宪法、新闻出版条例、原子能法等等。"
    assert titles(text) == ["工会法", "劳动保险条例", "新闻出版条例", "原子能法"]


def test_example_openers_and_words_joined_to_an_issuing_verb_come_from_the_yaml() -> None:
    data = load_data("policies.yaml")
    for word in data["example_openers"]:  # 例如, 比如, …; a bare 如 after punctuation
        assert titles(f"制订了许多法律，{word}工会法、婚姻法等等。") == ["工会法", "婚姻法"], word
    assert titles("如果工作方法、做法好。") == []
    for word in data["issuing_joined"]:  # 推动出台并实施X条例: the second verb is not the name's
        assert titles(f"推动出台{word}中小企业促进条例。") == ["中小企业促进条例"], word
        assert titles(f"出台{word}加快发展生物制造产业实施方案。") == ["加快发展生物制造产业实施方案"], word


def test_named_reform_pilots_run_by_a_verb_or_opening_their_clause_are_policies() -> None:
    # a pilot named by its reform after a verb that runs it, or opening its clause before a verb of spreading
    text = ("开展营业税改征增值税试点，继续抓好城镇医疗保险制度改革的试点。启动和扩大增值税转型改革试点。"
            "农村税费改革试点扩大到全国。")
    assert titles(text) == ["营业税改征增值税试点", "城镇医疗保险制度改革的试点", "增值税转型改革试点", "农村税费改革试点"]
    # a kind, a count or a set of pilots and a pilot's town or range are none
    assert titles("进行了多种形式的改革试点。开展改革试点，扩大输配电价改革试点范围，推进4个城市综合改革试点。") == []
    assert titles("推进集体产权制度等改革试点。") == []
    # a pilot not named by a reform is one too (session-14 convention 1)
    assert titles("支持城市开展中小企业数字化转型试点。") == ["中小企业数字化转型试点"]


def test_every_pilot_named_by_what_is_piloted_is_a_policy() -> None:
    # session-14 convention 1: wherever it stands, without the verb, place, count or kind around it
    text = ("务实开展智慧城市、海绵城市、无废城市试点建设。加快北斗规模应用试点城市建设。"
            "推进4个中小企业数字化转型城市试点。加快西宁市国家碳达峰试点、南川零碳园区建设。"
            "“一刻钟便民生活圈”试点实现地级市全覆盖。协同推进自动驾驶和“车路云一体化”试点。")
    ents = [Mention("西宁市", "place", spans=[(text.index("西宁市"), text.index("西宁市") + 3)])]
    assert [p["title"] for p in extract_policies(text, ents)] == [
        "智慧城市试点", "海绵城市试点", "无废城市试点", "北斗规模应用试点", "中小企业数字化转型城市试点",
        "国家碳达峰试点", "一刻钟便民生活圈试点", "自动驾驶试点", "车路云一体化试点"]
    # fields sharing one pilot, pilots counted as units, a lab, a range, bare kinds and 等-lists are none
    assert titles("开展耕地、林地、草地权属交叉化解试点，化解矛盾。“先投后股”试点22项。") == []
    assert titles("来到青岛海洋科学与技术试点国家实验室。纳入科技成果转化试点范畴。") == []
    assert titles("支持郑州、洛阳创建国家级试点城市。开展若干新的试点。支持开展零售业创新提升等消费领域国家试点。") == []
    assert titles("财政科学管理改革成为全国试点。农村信用社改革开始在8个省（市）试点。") == []


def test_a_named_pilot_holds_no_verb_subject_time_word_or_count() -> None:
    # the verb, time word or subject before a pilot is not its name; a verb right before 试点 leaves none
    text = ("推动国家碳达峰试点取得实效。推动FT账户试点扩围。加大万兆光网试点力度。新增22个新型城镇化建设试点。"
            "今年新增智慧城市试点。建成龙江民居试点。累计打造省级高品质住宅试点。验收中央部署重庆改革试点。")
    ents = [Mention("重庆", "place", spans=[(text.index("重庆"), text.index("重庆") + 2)])]
    assert [p["title"] for p in extract_policies(text, ents)] == [
        "国家碳达峰试点", "FT账户试点", "万兆光网试点", "新型城镇化建设试点", "智慧城市试点", "龙江民居试点",
        "省级高品质住宅试点"]
    # counts, sets, a body made a pilot, a subject running pilots, a base: no pilot named
    assert titles("推动30余项试点落地。新增一批绿色开采试点。承担百余项国家级改革试点。建设大同国家数据标注基地试点。"
                  "支持优势地区开展试点。引导产业集群和园区开展试点。一是推进试点。我市被列为全国首批试点。"
                  "选取10家企业作为试点。") == []
    # A试点、B试点: each item has its own 试点, none gets a second
    assert titles("获批现代商贸流通体系试点、零售业创新提升试点。") == ["现代商贸流通体系试点", "零售业创新提升试点"]


def test_a_construction_or_renewal_programme_carried_out_is_a_policy_a_work_built_is_not() -> None:
    # after 实施 a 建设工程/改造工程 of a field names a programme; built or pushed on it is a work
    text = "大力实施文明乡风建设工程，接续实施现代设施农业更新改造工程，创新实施马克思主义理论研究和建设工程。"
    assert titles(text) == ["文明乡风建设工程", "现代设施农业更新改造工程", "马克思主义理论研究和建设工程"]
    assert titles("推进城市道路建设工程，加快老旧小区改造工程。") == []


def test_a_quoted_slogan_of_short_parts_run_by_a_programme_verb_names_the_programme() -> None:
    text = "深入实施“千村引领、万村升级”工程，持续实施“扩量、提质、延链、增效”行动。"
    assert titles(text) == ["千村引领、万村升级工程", "扩量、提质、延链、增效行动"]
    # without a programme verb right before it, a quoted list is a slogan (“形象工程”、“政绩工程” are two quotes)
    assert titles("坚持“稳中求进、以进促稳”工程建设思路。") == []


def test_tuixing_carries_a_programme_out_like_shishi() -> None:
    # 推行 (carry out, put into practice) introduces programmes as 实施 does, quoted or not
    assert titles("持续推行中华古籍保护计划。大力推行“星火计划”。") == ["中华古籍保护计划", "星火计划"]
    assert titles("推行协调方案，迅速克服困难。") == []  # a kind of plan


def test_a_banfa_named_by_its_field_after_an_issuing_verb_is_a_regulation() -> None:
    text = "出台养老保险关系转移接续办法。制定实施农民工养老保险办法。"
    assert titles(text) == ["养老保险关系转移接续办法", "农民工养老保险办法"]
    # ways and kinds, and a way improved, are no names
    assert titles("制定盘活财政存量资金的有效办法。制定非公有制企业进入特许经营领域具体办法。完善出口退税办法。") == []


def test_a_second_issuing_verb_and_a_set_word_are_not_a_banfa_name() -> None:
    # 制定出台…办法: the second issuing verb is stripped like the first (no 出台养老保险…办法)
    assert titles("省里制定出台养老保险关系转移接续办法。") == ["养老保险关系转移接续办法"]
    assert titles("省里制定出台奖补办法。") == []  # 奖补办法: too short to be a name once the verbs are off
    # a set of 办法 (一系列, 一批, 若干, 多项: measure_set_words) is no name
    assert titles("出台了一系列稳增长办法。") == []
    data = load_data("policies.yaml")
    for word in data["measure_set_words"]:
        assert titles(f"制定{word}支持民营企业发展办法。") == [], word


def test_a_quoted_short_name_followed_by_policy_is_a_policy() -> None:
    # session-14 convention 2: “两新”政策 -> 两新政策 wherever it stands; not its funds, tools or system
    assert titles("因地制宜用好“两重”“两新”政策，积极争取超长期特别国债。") == ["两新政策"]
    assert titles("优化“两新”政策实施。落实住房“以旧换新”政策。") == ["两新政策", "以旧换新政策"]
    assert titles("用好国家“两重”“两新”政策资金。完善“1+N”政策体系。") == []


def test_a_quoted_count_naming_a_programme_is_a_policy() -> None:
    # session-14 convention 3: “三大行动”, “十大工程”, “七大攻坚” titled as written when no field before names them
    text = ("深入开展国有企业六大优势产业提升、省属企业战略性新兴产业培育、省属企业专精特新企业培育“三大行动”。"
            "先后部署推进“三大支撑、八项重点”“发展六仗”“八大行动”“七大攻坚”。组织实施“十大工程”。")
    assert titles(text) == ["国有企业六大优势产业提升行动", "省属企业战略性新兴产业培育行动", "省属企业专精特新企业培育行动",
                            "三大行动", "八大行动", "七大攻坚", "十大工程"]
    # its items are programmes only when there are as many as it counts
    assert titles("实施工业投资、招商突破“三大行动”。") == ["三大行动"]
    # a count of other things is no programme
    assert titles("强化法规制度、人才队伍“五大体系”。“四大慢病”专项实现突破。") == []
    # a part of the programme a numbered glossary entry explains is no programme of its own
    assert "六项行动" not in titles("25.应急管理高质量发展“2653”行动：推进本质安全提升、风险分级管控“六项行动”。")
