"""The packaged character tagger: ONNX emissions, numpy Viterbi, spans per label scheme (head)."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from shuanglian.extract.ner.encode import cut_sentences, encode, pad_batch

MODEL_DIR = Path(__file__).resolve().parent / "model"
BATCH = 64  # most sentences per ONNX call
# An ONNX batch closes when padding would pass this factor of its characters: the LSTM runs over padded
# steps too (batches of 64 cut from the length order padded 1.5x on the bench pages; this gives 1.15x).
PAD_SLACK = 1.15
DECODE_ROWS = 512  # sentences decoded together: their emissions and back pointers are held at once
# Tag pairs that BIOES forbids get this score, so decoding never yields an ill-formed span.
_FORBID = -1e4


@dataclass(frozen=True)
class NerSpan:
    """A tagged span [start, end) of the analysed text, its label and the head that proposed it."""

    start: int
    end: int
    label: str
    head: str
    # probability under the CRF that exactly this span carries this label (1.0 when not computed); left out
    # of equality (it is a float), though computed the same whatever the batch (`_rows_dot`)
    conf: float = field(default=1.0, compare=False)


def bioes_tags(n: int, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIOES tags of a sentence of `n` chars from its spans (overlapping spans: the first wins)."""
    tags = ["O"] * n
    for s, e, t in spans:
        if e > n or s >= e or any(x != "O" for x in tags[s:e]):
            continue
        if e - s == 1:
            tags[s] = f"S-{t}"
        else:
            tags[s] = f"B-{t}"
            for i in range(s + 1, e - 1):
                tags[i] = f"I-{t}"
            tags[e - 1] = f"E-{t}"
    return tags


def spans_of(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Spans of well-formed BIOES tags (ill-formed runs are skipped)."""
    out = []
    start = -1
    for i, t in enumerate(tags):
        p, _, lab = t.partition("-")
        if p == "S":
            out.append((i, i + 1, lab))
            start = -1
        elif p == "B":
            start = i
        elif p == "E" and start >= 0 and tags[start][2:] == lab:
            out.append((start, i + 1, lab))
            start = -1
        elif p == "O" or (p == "I" and (start < 0 or tags[start][2:] != lab)):
            start = -1
    return out


def reverse_index(lens: np.ndarray, t: int) -> np.ndarray:
    """[B,T] index reversing each row within its length (padding stays in place, at the end)."""
    ar = np.arange(t)[None, :]
    ln = np.asarray(lens)[:, None]
    return np.where(ar < ln, ln - 1 - ar, ar).astype(np.int64)


def allowed(labels: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BIOES constraint masks: transitions [K,K], start [K], end [K] (0 allowed, _FORBID not)."""
    k = len(labels)
    trans = np.zeros((k, k), dtype=np.float32)
    start = np.zeros(k, dtype=np.float32)
    end = np.zeros(k, dtype=np.float32)
    for i, a in enumerate(labels):
        pa, _, la = a.partition("-")
        if pa in ("I", "E"):
            start[i] = _FORBID
        if pa in ("B", "I"):
            end[i] = _FORBID
        for j, b in enumerate(labels):
            pb, _, lb = b.partition("-")
            inside = pa in ("B", "I")
            ok = (pb in ("I", "E") and lb == la) if inside else pb in ("O", "B", "S")
            if not ok:
                trans[i, j] = _FORBID
    return trans, start, end


def by_length(lens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row order longest first (stable) and, per step i, how many rows are longer than i (a prefix in that order)."""
    lens = np.asarray(lens)
    order = np.argsort(-lens, kind="stable")
    t = int(lens.max()) if len(lens) else 0
    live_at = np.searchsorted(-lens[order], -np.arange(t), side="left")
    return order, live_at.astype(np.int64)


def predecessor_groups(trans: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Tags grouped by how many allowed predecessors they have: (tags [m], their predecessors [m, s] in
    ascending order, transition scores [m, s]). A tag no allowed move reaches keeps every predecessor.

    BIOES allows few moves (O/B/S from O/E/S; I-x, E-x only from B-x, I-x): a Viterbi step over allowed
    moves only is 3.5x less work for the 41 CLUENER tags. A forbidden move scores _FORBID (-1e4) below an
    allowed one and every tag has an allowed predecessor of ordinary score after the first step, so the
    full maximum never picks one: the same maxima, and the same first-index ties (predecessors ascending).
    """
    ok = trans > _FORBID / 2
    k = trans.shape[0]
    by_size: dict[int, list[tuple[int, np.ndarray]]] = {}
    for j in range(k):
        src = np.flatnonzero(ok[:, j]) if ok[:, j].any() else np.arange(k)
        by_size.setdefault(len(src), []).append((j, src))
    out = []
    for items in by_size.values():
        cols = np.array([j for j, _ in items])
        src = np.stack([s for _, s in items])
        out.append((cols, src, trans[src, cols[:, None]]))
    return out


def viterbi(em: np.ndarray, lens: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[list[int]]:
    """Best tag path of each row of emissions [B,T,K] within its length.

    Rows are taken longest first, so the rows still running at step i are a prefix: each step works on
    those rows only (no padded steps, no masking); every row's arithmetic is the same as decoding it alone.
    Each step maximises over allowed moves only (`predecessor_groups`).
    """
    b, _, k = em.shape
    lens = np.asarray(lens)
    order, live_at = by_length(lens)
    t = len(live_at)
    em = em[order]
    ln = lens[order]
    back = np.zeros((t, b, k), dtype=np.uint8 if k <= 256 else np.int64)
    final = np.empty((b, k), dtype=np.result_type(em, trans, start))
    score = start[None, :] + em[:, 0]
    # each group with the column positions that pick a predecessor per column out of `src` (src[at, best])
    groups = [(cols, src, tr, np.arange(len(cols))[None, :]) for cols, src, tr in predecessor_groups(trans)]
    for i in range(1, t):
        n, was = int(live_at[i]), int(live_at[i - 1])
        final[n:was] = score[n:was]  # rows whose last step was i - 1
        nxt = np.empty((n, k), dtype=final.dtype)
        for cols, src, tr, at in groups:
            cand = score[:n, src] + tr  # [n, columns, allowed predecessors]
            best = cand.argmax(2)
            nxt[:, cols] = cand.max(2)  # the value at `best`, its first maximum: the same number
            back[i, :n, cols] = src[at, best].T
        score = nxt + em[:n, i]
    final[: len(score)] = score
    last = (final + end[None, :]).argmax(1)
    # backtrack every row at once (one numpy step per position, not one Python step per character)
    paths = np.zeros((b, max(t, 1)), dtype=np.int64)
    cur = np.zeros(b, dtype=np.int64)
    at = np.arange(b)
    for i in range(t - 1, -1, -1):
        n = int(live_at[i])
        lo = int(live_at[i + 1]) if i + 1 < t else 0
        cur[lo:n] = last[lo:n]  # rows whose last step is i start their trace here
        paths[:n, i] = cur[:n]
        if i:
            cur[:n] = back[i, at[:n], cur[:n]]
    out: list[list[int]] = [[] for _ in range(b)]
    for r, row in enumerate(order.tolist()):
        out[row] = paths[r, : int(ln[r])].tolist()
    return out


def _rows_dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ b with each row's result independent of the other rows: BLAS (`@`) picks kernels by the number
    of rows, so a row's last bits changed with the sentences it was decoded with, and a confidence right at
    a threshold could flip with batch composition (issue 8: deterministic output); einsum's own loops do
    the same arithmetic for a row whatever the batch."""
    return np.einsum("bi,ij->bj", a, b)


def span_confidences(em: np.ndarray, lens: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray,
                     paths: Sequence[Sequence[int]], spans: Sequence[Sequence[tuple[int, int]]]) -> list[list[float]]:
    """Probability of each span's tag run [s, e) of each row's path, by forward-backward over [B,T,K] emissions.

    P(y_s..y_{e-1}) = exp(alpha_s(y_s) + inner path score + beta_{e-1}(y_{e-1}) - log Z): the CRF's marginal
    that exactly this span carries this label (BIOES makes the tag run equivalent to the span). Computed in
    probability space with one matrix product per step, each step rescaled (the log scales are summed);
    rows longest first, each step over the rows still running (as `viterbi`). Rows without spans are skipped.
    """
    out: list[list[float]] = [[] for _ in spans]
    rows = [r for r, sp in enumerate(spans) if sp]
    if not rows:
        return out
    em = np.asarray(em)[rows].astype(np.float64)
    lens = np.asarray(lens)[rows]
    order, live_at = by_length(lens)
    t = len(live_at)
    em = em[order]
    ln = lens[order]
    b, _, k = em.shape
    top = em[:, :t].max(2)
    ex = np.exp(em[:, :t] - top[:, :, None])  # [B,T,K], each step shifted by its max
    tr = np.exp(trans.astype(np.float64))  # forbidden moves -> 0
    alpha = np.empty((b, t, k))
    log_a = np.empty((b, t))  # log of the scale alpha[:, i] was divided by (cumulative)
    cur = np.exp(start.astype(np.float64))[None, :] * ex[:, 0]
    acc = top[:, 0].copy()
    for i in range(t):
        n = int(live_at[i])
        if i:
            cur = _rows_dot(cur[:n], tr) * ex[:n, i]
            acc = acc[:n] + top[:n, i]
        z = cur.sum(1, keepdims=True)
        cur = cur / z
        acc = acc + np.log(z[:, 0])
        alpha[:n, i] = cur
        log_a[:n, i] = acc
    beta = np.empty((b, t, k))
    log_b = np.empty((b, t))
    fin = np.exp(end.astype(np.float64))
    zf = fin.sum()
    cur = np.empty((b, k))
    acc = np.empty(b)
    for i in range(t - 1, -1, -1):
        n = int(live_at[i])
        lo = int(live_at[i + 1]) if i + 1 < t else 0  # rows [lo, n) end at i, rows [0, lo) go on past it
        if lo:
            step = _rows_dot(ex[:lo, i + 1] * cur[:lo], tr.T)
            sc = step.sum(1, keepdims=True)
            cur[:lo] = step / sc
            acc[:lo] = acc[:lo] + top[:lo, i + 1] + np.log(sc[:, 0])
        cur[lo:n] = fin[None, :] / zf
        acc[lo:n] = np.log(zf)
        beta[:n, i] = cur[:n]
        log_b[:n, i] = acc[:n]
    lt = trans.astype(np.float64)
    for r, row in enumerate(order.tolist()):
        src = rows[row]
        n = int(ln[r])
        log_z = float(np.log((alpha[r, n - 1] * fin).sum()) + log_a[r, n - 1])
        path = paths[src]
        confs = []
        for s, e in spans[src]:
            score = (np.log(alpha[r, s, path[s]]) + log_a[r, s] + np.log(beta[r, e - 1, path[e - 1]]) + log_b[r, e - 1])
            for j in range(s + 1, e):
                score += lt[path[j - 1], path[j]] + em[r, j, path[j]]
            confs.append(float(min(1.0, np.exp(score - log_z))))
        out[src] = confs
    return out


def length_batches(lens: Sequence[int], most: int = BATCH, slack: float = PAD_SLACK) -> list[list[int]]:
    """Consecutive runs of positions of `lens` (sorted ascending) as ONNX batches: at most `most` rows,
    padded size (rows x longest) within `slack` times the characters of the batch."""
    out: list[list[int]] = []
    cur: list[int] = []
    chars = 0
    for j, n in enumerate(lens):
        if cur and (len(cur) >= most or n * (len(cur) + 1) > slack * (chars + n)):
            out.append(cur)
            cur, chars = [], 0
        cur.append(j)
        chars += n
    if cur:
        out.append(cur)
    return out


class NerModel:
    """The packaged ONNX tagger with its vocabularies and CRF parameters (load once via `get_ner`)."""

    def __init__(self, folder: Path = MODEL_DIR) -> None:
        import onnxruntime as ort

        onnx = folder / "ner.onnx"
        if not onnx.is_file():
            raise FileNotFoundError(f"{onnx}: NER model missing (train it with scripts/train_ner.py)")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(onnx), opts, providers=["CPUExecutionProvider"])
        self.meta: dict[str, Any] = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.chars = {json.loads(x): i for i, x in enumerate((folder / "chars.txt").read_text(encoding="utf-8").splitlines())}
        self.bis = {json.loads(x): i for i, x in enumerate((folder / "bigrams.txt").read_text(encoding="utf-8").splitlines())}
        self.heads: list[str] = self.meta["heads"]
        # heads whose spans get a CRF marginal as `conf` (forward-backward costs about two Viterbi passes)
        self.conf_heads: set[str] = {"pd", "clue"}
        self.labels: dict[str, list[str]] = self.meta["labels"]
        crf = np.load(folder / "crf.npz")
        self.crf = {}
        for h in self.heads:
            t, s, e = allowed(self.labels[h])
            self.crf[h] = (crf[f"{h}_trans"] + t, crf[f"{h}_start"] + s, crf[f"{h}_end"] + e)

    def tag_sentences(self, sents: Sequence[str], heads: Sequence[str]) -> list[list[NerSpan]]:
        """Spans of each sentence (no longer than encode.MAX_LEN) for the given heads.

        The encoder runs on batches of similar length (`length_batches`); the CRF decoding then runs once
        over many sentences (its cost is mostly per step, not per sentence).
        """
        out: list[list[NerSpan]] = [[] for _ in sents]
        order = [i for i in sorted(range(len(sents)), key=lambda i: len(sents[i])) if sents[i]]
        names = [f"em_{h}" for h in heads]
        for k in range(0, len(order), DECODE_ROWS):
            idx = order[k : k + DECODE_ROWS]
            lens = np.array([len(sents[i]) for i in idx], dtype=np.int64)
            ems = [np.zeros((len(idx), int(lens.max()), len(self.labels[h])), dtype=np.float32) for h in heads]
            for part in length_batches(lens.tolist()):
                c, bl, br, pl = pad_batch([encode(sents[idx[j]], self.chars, self.bis) for j in part])
                got = self.session.run(names, {"c": c, "bl": bl, "br": br, "rev": reverse_index(pl, c.shape[1])})
                for em, g in zip(ems, got, strict=True):
                    em[part[0] : part[-1] + 1, : g.shape[1]] = g
            for h, em in zip(heads, ems, strict=True):
                labs = self.labels[h]
                paths = viterbi(em, lens, *self.crf[h])
                found = [spans_of([labs[p] for p in path]) for path in paths]
                confs = (span_confidences(em, lens, *self.crf[h], paths, [[(s, e) for s, e, _ in f] for f in found])
                         if h in self.conf_heads else [[1.0] * len(f) for f in found])
                for i, f, cf in zip(idx, found, confs, strict=True):
                    out[i].extend(NerSpan(s, e, lab, h, p) for (s, e, lab), p in zip(f, cf, strict=True))
        return out

    def tag_texts(self, texts: Sequence[str], heads: Sequence[str] = ("pd", "clue"),
                  keep: Callable[[int, int, int], bool] | None = None) -> list[list[NerSpan]]:
        """Spans with offsets into each text: texts are cut into sentences and tagged in one batch.

        `keep(text_index, start, end)` False skips a sentence (the caller knows nothing there needs it).
        """
        plan: list[tuple[int, int]] = []
        sents: list[str] = []
        for ti, text in enumerate(texts):
            for a, b in cut_sentences(text):
                if keep is not None and not keep(ti, a, b):
                    continue
                plan.append((ti, a))
                sents.append(text[a:b])
        out: list[list[NerSpan]] = [[] for _ in texts]
        for (ti, off), spans in zip(plan, self.tag_sentences(sents, heads), strict=True):
            out[ti].extend(NerSpan(s.start + off, s.end + off, s.label, s.head, s.conf) for s in spans)
        return out


_lock = threading.Lock()
_model: NerModel | None = None


def get_ner() -> NerModel:
    """The process-wide tagger, loaded from the package on first use (or from the folder named by the
    environment variable SHUANGLIAN_NER_MODEL, to measure a newly trained model before it ships)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                override = os.environ.get("SHUANGLIAN_NER_MODEL")
                _model = NerModel(Path(override)) if override else NerModel()
    return _model
