"""Undo advertising-law and SEO-spinner word swaps (蕞 -> 最, 头部 -> 第一 where it means 第一)."""

from __future__ import annotations

from shuanglian.clean.rules import repair_rules
from shuanglian.document import Repair


def apply_repairs(text: str) -> tuple[str, list[Repair]]:
    """Apply every repair rule; return the new text and the repairs with offsets into the NEW text."""
    hits: dict[int, tuple[int, str, str]] = {}  # start -> (end, from, to)
    for rule in repair_rules():
        if rule.always:
            i = text.find(rule.from_)
            while i >= 0:
                hits.setdefault(i, (i + len(rule.from_), rule.from_, rule.to))
                i = text.find(rule.from_, i + len(rule.from_))
            continue
        for pat in rule.patterns:
            for m in pat.finditer(text):
                s, e = m.span("w")
                hits.setdefault(s, (e, rule.from_, rule.to))
    if not hits:
        return text, []
    parts: list[str] = []
    repairs: list[Repair] = []
    pos = 0
    out_len = 0
    for start in sorted(hits):
        end, frm, to = hits[start]
        if start < pos:
            continue  # overlapping matches: the earlier one wins
        chunk = text[pos:start]
        parts.append(chunk)
        out_len += len(chunk)
        repairs.append(Repair(at=out_len, from_=frm, to=to))
        parts.append(to)
        out_len += len(to)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), repairs
