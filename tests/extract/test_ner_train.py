"""scripts/train_ner.py --tiny: the training script runs end to end and exports a model the run time loads."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shuanglian.extract.ner.tagger import NerModel

ROOT = Path(__file__).resolve().parents[2]
NER_DATA = ROOT.parent / "shared" / "data" / "ner"


def _require(ok: bool, why: str) -> None:
    if not ok:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but {why}")
        pytest.skip(why)


def _train_ner():  # type: ignore[no-untyped-def]
    """scripts/train_ner.py as a module (it is a script, not part of the package)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_ner
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return train_ner


def test_tiny_training_end_to_end(tmp_path: Path) -> None:
    _require((NER_DATA / "cluener2020" / "train.json").is_file(), f"NER training data missing at {NER_DATA}")
    _require(importlib.util.find_spec("torch") is not None and importlib.util.find_spec("onnx") is not None,
             "torch/onnx not installed (the test extra pins them)")
    out = tmp_path / "model"
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_ner.py"), "--tiny", "--out", str(out)],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "wrote" in run.stdout
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["args"]["tiny"] is True and meta["args"]["seed"] == 7
    assert meta["data"]["train_clue_sentences"] == 150
    # the export step quantizes by default; the float export is kept beside the model folder
    assert meta["quantization"]["ops"] == ["Gather"]
    assert (tmp_path / "model.float.onnx").stat().st_size > (out / "ner.onnx").stat().st_size
    m = NerModel(out)
    spans = m.tag_texts(["习近平在广东考察。", ""])
    assert len(spans) == 2 and spans[1] == []
    assert all(s.head in m.heads for s in spans[0])


def _real_gold():  # type: ignore[no-untyped-def]
    """(train_ner, gold folder, shared data folder, real-gold items); fails under CI=true without the data or torch."""
    real = ROOT.parent / "shared" / "data" / "real"
    _require(real.is_dir(), f"real data missing at {real}")
    _require(importlib.util.find_spec("torch") is not None, "torch not installed (the test extra pins it)")
    from shuanglian.evaluation.eval_real import load_real_gold

    gold_dir = ROOT / "tests" / "fixtures" / "real_gold"
    return _train_ner(), gold_dir, real.parent, load_real_gold(gold_dir, real)


def test_real_gold_dev_lines_are_labelled_and_holdout_is_never_read() -> None:
    train_ner, gold_dir, data, items = _real_gold()
    sents = train_ner.real_gold_sentences(gold_dir, data)
    dev_text = "\n".join(i.text for i in items if i.split == "dev")
    holdout_lines = {ln.strip() for i in items if i.split == "holdout" for ln in i.text.split("\n")}
    assert sents and all(s.head == "pd" for s in sents)
    assert all(s.text in dev_text for s in sents)
    assert not holdout_lines & {s.text for s in sents}
    labelled = {(s.text[a:b], t) for s in sents for a, b, t in s.spans}
    assert ("上海市第十六届人民代表大会", "ORG") in labelled and ("上海市", "LOC") in labelled
    # spans never overlap and never cross a line
    for s in sents:
        ends = [(a, b) for a, b, _ in s.spans]
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(ends, ends[1:], strict=False))


def test_real_head_lines_come_from_the_named_dev_half_only() -> None:
    train_ner, gold_dir, data, items = _real_gold()
    parts = train_ner._real_lines_by_part(gold_dir, data, "A")
    a_text = "\n".join(i.text for i in items if i.split == "dev" and train_ner.real_half(i.id) == "A")
    sents = parts["train"] + parts["dev"]
    assert parts["train"] and parts["dev"] and all(s.head == "real" for s in sents)
    assert all(s.text in a_text for s in sents)
    holdout_lines = {ln.strip() for i in items if i.split == "holdout" for ln in i.text.split("\n")}
    assert not holdout_lines & {s.text for s in sents}
    labels = {t for s in sents for _, _, t in s.spans}
    assert labels == {"PER", "LOC", "ORG", "ENT", "PLAT", "IND"}
    # epoch-selection lines come from a fifth of half A's items, parted by id
    sel = [i for i in items if i.split == "dev" and train_ner.real_half(i.id) == "A" and train_ner.real_head_part(i.id) == "dev"]
    assert sel and all(s.text in "\n".join(i.text for i in sel) for s in parts["dev"])
    # each half gives its own fifth for selection (--real-halves B has a selection set too)
    assert train_ner._real_lines_by_part(gold_dir, data, "B")["dev"]


def test_shipped_model_is_the_quantization_of_its_float_export(tmp_path: Path) -> None:
    # scripts/quantize_ner.py turns the float export (kept in git history, commit a9921c3) into the shipped file
    # byte for byte with the onnxruntime version recorded in meta.json
    import hashlib

    import onnxruntime

    model = ROOT / "src" / "shuanglian" / "extract" / "ner" / "model"
    q = json.loads((model / "meta.json").read_text(encoding="utf-8"))["quantization"]
    assert hashlib.sha256((model / "ner.onnx").read_bytes()).hexdigest() == q["sha256"]
    _require(importlib.util.find_spec("onnx") is not None, "onnx not installed (the test extra pins it)")
    if onnxruntime.__version__ != q["onnxruntime"]:
        pytest.skip(f"onnxruntime {onnxruntime.__version__}, the model was quantized with {q['onnxruntime']}")
    float_onnx = tmp_path / "ner.float.onnx"
    show = subprocess.run(["git", "show", "a9921c3:src/shuanglian/extract/ner/model/ner.onnx"], capture_output=True, cwd=ROOT)
    if show.returncode != 0:  # a shallow clone
        pytest.skip("git history with the float export (a9921c3) not available")
    float_onnx.write_bytes(show.stdout)
    assert hashlib.sha256(show.stdout).hexdigest() == q["float_sha256"]
    out = tmp_path / "model"
    out.mkdir()
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "quantize_ner.py"), str(float_onnx), "--out", str(out)],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    assert hashlib.sha256((out / "ner.onnx").read_bytes()).hexdigest() == q["sha256"]
