"""Extract scaling: seconds to extract one long page of 100, 200, 400 and 800 KB (should grow ~linearly).

Usage: .venv/bin/python bench/extract_scaling.py [KB ...]
Page: the team's gold pages (tests/fixtures/gold/*.txt) concatenated up to the size in UTF-8 bytes, run
through the default pipeline as plain text (`build_pipeline(plain=True)`). Models and lexicons are loaded
before timing. Goal: each doubling of the page at most ~2.3x the time (no quadratic path).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from shuanglian.document import Document
from shuanglian.pipeline.default import build_pipeline

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"
SIZES_KB = [100, 200, 400, 800]


def long_page(n_bytes: int) -> str:
    """The gold pages repeated in order until the text reaches `n_bytes` of UTF-8."""
    parts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(GOLD.glob("*.txt"))]
    parts = [t for t in parts if t.strip()]
    if not parts:
        raise SystemExit(f"no .txt pages under {GOLD}")
    out: list[str] = []
    size, i = 0, 0
    while size < n_bytes:
        out.append(parts[i % len(parts)])
        size += len(parts[i % len(parts)].encode("utf-8")) + 2
        i += 1
    return "\n\n".join(out)


def main(argv: list[str]) -> None:
    """Time the pipeline on one page per size and print seconds, KB/s and the ratio to the previous size."""
    sizes = [int(a) for a in argv] or SIZES_KB
    pipeline = build_pipeline(plain=True)
    pipeline.batch([Document(source="warm-up", raw=long_page(2_000), is_html=False)])
    prev: float | None = None
    print(f"{'KB':>6} {'chars':>9} {'seconds':>8} {'KB/s':>7} {'x prev':>7}")
    for kb in sizes:
        text = long_page(kb * 1024)
        doc = Document(source=f"{kb}KB", raw=text, is_html=False)
        t0 = time.perf_counter()
        pipeline.batch([doc])
        dt = time.perf_counter() - t0
        if doc.error:
            raise SystemExit(f"{kb} KB page failed: {doc.error}")
        ratio = f"{dt / prev:7.2f}" if prev else f"{'-':>7}"
        print(f"{kb:>6} {len(text):>9} {dt:8.2f} {kb / dt:7.1f} {ratio}", flush=True)
        prev = dt


if __name__ == "__main__":
    main(sys.argv[1:])
