"""Cleaning a Document: lines -> script normalisation -> rules -> body block -> metadata -> repairs."""

from __future__ import annotations

import re
from dataclasses import replace

from shuanglian.clean.body import mark_outside, select_body
from shuanglian.clean.choose import bigram_f1, bigrams, choose, choose_rules
from shuanglian.clean.html import HtmlParts, add_trafilatura_modes, extract_html
from shuanglian.clean.lines import Line, body_score, is_spam, match_rule, merge_wrapped, normalise_line
from shuanglian.clean.meta import find_media, find_published, original_title, parse_date, split_title
from shuanglian.clean.mojibake import find_mojibake
from shuanglian.clean.repairs import apply_repairs
from shuanglian.clean.rules import page_parts
from shuanglian.clean.script import changed_share, strip_pinyin, t2s
from shuanglian.clean.site_memory import SiteBoilerplate, site_key
from shuanglian.document import Document, Dropped

_HTML_SNIFF = re.compile(r"<(!doctype html|html|head|body|div|p|table|meta)[\s>]", re.I)
# "(记者 于春沣 米哲)" closing a body paragraph, "本报讯（记者 张三）" opening one.
_BYLINE_TAIL = re.compile(r"\s*[(（]\s*(记者|通讯员|编辑|责编|作者|实习生|文/|摄影)[^()（）]{0,40}[)）]\s*$")
_BYLINE_HEAD = re.compile(
    r"^(?:本报讯|[^\s，,。（(]{2,20}[电讯])?\s*(?P<by>[(（]\s*(?:记者|通讯员)[^()（）]{1,40}[)）])\s*"
)
# Conversion changing at least this share of CJK characters means the page was in traditional script.
_TRADITIONAL_SHARE = 0.02
_TITLE_MAX = 120
_META_REASONS = ("meta", "header", "title", "byline", "breadcrumb")
_DATELINE_REASONS = ("meta", "byline")


def looks_like_html(raw: str) -> bool:
    """Sniff HTML in inputs not declared as HTML (e.g. a .txt saved from a browser, a jsonl `text`)."""
    return bool(_HTML_SNIFF.search(raw[:4000]))


def _prepare(doc: Document, raw_lines: list[tuple[int, str]]) -> list[Line]:
    """Normalise whitespace, strip pinyin annotations, convert to simplified; empty lines vanish."""
    lines: list[Line] = []
    n_pinyin = 0
    gap = False
    for no, text in raw_lines:
        t = normalise_line(text)
        if not t:
            gap = True
            continue
        t, removed = strip_pinyin(t)
        if removed:
            n_pinyin += len(removed)
            doc.dropped.append(Dropped(" ".join(removed), "pinyin", no))
        indent = len(text) - len(text.lstrip(" \t\u3000\u00a0"))
        lines.append(Line(no, t, indent=indent, gap_before=gap))
        gap = False
    lines = merge_wrapped(lines)
    if n_pinyin:
        doc.flag("pinyin_residue")
    joined = "\n".join(line.text for line in lines)
    converted = t2s(joined)
    changed, n_cjk = changed_share(joined, converted)
    if n_cjk and changed >= 3 and changed / n_cjk >= _TRADITIONAL_SHARE:
        doc.flag("traditional")
    conv_lines = converted.split("\n")
    if len(conv_lines) == len(lines):
        for line, new in zip(lines, conv_lines, strict=True):
            line.text = new
    else:  # a conversion swallowed a newline: convert line by line instead
        for line in lines:
            line.text = t2s(line.text)
    return lines


def _apply_rules(doc: Document, lines: list[Line]) -> None:
    """Spam lines, then data-driven line rules; `after` rules (related lists) take the rest."""
    after: str | None = None
    seen_body = False
    for line in lines:
        if after:
            line.reason = after
            continue
        if is_spam(line.text):
            line.reason = "spam_title"
            doc.flag("spam_title")
            continue
        rule = match_rule(line.text)
        if rule is not None:
            line.reason, line.end = rule.reason, rule.end
            # a "related" sidebar printed above the article must not swallow it: only once body text
            # has been seen does such a heading take every line after it
            if rule.after and seen_body:
                after = rule.reason
        elif not seen_body and body_score(line.text):
            seen_body = True


def _apply_site_memory(doc: Document, lines: list[Line], memory: SiteBoilerplate) -> None:
    """Drop lines seen in many documents of the same site, unless the page is a whole-article copy."""
    key = site_key(doc)
    if key is None:
        return
    live = [ln for ln in lines if ln.reason is None]
    repeated = [ln for ln in live if memory.is_repeated(key, ln.text)]
    weight = sum(ln.n_cjk for ln in live) or 1
    # A repost of a whole article repeats its body too; boilerplate is a minority of the page.
    if repeated and sum(ln.n_cjk for ln in repeated) / weight < 0.5:
        for ln in repeated:
            ln.reason = "site_repeat"
    observe_lines(doc, lines, memory)


def _strip_inline_bylines(doc: Document, lines: list[Line]) -> None:
    """Cut bylines glued to body paragraphs, keeping the cut text aside."""
    dateline = page_parts().dateline_lead
    for line in lines:
        if line.reason is not None:
            continue
        m = dateline.match(line.text)
        if m and len(line.text) - m.end() >= 6:
            doc.dropped.append(Dropped(m.group(0).strip(), "dateline", line.no))
            line.text = line.text[m.end() :]
        m = _BYLINE_TAIL.search(line.text)
        if m and len(line.text) - len(m.group(0)) >= 6:
            doc.dropped.append(Dropped(m.group(0).strip(), "byline", line.no))
            line.text = line.text[: m.start()].rstrip()
        m = _BYLINE_HEAD.search(line.text)
        if m and len(line.text) - m.end() >= 6:
            # A wire dateline ("新华社上海2月20日电") stays; the reporter names and "本报讯" go.
            lead = m.group(0)[: m.start("by")].strip()
            cut_lead = lead == "本报讯"
            cut_start = 0 if cut_lead else m.start("by")
            doc.dropped.append(Dropped(line.text[cut_start : m.end()].strip(), "byline", line.no))
            line.text = (line.text[:cut_start] + line.text[m.end() :]).strip()


def _html_metadata(
    parts: HtmlParts, simple: list[str], lines: list[Line], start: int
) -> tuple[str | None, str | None, str | None]:
    """Title, publication date and media of an HTML page: its visible lines first, then trafilatura's."""
    visible = [v for v in simple if len(v) <= 120]
    title = t2s(parts.title) if parts.title else _pick_title(lines, start)
    tag = t2s(parts.title_tag) if parts.title_tag else None
    # without trafilatura's title: the <title> tag when it holds the headline found above the body
    # (it then also has the kicker or subtitle), or when no headline was found
    if not parts.title and tag and (title is None or title in tag):
        title = tag
    published = find_published([v for v in visible if len(v) <= 80]) or (
        parse_date(parts.date) if parts.date else None
    )
    sitename = t2s(parts.sitename) if parts.sitename else None
    if sitename and page_parts().not_site_name.search(sitename):
        sitename = None
    media = find_media(visible) or sitename
    # the footer of an HTML page is outside trafilatura's main content: any visible line may hold it
    return title, published, media or find_media([], [v for v in simple if len(v) <= 200])


def _t2s_lines(texts: list[str]) -> list[str]:
    """Convert many lines to simplified in one OpenCC call (line by line if a newline got lost)."""
    out = t2s("\n".join(texts)).split("\n")
    return out if len(out) == len(texts) else [t2s(t) for t in texts]


def _pick_title(lines: list[Line], start: int) -> str | None:
    """The page title: the headline right above the date/source line, else the first substantial
    non-body line before the body, else the 原标题 line."""
    menu = page_parts().menu_line
    cands = [
        i
        for i, line in enumerate(lines[:start])
        if line.reason in (None, "header")
        and not menu.match(line.text)
        and line.n_cjk >= 6
        and len(line.text) <= _TITLE_MAX
        and line.n_cjk / len(line.text) >= 0.6
    ]
    # a sidebar or teaser above the article also reads like a headline; the article's own headline
    # is the one its dateline (or byline) follows
    above_dateline = [i for i in cands if i + 1 < len(lines) and lines[i + 1].reason in _DATELINE_REASONS]
    pick = above_dateline[-1] if above_dateline else (cands[0] if cands else None)
    if pick is not None:
        lines[pick].reason = "title"
        return lines[pick].text
    for line in lines:
        if line.reason == "title":
            got = original_title(line.text)
            if got:
                return got
    return None


def candidate_texts(lines: list[Line]) -> dict[str, str]:
    """The bodies one candidate's prepared lines yield (no site memory) at each cleaning level:
    "raw" = the extractor's lines as they are (normalised, simplified), "rules" = after the line
    rules, "block" = rules + the densest block of body-like lines (body.py). `lines` are not changed."""
    work = [replace(ln) for ln in lines]
    out = {"raw": "\n".join(ln.text for ln in work)}
    _apply_rules(Document(source="candidate"), work)
    out["rules"] = "\n".join(ln.text for ln in work if ln.reason is None)
    start, end = select_body(work)
    mark_outside(work, start, end)
    out["block"] = "\n".join(ln.text for ln in work if ln.reason is None)
    return out


def _choose_candidate(parts: HtmlParts, html: str) -> None:
    """Set `parts.lines` and `parts.level` to the extractor and cleaning level whose body scores best
    (clean/choose.py; the candidate list is data/choose.yaml). trafilatura's precision and recall
    modes are run only when its balanced body and the readability-style body disagree."""
    if len(parts.candidates) < 2:
        return
    rules = choose_rules()
    by_level: dict[str, dict[str, str]] = {}  # extractor -> level -> body

    def fill() -> dict[str, str]:
        for name, lines in parts.candidates.items():
            if name not in by_level:
                # normalising and converting the lines is the costly part: once per extractor
                by_level[name] = candidate_texts(_prepare(Document(source="candidate"), [(-1, ln) for ln in lines]))
        texts: dict[str, str] = {}
        for key in rules.order:
            name, _, level = key.partition("/")
            if name in by_level:
                texts[key] = by_level[name][level or "block"]
        return texts

    texts = fill()
    pair = (texts.get("trafilatura", ""), texts.get("readability", ""))
    if bigram_f1(bigrams(pair[0]), bigrams(pair[1])) < rules.shortcut_agreement:
        add_trafilatura_modes(parts, html)
        texts = fill()
    if len(texts) < 2:
        return
    key = choose(texts).name
    name, _, level = key.partition("/")
    parts.chosen, parts.level, parts.lines = key, level or "block", parts.candidates[name]


def prepare_document(doc: Document) -> tuple[HtmlParts | None, list[Line]]:
    """First half of cleaning: main-content lines (HTML) or input lines, normalised and converted."""
    doc.dropped, doc.repairs, doc.excluded = [], [], []
    is_html = doc.is_html or looks_like_html(doc.raw)
    parts = extract_html(doc.raw) if is_html else None
    if parts is not None:
        _choose_candidate(parts, doc.raw)
        raw_lines = [(-1, ln) for ln in parts.lines]
    else:
        raw_lines = [(i + 1, ln) for i, ln in enumerate(doc.raw.splitlines())]
    return parts, _prepare(doc, raw_lines)


def observe_lines(doc: Document, lines: list[Line], memory: SiteBoilerplate) -> None:
    """Count a document's lines in the site memory (batch mode does this for all documents first)."""
    key = site_key(doc)
    if key is not None:
        memory.observe(key, doc.doc_id, [ln.text for ln in lines])


def clean_document(doc: Document, site_memory: SiteBoilerplate | None = None) -> Document:
    """Fill text, metadata, flags, repairs, dropped and excluded ranges of `doc` from `doc.raw`."""
    parts, lines = prepare_document(doc)
    return finish_document(doc, parts, lines, site_memory)


def finish_document(
    doc: Document, parts: HtmlParts | None, lines: list[Line], site_memory: SiteBoilerplate | None = None
) -> Document:
    """Second half of cleaning: rules, site memory, body block, metadata, repairs, mojibake."""
    # an HTML page's chosen candidate may be cleaner at a lighter level (clean/choose.py)
    level = parts.level if parts is not None else "block"
    if level != "raw":
        _apply_rules(doc, lines)
    if site_memory is not None:
        _apply_site_memory(doc, lines, site_memory)
    start, end = select_body(lines)
    if level == "block":
        mark_outside(lines, start, end)
    _strip_inline_bylines(doc, lines)

    simple: list[str] = []  # the HTML page's visible lines in simplified script
    if parts is not None:
        simple = _t2s_lines(parts.visible)
        title, published, media = _html_metadata(parts, simple, lines, start)
    else:
        meta_lines = [ln.text for ln in lines if ln.reason in _META_REASONS]
        title = _pick_title(lines, start)
        published = find_published(meta_lines)
        media = find_media(meta_lines, [ln.text for ln in lines if ln.reason == "footer"])
    if title:
        named = (media, t2s(parts.sitename) if parts and parts.sitename else None)
        sites = tuple(s for s in named if s and not page_parts().not_site_name.search(s))
        title, title_site = split_title(title, sites)
        media = media or title_site
    doc.title = doc.title or title
    doc.published = doc.published or published
    doc.media = doc.media or media

    kept = [ln.text for ln in lines if ln.reason is None]
    text, repairs = apply_repairs("\n".join(kept))
    doc.text, doc.repairs = text, repairs
    doc.excluded = find_mojibake(text)
    if doc.excluded:
        doc.flag("mojibake")
    doc.dropped.extend(Dropped(ln.text, ln.reason, ln.no) for ln in lines if ln.reason is not None)
    if parts is not None:
        # provenance: which main-content extractor the body came from (clean/choose.py)
        doc.meta["html_extractor"] = parts.chosen
        inside = "\n".join(parts.lines)
        # converted like every other dropped line, so what a user reads aside is in one script
        doc.dropped.extend(
            Dropped(s, "not_main_content", -1) for v, s in zip(parts.visible, simple, strict=True) if v not in inside
        )
    doc.dropped.sort(key=lambda d: d.line)
    return doc
