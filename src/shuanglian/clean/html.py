"""HTML: main content with trafilatura (on the decoded string), selectolax fallback, visible-text lines."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

# trafilatura logs ERROR for ordinary outcomes (an empty or tiny page); our own fallbacks and the
# per-document failure report already tell the user what happened, so keep its chatter out of stderr.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CELL_PARAS = re.compile(r"(?<=[。！？!?”」])\s+(?=\S)")
_RULE_ROW = re.compile(r"^\|?[\s\-:|]+\|?$")


def split_table_rows(lines: list[str]) -> list[str]:
    """Turn trafilatura's markdown table rows into one line per non-empty cell (layout tables hold
    whole articles in one cell); drop separator rows."""
    out: list[str] = []
    for line in lines:
        if line.startswith("|") and line.endswith("|") and len(line) > 1:
            if _RULE_ROW.match(line):
                continue
            for cell in _CELL_SPLIT.split(line[1:-1]):
                cell = cell.replace("\\|", "|").strip()
                # paragraphs inside a cell come out space-joined: split after sentence ends
                out.extend(part for part in _CELL_PARAS.split(cell) if part)
        else:
            out.append(line.replace("\\|", "|"))
    return out


@dataclass
class HtmlParts:
    """What the HTML step found: main-content lines, all visible lines, trafilatura metadata."""

    lines: list[str]
    visible: list[str]
    title: str | None = None
    date: str | None = None
    sitename: str | None = None
    title_tag: str | None = None  # the <title> text, for pages where trafilatura found no title
    extras: dict[str, Any] = field(default_factory=dict)


def visible_lines(html: str) -> list[str]:
    """Every visible text line of the page (scripts, styles and templates removed)."""
    return _visible_and_title(html)[0]


def _visible_and_title(html: str) -> tuple[list[str], str | None]:
    """Visible text lines and the <title> text (trafilatura misses it on some old pages)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    node = tree.css_first("title")
    title = " ".join(node.text().split()) if node is not None else None
    for node in tree.css("script, style, noscript, template, iframe, svg"):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return [], title or None
    text = root.text(separator="\n", strip=False)
    return [ln.strip() for ln in text.splitlines() if ln.strip()], title or None


def extract_html(html: str) -> HtmlParts:
    """Main-content lines of a page: trafilatura first, the visible text as a fallback."""
    import trafilatura

    lines: list[str] = []
    title = date = sitename = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            include_images=False,
            # Measured on ../shared/data/web-extraction (bench/web_extraction.py), mean bigram F1:
            # balanced 0.913, favor_recall 0.909, favor_precision 0.891 -> balanced.
            favor_recall=False,
            favor_precision=False,
            with_metadata=True,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - a parser crash on a malformed page must fall back, not fail
        doc = None
    if doc is not None:
        text = getattr(doc, "text", None) or ""
        lines = split_table_rows([ln.strip() for ln in text.splitlines()])
        title = getattr(doc, "title", None)
        date = getattr(doc, "date", None)
        sitename = getattr(doc, "sitename", None)
    visible, title_tag = _visible_and_title(html)
    if not lines:
        lines = list(visible)
    return HtmlParts(lines=lines, visible=visible, title=title, date=date, sitename=sitename, title_tag=title_tag)
