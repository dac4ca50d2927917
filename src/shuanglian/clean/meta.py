"""Metadata from page lines: title (incl. 原标题), publication date/time, source media.

Dates without a year ("4个月前 (09-21)", "09-21") are left null: guessing the year from the crawl
time would invent facts; a full date (2023-07-27, 2023年7月27日, optional time) is required.
"""

from __future__ import annotations

import re

from shuanglian.clean.rules import page_parts

_DATE_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)
_LABELLED_DATE = re.compile(r"(发布时间|发布日期|发表时间|发表日期|时间|日期|发布于|更新时间)\s*[:：]?\s*")
# "来源：X", "来源 | X" (WeChat), "来源丨X"
_MEDIA_RE = re.compile(
    r"(?:来源|信息来源|稿源|文章来源|出处|来自)\s*(?:[:：]|\s[|｜丨]\s|丨)\s*"
    r"([^\s|｜,，。:：　\d【】\[\]()（）][^\s|｜,，。:：　【】\[\]()（）]{0,24})"
)
# A repost naming where it was taken from: "转自深圳特区报，原标题：…", "转载自《XX日报》" (not 摘自/选自:
# body sentences quote reports and books that way)
_REPOST_RE = re.compile(r"(?:转自|转载自|转载于)\s*[:：]?\s*《?([^\s|｜,，。:：《》　\d]{2,24})")
_COPYRIGHT_RES = (
    re.compile(r"(?i)copyright\s*(?:©|\(c\)|@)?\s*[\d\s\-–]*\s*([\u4e00-\u9fff][\u4e00-\u9fff（）()]{1,30})"),
    re.compile(r"(?:^|\s)([\u4e00-\u9fff][\u4e00-\u9fff（）()]{1,30})\s*版权所有"),
    re.compile(r"版权所有\s*[:：©]\s*(?:[\d\-–]+\s*)?([\u4e00-\u9fff][\u4e00-\u9fff（）()]{1,30})"),
)
_DATELINE_SPLIT = re.compile(r"[\s|｜丨]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ORIG_TITLE_RE = re.compile(r"原标题\s*[:：]?\s*《?\s*([^》)）]+?)\s*》?\s*[)）]?\s*$")
_MEDIA_STOP = re.compile(r"(作者|编辑|责编|记者|时间|日期|发布|浏览|点击|字号).*$")


def parse_date(text: str) -> str | None:
    """ISO date or datetime of the first full date in `text` (None when there is none)."""
    m = _DATE_RE.search(text)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    iso = f"{y:04d}-{mo:02d}-{d:02d}"
    if m.group(4) is not None and m.group(5) is not None:
        h, mi, s = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
        if h < 24 and mi < 60 and s < 60:
            iso += f"T{h:02d}:{mi:02d}:{s:02d}"
    return iso


def find_published(lines: list[str]) -> str | None:
    """Publication date: a labelled date (发布时间:…) first, else the first full date on a short line."""
    for line in lines:
        m = _LABELLED_DATE.search(line)
        if m:
            got = parse_date(line[m.end() : m.end() + 40])
            if got:
                return got
    for line in lines:
        if len(line) <= 80:
            got = parse_date(line)
            if got:
                return got
    return None


def find_media(lines: list[str], footer: list[str] | None = None) -> str | None:
    """Source media: a 来源 line, a repost's 转自, an outlet on the dateline, else the footer's copyright."""
    short = [line for line in lines if len(line) <= 120]
    for regex in (_MEDIA_RE, _REPOST_RE):
        for line in short:
            m = regex.search(line)
            if m:
                name = _MEDIA_STOP.sub("", m.group(1)).strip(" 　”\"'「」》")
                if len(name) >= 2 and name not in ("网络", "互联网", "本站", "本网"):
                    return name
    return dateline_media(short) or copyright_holder(footer or [])


def dateline_media(lines: list[str]) -> str | None:
    """An outlet printed beside the date without a label ("2023年08月30日 09:12 南方日报 作者:X")."""
    parts = page_parts()
    for line in lines:
        if len(line) > 80 or not _DATE_RE.search(line):
            continue
        for token in _DATELINE_SPLIT.split(line):
            if (
                2 <= len(token) <= 16
                and not any(ch.isdigit() or ch in ":：" for ch in token)
                and len(_CJK.findall(token)) >= len(token) - 2
                and not parts.not_media.search(token)
                and token.endswith(parts.media_suffixes)
            ):
                return token
    return None


def copyright_holder(footer: list[str]) -> str | None:
    """The copyright holder named in footer lines; a media company's legal suffix is dropped."""
    parts = page_parts()
    for regex in _COPYRIGHT_RES:
        for line in footer:
            m = regex.search(line)
            if m:
                name = m.group(1)
                bare = parts.company_suffix.sub("", name)
                return bare if bare != name and bare.endswith(parts.media_suffixes) else name
    return None


def clean_title(title: str, sites: tuple[str, ...] = ()) -> str:
    """Strip repost/forum tags ("[转帖]") and appended site names ("_XX网", "-XX日报", " | 站点") from a title."""
    return split_title(title, sites)[0]


def split_title(title: str, sites: tuple[str, ...] = ()) -> tuple[str, str | None]:
    """(title without tags and site-name tails, the outermost tail when it names a site, else None)."""
    parts = page_parts()
    title = title.strip()
    while True:
        m = parts.title_tags.match(title)
        if not m or m.end() >= len(title):
            break
        title = title[m.end() :].strip()
    site: str | None = None
    while True:
        seps = list(parts.title_separator.finditer(title))
        if not seps:
            break
        sep = seps[-1]
        head, tail = title[: sep.start()].strip(), title[sep.end() :].strip()
        if len(_CJK.findall(head)) < 4 or not tail or len(tail) > parts.site_tail_max:
            break
        if re.search(r"[，。：:！？、,!?]", tail):
            break
        site_like = tail.endswith(parts.site_suffixes) or any(s and s in tail for s in sites)
        # after "_" or a bar a short tail is the site or channel even without a telling suffix
        # ("标题 | 读特", "标题_要闻"); after a hyphen it must look like a site name
        short_tail = sep.group(0).strip() in ("_", "|", "｜") and len(tail) <= parts.bare_tail_max
        if not (site_like or short_tail):
            break
        if site is None and site_like and not tail.endswith(parts.channel_suffixes):
            site = tail
        title = head
    return title, site


def original_title(line: str) -> str | None:
    """The title inside "(原标题《…》)" or "原标题：…"."""
    m = _ORIG_TITLE_RE.search(line)
    return m.group(1).strip() if m else None
