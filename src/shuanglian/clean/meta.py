"""Metadata from page lines: title (incl. 原标题), publication date/time, source media.

Dates without a year ("4个月前 (09-21)", "09-21") are left null: guessing the year from the crawl
time would invent facts; a full date (2023-07-27, 2023年7月27日, optional time) is required.
"""

from __future__ import annotations

import re

_DATE_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)
_LABELLED_DATE = re.compile(r"(发布时间|发布日期|发表时间|发表日期|时间|日期|发布于|更新时间)\s*[:：]?\s*")
_MEDIA_RE = re.compile(
    r"(?:来源|信息来源|稿源|文章来源|出处|来自)\s*[:：]\s*([^\s|｜,，。:：　\d][^\s|｜,，。:：　]{0,24})"
)
_COPYRIGHT_RE = re.compile(r"(?i)copyright\s*(?:©|\(c\)|@)?\s*[\d\s\-–]*\s*([\u4e00-\u9fff][\u4e00-\u9fff（）()]{1,30})")
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
    """Source media named on a 来源 line, else the copyright holder in the footer."""
    for line in lines:
        if len(line) > 120:
            continue
        m = _MEDIA_RE.search(line)
        if m:
            name = _MEDIA_STOP.sub("", m.group(1)).strip(" 　”\"'「」")
            if len(name) >= 2:
                return name
    for line in footer or []:
        m = _COPYRIGHT_RE.search(line)
        if m:
            return m.group(1)
    return None


def original_title(line: str) -> str | None:
    """The title inside "(原标题《…》)" or "原标题：…"."""
    m = _ORIG_TITLE_RE.search(line)
    return m.group(1).strip() if m else None
