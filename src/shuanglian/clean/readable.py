"""Readability-style main content over the DOM, tuned for Chinese pages (weights in data/readability.yaml).

Arc90's idea: score paragraphs, credit their containers, take the best container (discounted by its
link density) plus its good siblings. Chinese pages differ in two ways this handles: a paragraph's
worth is its Chinese punctuation and CJK length, and old layout tables hold the article as one cell of
<br>-separated paragraphs, so such a cell is a container of its own text runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from shuanglian.clean.rules import load_yaml

_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_WS = re.compile(r"[\s\u3000\u00a0]+")


@dataclass(frozen=True)
class ReadabilityRules:
    """Weights and tag sets of the readability-style scorer."""

    drop_tags: frozenset[str]
    block_tags: frozenset[str]
    tag_weight: dict[str, float]
    positive: re.Pattern[str]
    negative: re.Pattern[str]
    class_weight: float
    min_unit_cjk: int
    unit_base: float
    punct_weight: float
    cjk_per_point: float
    cjk_points_max: float
    ancestor_shares: tuple[float, ...]
    punct: re.Pattern[str]
    sibling_share: float
    sibling_floor: float
    sibling_link_density_max: float
    sibling_min_cjk: int


@lru_cache(maxsize=1)
def readability_rules() -> ReadabilityRules:
    """The scorer's rules from data/readability.yaml."""
    d = load_yaml("readability.yaml")
    return ReadabilityRules(
        drop_tags=frozenset(d["drop_tags"]),
        block_tags=frozenset(d["block_tags"]),
        tag_weight={k: float(v) for k, v in d["tag_weight"].items()},
        positive=re.compile(d["positive"]),
        negative=re.compile(d["negative"]),
        class_weight=float(d["class_weight"]),
        min_unit_cjk=int(d["min_unit_cjk"]),
        unit_base=float(d["unit_base"]),
        punct_weight=float(d["punct_weight"]),
        cjk_per_point=float(d["cjk_per_point"]),
        cjk_points_max=float(d["cjk_points_max"]),
        ancestor_shares=tuple(float(x) for x in d["ancestor_shares"]),
        punct=re.compile(d["punct"]),
        sibling_share=float(d["sibling_share"]),
        sibling_floor=float(d["sibling_floor"]),
        sibling_link_density_max=float(d["sibling_link_density_max"]),
        sibling_min_cjk=int(d["sibling_min_cjk"]),
    )


def parse_html(html: str) -> Any:
    """An lxml tree of a decoded page, None when there is no document (an XML prolog naming a charset
    is dropped: the text is already decoded)."""
    import lxml.html
    from lxml import etree

    text = _XML_DECL.sub("", html, count=1)
    try:
        try:
            return lxml.html.document_fromstring(text)
        except ValueError:  # "Unicode strings with encoding declaration are not supported" and the like
            parser = lxml.html.HTMLParser(encoding="utf-8")
            return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except etree.ParserError:  # "Document is empty": blank input or only comments
        return None


def _tag(el: Any) -> str:
    """Lower-case tag name, '' for comments and processing instructions."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def text_units(root: Any, rules: ReadabilityRules) -> list[tuple[str, Any]]:
    """The page laid out as lines: (text, the nearest block element holding it), in document order."""
    from lxml import etree

    units: list[tuple[str, Any]] = []
    buf: list[str] = []
    owners: list[Any] = [root]

    def flush() -> None:
        text = _WS.sub(" ", "".join(buf)).strip()
        buf.clear()
        if text:
            units.append((text, owners[-1]))

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = _tag(el)
        if event == "start":
            if tag in rules.block_tags:
                flush()
                owners.append(el)
            if tag and el.text:
                buf.append(el.text)
        else:
            if tag in rules.block_tags:
                flush()
                owners.pop()
            if el is not root and el.tail:
                buf.append(el.tail)
    flush()
    return units


def _class_score(el: Any, rules: ReadabilityRules) -> float:
    """+/- class_weight for class and id attributes naming content or chrome."""
    score = 0.0
    for attr in ("class", "id"):
        value = el.get(attr)
        if not value:
            continue
        if rules.negative.search(value):
            score -= rules.class_weight
        if rules.positive.search(value):
            score += rules.class_weight
    return score


def _text_len(text: str) -> int:
    return len(_WS.sub("", text))


def link_density(el: Any) -> float:
    """Share of an element's text that sits inside links."""
    total = _text_len(el.text_content())
    if not total:
        return 0.0
    linked = sum(_text_len(a.text_content()) for a in el.iter("a"))
    return min(linked / total, 1.0)


def _container(owner: Any, rules: ReadabilityRules) -> Any:
    """Where a paragraph's score goes first: a <br>-laid-out cell keeps it, a leaf paragraph gives it up."""
    if any(_tag(c) == "br" for c in owner):
        return owner
    parent = owner.getparent()
    return parent if parent is not None else owner


def main_lines(html: str) -> list[str]:
    """Main-content lines of a page by readability-style scoring ([] when nothing scores)."""
    rules = readability_rules()
    root = parse_html(html)
    if root is None:
        return []
    for el in list(root.iter()):
        if _tag(el) in rules.drop_tags and el.getparent() is not None:
            el.drop_tree()
    units = text_units(root, rules)
    scores: dict[Any, float] = {}
    for text, owner in units:
        n = len(_CJK_RE.findall(text))
        if n < rules.min_unit_cjk:
            continue
        s = (
            rules.unit_base
            + rules.punct_weight * len(rules.punct.findall(text))
            + min(n / rules.cjk_per_point, rules.cjk_points_max)
        )
        anc = _container(owner, rules)
        for share in rules.ancestor_shares:
            if anc is None:
                break
            if anc not in scores:
                scores[anc] = rules.tag_weight.get(_tag(anc), 0.0) + _class_score(anc, rules)
            scores[anc] += s * share
            anc = anc.getparent()
    if not scores:
        return []
    final = {el: s * (1.0 - link_density(el)) for el, s in scores.items()}
    top = max(final, key=lambda el: final[el])
    chosen = _with_siblings(top, final, rules)
    keep = set()
    for el in chosen:
        keep.update(el.iter())
    return [text for text, owner in units if owner in keep]


def readability_lxml_lines(html: str) -> list[str]:
    """Main-content lines by readability-lxml (arc90's scorer, Latin-tuned), laid out like main_lines."""
    from readability import Document as ReadabilityDocument

    summary = ReadabilityDocument(html).summary(html_partial=True)
    root = parse_html(summary) if summary.strip() else None
    if root is None:
        return []
    return [text for text, _ in text_units(root, readability_rules())]


def _with_siblings(top: Any, final: dict[Any, float], rules: ReadabilityRules) -> list[Any]:
    """The winner plus siblings that score well or read as prose with few links."""
    parent = top.getparent()
    if parent is None:
        return [top]
    threshold = max(rules.sibling_floor, final[top] * rules.sibling_share)
    out = []
    for sib in parent:
        if sib is top:
            out.append(sib)
            continue
        if not _tag(sib):
            continue
        if final.get(sib, float("-inf")) >= threshold:
            out.append(sib)
            continue
        text = sib.text_content()
        if (
            len(_CJK_RE.findall(text)) >= rules.sibling_min_cjk
            and link_density(sib) <= rules.sibling_link_density_max
            and rules.punct.search(text)
        ):
            out.append(sib)
    return out
