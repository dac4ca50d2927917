"""Line classification: CJK-aware body test, data rules, spam lexicon, hard-wrap re-joining."""

from __future__ import annotations

import pytest

from shuanglian.clean.lines import Line, body_score, is_spam, match_rule, merge_wrapped


@pytest.mark.parametrize(
    "line",
    [
        "党的二十大报告提出，加强基础研究，突出原创，鼓励自由探索。",
        "省领导张晓强,深圳市市长覃伟中参加调研。",
        "“我们希望把论文写在祖国大地上。”一位教授说。",
    ],
)
def test_short_sentences_are_body(line: str) -> None:
    assert body_score(line) > 0
    assert match_rule(line) is None


@pytest.mark.parametrize(
    "line",
    ["读特热榜", "00:11", "IN视频", "提升产业链自主可控能力", "我国经济已由高速增长阶段转向高质量发展阶段,正处在转变发展方式...",
     "Saturday morning news", "12345"],
)
def test_non_sentences_are_not_body(line: str) -> None:
    assert body_score(line) == 0


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("编辑 葛墨含 审读 韩绍俊 二审 张雪松 三审 朱玉林", "editor"),
        ("(责编:李文治)", "editor"),
        ("[责任编辑: 刘阳]", "editor"),
        ("当前位置:首页 > 产业地产资讯 > 正文内容", "breadcrumb"),
        ("中国西藏网 > 即时新闻 > 地方", "breadcrumb"),
        ("(原标题《黄坤明王伟中到深圳调研》)", "title"),
        ("原标题:强化协同创新", "title"),
        ("发布时间:2023-07-27 10:55:00来源: 天津日报", "meta"),
        ("- 粤ICP备10228864号", "footer"),
        ("- 粤公网安备 44030402000917号", "footer"),
        ("Copyright @1997-2023 深圳特区报社", "footer"),
        ("版权声明:本文由中国产业园区招商网发布,如需转载请注明出处。", "footer"),
        ("扫描二维码推送至手机访问。", "share"),
        ("分享给朋友:", "share"),
        ("本文链接:http://news.example.cn/post/1.html", "link"),
        ("标签: 产业链", "link"),
        ("产业招商/厂房土地租售:400 0123 021", "contact"),
        ("请说明您的需求、用途、税收、公司、联系人、手机号,以便快速帮您对接资源。", "contact"),
        ("03:09", "video"),
        ("【活动时间】即日起-9月20日 【参与方式】在鹏友圈带话题分享", "ugc"),
        ("落日美景,如梦如幻 。#读特小记者#", "ugc"),
        ("读特热榜", "hot_list"),
        ("相关文章", "related"),
        ("推荐阅读", "related"),
        ("新华网", "site_name"),
        # page-tool bars in their many spellings: words, counters, brackets, separators
        ("分享 收藏 点赞 在看", "share"),
        ("回复 支持 反对", "share"),
        ("12评论  3赞  转发", "share"),
        ("阅读 (2361)", "share"),
        ("返回列表 | 查看更多", "share"),
        ("A A A 分享到:微信 微博 QQ空间", "share"),
        ("【打印本页】【关闭窗口】", "share"),
        ("返回搜狐，查看更多", "share"),
        ("继续滑动看下一个", "share"),
        ("— END —", "end_mark"),
        ("精选留言", "comments"),
        ("本帖最后由 芯片打工人 于 2024-5-20 21:30 编辑", "meta"),
        # subscription prompts and app promotion
        ("点击上方蓝字，关注我们", "share"),
        ("欢迎关注本公众号，设为星标不迷路", "share"),
        ("打开澎湃新闻APP，查看更多高清大图", "app_promo"),
        ("下载掌上苏州客户端，看更多本地新闻", "app_promo"),
        ("阅读更多精彩内容", "app_promo"),
        # disclaimers of platforms and reposting sites
        ("平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台。", "footer"),
        ("作者声明：内容由AI辅助创作", "footer"),
        ("本文仅代表作者观点，不代表本站立场。", "footer"),
        ("文章来源于网络，如有侵权请联系删除。", "footer"),
        # the call to action closing an advertising block
        ("留下您的需求，招商专员将在24小时内与您联系对接。", "contact"),
        ("欢迎来电洽谈合作。", "contact"),
        # datelines with a time or weekday
        ("新华日报 2024-03-01 08:30 江苏", "meta"),
        ("2024年3月1日 星期五 来源不详", "meta"),
        ("来源 | 深圳商报", "meta"),
        ("姑苏观察 2024-09-04", "meta"),
        ("（来源：深圳特区报）", "meta"),
        ("监制：张三 编辑：李四", "editor"),
        ("文 | 王五 设计 | 赵六", "editor"),
        ("喜欢就点个“在看”吧", "share"),
        ("图片来源：视觉中国", "byline"),
        ("（图片来自网络）", "byline"),
        ("商务合作：请发邮件至 bd@example.cn", "contact"),
        ("扫码关注，获取更多资讯", "share"),
        ("大家都在看", "related"),
        ("来源丨南方+", "meta"),
    ],
)
def test_rules(line: str, reason: str) -> None:
    rule = match_rule(line)
    assert rule is not None and rule.reason == reason


def test_related_heading_swallows_the_rest() -> None:
    rule = match_rule("相关阅读")
    assert rule is not None and rule.after and rule.end
    rule = match_rule("反侵权公告：")
    assert rule is not None and rule.reason == "footer" and rule.after


def test_interview_questions_are_not_bylines() -> None:
    assert match_rule("记者：你们的农机大市场场址在哪？") is None
    rule = match_rule("记者：张三 李四")
    assert rule is not None and rule.reason == "byline"


@pytest.mark.parametrize(
    "line",
    [
        "园区通过线上招商、微信小程序等方式服务企业，去年新增注册企业三百余家。",
        "本报告中的数据版权归国家统计局所有，相关研究引用时注明了出处和口径。",
        "他在座谈会上说，微信支付等移动支付工具已经深入寻常百姓家。",
        # a joint statement opening a paragraph is news, not a disclaimer
        "中美联合声明：双方同意在气候变化领域加强合作。",
        # a schedule line in a notice: a date without time is not a dateline
        "2024年3月1日 申报系统开放",
        # a story about following an account, and a sentence with a tool word in it
        "越来越多的市民通过关注政务公众号办理社保、公积金等业务。",
        "企业可登录平台查看更多政策解读和申报指南。",
    ],
)
def test_body_lines_mentioning_boilerplate_words_survive(line: str) -> None:
    assert match_rule(line) is None


def test_long_body_paragraph_with_glued_tag_is_not_dropped_as_a_whole() -> None:
    body = "很多人都面临着头皮经常出油的问题，这在医学上被叫做脂溢性脱发。" * 8 + " #大家健康#"
    assert match_rule(body) is None


def test_spam_lexicon() -> None:
    assert is_spam("欧美老妇性午夜小视频_国产97最新在线视频_亚洲精品免费Ww久久_日韩三级在线成人网站")
    assert is_spam("澳门葡京娱乐城_百家乐真人娱乐开户_时时彩投注平台_注册送彩金")
    # a news sentence mentioning one or two of the words is not spam
    assert not is_spam("澳门特区政府表示，将加强对博彩业的监管，推动经济适度多元发展。")
    assert not is_spam("国产大飞机C919在多条航线上常态化运营，成为国产民机的代表。")


def test_hard_wrapped_paragraphs_are_rejoined() -> None:
    text = (
        "人心不会熄灭，但它可能蒙上灰烬而不再燃烧。灰烬本来是燃烧的产物，但它反过来又抑\n"
        "制了燃烧。拨开灰烬，你会看到重新燃烧的人心。在过去很长一段时期内，很多人都主\n"
        "动地参与过这样的运动，真诚地拥护过那种制度，这与其说表明了当时人们的道德堕落\n"
        "，不如说更多地表明了当时人们的认识迷误。\n"
    ) * 3
    lines = []
    for i, raw in enumerate(text.splitlines()):
        lines.append(Line(i + 1, raw, indent=0, gap_before=(i % 4 == 0 and i > 0)))
    merged = merge_wrapped(lines)
    assert len(merged) == 3
    assert merged[0].text.startswith("人心不会熄灭") and merged[0].text.endswith("认识迷误。")


def test_paragraph_per_line_text_is_not_rejoined() -> None:
    paras = [f"第{i}段：园区围绕产业链部署创新链，推动一批项目落地，企业研发投入持续增加。" for i in range(12)]
    lines = [Line(i, p) for i, p in enumerate(paras)]
    assert len(merge_wrapped(lines)) == 12
