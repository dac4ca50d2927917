"""Article texts written for these tests (our own words, real public organisations) and page builders."""

from __future__ import annotations

ARTICLE_A = [
    "4月18日,深圳市科技创新局组织召开高端医疗器械产业链对接会,来自深圳迈瑞生物医疗电子股份有限公司、"
    "南方科技大学、深圳湾实验室等单位的代表围绕关键零部件国产化展开讨论。",
    "会上,迈瑞医疗介绍了监护仪和除颤仪核心传感器的研发进展。企业负责人表示,公司每年将营业收入的一成左右"
    "投入研发,目前已在深圳、南京、西安等地设立研发中心,研发人员超过四千人。",
    "南方科技大学生物医学工程系的专家提出,高校可以在医学影像算法、生物材料和精密加工方面为企业提供支撑,"
    "双方正在筹建联合实验室,计划两年内完成首批三个攻关项目。",
    "深圳湾实验室负责人介绍,实验室已与十余家医疗器械企业签订合作协议,围绕体外诊断试剂和高通量测序仪"
    "开展联合攻关,并向企业开放冷冻电镜等大型仪器设备。",
    "市科技创新局有关负责人表示,下一步将围绕产业链断点设立专项资金,支持企业牵头组建创新联合体,"
    "推动更多科研成果在深圳就地转化,力争到2025年全市高端医疗器械产业规模突破一千亿元。",
]

ARTICLE_B = [
    "本报讯 记者从天津市教委获悉,天津大学与南开大学日前签署协议,将在化学工程、合成生物学和新能源材料"
    "三个方向共建联合研究平台,推动两校学科交叉和资源共享。",
    "根据协议,两校将互认部分研究生课程,共同举办青年学者论坛,并联合申报国家级重大科研项目。",
    "天津大学有关负责人表示,联合平台将优先面向滨海新区的化工、医药和新能源企业开放,帮助企业解决工艺放大、"
    "催化剂寿命和电池安全等实际难题。",
    "南开大学相关学院介绍,平台首期投入约二亿元,建设面积一万二千平方米,预计明年秋季投入使用,"
    "届时将引进海内外高层次人才五十名以上。",
]


def edited(paras: list[str]) -> list[str]:
    """A republished copy: one word changed, one phrase dropped (what reposting sites do)."""
    out = list(paras)
    out[0] = out[0].replace("组织召开", "召开")
    out[-1] = out[-1].replace("推动更多科研成果在深圳就地转化,", "")
    return out


def site_one(title: str, paras: list[str]) -> str:
    """A text dump in the style of a city news site: breadcrumb, byline, hot list, footer."""
    body = "\n".join(paras)
    return (
        "首页 > 新闻中心 > 科技\n"
        f"{title}\n"
        "2023-04-19 08:30:12 来源:深圳特区报\n"
        f"{body}\n"
        "(编辑:李明 审读:王芳)\n"
        "热门排行\n1 全市中小学开学时间公布\n2 地铁十六号线延长运营\n3 周末天气晴好适合出行\n"
        "Copyright © 2023 深圳新闻网 版权所有 粤ICP备12345678号\n"
    )


def site_two(title: str, paras: list[str]) -> str:
    """The same kind of page reposted by another site: different header, share prompt, related list."""
    body = "\n\n".join("  " + p for p in paras)
    return (
        "当前位置:首页 > 行业资讯 > 正文\n"
        f"{title}\n"
        "发布时间:2023年04月20日 来源:产业园区网\n"
        f"{body}\n"
        "分享到:微信 微博 QQ空间\n"
        "相关阅读\n园区企业获评专精特新称号\n新材料产业基金完成首期募集\n"
        "联系电话:0755-12345678 地址:深圳市南山区科技园\n"
    )
