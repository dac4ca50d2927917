"""HTML: main-content candidates (trafilatura balanced/precision/recall, readability-style DOM scoring,
all visible lines) from the decoded string; clean/choose.py picks one per page by gold-free features."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

# trafilatura logs ERROR for ordinary outcomes (an empty or tiny page); our own fallbacks and the
# per-document failure report already tell the user what happened, so keep its chatter out of stderr.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("readability.readability").setLevel(logging.CRITICAL)

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
    # main-content line lists by extractor name; `lines` is the chosen one (clean/choose.py)
    candidates: dict[str, list[str]] = field(default_factory=dict)
    chosen: str | None = None  # "extractor" or "extractor/level"
    level: str = "block"  # how much of the line cleaning the chosen candidate gets (core.candidate_text)


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


def _trafilatura(html: str, mode: str, with_metadata: bool) -> Any:
    """trafilatura's extraction in one of its modes (balanced, precision, recall); None on failure."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=True,
            include_images=False,
            favor_recall=mode == "recall",
            favor_precision=mode == "precision",
            with_metadata=with_metadata,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - a parser crash on a malformed page must fall back, not fail
        return None


def _doc_lines(doc: Any) -> list[str]:
    """Lines of a trafilatura result, layout-table rows split into cells."""
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    return [ln for ln in split_table_rows([ln.strip() for ln in text.splitlines()]) if ln]


def extract_html(html: str, candidates: bool = True) -> HtmlParts:
    """Main-content candidates of a page (trafilatura balanced, readability-style, visible lines;
    `add_trafilatura_modes` adds more); `lines` starts as trafilatura's balanced extraction (the
    visible text when it found nothing). Without `candidates` only that one is computed."""
    from shuanglian.clean.readable import main_lines, readability_lxml_lines

    doc = _trafilatura(html, "balanced", with_metadata=True)
    lines = _doc_lines(doc)
    visible, title_tag = _visible_and_title(html)
    found: dict[str, list[str]] = {"trafilatura": lines}
    if candidates:
        for name, extractor in (("readability", main_lines), ("arc90", readability_lxml_lines)):
            try:
                found[name] = extractor(html)
            except Exception:  # noqa: BLE001 - a DOM a scorer cannot walk leaves the other candidates
                found[name] = []
        found["visible"] = list(visible)
    if not lines:
        lines = list(visible)
    return HtmlParts(
        lines=lines,
        visible=visible,
        title=getattr(doc, "title", None) if doc is not None else None,
        date=getattr(doc, "date", None) if doc is not None else None,
        sitename=getattr(doc, "sitename", None) if doc is not None else None,
        title_tag=title_tag,
        candidates={k: v for k, v in found.items() if v},
        chosen="trafilatura" if found["trafilatura"] else "visible",
    )


def add_trafilatura_modes(parts: HtmlParts, html: str) -> None:
    """Add trafilatura's precision and recall extractions to the candidates (two more parser runs)."""
    for mode in ("precision", "recall"):
        lines = _doc_lines(_trafilatura(html, mode, with_metadata=False))
        if lines:
            parts.candidates[mode] = lines
