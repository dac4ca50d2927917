"""Industry terms (生物医药, 集成电路…) matched on LAC word boundaries, and industries stated for an org."""

from __future__ import annotations

import re

from shuanglian.extract.entities.candidates import PRIO_GRAMMAR, Cand, TokenView
from shuanglian.extract.entities.lexicon import industry_automaton

# verbs that state what an organisation works on (专注于人工智能, 聚焦生物医药)
_STATES = re.compile(r"(专注|聚焦|从事|深耕|布局|致力于|主营|主攻|围绕|面向|立足|发力|涉足|瞄准)")
_TAILS = ("产业", "行业", "领域", "企业", "集群")
_SENTENCE = re.compile(r"[。！？；!?;\n]")


def industry_mentions(view: TokenView) -> list[Cand]:
    """Industry candidates: terms from the lexicon that start and end on word boundaries."""
    auto = industry_automaton()
    if not len(auto):
        return []
    out: list[Cand] = []
    for last, (term, _canonical) in auto.iter(view.text):
        start, end = last + 1 - len(term), last + 1
        # 生物医药产业 is often one LAC word: the term may end where 产业/行业 starts
        if start in view.by_start and (end in view.by_end or view.text[end : end + 2] in _TAILS):
            out.append(Cand(start, end, "industry", term, PRIO_GRAMMAR))
    return out


def industries_in(name: str) -> list[str]:
    """Industries named inside an organisation name (深圳市人工智能产业协会 -> 人工智能)."""
    auto = industry_automaton()
    found: list[str] = []
    if not len(auto):
        return found
    for _, (_term, canonical) in auto.iter(name):
        if canonical not in found:
            found.append(canonical)
    # keep the most specific: drop a term contained in another found term
    return [f for f in found if not any(f != o and f in o for o in found)]


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the sentence holding `pos`."""
    start = 0
    for m in _SENTENCE.finditer(text, 0, pos):
        start = m.end()
    m2 = _SENTENCE.search(text, pos)
    return start, (m2.end() if m2 else len(text))


def stated_industries(text: str, org_end: int, industry_spans: list[tuple[int, int, str]]) -> list[str]:
    """Industries stated for an organisation in its sentence after a verb like 专注/聚焦 following it."""
    s, e = sentence_bounds(text, org_end)
    m = _STATES.search(text, org_end, e)
    if not m or m.start() - org_end > 4:
        return []
    out: list[str] = []
    for a, _b, name in industry_spans:
        if m.end() <= a < e and name not in out:
            out.append(name)
    return out
