"""Graph proximity between a demand and a supply: chain link (same, upstream/downstream, same chain),
region, and earlier co-operation or co-mention of the two organisations."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from shuanglian.chains.matcher import LinkMatcher
from shuanglian.chains.templates import ChainTemplate, shipped_templates

_REGION_SUFFIX = re.compile(r"(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市|地区|自治州|盟)$")


@dataclass(frozen=True)
class Placement:
    """The chain link a text talks about most, and the terms that said so."""

    chain_id: str | None
    link_id: str | None
    terms: tuple[str, ...] = ()

    @property
    def link(self) -> tuple[str | None, str | None]:
        """(chain_id, link_id)."""
        return self.chain_id, self.link_id


class LinkPlacer:
    """Places a text on the chain link whose terms it names with the most weight (ties: first seen)."""

    def __init__(self, templates: Mapping[str, ChainTemplate]) -> None:
        self.templates = dict(templates)
        self.matcher = LinkMatcher(self.templates.values())
        # feeds: link -> the links it supplies (downstream). Both directions count as adjacent.
        self.adjacent: set[tuple[str, str, str]] = set()
        for t in self.templates.values():
            for ln in t.links:
                for f in ln.feeds:
                    self.adjacent.add((t.id, ln.id, f))
                    self.adjacent.add((t.id, f, ln.id))

    def place(self, text: str) -> Placement:
        """Best (chain, link) for the text, or (None, None) when no chain term occurs."""
        score: dict[tuple[str, str], float] = {}
        terms: dict[tuple[str, str], list[str]] = {}
        for hit in self.matcher.find(text):
            for tgt in hit.targets:
                if tgt.link_id is None:
                    continue
                key = (tgt.chain_id, tgt.link_id)
                score[key] = score.get(key, 0.0) + tgt.weight
                terms.setdefault(key, []).append(hit.term)
        if not score:
            return Placement(None, None)
        best = max(score, key=lambda k: score[k])
        return Placement(best[0], best[1], tuple(dict.fromkeys(terms[best])))

    def link_name(self, chain_id: str | None, link_id: str | None, lang: str = "zh") -> str:
        """'chain · link' for explanations, Chinese or English names ('' when unplaced)."""
        if not chain_id or chain_id not in self.templates:
            return ""
        t = self.templates[chain_id]
        chain = t.name if lang == "zh" else (t.name_en or t.name)
        if not link_id:
            return chain
        try:
            ln = t.link(link_id)
        except KeyError:
            return chain
        return f"{chain} · {ln.name if lang == 'zh' else (ln.name_en or ln.name)}"


@lru_cache(maxsize=1)
def shipped_placer() -> LinkPlacer:
    """A placer over the shipped chain templates (the database may add user chains: use LinkPlacer)."""
    return LinkPlacer(shipped_templates())


def region_key(region: str | None) -> str:
    """Comparable form of a region name: 湖南省 / 湖南 -> 湖南; 广西壮族自治区 -> 广西."""
    r = (region or "").strip()
    return _REGION_SUFFIX.sub("", r) if len(r) > 2 else r


def same_region(a: str | None, b: str | None) -> bool:
    """Both regions known and one names the other (湖南 / 湖南长沙 count as the same)."""
    ka, kb = region_key(a), region_key(b)
    return bool(ka and kb) and (ka.startswith(kb) or kb.startswith(ka))


FEATURES = ("bm25", "dense", "same_link", "adjacent_link", "same_chain", "same_region", "co_mention")


def proximity(
    placer: LinkPlacer,
    d_link: tuple[str | None, str | None],
    s_link: tuple[str | None, str | None],
    d_region: str | None,
    s_region: str | None,
    pair: tuple[str | None, str | None],
    co_mentions: frozenset[tuple[str, str]] | set[tuple[str, str]] = frozenset(),
) -> dict[str, float]:
    """The graph features of one pair (each 0 or 1)."""
    (dc, dl), (sc, sl) = d_link, s_link
    same_chain = bool(dc) and dc == sc
    same_link = same_chain and bool(dl) and dl == sl
    adjacent = same_chain and not same_link and (dc, dl or "", sl or "") in placer.adjacent
    a, b = pair
    co = bool(a and b) and ((a, b) in co_mentions or (b, a) in co_mentions)
    return {
        "same_link": float(same_link),
        "adjacent_link": float(adjacent),
        "same_chain": float(same_chain and not same_link and not adjacent),
        "same_region": float(same_region(d_region, s_region)),
        "co_mention": float(co),
    }


def pairs_from(rows: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    """Co-mention / co-operation pairs as a frozen set (order-free lookups via proximity)."""
    return frozenset((a, b) for a, b in rows if a and b and a != b)
