"""ProjectStage on sentences shaped like real signing / 开工 / 重点项目 news (rules, not page lookups)."""

from __future__ import annotations

from shuanglian.document import Mention
from shuanglian.extract.facts.projects import extract_projects


def _by_name(text: str, **kw: object) -> dict[str, dict[str, object]]:
    return {p["name"]: p for p in extract_projects(text, **kw)}  # type: ignore[arg-type]


def test_amount_before_the_name_and_place_after_luohu() -> None:
    p = _by_name("投资145亿元的集成电路项目落户西部科学城重庆高新区。")["集成电路项目"]
    assert p["investment"] == 14_500_000_000 and p["investment_text"] == "投资145亿元"
    assert p["place"] == "西部科学城重庆高新区" and p["status"] == "签约"


def test_investor_before_the_amount_and_place_after_zai() -> None:
    t = "中国电建投资110亿元在开州区实施清洁能源综合开发项目。"
    org = Mention("中国电建", "enterprise", spans=[(0, 4)])
    p = _by_name(t, entities=[org])["清洁能源综合开发项目"]
    assert p["investment"] == 11_000_000_000 and p["place"] == "开州区" and p["org"] == "中国电建"


def test_amount_after_the_name_and_status_from_the_clause() -> None:
    t = "在山西转型综合改革示范区，年产56吉瓦的光伏垂直一体化项目正在加紧建设，项目总投资约560亿元。"
    p = _by_name(t)["光伏垂直一体化项目"]
    assert p["investment"] == 56_000_000_000 and p["status"] == "在建"


def test_aggregates_are_not_projects() -> None:
    t = "其中，开工项目131个、总投资476亿元；签约项目50个、总投资935亿元。这两个投资百亿元的高端制造项目开工。"
    assert extract_projects(t) == []


def test_status_lists_share_the_last_items_suffix() -> None:
    t = "今年建成雄商、济滨高铁，加快太平水库、中皋水库等骨干工程建设，新开工晏城至表白寺等2个项目。"
    got = _by_name(t)
    assert got["雄商高铁"]["status"] == "建成" and got["济滨高铁"]["status"] == "建成"
    assert got["太平水库"]["status"] == "在建" and got["中皋水库"]["status"] == "在建"
    assert got["晏城至表白寺"]["status"] == "开工"


def test_programmes_and_categories_are_not_projects() -> None:
    t = "深入实施未来产业培育壮大工程，推进数字经济、绿色低碳等项目，实施省级科技创新攻坚计划项目100项以上。"
    assert extract_projects(t) == []


def test_recent_date_is_the_publication_date() -> None:
    t = "近日，总投资54亿元的高性能锂离子储能电池项目在邢台高新区开工。"
    p = _by_name(t, published="2023-03-02")["高性能锂离子储能电池项目"]
    assert p["date"] == "2023-03-02" and p["status"] == "开工" and p["place"] == "邢台高新区"


def test_place_plus_generic_words_counts_and_batch_actions_are_not_projects() -> None:
    t = "今天，广州重大项目集中开工。上海的徐汇、临港等地100多个重大产业项目签约。谋划储备、洽谈招引、投建运营一批项目。"
    places = [
        Mention(n, "place", spans=[(t.find(n), t.find(n) + len(n))]) for n in ("广州", "上海", "徐汇", "临港")
    ]
    assert extract_projects(t, entities=places) == []


def test_named_lists_under_shishi_are_projects_in_progress() -> None:
    t = "实施中石化催化剂、中海油新材料、金科日化精细化工等重点项目，加快打造绿色化工新材料基地。"
    got = _by_name(t)
    assert {"中石化催化剂", "中海油新材料", "金科日化精细化工"} <= set(got)
    assert got["中海油新材料"]["status"] == "在建"


def test_named_works_in_running_text_with_a_status_are_projects() -> None:
    t = "哈伊高铁全线铺轨贯通，富加铁路开工建设。推动厦门翔安国际机场通航，加快出入省通道等前期工作。"
    got = _by_name(t)
    assert got["哈伊高铁"]["status"] == "在建" and got["富加铁路"]["status"] == "开工"
    assert got["厦门翔安国际机场"]["status"] == "建成"


def test_a_programme_found_by_the_policy_stage_is_not_a_project() -> None:
    from shuanglian.document import Document
    from shuanglian.extract.facts import PolicyStage, ProjectStage

    doc = Document(source="t", raw="")
    doc.text = "深入实施尖刀技术攻关工程，加快尖刀技术攻关工程建设，投资20亿元的集成电路项目开工。"
    assert "尖刀技术攻关工程" in {
        p["name"] for p in extract_projects(doc.text)
    }  # alone it reads as a project
    PolicyStage()(doc)
    ProjectStage()(doc)
    assert [p["title"] for p in doc.policies] == ["尖刀技术攻关工程"]
    assert [p["name"] for p in doc.projects] == ["集成电路项目"]


def test_a_lists_category_after_deng_names_each_item() -> None:
    # 六 inside 六盘水 is no count; the category 铁路 goes to each item
    got = _by_name("开工大村至遵义、纳雍至六盘水等铁路，推进重庆至贵阳高速铁路前期工作。")
    assert got["大村至遵义铁路"]["status"] == "开工" and got["纳雍至六盘水铁路"]["status"] == "开工"


def test_praise_in_a_shared_category_is_dropped_and_the_longest_cue_wins() -> None:
    got = _by_name("国电投大安、上海电气洮南等一批“绿电氢氨醇”标志性项目建成投产。")
    assert got["国电投大安绿电氢氨醇项目"]["status"] == "投产"
    assert got["上海电气洮南绿电氢氨醇项目"]["status"] == "投产"


def test_two_character_names_share_the_rest_and_zones_are_no_projects() -> None:
    got = _by_name("湘河、拉洛水利枢纽投入使用。广州开发区109个项目集中签约动工。")
    assert set(got) == {"湘河水利枢纽", "拉洛水利枢纽"}


def test_a_split_word_is_not_cut() -> None:
    got = _by_name("推动新型储能、风电光伏等重点项目建设，实施保障性安居工程。")
    assert not any(n.startswith(("型", "性")) for n in got)


def test_a_kind_listed_per_place_or_as_a_batch_is_no_project() -> None:
    t = "推进南宁、百色、来宾泛铝件先进制造基地建设。建成一批概念验证、中试熟化等成果孵化平台。"
    places = [Mention(n, "place", spans=[(t.find(n), t.find(n) + 2)]) for n in ("南宁", "百色", "来宾")]
    assert extract_projects(t, entities=places) == []


def test_places_sharing_one_built_word_stay_projects() -> None:
    t = "争取后安、公婆泉、钱阳山等煤矿项目核准。"
    places = [
        Mention(n, "place", spans=[(t.find(n), t.find(n) + len(n))]) for n in ("后安", "公婆泉", "钱阳山")
    ]
    assert len(extract_projects(t, entities=places)) == 3


def test_a_count_that_is_not_the_items_number_makes_an_aggregate() -> None:
    assert extract_projects("天津滨海新区83个老旧小区改造项目开工建设，项目总投资约12.68亿元。") == []
    got = _by_name("加快建设南山口、哇让、同德、德令哈4个抽水蓄能电站。")
    assert {"南山口抽水蓄能电站", "德令哈抽水蓄能电站"} <= set(got)


def test_a_project_named_by_what_is_built_needs_no_cue() -> None:
    got = _by_name("丁薛祥来到济南遥墙国际机场二期改扩建项目现场，调研重大基础设施建设情况。")
    assert "济南遥墙国际机场二期改扩建项目" in got
    assert extract_projects("支持科研项目和人才项目。") == []


def test_names_listed_with_deng_before_a_production_cue_are_projects() -> None:
    got = _by_name("空客二线、电科蓝天宇航电源、启源芯动力等投产增效，华海清科、海光信息等快速成长。")
    assert set(got) == {"空客二线", "电科蓝天宇航电源", "启源芯动力"}
    assert got["启源芯动力"]["status"] == "投产"


def test_a_short_item_shares_the_built_word_of_the_next_named_item() -> None:
    got = _by_name("确保西康、西十高铁、西安东站和府谷、定边机场建成投运。")
    assert set(got) == {"西康高铁", "西十高铁", "西安东站", "府谷机场", "定边机场"}
    # a kind of thing (县乡公路) or a count (3座…电站) lends its word to nobody
    assert "节水灌溉公路" not in _by_name("加快节水灌溉、人畜饮水、县乡公路、农村能源等建设。")
    assert "格尔木电站" not in _by_name("加快格尔木、德令哈3座35万千瓦光热电站和光热产业科技创新中心建设。")


def test_wrapped_lists_in_progress_and_in_preparation() -> None:
    got = _by_name("全力保障雅下水电和川藏铁路等重大工程建设。")
    assert {"雅下水电", "川藏铁路"} <= set(got) and got["川藏铁路"]["status"] == "在建"
    got = _by_name("抓好延吉机场迁建和长春龙嘉机场三期扩建进度。")
    assert {"延吉机场迁建", "长春龙嘉机场三期扩建"} <= set(got)
    got = _by_name("推动机场三期、京滨城际南段、津潍高铁等工程，加快津沧高速公路建设。")
    assert {"机场三期", "京滨城际南段", "津潍高铁"} <= set(got)
    got = _by_name("推进黄南机场前期，推动香日德水库及配套灌溉工程立项审批。")
    # X及配套Y工程 is one work: the supporting works stay in its name (the gold writes it so)
    assert set(got) == {"黄南机场", "香日德水库及配套灌溉工程"} and got["黄南机场"]["status"] == "谋划"
    assert _by_name("漳州核电一期投入商业运行。")["漳州核电一期"]["status"] == "投产"


def test_a_list_closed_by_deng_key_projects_stays_a_list_of_kinds() -> None:
    got = _by_name("支持济南、青岛等市推进火箭、卫星制造等重大项目，加快已签约在施重大项目进度。")
    assert "已签约在施重大项目" not in got and "火箭" not in got


def test_size_class_fields_and_registers_are_not_names() -> None:
    got = _by_name("推进中核汇能通榆、华电榆树、天楹辽源等5个百亿级绿色氢基能源一体化项目建设。")
    assert "中核汇能通榆绿色氢基能源一体化项目" in got and len(got) == 3  # 百亿级 is the batch's size class
    assert extract_projects("鼓励民间资本参与高技术、服务业等领域项目建设。") == []  # fields, not projects
    assert extract_projects("充实省级重点项目储备库，持续丰富REITs项目储备库。") == []  # 储备库 is a register


def test_zhashi_before_the_verb_is_an_adverb() -> None:
    got = _by_name("扎实推进藏粤直流、青藏铁路格拉段电气化改造工程。")
    assert set(got) == {"藏粤直流", "青藏铁路格拉段电气化改造工程"} and got["藏粤直流"]["status"] == "在建"


def test_verbs_at_a_list_head_and_campaign_names_are_not_names() -> None:
    got = _by_name("开工周至至乾县、改扩建西安至永寿等高速公路。")
    assert set(got) == {"周至至乾县高速公路", "西安至永寿高速公路"}  # 改扩建 is what is done to it
    assert extract_projects("深化高质量项目推进年活动，发挥项目建设带动效应。") == []  # a campaign year


def test_ports_of_entry_are_built_and_world_class_is_praise() -> None:
    got = _by_name("建成投用新皇岗口岸，加快建设世界级机场群、港口群。")
    # (新 is kept: it may open a name, 新海港, 新华三; the scorer matches 新皇岗口岸 with 皇岗口岸)
    assert set(got) == {"新皇岗口岸"} and got["新皇岗口岸"]["status"] == "建成"


def test_finishing_the_main_works_is_built() -> None:
    got = _by_name("加快太平水库建设，完成双堠水库主体工程。")
    assert got["双堠水库"]["status"] == "建成" and got["太平水库"]["status"] == "在建"


def test_list_items_keep_their_parts_and_abbreviations() -> None:
    got = _by_name(
        "建成引绰济辽及二期工程。江北国际机场T3B航站楼及第四跑道、渝昆高铁川渝段等标志性项目建成投用。"
    )
    assert {"引绰济辽及二期工程", "江北国际机场T3B航站楼及第四跑道", "渝昆高铁川渝段"} <= set(got)
    assert not {"二期工程", "第四跑道枢纽"} & set(got)
    got = _by_name(
        "“西气东输”第四通道、和若铁路、阿尔塔什水利枢纽工程等重大基础设施投运。京哈（扩建）、哈肇、绥大等高速公路建成通车。"
    )
    assert {"和若铁路", "京哈高速公路扩建", "哈肇高速公路", "绥大高速公路"} <= set(got)
    got = _by_name("德厚、阿岗、车马碧大型水库建成投用。")
    assert set(got) == {"德厚水库", "阿岗水库", "车马碧水库"}


def test_explicit_works_lists_allow_soft_words_and_drop_descriptions() -> None:
    got = _by_name("阿克塞生态保护及城乡供水一体化、黄河甘肃段河道防洪治理等工程开工建设。")
    assert {"阿克塞生态保护及城乡供水一体化", "黄河甘肃段河道防洪治理"} <= set(got)
    assert "城乡供水一体化" not in got
    got = _by_name("全国电源规模最大、新能源占比最高、总投资近2000亿元的格尔木东、海南清洁能源基地开工建设。")
    assert "格尔木东清洁能源基地" in got and not any("最" in n for n in got)
    got = _by_name(
        "全球单机规模最大的2座35万千瓦塔式槽式光热发电项目分别在格尔木、德令哈开工，省内首条计算机整机生产线投运。"
    )
    assert not got  # a count of works and a first-of-its-kind description name no project
    got = _by_name("实施G98环岛高速提档扩容工程和国省干道提质升级工程，实现昌江核电二期三号机组并网发电。")
    assert got["G98环岛高速提档扩容工程"]["status"] == "在建" and "昌江核电二期三号机组" in got
    assert "国省干道提质升级工程" not in got  # 实施 over a whole field stays a programme


def test_examples_of_a_counted_batch_run_over_semicolons() -> None:
    text = (
        "其中，包括三十八个续建工程，如黄河三门峡水库；淮河流域的梅山水库、响洪甸水库和濉河治理工程；辽河流域的大伙房水库等。"
        "同时，有三十五个新的工程开工，如淮河流域的宿鸭湖蓄洪工程、惠济河治理工程，颍河节制闸工程；黄河的人民胜利渠扩建工程等。"
        "在今年内可以建设完工的，有二十一个大型水利工程。"
    )
    got = _by_name(text)
    assert {
        n: got[n]["status"]
        for n in ("黄河三门峡水库", "梅山水库", "响洪甸水库", "濉河治理工程", "大伙房水库")
    } == dict.fromkeys(("黄河三门峡水库", "梅山水库", "响洪甸水库", "濉河治理工程", "大伙房水库"), "在建")
    assert {"宿鸭湖蓄洪工程", "惠济河治理工程", "颍河节制闸工程", "人民胜利渠扩建工程"} <= set(got)
    assert got["颍河节制闸工程"]["status"] == "开工"
    got = _by_name(
        "溪洛渡水电站、京沪高速铁路和千万吨级炼油厂、百万吨级乙烯等一批重大项目陆续开工建设。我们应当积极修筑川黔和黔桂铁路。"
    )
    assert {"溪洛渡水电站", "京沪高速铁路", "川黔铁路", "黔桂铁路"} <= set(got)
    assert not {"千万吨级炼油厂", "百万吨级乙烯"} & set(got)  # size classes of a kind


def test_adverbs_between_the_work_and_its_status_verb() -> None:
    got = _by_name("裕龙石化一期稳产达产，海南三亚崖州湾科技城深海科技公共平台建设稳步推进。")
    assert got["裕龙石化一期"]["status"] == "投产"
    assert got["海南三亚崖州湾科技城深海科技公共平台"]["status"] == "在建"


def test_works_counted_per_place_are_a_batch() -> None:
    assert extract_projects("迭部、碌曲、玛曲、镇原4县高速项目全部开工。") == []


def test_visit_verbs_and_list_verbs_do_not_open_the_name() -> None:
    got = _by_name("市委书记来到城东新区，察看比亚迪电池项目建设进展。")
    assert "比亚迪电池项目" in got
    got = _by_name("当天，上海临港新片区集中签约了特斯拉储能超级工厂、宁德时代研发中心等15个项目。")
    assert (
        set(got) == {"特斯拉储能超级工厂", "宁德时代研发中心"}
        and got["特斯拉储能超级工厂"]["status"] == "签约"
    )


def test_a_quoted_name_before_the_head_is_the_projects() -> None:
    got = _by_name("在中科院苏州纳米所，“纳米真空互联实验站”二期项目顺利通过验收。")
    assert got["纳米真空互联实验站二期项目"]["status"] == "建成"
    assert extract_projects("超长期特别国债支持的“两重”项目，带动社会资本投入约2.1万亿元。") == []  # a label


def test_route_segments_and_described_names() -> None:
    got = _by_name("京港澳高速衡阳至耒阳段改扩建工程今天全线通车。")
    assert got["京港澳高速衡阳至耒阳段改扩建工程"]["status"] == "建成"
    got = _by_name("在国家重点项目大广高速南康至龙南段扩容工程施工现场，工人们抓紧建设。")
    assert list(got) == ["大广高速南康至龙南段扩容工程"]


def test_no_cut_inside_a_tagged_name_and_the_maker_before_nianchan() -> None:
    t = "其中，总投资50亿元的华为云数据中心项目开工。"
    got = _by_name(
        t, entities=[Mention("华为", "enterprise", spans=[(t.index("华为"), t.index("华为") + 2)])]
    )
    assert got["华为云数据中心项目"]["investment"] == 5_000_000_000
    got = _by_name("天合光能年产10GW高效光伏组件项目总投资50亿元，预计年底投产。")
    assert got["天合光能年产10GW高效光伏组件项目"]["investment"] == 5_000_000_000


def test_a_work_that_calls_itself_a_key_project() -> None:
    got = _by_name(
        "连接常德、益阳、长沙的常益长高铁是我国中长期铁路网规划中的重点项目，目前，近千名施工人员奋战一线。"
    )
    assert got["常益长高铁"]["status"] == "在建"
    assert extract_projects("该项目是今年全省投资规模最大的产业项目。") == []


def test_qizhong_takes_the_status_of_the_clause_it_picks_from() -> None:
    got = _by_name("全年新签约亿元以上项目320个，其中投资50亿元以上的有恒力石化、盛虹炼化等项目。")
    assert set(got) == {"恒力石化", "盛虹炼化"} and got["恒力石化"]["status"] == "签约"


def test_a_long_first_half_before_ji_is_one_name() -> None:
    got = _by_name("宁德时代贵州新能源动力及储能电池生产制造基地一期建成投产。")
    assert list(got) == ["宁德时代贵州新能源动力及储能电池生产制造基地一期"]
    got = _by_name("中国盐湖集团一年内就实现年产4万吨基础锂盐一体化和2万吨高质碳酸锂项目顺利投产。")
    assert "2万吨高质碳酸锂项目" in got  # two of a kind, not one name


def test_a_bare_segment_belongs_to_the_line_before() -> None:
    got = _by_name("开工建设沪渝蓉高铁武宜段、宜涪段，建成投用鄂州花湖机场。")
    assert set(got) == {"沪渝蓉高铁武宜段", "沪渝蓉高铁宜涪段", "鄂州花湖机场"}


def test_a_named_list_of_works_under_a_carrying_out_verb() -> None:
    got = _by_name("建设大同至天津南等特高压工程，提升晋电外送质效。")
    assert got["大同至天津南特高压工程"]["status"] == "在建"
    assert extract_projects("实施城市更新、乡村建设等重点工程。") == []
    got = _by_name("公路方面，提速庆云至章丘等23个续建项目。")
    assert "庆云至章丘续建项目" not in got  # 续建 is the stage, not a kind of work


def test_the_last_items_place_is_its_own_name() -> None:
    t = "建成桥头、格尔木支撑调节性火电。"
    ents = [Mention(n, "place", spans=[(t.index(n), t.index(n) + len(n))]) for n in ("桥头", "格尔木")]
    got = _by_name(t, entities=ents)
    assert set(got) == {"桥头支撑调节性火电", "格尔木支撑调节性火电"}


def test_gai_xiangmu_gives_the_amount_of_the_project_named_before() -> None:
    got = _by_name("近日，宁德时代洛阳基地项目在洛阳开工。该项目总投资140亿元，建成后年产值超300亿元。")
    assert got["宁德时代洛阳基地项目"]["investment"] == 14_000_000_000
    got = _by_name("近日，宁德时代洛阳基地项目在洛阳开工。全市今年总投资140亿元。")
    assert got["宁德时代洛阳基地项目"]["investment"] is None  # not the project's amount
    got = _by_name("宁德时代洛阳基地项目开工。\n该项目总投资140亿元。")
    assert got["宁德时代洛阳基地项目"]["investment"] is None  # another paragraph


def test_kaizhen_opens_a_list_of_named_works() -> None:
    got = _by_name("环湖医院天塔院区、南开医院中西医结合临床中心、中心妇产滨海院区等开诊。")
    assert set(got) == {"环湖医院天塔院区", "南开医院中西医结合临床中心", "中心妇产滨海院区"}
    assert got["环湖医院天塔院区"]["status"] == "建成"


def test_counted_kinds_of_works_are_batches() -> None:
    assert extract_projects("建成运输机场3座、通用机场8座。") == []
    assert extract_projects("投资近千亿元、全长1.3万公里的三个一号旅游公路全线贯通。") == []
    assert extract_projects("枢纽港产业园新签约产业项目139个、总投资1022亿元。") == []


def test_works_named_as_a_policys_subject_are_not_in_progress() -> None:
    assert extract_projects("推动出台金融支持加快西部陆海新通道建设的意见。") == []


def test_news_idioms_of_works_in_full_swing() -> None:
    got = _by_name("眼下，总投资300亿元的比亚迪济南基地二期项目建设正酣。")
    assert (
        got["比亚迪济南基地二期项目"]["investment"] == 30_000_000_000
        and got["比亚迪济南基地二期项目"]["status"] == "在建"
    )
    assert set(_by_name("作为国家重大工程，白鹤滩水电站今天全部机组投产发电。")) == {"白鹤滩水电站"}


def test_a_description_before_a_dash_is_not_a_project() -> None:
    got = _by_name("目前，黄河流域生态保护和高质量发展重大项目——引黄济宁工程正在加紧建设。")
    assert set(got) == {"引黄济宁工程"}


def test_works_put_into_the_national_plan_are_planned() -> None:
    got = _by_name("努力推动江汉平原水资源配置、汉江流域水安全能力提升等战略性工程纳入国家盘子。")
    assert got["江汉平原水资源配置"]["status"] == "谋划"
    assert (
        extract_projects("国家绿色化工和新材料制造业中试平台获批。") == []
    )  # 获批 alone names a designation


def test_works_named_with_their_upgrade() -> None:
    got = _by_name("燕官公路提质改造提前建成通车，城乡要素双向流动加速。")
    assert got["燕官公路提质改造"]["status"] == "建成"
    got = _by_name("牡佳高铁建成运营，佳鹤铁路完成提速改造。")
    assert got["佳鹤铁路"]["status"] == "建成"


def test_a_plant_project_is_named_without_its_project_word() -> None:
    # only a phase (二期项目) runs a base's name on to 项目; one project written on two pages keeps one name
    got = _by_name(
        "总投资120亿元的华润微电子12英寸功率半导体晶圆生产线项目正式签约落户西部科学城重庆高新区。"
    )
    assert "华润微电子12英寸功率半导体晶圆生产线" in got, got


# --- session 8 (issue 9): sentences written in the style of provincial reports and local news ---


def test_news_kaigong_with_total_investment_before_the_name() -> None:
    p = _by_name("3月18日，总投资52亿元的宁德时代洛阳基地二期项目在洛阳市伊滨区开工建设。")[
        "宁德时代洛阳基地二期项目"
    ]
    assert p["investment"] == 5_200_000_000 and p["status"] == "开工" and p["place"] == "洛阳市伊滨区"


def test_news_signing_with_planned_investment_after_the_name() -> None:
    p = _by_name("近日，比亚迪襄阳产业园三期项目签约落户襄阳高新区，计划投资80亿元。")[
        "比亚迪襄阳产业园三期项目"
    ]
    assert p["investment"] == 8_000_000_000 and p["status"] == "签约" and p["place"] == "襄阳高新区"


def test_each_listed_project_keeps_its_own_amount() -> None:
    got = _by_name(
        "签约项目中，投资50亿元的光伏组件项目、投资30亿元的储能电池项目和投资12亿元的新材料项目分别落户三个园区。"
    )
    assert got["光伏组件项目"]["investment"] == 5_000_000_000
    assert got["储能电池项目"]["investment"] == 3_000_000_000
    assert got["新材料项目"]["investment"] == 1_200_000_000


def test_completed_investment_of_a_batch_is_no_project() -> None:
    got = _by_name("全年完成投资320亿元，沙溪口水电站扩建、周宁抽水蓄能电站等项目有序推进。")
    assert got["沙溪口水电站扩建"]["investment"] is None and got["周宁抽水蓄能电站"]["status"] == "在建"
    assert extract_projects("今年全省计划实施省重点项目1200个，年度计划投资5800亿元。") == []


def test_segments_share_the_line_and_completion_after_the_list() -> None:
    got = _by_name("京雄高速河北段、荣乌高速新线、津石高速等项目相继建成通车。续建沪渝蓉高铁武宜段、宜涪段。")
    assert {got[n]["status"] for n in ("京雄高速河北段", "荣乌高速新线", "津石高速")} == {"建成"}
    assert got["沪渝蓉高铁宜涪段"]["status"] == "在建"


def test_size_class_of_a_counted_batch_is_no_part_of_the_names() -> None:
    got = _by_name("乌东德、白鹤滩等14座大中型水电站建成发电。")
    assert set(got) == {"乌东德水电站", "白鹤滩水电站"} and got["乌东德水电站"]["status"] == "建成"


def test_a_funding_category_shares_no_kind_and_a_one_character_item_before_he_is_a_name() -> None:
    got = _by_name("新设外资企业428家，三星V8闪存芯片、人和集团新能源材料等外资项目落地投产。")
    assert set(got) == {"三星V8闪存芯片", "人和集团新能源材料"}
    assert got["人和集团新能源材料"]["status"] == "投产"  # 落地投产: produced, not only signed


def test_kinds_of_product_or_industry_listed_are_no_works() -> None:
    assert (
        extract_projects(
            "建设铝镁、黄金、超高纯铜等有色金属项目。今年，新材料、新能源等新兴产业项目建成投产。"
        )
        == []
    )
    # companies listed under the same kind of category are whose works they are
    t = "加快中船、中远海运等船舶制修造项目建设。"
    orgs = [Mention("中船", "enterprise", spans=[(2, 4)]), Mention("中远海运", "enterprise", spans=[(5, 9)])]
    assert set(_by_name(t, entities=orgs)) == {"中船船舶制修造项目", "中远海运船舶制修造项目"}


def test_campus_works_are_built_things() -> None:
    got = _by_name("全面建成海南师范大学桂林洋校区，加快建设海南大学崖州校区、海南医科大学桂林洋校区。")
    assert got["海南师范大学桂林洋校区"]["status"] == "建成" and got["海南大学崖州校区"]["status"] == "在建"


def test_counted_kind_of_work_and_networks_are_no_projects() -> None:
    assert extract_projects("实施病险水库除险加固项目5477个。") == []
    assert extract_projects("“米”字形高铁网全面建成，高速公路通车里程突破1万公里。") == []


def test_scope_systems_slogans_and_management_are_no_projects() -> None:
    assert extract_projects("建成全省“一张网”公共资源交易平台。") == []
    assert extract_projects("“三基地一枢纽”建设稳步推进。") == []
    assert extract_projects("推进机场和铁路运营管理一体化改革。支持民航集团统一运营管理全省支线机场。") == []
    assert extract_projects("高质量推进中央预算内投资项目建设，推动上市公司募投项目落地建设。") == []


def test_a_bare_project_word_in_a_list_joins_clauses() -> None:
    assert extract_projects("务实办好西博会、项目签约3543亿元。") == []


def test_an_amount_after_a_comma_belongs_to_the_relative_clauses_project() -> None:
    t = "“2+3+N”园区承接产业转移能力全面提升，沪滇“16+16”重点园区合作引进的项目总投资超360亿元。"
    # 引进的项目 names no project: none is found, and none found may take the amount
    assert all(p["investment"] is None for p in extract_projects(t))


def test_operating_verb_before_a_named_work() -> None:
    got = _by_name("投资建设运营暹粒吴哥国际机场。")
    assert "暹粒吴哥国际机场" in got and got["暹粒吴哥国际机场"]["status"] is not None


def test_hospital_buildings_and_science_facilities_are_works() -> None:
    got = _by_name(
        "北大第一医院宁夏妇儿医院综合楼、宁夏盲人按摩医院等建成投用。江门中微子实验站、惠州强流重离子加速器建成运行。"
    )
    assert got["北大第一医院宁夏妇儿医院综合楼"]["status"] in ("建成", "投产")
    assert "惠州强流重离子加速器" in got


def test_a_class_of_livelihood_works_and_ranked_designations_are_no_projects() -> None:
    t = "抗震安居、住房保障、煤改电、天然气利民等一批重点民生工程建成投用。推进国家和省级区域公共卫生中心建设。"
    assert extract_projects(t) == []
    # named items of a batch (place and product) stay projects
    got = _by_name("长沙惠科新型显示、湘潭半导体智造、衡阳绿色盐碱基地等一批百亿级项目开工建设。")
    assert got["湘潭半导体智造"]["status"] == "开工"


# Rules of branch projects3 (issue 9; gold-f sections): each class on a short sentence written for it.


def test_a_head_in_a_clause_before_a_list_is_a_name_of_its_own() -> None:
    got = _by_name("三门核电三期项目获国家核准，三澳核电二期、六横LNG接收站等项目开工建设。")
    assert got["三门核电三期项目"]["status"] == "谋划"
    assert (
        got["三澳核电二期"]["status"] == "开工"
    )  # a name closing on its phase is no slogan of counted kinds
    assert "六横LNG接收站" in got


def test_a_first_of_its_kind_work_is_named_without_its_description() -> None:
    got = _by_name("建成全国首个商业航天发射场。")
    assert got["商业航天发射场"]["status"] == "建成"
    # 首家 counts a firm or a body, 首条…生产线 what is made: still descriptions
    assert extract_projects("建成全国首家地理标志交易运营中心。首条半导体芯片模组生产线投产。") == []


def test_routes_and_designations_ending_like_works() -> None:
    assert extract_projects("全国首条第七航权航线投入运营。加快长江上游航运中心建设。") == []


def test_state_inside_a_name_after_its_own_part() -> None:
    got = _by_name("杭州国家版本馆、之江文化中心等文化地标建成投用。")
    assert "杭州国家版本馆" in got and "之江文化中心" in got
    # opening an item, a rank or after an adjective, 国家 marks a designation
    assert extract_projects("加快国家物流枢纽、南川国家级零碳园区、综合性国家科学中心建设。") == []


def test_venues_and_schools_are_works() -> None:
    got = _by_name("建成省美术馆、省图书新馆，抗震纪念馆、玉树河湟中学、达日果育英才学校建成投用。")
    for name in ("省美术馆", "省图书新馆", "玉树河湟中学", "达日果育英才学校"):
        assert got[name]["status"] in ("建成", "投产"), name


def test_study_and_approval_are_planning() -> None:
    got = _by_name("加快嘉陵江井口生态航运工程研究论证。金华（义乌）中欧班列集结中心获批建设。")
    assert got["嘉陵江井口生态航运工程"]["status"] == "谋划"
    assert got["金华（义乌）中欧班列集结中心"]["status"] == "谋划"


def test_measures_of_networks_are_no_status_nor_names() -> None:
    assert extract_projects("西安地铁运营里程422公里并连通咸阳。核准在建核电机组装机容量居全国前列。") == []


def test_project_companies_and_quoted_programmes_naming_other_things() -> None:
    t = "落地5家金融租赁管理型项目公司。建成“千万工程”示范村507个。建成100所“徐特立项目”学校。"
    assert extract_projects(t) == []
    # a quoted name followed by its own area or a verb stays a project
    assert "117项目" in _by_name("推动“117项目”核心区加快建设。")


def test_lists_of_carriers_utilities_and_health_designations_are_no_works() -> None:
    t = (
        "加快建设具身智能训练场、开源鸿蒙适配中心等产业创新平台。加快建设医疗器械创新中心、科创研发孵化基地等功能载体。"
        "推进燃气、供热管网等基础设施提质升级。推动智慧港口、智慧航道、智慧机场建设。推进国家区域医疗中心、区域医疗中心建设。"
    )
    assert extract_projects(t) == []


def test_a_kind_of_work_upgraded_names_no_work() -> None:
    got = _by_name("加快长江航道整治、高速公路提质扩容、川气东送二线湖北段等重大项目建设。")
    assert "高速公路提质扩容" not in got and "川气东送二线湖北段" in got
    assert "燕官公路提质改造" in _by_name("燕官公路提质改造建成。")


def test_counts_after_the_stage_and_funding_or_research_classes_are_no_projects() -> None:
    t = "自治区重大项目开工390个、竣工437个。面向民间资本推介重大项目总投资约2350亿元。启动实施颠覆性技术创新项目。"
    assert extract_projects(t) == []


def test_generic_words_before_a_works_word_name_no_work_even_in_a_list() -> None:
    assert extract_projects("推进国家区域医疗中心、国家重大传染病防治基地等项目建设。") == []
    assert "省人民医院国家重大传染病防治基地" in _by_name(
        "加快推进省人民医院国家重大传染病防治基地等重点项目。"
    )


def test_parts_after_ji_size_classes_and_counted_firms() -> None:
    got = _by_name("首个沙戈荒大基地及外送通道开工建设。推进南苑、北中轴等大尺度郊野公园建设。")
    assert "沙戈荒大基地及外送通道" in got and "外送通道" not in got
    assert {"南苑郊野公园", "北中轴郊野公园"} <= set(got)
    assert extract_projects("引进华为智能生活馆、砂之船奥莱等首店100多家。通用机床研究院建成投用。") == []


def test_works_naming_a_labs_subject_and_parts_of_a_slogans_area() -> None:
    t = "加快建设甘蔗生物育种实验室、陆海通道工程全寿命安全实验室。“两园一河”启动区示范段建成亮相。"
    assert extract_projects(t) == []
    assert "平陆运河工程" in _by_name("平陆运河工程加快建设。")


def test_kinds_of_venue_and_fields_are_no_works() -> None:
    got = _by_name("加快奥体中心、体育训练基地等项目建设。建成农业领域人工智能应用中试基地、水稻育种基地。")
    assert "奥体中心" in got and "体育训练基地" not in got
    assert not any("领域" in n for n in got)


def test_short_items_share_the_works_word_before_the_last_items_head() -> None:
    got = _by_name("加快雄忻、石雄铁路项目建设，力促雄商高铁建成投用。")
    assert "雄忻铁路" in got and "雄忻" not in got
    assert "雄商高铁" in got and "力促雄商高铁" not in got  # 力促 introduces the name
    got = _by_name("投运烟威、海阳辛安核电送出特高压工程。")
    assert "烟威特高压工程" in got and "烟威" not in got


def test_an_adverb_before_the_closing_jianshe_leaves_the_lists_category_whole() -> None:
    got = _by_name("推动贵阳环高扩容工程等14条高速公路项目和黄百等4个在建铁路项目加快建设。")
    assert "黄百铁路项目" in got and "黄百" not in got


def test_names_made_only_of_kinds_of_works_are_no_projects() -> None:
    got = _by_name("加快建设城际铁路、高快速路通道、跨江跨海通道，新建自然公园、郊野公园、口袋公园。")
    assert not got, got
    assert not _by_name("推进存量煤电项目改造升级，核电项目加快建设。")
    # a name of its own stays (京雄城际, 海阳核电三期), and an amount makes a kind one project
    assert "海阳核电三期" in _by_name("海阳核电三期开工建设。")
    assert "特钢项目" in _by_name("投资50亿元的特钢项目开工。")


def test_a_kind_per_place_when_the_tagger_reads_the_last_place_into_the_name() -> None:
    t = "加快建设福州、厦门、泉州省级人工智能产业园，实施人工智能企业梯次培育计划。"
    ents = [
        Mention("福州", "place", spans=[(4, 6)]),
        Mention("厦门", "place", spans=[(7, 9)]),
        Mention("泉州省级人工智能产业园", "platform", spans=[(10, 21)]),
    ]
    assert not _by_name(t, entities=ents)


def test_a_work_measured_in_kilometres_or_counted_after_its_name_is_a_kind() -> None:
    assert not _by_name("建成村道公路安全生命防护工程6000公里。")
    assert "兴港高速公路" in _by_name("兴港高速公路建成通车，全长60公里。")


def test_designations_and_counted_bodies_are_no_works() -> None:
    assert not _by_name("国家肿瘤、儿童区域医疗中心建成运行。")
    assert not _by_name("7家国家区域医疗中心基本建成。")
    assert not _by_name("加快建设成渝综合性科学中心。")
    assert not _by_name("规划建设国防科技先进技术成果沈阳转化中心。")


def test_an_amount_before_a_list_is_the_lists_total_not_an_items() -> None:
    t = "总投资近2000亿元的格尔木东、海南清洁能源基地开工建设。"
    got = _by_name(t)
    assert "海南清洁能源基地" in got and got["海南清洁能源基地"]["investment"] is None


def test_an_amount_of_these_n_projects_is_each_ones() -> None:
    t = "短短一周，高端智能装备产业基地动工，机器人全球研发及产业应用示范基地签约，而这两个投资百亿元的高端制造项目仅仅是一个侧影。"
    got = _by_name(t)
    assert got["高端智能装备产业基地"]["investment"] == 10_000_000_000
    assert got["机器人全球研发及产业应用示范基地"]["investment"] == 10_000_000_000
    # three named before 这两个: the amount is no one's
    t2 = "A1产业基地动工，B2产业基地签约，C3产业基地投产，而这两个投资百亿元的高端制造项目是一个侧影。"
    got2 = _by_name(t2)
    assert len(got2) == 3 and all(p["investment"] is None for p in got2.values())


def test_a_two_character_item_ending_like_a_work_takes_the_lists_kind() -> None:
    got = _by_name("加快京津塘、津沧、兴港等高速公路建设。")
    assert {"京津塘高速公路", "津沧高速公路", "兴港高速公路"} <= set(got)


def test_a_route_between_two_places_is_the_same_project_as_its_abbreviation() -> None:
    t = "海南：万洋高速今起正式通车。今天（12月28日），海南省万宁至洋浦高速公路通车仪式举行。"
    names = [p["name"] for p in extract_projects(t)]
    assert len(names) == 1 and names[0].startswith("万洋高速"), names


def test_an_extension_after_ji_is_part_of_the_line_before() -> None:
    got = _by_name("建成地铁8号线一期及延伸线，加快推进7号线一期北段。")
    assert "延伸线" not in got and "地铁8号线一期及延伸线" in got


def test_programmes_named_by_numbers_or_counted_kinds_are_no_works() -> None:
    assert not _by_name("“十百千万”工程项目完成投资1.22万亿元。")
    assert not _by_name("加快建设大宗商品资源配置枢纽三基地两中心。")
    assert "昌江核电二期三号机组" in _by_name("昌江核电二期三号机组开工建设。")


def test_a_work_counted_per_county_and_township_is_a_batch() -> None:
    assert not _by_name("玉树3县5乡“大电网建设+微电网改造”工程建成投运。")


def test_report_kinds_of_works_made_of_common_words_are_no_projects() -> None:
    for t in (
        "推进国家水网骨干工程建设。",
        "开工建设城市地下管网改造项目，推进污水处理厂提标改造工程。",
        "加快建设新型基础设施，推进5G基站、数据中心、充电桩等项目建设。",
        "推进县城补短板项目建设，开工建设保障性租赁住房项目。",
        "实施新一轮找矿突破战略行动，推进矿产资源开发项目。",
        "推进延链补链强链项目建设。",
    ):
        assert not _by_name(t), t
    got = _by_name("引江济淮二期工程开工建设，推进G60高速扩容、5号线延伸工程建设。")
    assert {"引江济淮二期工程", "G60高速扩容", "5号线延伸工程"} <= set(got)


def test_jianshe_zhong_before_a_name_is_jianshe_and_the_names_zhong() -> None:
    got = _by_name("高标准建设中欧班列长沙集结中心，加快怀化国际陆港建设。")
    assert "中欧班列长沙集结中心" in got and "欧班列长沙集结中心" not in got
    assert _by_name("项目正在建设中。") == {}


def test_a_product_noun_holding_a_task_word_does_not_disqualify_a_list_item() -> None:
    t = "浪潮服务器生产线、安意法8英寸碳化硅晶圆等项目建成投产。"
    assert "浪潮服务器生产线" in _by_name(t)


def test_new_sites_site_selection_and_upgrades_closing_a_clause() -> None:
    t = "首儿所通州院区基本完工，市疾控中心新址建成投用，加快安定医院选址建设。"
    got = _by_name(t)
    assert got["市疾控中心新址"]["status"] == "建成" and got["安定医院"]["status"] == "谋划"
    got = _by_name("建设嘉兴专业性航空货运枢纽，加快义乌机场改扩建。")
    assert got["义乌机场改扩建"]["status"] == "在建"
    assert not _by_name("加快推进高速公路改扩建。")  # a kind of work upgraded, no name


def test_treatment_and_research_facilities_named_in_running_text_are_works() -> None:
    got = _by_name("完成雨污混接整治，建成白龙港三期污水处理设施，实现一体化运维管理。")
    assert got["白龙港三期污水处理设施"]["status"] == "建成"
    assert not _by_name("推进城市平急两用公共基础设施建设。")
    assert not _by_name("建成一批文化馆、体育馆等配套服务设施。")


def test_a_work_joining_two_named_things_is_one_project() -> None:
    got = _by_name("开工建设京杭运河与小清河航道连通工程、梁山港二期。")
    assert "京杭运河与小清河航道连通工程" in got and "京杭运河" not in got and "梁山港二期" in got


def test_areas_of_a_treatment_programme_are_no_works() -> None:
    t = "重点实施毛乌素沙化土地、宁夏南部生态保护修复与水土流失等综合治理工程。"
    assert not _by_name(t)


def test_firms_listed_share_what_the_next_one_makes() -> None:
    t = "加快比亚迪、吉利汽车零部件等项目建设。"
    ents = [Mention("比亚迪", "enterprise", spans=[(2, 5)]), Mention("吉利", "enterprise", spans=[(6, 8)])]
    got = _by_name(t, entities=ents)
    assert {"比亚迪汽车零部件", "吉利汽车零部件"} <= set(got) and "比亚迪" not in got
    t2 = "推进大唐郓城、华能四期等煤电项目建设。"
    ents2 = [Mention("大唐郓城", "enterprise", spans=[(2, 6)]), Mention("华能", "enterprise", spans=[(7, 9)])]
    assert "大唐郓城四期" not in _by_name(t2, entities=ents2)


def test_spoken_amounts_without_yuan_are_yuan() -> None:
    got = _by_name("今天，总投资约50个亿的新能源汽车零部件产业园项目在安徽芜湖开工。")
    assert got["新能源汽车零部件产业园"]["investment"] == 5_000_000_000
    p = _by_name("三星电机项目总投资1.2亿美元，今年投产。")["三星电机项目"]
    assert p["investment"] == 120_000_000 and p["currency"] == "美元"


def test_an_amount_with_de_makes_one_project_of_kind_words() -> None:
    p = _by_name("在内蒙古鄂尔多斯，投资100亿元的零碳产业园区正在抓紧建设。")["零碳产业园区"]
    assert p["investment"] == 10_000_000_000 and p["status"] == "在建"
    assert extract_projects("总投资2.3万亿元的10大类项目陆续开工。") == []  # classes of projects


def test_a_second_modifier_joined_to_the_amount_keeps_it() -> None:
    p = _by_name("在湖北武汉，总投资50亿元、年产能20万吨的光电材料项目今天开工。")["光电材料项目"]
    assert p["investment"] == 5_000_000_000 and p["status"] == "开工"


def test_the_amount_of_a_later_clause_of_a_sentence_about_that_project() -> None:
    t = "4月10日，华润电力光伏项目在宜昌开工。该项目由华润电力投资建设，总投资15亿元，预计明年投产。"
    assert _by_name(t)["华润电力光伏项目"]["investment"] == 1_500_000_000
    t = "4月10日，华润电力光伏项目在宜昌开工。项目建成后，将带动上下游投资50亿元。"
    assert _by_name(t)["华润电力光伏项目"]["investment"] is None  # what it draws in, not its own


def test_respective_amounts_go_to_the_names_in_order() -> None:
    got = _by_name("比亚迪电池项目、吉利整车项目总投资分别为100亿元和80亿元。")
    assert got["比亚迪电池项目"]["investment"] == 10_000_000_000
    assert got["吉利整车项目"]["investment"] == 8_000_000_000
    got = _by_name("宁德时代电池项目和吉利汽车项目分别投资100亿元、80亿元。")
    assert got["吉利汽车项目"]["investment"] == 8_000_000_000


def test_a_list_of_fields_of_projects_names_none() -> None:
    t = "推动东方航天港融入国家布局，支持济南、青岛等市推进火箭、卫星制造、航天配套等重大项目。"
    places = [Mention(n, "place", spans=[(t.find(n), t.find(n) + len(n))]) for n in ("济南", "青岛")]
    assert extract_projects(t, entities=places) == []
    t = "加快推进奇瑞乘用车技改、中州时代电池三期等项目。"  # a phase names a work
    assert "中州时代电池三期" in _by_name(t)


def test_a_counted_batch_closing_a_list_leaves_the_named_items() -> None:
    got = _by_name("海河沿线亮化净化，五大道公园、设计公园和85个口袋公园等建成开放，城市颜值进一步彰显。")
    assert set(got) == {"五大道公园", "设计公园"} and got["设计公园"]["status"] == "建成"


def test_a_quantity_of_work_is_no_project_but_mass_production_is_a_status() -> None:
    t = "推动自然博物馆建设取得决定性进展、已开工入口社区完成主要工程量。"
    assert "主要工程" not in _by_name(t)
    assert _by_name("比亚迪电池项目量产。")["比亚迪电池项目"]["status"] == "投产"


def test_a_named_work_gets_the_amount_said_of_it() -> None:
    p = _by_name("记者从江西省获悉，总投资约180亿元的昌景黄高铁江西段开通运营。")["昌景黄高铁江西段"]
    assert p["investment"] == 18_000_000_000 and p["status"] == "建成"
    got = _by_name("总投资近2000亿元的格尔木东、海南清洁能源基地加快建设。")  # a list's total is no item's
    assert got and all(p["investment"] is None for p in got.values())


def test_news_refers_back_to_the_project_with_its_amount() -> None:
    t = "今天，裕龙岛炼化一体化项目一期投产。这个总投资超过1200亿元的项目，是山东最大的单体石化项目。"
    p = _by_name(t)["裕龙岛炼化一体化项目一期"]  # 项 of 项目 is no counter of a count
    assert p["investment"] == 120_000_000_000 and p["status"] == "投产"
    t = "在福建宁德，宁德时代储能电池项目正在加紧建设。据项目负责人介绍，项目总投资达130亿元。"
    assert _by_name(t)["宁德时代储能电池项目"]["investment"] == 13_000_000_000


def test_a_short_item_shares_the_part_a_generic_word_opens() -> None:
    got = _by_name("扎实推进长城、大运河国家文化公园建设。")
    assert set(got) == {"长城国家文化公园", "大运河国家文化公园"}


def test_service_corridors_are_no_works() -> None:
    t = "推动西部陆海新通道建设，推动合芜马铁水联运通道建设，深中通道加快建设。"
    assert set(_by_name(t)) == {"深中通道"}


def test_a_project_picked_out_of_a_signed_batch_is_signed() -> None:
    t = "重庆两江新区集中签约25个项目，总投资超过500亿元，其中包括长安汽车新能源整车项目。"
    assert _by_name(t)["长安汽车新能源整车项目"]["status"] == "签约"


def test_works_measured_and_works_referred_to_are_not_named() -> None:
    assert extract_projects("目前，江苏已建成投产的海上风电项目装机容量达到1180万千瓦。") == []
    assert extract_projects("这条高速公路总投资186亿元，预计2026年建成通车。") == []


def test_older_report_wording_of_works_in_progress() -> None:
    got = _by_name("今年要集中力量保证三峡工程、京九铁路、黄河小浪底水利枢纽等重点工程的建设。")
    assert {"三峡工程", "京九铁路", "黄河小浪底水利枢纽"} <= set(got)
    assert got["京九铁路"]["status"] == "在建"


def test_transfer_works_are_whole_names_in_a_list() -> None:
    got = _by_name("西气东输、西电东送、青藏铁路等重大工程相继开工。")
    assert set(got) == {"西气东输", "西电东送", "青藏铁路"}


def test_one_dash_joins_a_route_two_close_a_description() -> None:
    assert "牛栏江—滇池补水工程" in _by_name("全力推进滇中引水二期工程、牛栏江—滇池补水工程提升改造。")
    assert set(_by_name("重大项目——引黄济宁工程开工。")) == {"引黄济宁工程"}


def test_a_work_named_by_its_place_or_done_on_a_named_thing_is_no_place() -> None:
    t = "三峡工程和小浪底工程的截流都将在今年实施，必须精心组织，精心施工。"
    ents = [Mention("三峡", "place", spans=[(0, 2)])]
    assert "三峡工程" in _by_name(t, entities=ents)
    t = "开工G334文旅大通道改造升级项目。"
    ents = [Mention("G334文旅大通道", "platform", spans=[(2, 12)])]
    assert _by_name(t, entities=ents)["G334文旅大通道改造升级项目"]["status"] == "开工"
    t = "今天，广州重大项目集中开工。"  # a place with batch words stays no project
    assert extract_projects(t, entities=[Mention("广州", "place", spans=[(3, 5)])]) == []


def test_amount_words_of_estimates_and_foreign_currencies() -> None:
    p = _by_name("沪渝蓉高铁武宜段开工建设，概算总投资约620亿元。")["沪渝蓉高铁武宜段"]
    assert p["investment"] == 62_000_000_000  # the one object of the status verb gets the amount after it
    assert _by_name("华为云数据中心项目一期总投资预计80亿元。")  # 预计 between the cue and the amount
    got = _by_name("宁德时代匈牙利电池工厂项目总投入约73亿欧元。")
    assert got and all(p["investment"] is None for p in got.values())  # 亿欧元 is no yuan
    t = "推动大吉煤层气田等项目建设，力争产量突破200亿立方米、投资超120亿元。"
    assert _by_name(t)["大吉煤层气田"]["investment"] is None  # A等项目: the sector's sum


def test_kinds_listed_per_place_and_designations_name_no_work() -> None:
    t = "推进青海、甘肃等省份新能源基地建设。"
    ents = [Mention("青海", "place", spans=[(2, 4)]), Mention("甘肃", "place", spans=[(5, 7)])]
    assert extract_projects(t, entities=ents) == []  # 等省份 like 等地: one kind per place
    assert extract_projects("加快推进郑州、洛阳等6个国家物流枢纽建设。") == []  # a designation


def test_segments_with_their_own_line_and_bare_phases() -> None:
    got = _by_name("开工建设广州新机场、潮南高速潮饶段、兰海高速廉徐段、惠肇高速三封段等项目。")
    assert {"兰海高速廉徐段", "惠肇高速三封段"} <= set(got)  # each names its own line
    got = _by_name("推进环北部湾广东水资源配置一期、二期和黄茅峡水库等工程建设。")
    assert "环北部湾广东水资源配置二期" in got  # a bare phase is the phase of the item before
    assert "沪渝蓉高铁宜涪段" in _by_name("加快沪渝蓉高铁武宜段、宜涪段建设。")


def test_quantities_open_no_name_and_opened_works_are_built() -> None:
    assert extract_projects("吸引更多优质外资项目落地。") == []
    assert extract_projects("超额完成新一轮百万亩造林绿化工程。") == []
    assert _by_name("建成开放中国长城博物馆。")["中国长城博物馆"]["status"] == "建成"


def test_ordinals_and_descriptions_before_a_listed_work() -> None:
    t = "七是宁电入湘工程建成投运；八是国家重点工程包银高铁全线开通；九是黄河宁夏段河道治理工程全面贯通。"
    assert set(_by_name(t)) == {"宁电入湘工程", "包银高铁", "黄河宁夏段河道治理工程"}
    t = "西部陆海新通道西线主通道重点工程隆泸叙铁路开通首发，成南扩容、九绵等高速公路通车运行。"
    assert "隆泸叙铁路" in _by_name(t) and not any(n.endswith("重点工程") for n in _by_name(t))


def test_stalled_works_rd_projects_and_basin_works_are_kinds() -> None:
    assert extract_projects("扎实推进停工项目与闲置资产处置化解行动。") == []
    assert extract_projects("加快推进重点流域防洪工程建设。") == []
    assert extract_projects("推进国有企事业单位创新分配改革和科技研发项目评审。") == []


def test_a_name_opening_with_xin_keeps_it() -> None:
    got = _by_name("最高法、海关总署等数据中心建成，新华三图灵小镇等一批重点工程开工。")
    assert "新华三图灵小镇" in got  # 新 opens the firm's name (新建, 新开工 are verbs of their own)


def test_works_counted_per_township_and_kinds_of_programmes() -> None:
    assert extract_projects("全面完成玉树东坝、尕羊、吉曲3乡大电网延伸工程。") == []  # a count per place
    assert extract_projects("深入推进人防工程建设。") == []
    assert extract_projects("保交房项目交付率100%。") == []
    assert extract_projects("深度融入雅下水电工程等国家重大项目建设。") == []  # 融入 (joining in) opens no name
    t = "落实招商引资清单，注重增量项目精准引进、签约项目落地转化、在建项目建成达产。"
    assert extract_projects(t) == []  # classes of projects by stage


def test_approval_as_a_process_and_counted_batches_of_kinds_are_no_projects() -> None:
    assert extract_projects("大幅下放鼓励类项目核准权，再次修订投资项目核准目录。") == []
    assert extract_projects("启动了178项节能、节水和资源综合利用等重大项目。") == []
    assert extract_projects("启动集中连片特殊困难地区扶贫开发攻坚工程。") == []  # a campaign
    assert extract_projects("五年铁路正线铺轨总里程1134公里。") == []  # a period's works measured


def test_an_abbreviated_work_at_its_building_site() -> None:
    t = "在国家重点项目大广高速南康至龙南段扩容工地，1200多人、500多台机械抓紧建设。"
    assert _by_name(t)["大广高速南康至龙南段扩容"]["status"] == "在建"  # 大广 abbreviates, 工地 is a site


def test_named_works_counted_after_deng_stay_a_designation_without_it() -> None:
    t = "加快海上风电、沿海核电、辽西风光、储能四大清洁能源基地建设。"
    assert extract_projects(t) == []


def test_a_named_facility_as_subject_with_its_total_investment() -> None:
    p = _by_name("姑苏实验室是江苏省重点科创实验室，总投资200个亿。")["姑苏实验室"]
    assert p["investment"] == 20_000_000_000
    assert extract_projects("该中心是全省最大的物流中心，总投资20亿元。") == []  # a determiner names none
    assert extract_projects("全市工业园区，总投资增长12%。") == []


def test_a_scene_named_then_said_again_by_its_kind() -> None:
    t = "在广西贵港港南区滨江产业园，园区建设正在加快推进，园区未来将引进绿色家居等产业。"
    ents = [Mention("广西贵港港南区", "place", spans=[(1, 8)])]
    assert _by_name(t, entities=ents)["滨江产业园"]["status"] == "在建"  # the places before it say where
    assert extract_projects("在产业园区，园区建设正在加快推进。") == []  # a kind, no name


def test_a_part_before_he_that_names_no_work_leaves_only_the_part_after() -> None:
    # a class of city, a task, a firm before 和: only the work after it is a project (or none)
    got = _by_name("推动长春、松原国家碳达峰试点城市和长春循环经济产业园建设。")
    assert list(got) == ["长春循环经济产业园"] and got["长春循环经济产业园"]["status"] == "在建"
    assert extract_projects("大力推动商务区核心区城市更新和重点项目建设，促进功能复合。") == []
    assert extract_projects("一批重点煤矿、电站、油井、建材企业和铁路新线建成投产。") == []
    # two works joined by 和 stay one name (the part before ends with no such word)
    assert "东平湖老湖区洪水相机南排和航道" in _by_name("加快东平湖老湖区洪水相机南排和航道主体工程建设。")


def test_verbs_of_managing_projects_open_no_name() -> None:
    # 完善/实行/做实/推行 govern a rule or a stage of projects in general, not a named project
    t = "做实重大项目前期工作，推动要素向产业项目集聚。完善项目可持续投融资和运营机制。实行项目核准网上并联办理。"
    assert extract_projects(t) == []
    assert extract_projects("全面推行项目设计施工的招标制，以达到提高工程质量的目的。") == []


def test_a_status_list_of_fields_closed_by_deng_xiangmu_names_no_projects() -> None:
    t = "加快布局建设煤制芳烃、低阶煤热解联产分质分级利用、焦化化产深加工等项目，拓展应用市场。"
    assert extract_projects(t) == []
    assert extract_projects("加快双千兆网络、量子通信等项目建设，完善数字基础设施体系。") == []
    # a named work (a built word, a transfer work) keeps the list
    assert "大吉煤层气田" in _by_name("推动大吉煤层气田等项目建设。")
    assert "南水北调" in _by_name("加紧南水北调等重大项目的规划和建设。")


def test_a_work_that_serves_put_into_operation_is_built_a_plant_is_producing() -> None:
    got = _by_name("全面投运共和机场，推进黄南机场前期。确保青藏铁路、三峡三期工程等一批重点工程建成投产。")
    assert got["共和机场"]["status"] == "建成" and got["青藏铁路"]["status"] == "建成"
    assert got["三峡三期工程"]["status"] == "投产"  # a power plant produces
    assert _by_name("白鹤滩水电站全面投产发电。")["白鹤滩水电站"]["status"] == "投产"
