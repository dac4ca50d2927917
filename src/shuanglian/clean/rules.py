"""Load the cleaning rule files (YAML under clean/data/) once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# Lines longer than LONG_LINE are usually body paragraphs with boilerplate glued on; rules must match
# at their start (within LONG_ANCHOR chars) unless marked long_ok.
LONG_LINE = 200
LONG_ANCHOR = 10


@dataclass(frozen=True)
class LineRule:
    """One line rule from line_rules.yaml."""

    reason: str
    regex: re.Pattern[str]
    # the same patterns anchored to the first LONG_ANCHOR characters: scanning a long paragraph for a
    # match that could only count near its start was most of the rule time
    head_regex: re.Pattern[str]
    max_len: int | None = None
    min_hits: int = 1
    end: bool = False
    after: bool = False
    long_ok: bool = False
    unless_sentence: bool = False


@dataclass(frozen=True)
class RepairRule:
    """One substitution rule from repairs.yaml."""

    from_: str
    to: str
    always: bool = False
    patterns: tuple[re.Pattern[str], ...] = field(default_factory=tuple)


def load_yaml(name: str) -> Any:
    """Read a YAML data file shipped in shuanglian/clean/data."""
    text = (resources.files("shuanglian.clean") / "data" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


# A line made only of page-tool words ("分享 收藏 点赞 在看", "0评论", "阅读 (2361)", "【打印】【关闭】"):
# each word may carry a counter before or after it and brackets around it.
_TOOL_SEP = r"[\s,，、;；|｜/·:：>»]*"


def tool_bar_pattern(words: list[str]) -> str:
    """Regex for a line consisting only of the given tool words, separators and counters."""
    alt = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    token = rf"[【\[［(（]?\d*\s*(?:{alt})\s*[(（]?\d*[)）]?[】\]］)）]?"
    return rf"^{_TOOL_SEP}(?:{token}{_TOOL_SEP})+$"


@lru_cache(maxsize=1)
def line_rules() -> tuple[LineRule, ...]:
    """Compiled line rules, in file order (first match wins)."""
    out: list[LineRule] = []
    for item in load_yaml("line_rules.yaml")["rules"]:
        patterns = list(item.get("patterns") or [])
        if item.get("words"):
            patterns.append(tool_bar_pattern(item["words"]))
        pattern = "|".join(f"(?:{p})" for p in patterns)
        out.append(
            LineRule(
                reason=item["reason"],
                regex=re.compile(pattern),
                head_regex=re.compile(rf"^.{{0,{LONG_ANCHOR - 1}}}(?:{pattern})"),
                max_len=item.get("max_len"),
                min_hits=int(item.get("min_hits", 1)),
                end=bool(item.get("end", False)),
                after=bool(item.get("after", False)),
                long_ok=bool(item.get("long_ok", False)),
                unless_sentence=bool(item.get("unless_sentence", False)),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def repair_rules() -> tuple[RepairRule, ...]:
    """Compiled repair rules."""
    out: list[RepairRule] = []
    for item in load_yaml("repairs.yaml")["rules"]:
        pats = tuple(re.compile(p) for p in item.get("patterns", []) or [])
        for p in pats:
            if "w" not in p.groupindex:
                raise ValueError(f"repairs.yaml: pattern {p.pattern!r} lacks the named group (?P<w>...)")
        out.append(RepairRule(item["from"], item["to"], bool(item.get("always", False)), pats))
    return tuple(out)


@lru_cache(maxsize=1)
def spam_lexicon() -> tuple[re.Pattern[str], int, int]:
    """(regex of all spam terms, min_hits, strong_hits) from spam.yaml."""
    data = load_yaml("spam.yaml")
    terms = sorted({t for group in data["terms"].values() for t in group}, key=len, reverse=True)
    regex = re.compile("|".join(re.escape(t) for t in terms))
    return regex, int(data.get("min_hits", 3)), int(data.get("strong_hits", 5))


@dataclass(frozen=True)
class PageParts:
    """Compiled patterns of page_parts.yaml (titles, datelines, section headings, media names)."""

    section_heading: re.Pattern[str]
    menu_line: re.Pattern[str]
    dateline_lead: re.Pattern[str]
    title_tags: re.Pattern[str]
    title_separator: re.Pattern[str]
    site_suffixes: tuple[str, ...]
    site_tail_max: int
    bare_tail_max: int
    channel_suffixes: tuple[str, ...]
    media_suffixes: tuple[str, ...]
    not_media: re.Pattern[str]
    company_suffix: re.Pattern[str]
    not_site_name: re.Pattern[str]


@lru_cache(maxsize=1)
def page_parts() -> PageParts:
    """Patterns for the parts of a page around its body, from page_parts.yaml."""
    d = load_yaml("page_parts.yaml")
    return PageParts(
        section_heading=re.compile(d["section_heading"]),
        menu_line=re.compile(d["menu_line"]),
        dateline_lead=re.compile(d["dateline_lead"]),
        title_tags=re.compile(d["title_tags"]),
        title_separator=re.compile(d["title_separator"]),
        site_suffixes=tuple(sorted(d["site_suffixes"], key=len, reverse=True)),
        site_tail_max=int(d["site_tail_max"]),
        bare_tail_max=int(d["bare_tail_max"]),
        channel_suffixes=tuple(d["channel_suffixes"]),
        media_suffixes=tuple(sorted(d["media_suffixes"], key=len, reverse=True)),
        not_media=re.compile(d["not_media"]),
        company_suffix=re.compile(d["company_suffix"]),
        not_site_name=re.compile(d["not_site_name"]),
    )
