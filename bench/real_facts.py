"""Score roles, figures, projects and visits against the real gold (tests/fixtures/real_gold/*.gold.json).

Usage:
    python bench/real_facts.py [GOLD_DIR ...] [--split dev|holdout|all] [--half A|B] [--misses] [--hosts]
    python bench/real_facts.py --show FILE[:L1-L2] [--published YYYY-MM-DD]

Pages are read from ../shared/data/real (never stored in the repo) and run through the plain pipeline
(the gold line range as text). Printed per split: roles with the right organisation, figures with the
specific measure and the target flag, projects with name and investment, visits with lead visitor,
date and hosts, and the visit hosts' F1 as the eval counts it (`--hosts --half A` names each visit's missed
and false hosts; misses are never printed for the holdout). Matching is lenient on name forms (NFKC, no spaces/quotes; 项目/工程 suffix optional).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "data" / "real"


def norm(s: str | None) -> str:
    """Comparison form: NFKC, no spaces or quotes."""
    return re.sub(r"[\s“”\"'‘’《》（）()]", "", unicodedata.normalize("NFKC", s or ""))


def split_of(gid: str) -> str:
    """The split rule of HELPERS.md: holdout iff crc32(id) % 3 == 0."""
    return "holdout" if zlib.crc32(gid.encode()) % 3 == 0 else "dev"


def load_gold(dirs: list[Path]) -> list[dict[str, Any]]:
    """Every *.gold.json of the given folders (first one wins for a repeated id)."""
    out: dict[str, dict[str, Any]] = {}
    for d in dirs:
        for p in sorted(d.glob("*.gold.json")):
            try:
                g = json.loads(p.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                print(f"{p}: unreadable gold ({exc})", file=sys.stderr)
                continue
            out.setdefault(g.get("id") or p.name.removesuffix(".gold.json"), g)
    return list(out.values())


def page_text(source: str, lines: list[int] | None) -> tuple[str, str | None]:
    """Text of the gold's line range and the date printed in a CCTV header (or None)."""
    published = None
    if "#" in source and source.split("#")[0].endswith(".jsonl"):
        path, key = source.split("#", 1)
        text = ""
        with open(REAL / path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if str(rec.get("year")) == key or rec.get("id") == key:
                    text = rec["text"]
                    published = str(rec["year"]) if rec.get("year") else None  # the record's year dates it
                    break
        all_lines = text.split("\n")
    else:
        all_lines = (REAL / source).read_text(encoding="utf-8").split("\n")
        if all_lines and all_lines[0].startswith("# url:"):
            m = re.search(r"date:\s*(\d{4}-\d{2}-\d{2})", all_lines[0])
            published = m.group(1) if m else None
            all_lines = all_lines[1:]  # the header is not text; line ranges count from the body
    if lines:
        all_lines = all_lines[lines[0] - 1 : lines[1]]
    return "\n".join(all_lines), published


def run(golds: list[dict[str, Any]]) -> list[Any]:
    """Plain pipeline over the gold pages; the gold (or header) date stands in for publication."""
    from shuanglian.document import Document
    from shuanglian.pipeline.default import build_pipeline

    docs, dates = [], []
    for g in golds:
        text, header_date = page_text(g["source"], g.get("lines"))
        docs.append(Document(source=g["id"], raw=text))
        dates.append(g.get("published") or header_date)
    clean = build_pipeline(plain=True, extract=False)
    docs = clean.batch(docs)
    for d, when in zip(docs, dates, strict=True):
        d.published = d.published or when
    from shuanglian.extract.pipeline import ExtractStage

    ExtractStage().batch(docs)
    return docs


def _strip_head(n: str) -> str:
    return re.sub(r"(项目|工程)$", "", norm(n))


def same_name(a: str | None, b: str | None) -> bool:
    """Equal after normalising, or one contains the other (both at least 4 characters)."""
    x, y = _strip_head(a or ""), _strip_head(b or "")
    if not x or not y:
        return False
    return x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x))


def close(a: Any, b: Any) -> bool:
    """Two numbers equal within 0.5% (both None counts as equal)."""
    if a is None or b is None:
        return a is None and b is None
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-9)


class Tally:
    """Hits over totals per metric."""

    def __init__(self) -> None:
        self.hit: dict[str, int] = defaultdict(int)
        self.tot: dict[str, int] = defaultdict(int)
        self.hosts_f1: tuple[int, int, int] | None = None  # visit hosts (tp, fp, fn), as the eval counts them

    def add(self, key: str, ok: bool) -> None:
        """Count one case."""
        self.tot[key] += 1
        self.hit[key] += int(ok)

    def rows(self) -> list[str]:
        """One line per metric."""
        out = [
            f"  {k:<34} {self.hit[k]:>4}/{self.tot[k]:<4} = {self.hit[k] / self.tot[k]:.3f}"
            for k in sorted(self.tot)
            if self.tot[k]
        ]
        if self.hosts_f1:
            tp, fp, fn = self.hosts_f1
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            out.append(f"  {'visits: hosts F1 (tp/fp/fn)':<34} {tp}/{fp}/{fn} = {f1:.3f}")
        return out


def _person_roles(doc: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in doc.entities:
        if m.kind == "person":
            for n in [m.name, *m.aliases]:
                out[norm(n)].extend(m.attrs.get("roles") or [])
    return out


def host_counts(g: dict[str, Any], d: Any, show: bool) -> tuple[int, int, int]:
    """Visit hosts (visited) as the eval scores them (eval_match.match_events: gold and predicted visits
    paired by date and shared visitors, names mapped through the gold aliases): (tp, fp, fn). With `show`,
    print each paired visit's missed and false hosts and the unpaired visits."""
    from shuanglian.evaluation.eval_match import EventScore, alias_map, canonical, gold_entities, match_events
    from shuanglian.evaluation.eval_real import scored_types

    if "events" not in scored_types(g):
        return 0, 0, 0
    amap = alias_map(gold_entities(g))
    pred_aliases = {norm(m.name): {norm(a) for a in m.aliases} for m in d.entities}
    s: EventScore = match_events(g.get("events", []), d.events, amap, pred_aliases)
    if show:  # the same pairing as match_events, to name the hosts behind its counts

        def names(xs: list[str]) -> set[str]:
            return {canonical(x, amap, pred_aliases) for x in xs}

        free = list(range(len(d.events)))
        for ev in g.get("events", []):
            gv = names(ev.get("visitors", []))
            best, best_score = None, 0.0
            for i in free:
                p = d.events[i]
                sc = 2.0 * (p.get("date") == ev.get("date")) + len(gv & names(p.get("visitors") or []))
                if sc > best_score:
                    best, best_score = i, sc
            gd = names(ev.get("visited", []))
            if best is None:
                print(
                    f"[{g['id']}] hosts: visit {ev.get('date')} {ev.get('visitors')[:1]} unpaired, missed {sorted(gd)}"
                )
                continue
            free.remove(best)
            p = d.events[best]
            pd = names(p.get("visited") or [])
            if gd != pd or p.get("date") != ev.get("date"):
                print(
                    f"[{g['id']}] hosts: visit {ev.get('date')} {ev.get('visitors')[:1]} (got {p.get('date')})"
                    f" missed {sorted(gd - pd)} false {sorted(pd - gd)}"
                )
        for i in free:
            p = d.events[i]
            print(
                f"[{g['id']}] hosts: extra visit {p.get('date')} {p.get('visitors')[:1]} false {p.get('visited')}"
            )
    return s.visited.tp, s.visited.fp, s.visited.fn


def _context(d: Any, p: dict[str, Any]) -> str:
    """The sentence around a predicted figure, the figure in brackets (for reading misses)."""
    text = d.text or ""
    a, b = p.get("span") or (0, 0)
    left = max(text.rfind(c, 0, a) for c in "。；;\n") + 1
    ends = [i for i in (text.find(c, b) for c in "。；;\n") if i >= 0]
    right = min(ends) + 1 if ends else len(text)
    return (text[max(left, a - 120) : a] + "[" + text[a:b] + "]" + text[b : min(right, b + 60)]).strip()


def _flag_and_year(t: Tally, g: dict[str, Any], d: Any, misses: bool) -> None:
    """Target flag and year as the eval scorer counts them (its one-to-one pairing, match_figures);
    with `misses`, print each wrong flag or year with the figure's sentence."""
    from shuanglian.evaluation.eval_match import _close, _measure_ok, comparable

    if "figures" not in _scored(g):
        return
    pred = list(d.figures)
    free = list(range(len(pred)))
    for f in g.get("figures", []):
        unit, value = comparable(f["unit"], float(f["value"]))
        cands = [i for i in free if pred[i].get("unit") == unit and _close(float(pred[i].get("value") or 0), value)]
        if not cands:
            continue
        cands.sort(key=lambda i: (not _measure_ok(pred[i], f), pred[i].get("year") != f.get("year")))
        p = pred[cands[0]]
        free.remove(cands[0])
        ok_t = bool(p.get("target")) == bool(f.get("target"))
        ok_y = p.get("year") == f.get("year")
        t.add("figures: target (eval pairing)", ok_t)
        t.add("figures: year (eval pairing)", ok_y)
        if misses and not (ok_t and ok_y):
            what = " ".join(
                x
                for x, bad in (
                    (f"TARGET gold={bool(f.get('target'))} got={bool(p.get('target'))} cue={p.get('target_cue')}", not ok_t),
                    (f"YEAR gold={f.get('year')} got={p.get('year')}", not ok_y),
                )
                if bad
            )
            print(f"[{g['id']}] {what} pub={d.published} | {_context(d, p)}")


def _scored(g: dict[str, Any]) -> set[str]:
    from shuanglian.evaluation.eval_real import scored_types

    return set(scored_types(g))


def score(golds: list[dict[str, Any]], docs: list[Any], misses: bool, hosts: bool = False) -> Tally:
    """Score every fact type; print misses when asked (`hosts`: every visit's host errors)."""
    from shuanglian.evaluation.eval_match import comparable, specific_form
    from shuanglian.evaluation.eval_real import scored_types

    t = Tally()
    htp = hfp = hfn = 0
    for g, d in zip(golds, docs, strict=True):
        gid = g["id"]
        tp, fp, fn = host_counts(g, d, hosts)
        htp, hfp, hfn = htp + tp, hfp + fp, hfn + fn
        roles = _person_roles(d)
        for r in g.get("roles", []):
            pr = roles.get(norm(r["person"]), [])
            tmatch = [x for x in pr if norm(x.get("title")) == norm(r["title"])]
            ok_org = any(norm(x.get("org") or x.get("place")) == norm(r.get("org")) for x in tmatch)
            t.add("roles: title", bool(tmatch))
            t.add("roles: title+right org", ok_org)
            if misses and not ok_org:
                print(f"[{gid}] role miss {r} got {pr}")
        preds = list(d.figures)
        for f in g.get("figures", []):
            # areas compared in square metres, as the eval scorer does (gold 亩 as written, contract 平方米)
            unit, value = comparable(f["unit"], float(f["value"]))
            cand = [p for p in preds if close(p.get("value"), value) and p.get("unit") == unit]
            t.add("figures: value found", bool(cand))
            if not cand:
                if misses:
                    print(f"[{gid}] figure not found {f}")
                continue

            def spec(p: dict[str, Any]) -> str:
                return specific_form(p.get("specific") or p.get("measure"))

            # compared as the eval scorer does (real_gold/README.md "Measures": the documented equivalences)
            best = next((p for p in cand if spec(p) == specific_form(f.get("measure"))), cand[0])
            ok = bool(f.get("measure")) and spec(best) == specific_form(f.get("measure"))
            t.add("figures: specific measure", ok)
            if f.get("target") is not None:
                t.add("figures: target flag", bool(best.get("target")) == bool(f["target"]))
                if misses and bool(best.get("target")) != bool(f["target"]):
                    print(f"[{gid}] target flag {f} got {best.get('target')} {best.get('text')}")
            if misses and not ok:
                print(
                    f"[{gid}] measure {f.get('measure')!r} got {best.get('specific') or best.get('measure')!r} ({best.get('text')})"
                )
        _flag_and_year(t, g, d, misses)
        used: set[int] = set()
        for p in g.get("projects", []):
            hit = next(
                (i for i, q in enumerate(d.projects) if i not in used and same_name(q["name"], p["name"])),
                None,
            )
            t.add("projects: name", hit is not None)
            ok = hit is not None and close(d.projects[hit]["investment"], p.get("investment"))
            t.add("projects: name+investment", ok)
            if hit is not None:
                used.add(hit)
                q = d.projects[hit]
                if p.get("status"):
                    t.add("projects: status (of found)", q.get("status") == p["status"])
            if misses and not ok:
                print(f"[{gid}] project miss {p} got {d.projects[hit] if hit is not None else None}")
        # a file annotated for other fact types only: its projects count nowhere (as in the eval scorer)
        scored = "projects" in scored_types(g)
        extra = len(d.projects) - len(used) if scored else 0
        t.tot["projects: precision"] += len(d.projects) if scored else 0
        t.hit["projects: precision"] += len(used)
        if misses and extra:
            for i, q in enumerate(d.projects):
                if i not in used:
                    print(f"[{gid}] project extra {q['name']} {q['investment']} {q['status']}")
        for ev in g.get("events", []):
            lead = norm((ev.get("visitors") or [""])[0])
            cand = [e for e in d.events if lead in {norm(v) for v in e.get("visitors", [])}]
            t.add("visits: lead visitor", bool(cand))
            ok_date = any(e.get("date") == ev.get("date") for e in cand)
            t.add("visits: lead+date", ok_date)
            gv = [v for v in ev.get("visited", [])]

            def hosts_ok(e: dict[str, Any], gv: list[str] = gv) -> bool:
                got = [x for x in e.get("visited", [])]
                found = sum(any(same_name(h, x) for x in got) for h in gv)
                return found * 2 >= len(gv)

            full = any(e.get("date") == ev.get("date") and hosts_ok(e) for e in cand)
            t.add("visits: lead+date+hosts", full)
            vis = {norm(v) for e in cand for v in e.get("visitors", [])}
            for v in ev.get("visitors", [])[1:]:
                t.add("visits: accompanying visitors", norm(v) in vis)
            if misses and not full:
                print(f"[{gid}] visit miss {ev} got {cand or d.events}")
    if htp + hfp + hfn:
        t.hosts_f1 = (htp, hfp, hfn)
    return t


def show(spec: str, published: str | None) -> None:
    """Print the projects, roles, figures and events extracted from one page (development aid)."""
    path, _, rng = spec.partition(":")
    lines = [int(x) for x in rng.split("-")] if rng else None
    rel = str(Path(path).resolve().relative_to(REAL.resolve())) if Path(path).is_absolute() else path
    text, header = page_text(rel, lines)
    docs = run([{"id": spec, "source": rel, "lines": lines, "published": published or header}])
    d = docs[0]
    for p in d.projects:
        print("PROJECT", {k: v for k, v in p.items() if k != "span"})
    for m in d.entities:
        if m.kind == "person" and m.attrs.get("roles"):
            print("ROLE", m.name, m.attrs["roles"])
    for f in d.figures:
        print("FIGURE", f["text"], f["measure"], f["year"], f["target"])
    for e in d.events:
        print("EVENT", e)


def main() -> None:
    """Command line entry."""
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--split", default="all", choices=["dev", "holdout", "all"])
    ap.add_argument("--misses", action="store_true")
    ap.add_argument(
        "--hosts",
        action="store_true",
        help="with --half A: every visit's missed and false hosts (dev half A only)",
    )
    ap.add_argument(
        "--half", choices=["A", "B"], help="dev only: files with crc32(id) %% 2 == 0 (A) or 1 (B)"
    )
    ap.add_argument("--show")
    ap.add_argument("--published")
    a = ap.parse_args()
    if a.show:
        show(a.show, a.published)
        return
    dirs = a.dirs or [REPO / "tests" / "fixtures" / "real_gold"]
    golds = load_gold(dirs)
    for split in ("dev", "holdout") if a.split == "all" else (a.split,):
        part = [g for g in golds if (g.get("split") or split_of(g["id"])) == split]
        if a.half and split == "dev":  # the two-halves protocol: read errors on A, check B did not drop
            part = [g for g in part if zlib.crc32(g["id"].encode()) % 2 == "AB".index(a.half)]
        if not part:
            print(f"{split}: no gold pages")
            continue
        docs = run(part)
        # errors are printed for dev only: the holdout is read as totals (HELPERS.md)
        # per-visit host errors: half A only (the half the two-halves protocol reads)
        t = score(part, docs, a.misses and split == "dev", a.hosts and split == "dev" and a.half == "A")
        print(f"{split}: {len(part)} pages")
        print("\n".join(t.rows()))


if __name__ == "__main__":
    main()
