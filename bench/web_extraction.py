"""Benchmark the cleaner on ../shared/data/web-extraction: mean character-bigram F1 vs the gold content.

Usage: python bench/web_extraction.py [DATA_DIR] [-v]
The 35 pages are split by a fixed hash of the file name (`split_of`): a tuning half, the only pages
rules and weights may be fitted on, and an untouched half that is only ever scored. For each page and
for each half it prints F1 of: the cleaner (candidates chosen by clean/choose.py, which candidate won),
trafilatura alone on the correctly decoded page (default settings), trafilatura as shipped (raw bytes,
its own decoding), and the readability-style scorers alone, no line rules: ours (clean/readable.py,
Chinese punctuation) and readability-lxml's arc90 scorer ("arc90").
`-v` shows gold and output heads for weak TUNING pages only. Exits 2 when the data folder is missing.
Also prints the cleaner's speed on text dumps (the team's own .txt pages: tests/fixtures/pages, the
bundled samples), best of 5 rounds, since most ingested documents are text dumps rather than HTML.
"""

from __future__ import annotations

import json
import re
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "web-extraction"
TEXT_DIRS = [ROOT / "tests" / "fixtures" / "pages", ROOT / "src" / "shuanglian" / "samples" / "pages"]
_WS = re.compile(r"\s+")
HALVES = ("tuning", "untouched")
COLUMNS = ("cleaner", "trafilatura", "traf_raw", "readability", "arc90")


def split_of(name: str) -> str:
    """The half a page belongs to, fixed by its file name: never tune on "untouched"."""
    return "untouched" if zlib.crc32(name.encode("utf-8")) % 2 == 0 else "tuning"


def bigrams(text: str) -> Counter[str]:
    """Character bigrams of the text with all whitespace removed."""
    t = _WS.sub("", text)
    return Counter(t[i : i + 2] for i in range(len(t) - 1))


def f1(pred: str, gold: str) -> float:
    """F1 of character-bigram multisets."""
    p, g = bigrams(pred), bigrams(gold)
    if not p or not g:
        return float(p == g)
    inter = sum((p & g).values())
    if not inter:
        return 0.0
    prec, rec = inter / sum(p.values()), inter / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def main(argv: list[str]) -> int:
    """Run the benchmark; return the exit status."""
    args = [a for a in argv if not a.startswith("-")]
    verbose = "-v" in argv
    data = Path(args[0]) if args else DEFAULT
    html_dir, gold_dir = data / "html", data / "gold"
    if not html_dir.is_dir() or not gold_dir.is_dir():
        print(f"error: benchmark data not found: expected {html_dir} and {gold_dir}", file=sys.stderr)
        return 2
    import trafilatura

    from shuanglian.clean.pipeline import CleanStage
    from shuanglian.clean.readable import main_lines, readability_lxml_lines
    from shuanglian.document import Document
    from shuanglian.ingest.decode import decode_bytes

    stage = CleanStage()
    pages = sorted(html_dir.glob("*.html"))
    if not pages:
        print(f"error: no .html pages in {html_dir}", file=sys.stderr)
        return 2
    # Warm-up (OpenCC dictionaries, character tables, trafilatura imports) is a one-off per process.
    stage(Document(source="warmup", raw=decode_bytes(pages[0].read_bytes(), str(pages[0]))[0], is_html=True))
    scores: dict[str, dict[str, list[float]]] = {h: {c: [] for c in COLUMNS} for h in HALVES}
    elapsed = 0.0
    chars = 0
    print(f"page      half       encoding   {'  '.join(f'{c:>11s}' for c in COLUMNS)}  chosen")
    for page in pages:
        gold_path = gold_dir / (page.stem + ".json")
        if not gold_path.exists():
            print(f"skip {page.name}: no gold", file=sys.stderr)
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["content"]
        half = split_of(page.name)
        data_bytes = page.read_bytes()
        t0 = time.perf_counter()
        text, enc = decode_bytes(data_bytes, str(page))
        doc = stage(Document(source=str(page), raw=text, is_html=True))
        elapsed += time.perf_counter() - t0
        chars += len(text)
        row = {
            "cleaner": f1(doc.text, gold),
            "trafilatura": f1(trafilatura.extract(text) or "", gold),
            "traf_raw": f1(trafilatura.extract(data_bytes) or "", gold),
            "readability": f1("\n".join(main_lines(text)), gold),
            "arc90": f1("\n".join(readability_lxml_lines(text)), gold),
        }
        for c in COLUMNS:
            scores[half][c].append(row[c])
        chosen = doc.meta.get("html_extractor", "-")
        print(f"{page.stem[:8]}  {half:9s}  {enc:9s}  {'  '.join(f'{row[c]:11.3f}' for c in COLUMNS)}  {chosen}")
        if verbose and half == "tuning" and row["cleaner"] < 0.9:
            print("  GOLD:", gold[:300].replace("\n", " | "))
            print("  OURS:", doc.text[:300].replace("\n", " | "))
    n = sum(len(scores[h]["cleaner"]) for h in HALVES)
    print(f"pages {n}  (traf_raw: trafilatura on raw bytes; trafilatura: on the decoded page, defaults)")
    for h in (*HALVES, "all"):
        cols = {c: [x for hh in HALVES if h in (hh, "all") for x in scores[hh][c]] for c in COLUMNS}
        k = len(cols["cleaner"])
        means = "  ".join(f"{c} {sum(v) / k:.4f}" for c, v in cols.items()) if k else "no pages"
        print(f"mean bigram F1 {h:9s} ({k:2d} pages)  {means}")
    print(f"speed (decode + clean): {n / elapsed:.1f} pages/s, {chars / elapsed:,.0f} chars/s")
    text_dump_speed()
    return 0


def text_dump_speed(rounds: int = 5) -> None:
    """Print docs/s and chars/s of CleanStage on the team's own text dumps (best of `rounds`)."""
    from shuanglian.clean.pipeline import CleanStage
    from shuanglian.document import Document
    from shuanglian.ingest.decode import decode_bytes

    files = [p for d in TEXT_DIRS if d.is_dir() for p in sorted(d.glob("*.txt")) if ".expected" not in p.name]
    texts = [decode_bytes(p.read_bytes(), str(p))[0] for p in files]
    if not texts:
        print("text dumps: none found")
        return
    stage = CleanStage()
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for text in texts:
            stage(Document(source="bench", raw=text))
        best = min(best, time.perf_counter() - t0)
    chars = sum(len(t) for t in texts)
    print(f"speed on {len(texts)} text dumps (clean, best of {rounds}): "
          f"{len(texts) / best:.0f} docs/s, {chars / best:,.0f} chars/s")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
