"""One-off convention pass over the real gold's figure measures (tests/fixtures/real_gold/README.md,
"Measures"): reads only the gold files, never the pages or any extractor output, and rewrites
`figures[].measure` by three mechanical rules of the written convention, on both splits alike.

    python scripts/measure_convention_pass.py [--write]
    python scripts/measure_convention_pass.py --verb-candidates

Without --write it prints what it would change (file, split, annotator, old -> new). --verb-candidates lists,
from the gold files and the page text only, count figures whose measure has no selecting verb while the
figure's clause has one: candidates for the "verbs that select" rule, to be decided by hand.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "fixtures" / "real_gold"

# 累计 says the figure sums a period (the year, null for such totals, says so); a rate of a change over the
# period keeps the page's term (单位GDP能耗累计下降率).
_CUMULATIVE = re.compile(r"累计(?!下降|增长|降低|减少|提高)")
# 集中 says how (all at one ceremony), not which: 集中开工项目 = 开工项目.
_TOGETHER = re.compile(r"集中(?=开复工|开工|签约|投产|竣工|落地)")
# a period the figure sums over is the year's business, not the measure's (一季度重点项目总投资, 五年利用外资);
# rates per day or year (每天, 每年, 年均, 年产量) are what they measure and stay.
# The name of a plan keeps its span (两年投资计划总额).
_PERIOD = re.compile(
    r"^(?:一季度|二季度|三季度|四季度|前三季度|上半年|下半年|今年|去年|全年|当年)(?=..)"
    r"|^[两三四五六七八九十]年(?=..)(?!.*(?:计划|行动|规划|方案))"
    r"|(?<=..)[两三四五六七八九十]年(?=累计)"  # 非常规天然气五年累计产量
)


def convene(measure: str) -> str:
    """The measure under the convention."""
    out = _CUMULATIVE.sub("", _TOGETHER.sub("", _PERIOD.sub("", measure)))
    return out if len(out) >= 2 else measure


_SELECTING = sorted(
    [
        "新增",
        "净增",
        "新建",
        "新培育",
        "培育",
        "培育认定",
        "引进",
        "新引进",
        "招引",
        "新认定",
        "认定",
        "入选",
        "获批",
        "组建",
        "新组建",
        "选派",
        "签约",
        "新签约",
        "签约动工",
        "开工",
        "新开工",
        "在建",
        "建成",
        "投产",
        "建成投产",
        "落地",
        "新落地",
        "落户",
    ],
    key=len,
    reverse=True,
)
_COUNT_UNITS = "个家项名条座所台辆位处种件套只批户人"


def verb_candidates() -> None:
    """Print count figures whose clause has a selecting verb their measure lacks (gold and page text only)."""
    sys.path.insert(0, str(REPO / "bench"))
    from real_facts import page_text  # the gold's line range of the page, as the scorer reads it

    verbs = "|".join(_SELECTING)
    for p in sorted(GOLD.glob("*.gold.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        figs = [
            f
            for f in g.get("figures", [])
            if f["unit"] in _COUNT_UNITS and not re.match(verbs, f["measure"] or "")
        ]
        if not figs:
            continue
        text, _ = page_text(g["source"], g.get("lines"))
        number = rf"(?:\d[\d.]*|[一二三四五六七八九十百千两]+)(?:多|余)?[万亿千百]*[{_COUNT_UNITS}](?:以上|左右)?的?"
        for f in figs:
            noun = re.sub(r"(?:数量|人数|户数|数)$", "", f["measure"])
            if len(noun) < 2 or noun == f["measure"]:
                continue
            # the thing as the gold writes it, governed by a verb before the number or right after the thing
            n = re.escape(noun)
            shapes = (
                rf"({verbs})了?{number}{n}",
                rf"({verbs}){n}",
                rf"{number}{n}(?:集中|陆续|已|均|成功)?({verbs})",
            )
            found = next((m for rx in shapes if (m := re.search(rx, text))), None)
            if found:
                ctx = text[max(0, found.start() - 15) : found.end() + 12].replace("\n", " ")
                print(
                    g["id"],
                    g["split"],
                    g["annotator"],
                    f["value"],
                    f["measure"],
                    found.group(1),
                    ctx,
                    sep="\t",
                )
                continue
            # else the figure's own number (digits) and a verb in its clause with the thing's head nearby
            value = int(f["value"]) if float(f["value"]).is_integer() else f["value"]
            m = re.search(rf"(?<![\d.]){value}(?:多|余)?[{_COUNT_UNITS}]", text)
            if not m:
                continue
            clause = re.split(r"[，。；：,;:\n]", text[: m.start()])[-1]
            after = re.split(r"[，。；：,;:、\n]", text[m.end() :])[0]
            verb = re.search(verbs, clause + "|" + after)
            if verb and noun[-2:] in clause + after:
                print(
                    g["id"],
                    g["split"],
                    g["annotator"],
                    f["value"],
                    f["measure"],
                    verb.group(),
                    f"{clause}[{m.group()}]{after}",
                    sep="\t",
                )


def main() -> None:
    """Print (and with --write apply) the changes."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--verb-candidates", action="store_true")
    a = ap.parse_args()
    if a.verb_candidates:
        verb_candidates()
        return
    for p in sorted(GOLD.glob("*.gold.json")):
        raw = p.read_text(encoding="utf-8")
        g = json.loads(raw)
        changed = False
        for f in g.get("figures", []):
            old = f.get("measure") or ""
            new = convene(old)
            if new != old:
                print(f"| {g['id']} | {g['split']} | {g['annotator']} | {old} → {new} |")
                f["measure"] = new
                changed = True
        if changed and a.write:
            indent = 1 if raw.startswith('{\n "') else 2
            end = "\n" if raw.endswith("\n") else ""
            p.write_text(json.dumps(g, ensure_ascii=False, indent=indent) + end, encoding="utf-8")


if __name__ == "__main__":
    main()
