"""Benchmark the cleaner on ../shared/data/web-extraction: mean character-bigram F1 vs the gold content.

Usage: python bench/web_extraction.py [DATA_DIR] [-v]
Prints per-page F1 for the cleaner and for trafilatura as shipped (raw bytes, its own decoding),
the means, and pages/s. Exits 2 with a message when the data folder is missing.
Also prints the cleaner's speed on text dumps (the team's own .txt pages: tests/fixtures/pages, the
bundled samples), best of 5 rounds, since most ingested documents are text dumps rather than HTML.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "web-extraction"
TEXT_DIRS = [ROOT / "tests" / "fixtures" / "pages", ROOT / "src" / "shuanglian" / "samples" / "pages"]
_WS = re.compile(r"\s+")


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
    from shuanglian.document import Document
    from shuanglian.ingest.decode import decode_bytes

    stage = CleanStage()
    pages = sorted(html_dir.glob("*.html"))
    if not pages:
        print(f"error: no .html pages in {html_dir}", file=sys.stderr)
        return 2
    # Warm-up (OpenCC dictionaries, character tables, trafilatura imports) is a one-off per process.
    stage(Document(source="warmup", raw=decode_bytes(pages[0].read_bytes(), str(pages[0]))[0], is_html=True))
    ours: list[float] = []
    base: list[float] = []
    elapsed = 0.0
    chars = 0
    for page in pages:
        gold_path = gold_dir / (page.stem + ".json")
        if not gold_path.exists():
            print(f"skip {page.name}: no gold", file=sys.stderr)
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["content"]
        data_bytes = page.read_bytes()
        t0 = time.perf_counter()
        text, enc = decode_bytes(data_bytes, str(page))
        doc = stage(Document(source=str(page), raw=text, is_html=True))
        elapsed += time.perf_counter() - t0
        chars += len(text)
        baseline = trafilatura.extract(data_bytes) or ""
        ours.append(f1(doc.text, gold))
        base.append(f1(baseline, gold))
        print(f"{page.stem[:8]}  {enc:10s} cleaner {ours[-1]:.3f}  trafilatura {base[-1]:.3f}")
        if verbose and ours[-1] < 0.9:
            print("  GOLD:", gold[:300].replace("\n", " | "))
            print("  OURS:", doc.text[:300].replace("\n", " | "))
    n = len(ours)
    print(f"pages {n}")
    print(f"mean bigram F1  cleaner {sum(ours) / n:.4f}   trafilatura as shipped {sum(base) / n:.4f}")
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
