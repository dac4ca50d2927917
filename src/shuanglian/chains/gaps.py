"""Gap analysis of a chain in a region: 补链 (no local enterprises on a link), 强链 (enterprises but no
local innovation carriers), 延链 (the region's chain stops before a downstream link), each with ranked
candidates (innovation-resources register, other regions: 招商 leads) and a human-readable reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from shuanglian.chains.maps import Placement, is_local
from shuanglian.chains.templates import ChainTemplate
from shuanglian.graph.reader import DigestView, EntityView
from shuanglian.graph.regions import RegionIndex

GAP_TYPES = {
    "fill": ("补链", "no local enterprise on this link"),
    "strengthen": ("强链", "local enterprises but no local innovation carrier"),
    "extend": ("延链", "the local chain stops before this downstream link"),
}
# How well a candidate of each role answers each gap: 补链/延链 need companies (招商), 强链 needs carriers.
FIT = {
    "fill": {"enterprises": 1.0, "carriers": 0.6, "others": 0.5},
    "extend": {"enterprises": 1.0, "carriers": 0.6, "others": 0.5},
    "strengthen": {"carriers": 1.0, "others": 0.6, "enterprises": 0.5},
}
MAX_CANDIDATES = 10
STATUS_ZH = {"gap": "断点", "no_evidence": "暂无证据"}


@lru_cache(maxsize=1)
def gap_rules() -> dict[str, int]:
    """Thresholds that separate a gap from "no evidence yet" (gap_rules.yaml)."""
    data = yaml.safe_load((Path(__file__).parent / "gap_rules.yaml").read_text(encoding="utf-8"))
    return {k: int(v) for k, v in data.items()}


def _documents(ps: list[Placement]) -> set[str]:
    return {str(f.document_id) for p in ps for f in p.evidence if getattr(f, "document_id", None)}
_CARRIER_ZH = "实验室、科研院所、高校、创新平台"


def _where(region: str | None) -> str:
    return region or "全部地区"


def _gap_reason(kind: str, link_name: str, region: str | None, n_ent: int, feeders: list[str],
                link_en: str = "", feeders_en: list[str] | None = None) -> tuple[str, str]:
    r, r_en, ln_en = _where(region), region or "all regions", link_en or link_name
    if kind == "fill":
        return (f"{r}在「{link_name}」环节没有本地企业，需补链", f"{r_en}: no local enterprise on link '{ln_en}'")
    if kind == "strengthen":
        return (
            f"{r}在「{link_name}」环节有{n_ent}家企业，但没有本地创新载体（{_CARRIER_ZH}），需强链",
            f"{r_en}: {n_ent} local enterprises on '{ln_en}' but no local lab, institute, university or platform",
        )
    up = "、".join(f"「{f}」" for f in feeders)
    return (
        f"{r}在上游环节{up}有本地企业，但下游「{link_name}」环节没有，需延链",
        f"{r_en}: local enterprises upstream ({', '.join(feeders_en or feeders)}) but none on downstream link '{ln_en}'",
    )


def source_count(view: EntityView) -> int:
    """How many distinct sources (documents, importing or editing users) the entity's facts come from. A
    digest view (the chain_members projection's, read with every property a source) counts its digest:
    its documents and other source labels, which hold every fact's source, without one fact per document."""
    if isinstance(view, DigestView):
        return view.digest.doc_count + len(view.digest.other_labels)
    return len({f.source_label for f in view.facts})


def lead_score(p: Placement, gap: str, in_resources: bool) -> float | None:
    """Rounded score of a placement as a lead for a gap of this type; None when its role is no lead
    (projects, policies and funds are not 招商 leads)."""
    fit = FIT[gap].get(p.role)
    if fit is None:
        return None
    score = 0.6 * p.score * fit + (0.15 if in_resources else 0.0) + 0.15 * min(1.0, source_count(p.view) / 3) + (
        0.1 if _leader(p) else 0.0
    )
    if not p.view.region:
        score *= 0.7  # may well be local already: a weaker lead than one known to be elsewhere
    return round(min(1.0, score), 4)


def _leader(p: Placement) -> bool:
    return any(v.lower() in ("true", "1", "是") for v in p.view.values("chain_leader"))


def lead_json(p: Placement, in_resources: bool) -> dict[str, Any]:
    """A placement as a gap candidate, without its score (which depends on the gap type)."""
    leader = _leader(p)
    sources = source_count(p.view)
    best = max(p.evidence, key=lambda f: f.confidence) if p.evidence else None
    vj = best.value_json if best is not None and isinstance(best.value_json, dict) else {}
    zh = [f"位于{p.view.region}（区域外）" if p.view.region else "所在地未知"]
    en = [f"located in {p.view.region} (outside the region)" if p.view.region else "location unknown"]
    if vj.get("term"):
        zh.append(f"证据「{vj['term']}」：{vj.get('evidence') or ''}".rstrip("："))
        en.append(f"evidence '{vj['term']}'")
    if in_resources:
        zh.append("已列入境内外创新资源台账")
        en.append("in the innovation-resources register")
    if leader:
        zh.append("链主企业")
        en.append("chain leader")
    zh.append(f"{sources}个来源")
    en.append(f"{sources} source(s)")
    return {
        "id": p.view.id,
        "name": p.view.name,
        "kind": p.view.kind,
        "region": p.view.region,
        "placement_score": round(p.score, 4),
        "in_resources": in_resources,
        "chain_leader": leader,
        "reason": "；".join(zh),
        "reason_en": "; ".join(en),
        "evidence_statement": best.id if best is not None else None,
    }


def candidate(lead: dict[str, Any], score: float) -> dict[str, Any]:
    """A gap candidate: lead_json with its score in place (after `region`)."""
    out: dict[str, Any] = {}
    for k, v in lead.items():
        out[k] = v
        if k == "region":
            out["score"] = score
    return out


def sort_candidates(cands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Best lead first (score, then name, then id), cut to MAX_CANDIDATES."""
    return sorted(cands, key=lambda c: (-c["score"], c["name"], c["id"]))[:MAX_CANDIDATES]


@dataclass
class LinkStats:
    """What a gap verdict needs of one link: local entities by role, and everything seen on it anywhere."""

    local_enterprises: int = 0
    local_carriers: int = 0
    local_all: int = 0
    placements: int = 0
    enterprises_seen: int = 0
    documents: int = 0


def compute_gaps(
    tpl: ChainTemplate,
    placements: list[Placement],
    region: str | None,
    regions: RegionIndex | None,
    resource_ids: set[str],
) -> list[dict[str, Any]]:
    """Every gap of the chain in the region, in link order, each with ranked candidates (complete path:
    every placement of the chain in memory)."""
    by_link: dict[str, list[Placement]] = {}
    for p in placements:
        if p.link_id:
            by_link.setdefault(p.link_id, []).append(p)
    stats: dict[str, LinkStats] = {}
    for ln in tpl.links:
        on_link = by_link.get(ln.id, [])
        ps = [p for p in on_link if is_local(p.view, p.role, region, regions)]
        stats[ln.id] = LinkStats(
            local_enterprises=sum(p.role == "enterprises" for p in ps),
            local_carriers=sum(p.role == "carriers" for p in ps),
            local_all=len(ps),
            placements=len(on_link),
            enterprises_seen=sum(p.role == "enterprises" for p in on_link),
            documents=len(_documents(on_link)),
        )

    def leads(link_id: str, gap: str) -> list[dict[str, Any]]:
        cands = []
        for p in by_link.get(link_id, []):
            if is_local(p.view, p.role, region, regions) and region is not None:
                continue
            in_res = p.view.id in resource_ids
            if region is None and not in_res:
                continue  # without a region, only the resources register says what lies outside
            if not p.view.region and not in_res:
                continue  # location unknown: it may well be local already, so not a 招商 lead
            score = lead_score(p, gap, in_res)
            if score is not None:
                cands.append(candidate(lead_json(p, in_res), score))
        return sort_candidates(cands)

    return gaps_of(tpl, region, stats, leads)


def gaps_of(
    tpl: ChainTemplate, region: str | None, stats: dict[str, LinkStats], leads: Callable[[str, str], list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Every gap of the chain in the region from per-link stats; `leads(link, gap type)` gives a gap
    link's ranked candidates."""
    local_ent = {ln.id: stats[ln.id].local_enterprises for ln in tpl.links}
    feeders: dict[str, list[str]] = {ln.id: [] for ln in tpl.links}
    for ln in tpl.links:
        for f in ln.feeds:
            feeders[f].append(ln.id)
    rules = gap_rules()
    local_chain = sum(stats[ln.id].local_all for ln in tpl.links)
    gaps: list[dict[str, Any]] = []
    for ln in tpl.links:
        st = stats[ln.id]
        if local_ent[ln.id] == 0:
            fed = [f for f in feeders[ln.id] if local_ent[f] > 0]
            kind = "extend" if ln.stage == "downstream" and fed else "fill"
        elif st.local_carriers == 0:
            kind, fed = "strengthen", []
        else:
            continue
        zh, en = _gap_reason(kind, ln.name, region, local_ent[ln.id], [tpl.link(f).name for f in fed],
                             ln.name_en, [tpl.link(f).name_en or tpl.link(f).name for f in fed])
        evidence = {
            "placements": st.placements,
            "enterprises_seen": st.enterprises_seen,
            "documents": st.documents,
            "local_chain_entities": local_chain,
        }
        # 强链 and 延链 rest on local evidence already (enterprises here / upstream); 补链 also needs someone,
        # somewhere, seen on the link, else nothing read says what the link holds
        chain_known = local_chain >= rules["min_local_chain_entities"]
        link_known = st.placements >= rules["min_link_evidence"] or kind != "fill"
        status = "gap" if kind == "strengthen" or (chain_known and link_known) else "no_evidence"
        if status == "no_evidence":
            zh = f"{_where(region)}在「{ln.name}」环节暂无证据：已读文档中该地区本链实体{local_chain}个、该环节实体{st.placements}个，尚不能判断是否断链"
            en = (f"{region or 'all regions'}: no evidence yet on '{ln.name_en or ln.name}' ({local_chain} local entities on the chain, "
                  f"{st.placements} on this link anywhere): not enough to call it a gap")
        gaps.append(
            {
                "type": kind,
                "type_zh": GAP_TYPES[kind][0],
                "status": status,
                "status_zh": STATUS_ZH[status],
                "evidence": evidence,
                "link": ln.id,
                "link_name": ln.name,
                "stage": ln.stage,
                "local": {"enterprises": local_ent[ln.id], "carriers": st.local_carriers, "all": st.local_all},
                "reason": zh,
                "reason_en": en,
                "candidates": leads(ln.id, kind),
            }
        )
    return gaps
