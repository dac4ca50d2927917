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
BATCH = 64
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
    # of equality, as the last bits of a float may differ with the batch a sentence was padded in
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


def viterbi(em: np.ndarray, lens: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[list[int]]:
    """Best tag path of each row of emissions [B,T,K] within its length."""
    b, t, k = em.shape
    score = start[None, :] + em[:, 0]
    back = np.zeros((b, t, k), dtype=np.int32)
    lens = np.asarray(lens)
    for i in range(1, t):
        cand = score[:, :, None] + trans[None, :, :]
        best = cand.argmax(1)
        nxt = np.take_along_axis(cand, best[:, None, :], 1)[:, 0] + em[:, i]
        live = (i < lens)[:, None]
        score = np.where(live, nxt, score)
        back[:, i] = best
    # backtrack every row at once (one numpy step per position, not one Python step per character)
    cur = (score + end[None, :]).argmax(1)
    rows = np.arange(b)
    paths = np.zeros((b, t), dtype=np.int64)
    paths[rows, lens - 1] = cur
    for i in range(t - 1, 0, -1):
        live = i <= lens - 1
        prev = back[rows, i, cur]
        cur = np.where(live, prev, cur)
        paths[live, i - 1] = prev[live]
    return [paths[r, : int(lens[r])].tolist() for r in range(b)]


def span_confidences(em: np.ndarray, lens: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray,
                     paths: Sequence[Sequence[int]], spans: Sequence[Sequence[tuple[int, int]]]) -> list[list[float]]:
    """Probability of each span's tag run [s, e) of each row's path, by forward-backward over [B,T,K] emissions.

    P(y_s..y_{e-1}) = exp(alpha_s(y_s) + inner path score + beta_{e-1}(y_{e-1}) - log Z): the CRF's marginal
    that exactly this span carries this label (BIOES makes the tag run equivalent to the span). Computed in
    probability space with one matrix product per step, each step rescaled (the log scales are summed).
    """
    b, t, k = em.shape
    lens = np.asarray(lens)
    em = em.astype(np.float64)
    top = em.max(2)
    ex = np.exp(em - top[:, :, None])  # [B,T,K], each step shifted by its max
    tr = np.exp(trans.astype(np.float64))  # forbidden moves -> 0
    alpha = np.empty((b, t, k))
    log_a = np.empty((b, t))  # log of the scale alpha[:, i] was divided by (cumulative)
    cur = np.exp(start.astype(np.float64))[None, :] * ex[:, 0]
    acc = top[:, 0].copy()
    for i in range(t):
        if i:
            cur = (cur @ tr) * ex[:, i]
            acc = acc + top[:, i]
        z = cur.sum(1, keepdims=True)
        cur = cur / z
        acc = acc + np.log(z[:, 0])
        alpha[:, i] = cur
        log_a[:, i] = acc
    beta = np.ones((b, t, k))
    log_b = np.zeros((b, t))
    fin = np.exp(end.astype(np.float64))
    cur = np.ones((b, k))
    acc = np.zeros(b)
    for i in range(t - 1, -1, -1):
        last = np.asarray(lens - 1 == i)[:, None]
        if i < t - 1:
            step = (ex[:, i + 1] * cur) @ tr.T
            sc = step.sum(1, keepdims=True)
            step = step / sc
            acc_step = acc + top[:, i + 1] + np.log(sc[:, 0])
        else:
            step, acc_step = cur, acc
        z = fin.sum()
        cur = np.where(last, fin[None, :] / z, step)
        acc = np.where(last[:, 0], np.log(z), acc_step)
        beta[:, i] = cur
        log_b[:, i] = acc
    out: list[list[float]] = []
    lt = trans.astype(np.float64)
    for r in range(b):
        n = int(lens[r])
        log_z = float(np.log((alpha[r, n - 1] * fin).sum()) + log_a[r, n - 1])
        path = paths[r]
        row = []
        for s, e in spans[r]:
            score = (np.log(alpha[r, s, path[s]]) + log_a[r, s] + np.log(beta[r, e - 1, path[e - 1]]) + log_b[r, e - 1])
            for j in range(s + 1, e):
                score += lt[path[j - 1], path[j]] + em[r, j, path[j]]
            row.append(float(min(1.0, np.exp(score - log_z))))
        out.append(row)
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
        """Spans of each sentence (no longer than encode.MAX_LEN) for the given heads, batched by length."""
        out: list[list[NerSpan]] = [[] for _ in sents]
        order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
        names = [f"em_{h}" for h in heads]
        for k in range(0, len(order), BATCH):
            idx = [i for i in order[k : k + BATCH] if sents[i]]
            if not idx:
                continue
            c, bl, br, lens = pad_batch([encode(sents[i], self.chars, self.bis) for i in idx])
            rev = reverse_index(lens, c.shape[1])
            ems = self.session.run(names, {"c": c, "bl": bl, "br": br, "rev": rev})
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
