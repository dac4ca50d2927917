"""Metadata helpers: title clean-up (tags, site-name suffixes), media from labels, datelines, reposts, footers."""

from __future__ import annotations

import pytest

from shuanglian.clean.meta import clean_title, copyright_holder, dateline_media, find_media, split_title


@pytest.mark.parametrize(
    ("title", "sites", "want"),
    [
        ("深圳发布人工智能行动方案_新闻频道_央视网", (), "深圳发布人工智能行动方案"),
        ("深圳发布人工智能行动方案-深圳特区报", (), "深圳发布人工智能行动方案"),
        ("深圳发布人工智能行动方案 - 南方日报", (), "深圳发布人工智能行动方案"),
        ("深圳发布人工智能行动方案 | 读特", ("读特",), "深圳发布人工智能行动方案"),
        ("深圳发布人工智能行动方案 | 界面", (), "深圳发布人工智能行动方案"),
        ("深圳发布人工智能行动方案_要闻", (), "深圳发布人工智能行动方案"),
        ("专访院长：让成果转化跑出加速度----中国科学院某研究所", (), "专访院长：让成果转化跑出加速度"),
        ("深圳市人民政府关于印发某方案的通知｜深圳市人民政府", (), "深圳市人民政府关于印发某方案的通知"),
        ("【转载】深港合作再提速", (), "深港合作再提速"),
        ("[原创] [精华] 光明科学城探访记", (), "光明科学城探访记"),
        ("转帖：坪山生物医药产业观察", (), "坪山生物医药产业观察"),
        # subtitles and a tail that is not a site stay
        ("大国重器——记某实验室的十年", (), "大国重器——记某实验室的十年"),
        ("深圳出台新政 - 附政策全文及专家解读", (), "深圳出台新政 - 附政策全文及专家解读"),
        ("深圳出台新政 | 附政策全文及十位专家解读", (), "深圳出台新政 | 附政策全文及十位专家解读"),
        ("2024-2025年行动计划发布", (), "2024-2025年行动计划发布"),
        ("【转载】", (), "【转载】"),  # nothing left: keep what there is
    ],
)
def test_clean_title(title: str, sites: tuple[str, ...], want: str) -> None:
    assert clean_title(title, sites) == want


def test_site_tail_is_returned_for_media_of_last_resort() -> None:
    assert split_title("深圳发布人工智能行动方案_要闻_央视网") == ("深圳发布人工智能行动方案", "央视网")
    assert split_title("深圳发布人工智能行动方案_要闻") == ("深圳发布人工智能行动方案", None)
    assert split_title("深圳发布人工智能行动方案_新闻频道") == ("深圳发布人工智能行动方案", None)


@pytest.mark.parametrize(
    ("lines", "want"),
    [
        (["来源：深圳特区报 作者：张三"], "深圳特区报"),
        (["来源 | 南方+"], "南方+"),
        (["【来源：人民网】"], "人民网"),
        (["（来源：光明日报）"], "光明日报"),
        (["转自人民日报，原标题：《某某》"], "人民日报"),
        (["2023年08月30日 09:12 南方日报 作者:林某"], "南方日报"),
        (["澎湃新闻 2024-09-04 18:26 上海"], "澎湃新闻"),
        (["2024-08-15 11:02 发布于:广东省 湾区科技观察"], "湾区科技观察"),
        # a reporter, an IP location or a weekday beside the date is not the outlet
        (["本报记者 何某 | 2024年4月2日 星期二 06:30"], None),
        (["2024-09-04 18:26 江苏"], None),
        (["来源：网络"], None),
    ],
)
def test_find_media(lines: list[str], want: str | None) -> None:
    assert find_media(lines) == want


def test_labelled_source_wins_over_dateline_and_footer() -> None:
    lines = ["2024-01-08 10:00 某某晚报", "来源：科技日报"]
    assert find_media(lines, ["Copyright © 2024 某某网 版权所有"]) == "科技日报"
    assert dateline_media(lines) == "某某晚报"


@pytest.mark.parametrize(
    ("footer", "want"),
    [
        ("版权所有 不得转载 Copyright 2024 香港某某日报有限公司 All rights reserved.", "香港某某日报"),
        ("Copyright © 2015-2024 湾区财经网 版权所有", "湾区财经网"),
        ("深圳新闻网 版权所有 未经授权禁止复制", "深圳新闻网"),
        ("版权所有：深圳市人民政府", "深圳市人民政府"),
        # a company that is not a media outlet keeps its full name
        ("Copyright © 2024 深圳某某科技有限公司", "深圳某某科技有限公司"),
    ],
)
def test_copyright_holder(footer: str, want: str) -> None:
    assert copyright_holder([footer]) == want
