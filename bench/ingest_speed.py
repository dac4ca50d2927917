"""Ingest speed: generate a few thousand varied pages from the team's own pages, ingest them, print rates.

    .venv/bin/python bench/ingest_speed.py [--pages 3000] [--no-extract] [--runner local|process] [--workers 2]

Base pages: tests/fixtures/pages and src/shuanglian/samples (when present), else ../shared/corpus.
Each generated page shuffles the base page's body paragraphs, sometimes splices in paragraphs of another
page, changes dates and numbers and wraps the body in one of several sites' boilerplate (text dump or
HTML), so the corpus has distinct articles, reposts (near-duplicates) and exact repeats.
Prints pages/s, chars/s (decoded input characters), peak RSS, and the ingest summary counts.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASE_DIRS = [ROOT / "tests" / "fixtures" / "pages", ROOT / "src" / "shuanglian" / "samples"]
FALLBACK = ROOT.parent / "shared" / "corpus"
EXTS = {".txt", ".html", ".htm", ".md"}

HEADERS = [
    "首页 > 新闻中心 > 要闻\n",
    "当前位置:首页 > 产业资讯 > 正文内容\n",
    "您现在的位置: 网站首页 >> 科技创新 >> 动态\n",
    "",
]
FOOTERS = [
    "(编辑:张三 审读:李四)\n热门排行\n1 今日天气\n2 地铁运营调整\nCopyright © 2024 某某新闻网 版权所有\n",
    "分享到:微信 微博\n相关阅读\n园区企业获评专精特新\n联系电话:0755-12345678\n粤ICP备10000000号\n",
    "责任编辑:王五\n扫一扫在手机打开当前页\n网站地图 | 关于我们 | 联系我们\n",
    "",
]
DATE = re.compile(r"(20\d\d)([-年/.])(\d{1,2})([-月/.])(\d{1,2})")
NUMBER = re.compile(r"(?<![\d.])\d{2,4}(?![\d年])")


def _base_pages() -> list[str]:
    from shuanglian.ingest.readers import RawInput, iter_inputs

    files = [p for d in BASE_DIRS if d.is_dir() for p in sorted(d.rglob("*")) if p.suffix.lower() in EXTS]
    if not files and FALLBACK.is_dir():
        files = [p for p in sorted(FALLBACK.glob("*.txt"))]
    if not files:
        sys.exit("no base pages found (tests/fixtures/pages, src/shuanglian/samples, ../shared/corpus)")
    out = []
    for item in iter_inputs([str(p) for p in files]):
        if isinstance(item, RawInput):
            text = re.sub(r"<[^>]+>", "\n", item.raw) if item.is_html else item.raw
            out.append(html.unescape(text))
    return out


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if len(line.strip()) >= 20]


def _vary(rng: random.Random, page: str, other: str) -> str:
    paras = _paragraphs(page) or [page.strip()]
    rng.shuffle(paras)
    if rng.random() < 0.5:
        extra = _paragraphs(other)
        paras += rng.sample(extra, k=min(len(extra), rng.randint(1, 4)))
    body = "\n".join(paras[: rng.randint(max(1, len(paras) // 2), len(paras))])
    y, m, d = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
    body = DATE.sub(lambda _: f"{y}年{m}月{d}日", body)
    body = NUMBER.sub(
        lambda mt: str(int(mt.group()) + rng.randint(-9, 9)) if rng.random() < 0.3 else mt.group(), body
    )
    return body


def generate(out: Path, pages: int, seed: int) -> tuple[int, int]:
    """Write `pages` varied pages into `out`; returns (files, bytes)."""
    rng = random.Random(seed)
    bases = _base_pages()
    total = 0
    for i in range(pages):
        if i and rng.random() < 0.03:  # exact repeats exist in real crawls too
            src = out / f"p{rng.randrange(i):05d}"
            prev = next(iter(sorted(out.glob(src.name + ".*"))), None)
            if prev is not None:
                data = prev.read_bytes()
                (out / f"p{i:05d}{prev.suffix}").write_bytes(data)
                total += len(data)
                continue
        body = _vary(rng, rng.choice(bases), rng.choice(bases))
        title = body.splitlines()[0][:30]
        head, foot = rng.choice(HEADERS), rng.choice(FOOTERS)
        if rng.random() < 0.33:
            paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in body.splitlines())
            doc = (
                f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
                f"<body><div class='nav'>{html.escape(head)}</div><h1>{html.escape(title)}</h1>"
                f"<div class='content'>{paras}</div><div class='footer'>{html.escape(foot)}</div></body></html>"
            )
            path, data = out / f"p{i:05d}.html", doc.encode("utf-8")
        else:
            enc = "gb18030" if rng.random() < 0.2 else "utf-8"
            path, data = out / f"p{i:05d}.txt", f"{head}{title}\n{body}\n{foot}".encode(enc, "replace")
        path.write_bytes(data)
        total += len(data)
    return pages, total


def _peak_rss_mb() -> float:
    # ru_maxrss is KiB on Linux; children cover process-runner workers
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def _install_timers(svc: Any, graph: bool) -> dict[str, float]:
    """Wrap the store step and the graph hooks to split the time between pipeline, store and graph."""
    timers = {"store": 0.0, "graph": 0.0}
    real_store = svc._Ingester.store

    def store(self: Any, docs: Any) -> None:
        t = time.perf_counter()
        real_store(self, docs)
        timers["store"] += time.perf_counter() - t

    def timed(real: Any) -> Any:
        def get() -> Any:
            fn = real() if graph else None
            if fn is None:
                return None

            def call(*args: Any) -> Any:
                t = time.perf_counter()
                try:
                    return fn(*args)
                finally:
                    timers["graph"] += time.perf_counter() - t

            return call

        return get

    svc._Ingester.store = store
    svc._graph_hook, svc._graph_batch_hook = timed(svc._graph_hook), timed(svc._graph_batch_hook)
    return timers


def main() -> None:
    """Generate the corpus, ingest it into a temporary SQLite database and print the rates."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--no-extract", action="store_true", help="clean + store only")
    ap.add_argument("--runner", default="local", choices=["local", "process", "ray"])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="generate into this folder (kept) instead of a temp dir")
    ap.add_argument("--no-graph", action="store_true", help="skip the knowledge-graph hook per document")
    args = ap.parse_args()

    import shuanglian.services.documents as svc

    timers = _install_timers(svc, graph=not args.no_graph)

    with tempfile.TemporaryDirectory(prefix="sl-bench-") as tmp:
        corpus = args.keep or Path(tmp) / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        n, size = generate(corpus, args.pages, args.seed)
        print(f"generated {n} pages ({size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f}s")
        db = f"sqlite:///{Path(tmp) / 'bench.db'}"
        from shuanglian.ingest.readers import RawInput, iter_inputs

        chars = sum(len(i.raw) for i in iter_inputs([corpus]) if isinstance(i, RawInput))
        t1 = time.perf_counter()
        report = svc.ingest_paths(
            [corpus], db, args.runner, workers=args.workers, extract=not args.no_extract
        )
        secs = time.perf_counter() - t1
    done = report.stored + report.duplicates + len(report.failed)
    mode = ("clean+store" if args.no_extract else "clean+extract+store") + ("" if args.no_graph else "+graph")
    print(f"mode: {mode}, runner: {args.runner}" + (f" x{args.workers}" if args.runner != "local" else ""))
    print(
        f"stored {report.stored} (copies {report.copies}), duplicates {report.duplicates}, "
        f"failed {len(report.failed)}"
    )
    print(f"pages/s: {done / secs:.1f}")
    print(f"chars/s: {chars / secs:,.0f}")
    store, graph = timers["store"], timers["graph"]
    print(
        f"seconds: {secs:.1f} (pipeline incl. reading {secs - store:.1f}, "
        f"store {store - graph:.1f}, graph hook {graph:.1f})"
    )
    print(f"peak RSS: {_peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
