"""The packaged character tagger: loads offline from the package, decodes well-formed, deterministic spans."""

from __future__ import annotations

import itertools
import socket

import numpy as np
import pytest

from shuanglian.extract.lac import Token
from shuanglian.extract.ner.combine import Policy, merge, overrule
from shuanglian.extract.ner.tagger import (
    MODEL_DIR,
    NerModel,
    NerSpan,
    allowed,
    bioes_tags,
    get_ner,
    predecessor_groups,
    reverse_index,
    span_confidences,
    spans_of,
    viterbi,
)


def test_model_loads_from_package_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*a: object, **k: object) -> None:
        raise AssertionError("the tagger must not touch the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert MODEL_DIR.is_relative_to(MODEL_DIR.parents[2])  # inside the shuanglian package
    m = NerModel()
    assert {"pd", "clue"} <= set(m.heads)
    assert {"B-PER", "E-LOC", "S-ORG"} <= set(m.labels["pd"])
    assert (MODEL_DIR / "ner.onnx").stat().st_size < 60_000_000


def test_shipped_model_computes_in_float() -> None:
    # scripts/quantize_ner.py stores the embedding tables as int8 only: int8 LSTM/MatMul quantize their
    # activations per call with one scale for the whole batch, so spans would depend on the batch companions
    onnx = pytest.importorskip("onnx")
    ops = {n.op_type for n in onnx.load(str(MODEL_DIR / "ner.onnx")).graph.node}
    assert "LSTM" in ops
    assert not ops & {"DynamicQuantizeLSTM", "DynamicQuantizeLinear", "MatMulInteger", "DynamicQuantizeMatMul"}
    assert (MODEL_DIR / "ner.onnx").stat().st_size < 10_000_000


def test_bioes_round_trip() -> None:
    spans = [(0, 3, "ORG"), (3, 4, "PER"), (6, 9, "LOC")]
    tags = bioes_tags(10, spans)
    assert tags[:4] == ["B-ORG", "I-ORG", "E-ORG", "S-PER"]
    assert spans_of(tags) == spans
    assert spans_of(["I-PER", "E-PER", "B-LOC", "O"]) == []  # ill-formed runs give no span


def test_viterbi_matches_brute_force_and_respects_bioes() -> None:
    labels = ["O", "B-X", "I-X", "E-X", "S-X"]
    rng = np.random.default_rng(0)
    em = rng.normal(size=(2, 4, 5)).astype(np.float32)
    trans, start, end = (rng.normal(size=s).astype(np.float32) for s in ((5, 5), (5,), (5,)))
    ct, cs, ce = allowed(labels)
    trans, start, end = trans + ct, start + cs, end + ce
    lens = np.array([4, 3])
    got = viterbi(em, lens, trans, start, end)
    for r, n in enumerate(lens):
        def total(p: tuple[int, ...], r: int = r) -> float:
            return float(start[p[0]] + em[r, 0, p[0]] + sum(trans[p[i - 1], p[i]] + em[r, i, p[i]] for i in range(1, len(p))) + end[p[-1]])
        best = max(itertools.product(range(5), repeat=int(n)), key=total)
        assert tuple(got[r]) == best
        tags = [labels[k] for k in got[r]]
        assert bioes_tags(len(tags), spans_of(tags)) == tags


def _full_viterbi(em: np.ndarray, n: int, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    """Textbook Viterbi over every move (forbidden ones included), first index on ties."""
    score, back = start + em[0], []
    for i in range(1, n):
        cand = score[:, None] + trans
        back.append(cand.argmax(0))
        score = cand.max(0) + em[i]
    path = [int((score + end).argmax())]
    for bp in reversed(back):
        path.append(int(bp[path[-1]]))
    return path[::-1]


def test_viterbi_over_allowed_moves_equals_the_full_maximum() -> None:
    # viterbi maximises over BIOES-allowed moves only (predecessor_groups); with the shipped CRFs, on
    # emissions small, tied (integers) and large, it must find the textbook decoder's paths
    m = get_ner()
    rng = np.random.default_rng(2)
    for h in m.heads:
        trans, start, end = m.crf[h]
        k = trans.shape[0]
        groups = predecessor_groups(trans)
        assert sorted(j for cols, _, _ in groups for j in cols.tolist()) == list(range(k))
        assert sum(src.size for _, src, _ in groups) < k * k / 2  # the point: far fewer moves
        for scale in (0.1, 1.0, 5.0, 40.0):
            em = (rng.normal(size=(6, 25, k)) * scale).astype(np.float32)
            crf = (trans, start, end)
            if scale == 1.0:  # integer scores: many exact ties, broken at the first index by both
                em = np.round(em)
                crf = tuple(np.round(x) for x in crf)
            lens = rng.integers(1, 26, size=6)
            got = viterbi(em, lens, *crf)
            assert got == [_full_viterbi(em[r], int(n), *crf) for r, n in enumerate(lens)]


def test_reverse_index_keeps_padding_at_the_end() -> None:
    assert reverse_index(np.array([3, 1]), 4).tolist() == [[2, 1, 0, 3], [0, 1, 2, 3]]


def test_merge_makes_one_token_of_a_long_name_and_ignores_single_chars() -> None:
    text = "中国(焦作)实验室技术装配产业创新中心在日"
    toks = [Token(0, 2, "中国", "LOC"), Token(2, 8, "(焦作)实验", "n"), Token(8, 10, "室技", "n"),
            Token(10, 19, "术装配产业创新中心", "n"), Token(19, 20, "在", "p"), Token(20, 21, "日", "LOC")]
    spans = [NerSpan(0, 19, "ORG", "pd"), NerSpan(20, 21, "LOC", "pd"), NerSpan(0, 19, "GOV", "clue")]
    m = merge(text, toks, spans)
    assert m.tokens[0] == Token(0, 19, text[:19], "ORG")
    assert [t.word for t in m.tokens[1:]] == ["在", "日"]
    assert m.hints == {(0, 19): "government"}
    # LAC's own names the tagger did not mark are demoted only on request
    assert merge(text, toks, [], keep_lac=False).tokens[0].tag == "n"


# Short quotes from real pages (CCTV 新闻联播 and provincial government work reports, 2019-2026).
REAL = [
    "习近平在广东考察时强调，要坚持新发展理念。",
    "宿州市科技局联合安徽大学共建产业技术研究院。",
    "中国(焦作)实验室技术装配产业创新中心正式揭牌。",
    "省政协经济委员会主任李明调研福达合金材料股份有限公司。",
]


def test_tagger_is_deterministic_and_batch_independent() -> None:
    m = get_ner()
    once = m.tag_texts(REAL)
    assert once == m.tag_texts(REAL)
    assert once == [m.tag_texts([t])[0] for t in REAL]  # the same spans alone or in a batch
    assert once == m.tag_texts(list(reversed(REAL)))[::-1]
    for text, spans in zip(REAL, once, strict=True):
        for s in spans:
            assert 0 <= s.start < s.end <= len(text)


def test_tagger_spans_on_real_sentences() -> None:
    got = [{(t[s.start : s.end], s.label) for s in spans if s.head == "pd"} for t, spans in zip(REAL, get_ner().tag_texts(REAL), strict=True)]
    assert ("广东", "LOC") in got[0]
    assert ("中国(焦作)实验室技术装配产业创新中心", "ORG") in got[2]
    assert ("省政协经济委员会", "ORG") in got[3]


def test_tagger_completes_a_long_name_the_rules_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    from shuanglian.extract.entities import extract_entities, stage

    long_name = ("中国(焦作)实验室技术装配产业创新中心", "platform")
    monkeypatch.setattr(stage, "NER_LABELS", ("ORG",))  # the option the model card measures (off by default)
    assert {(m.name, m.kind) for m in extract_entities(REAL[2])} == {long_name}
    monkeypatch.undo()
    assert long_name not in {(m.name, m.kind) for m in extract_entities(REAL[2], use_ner=False)}
    # a run-on span (李明调研福达…公司) is vetoed: the person and the company stay apart
    assert {("李明", "person"), ("福达合金材料股份有限公司", "enterprise")} <= {(m.name, m.kind) for m in extract_entities(REAL[3])}


def test_span_confidences_are_the_crf_marginals() -> None:
    labels = ["O", "B-X", "I-X", "E-X", "S-X"]
    rng = np.random.default_rng(1)
    em = rng.normal(size=(2, 4, 5)).astype(np.float32)
    ct, cs, ce = allowed(labels)
    trans, start, end = ct + rng.normal(size=(5, 5)) * 0.5, cs + rng.normal(size=5) * 0.3, ce + rng.normal(size=5) * 0.3
    lens = np.array([4, 3])
    paths = viterbi(em, lens, trans, start, end)
    spans = [[(a, b) for a, b, _ in spans_of([labels[p] for p in path])] for path in paths]
    assert any(spans)
    got = span_confidences(em, lens, trans, start, end, paths, spans)
    for r, n in enumerate(lens):
        weights = {}
        for y in itertools.product(range(5), repeat=int(n)):
            score = start[y[0]] + em[r, 0, y[0]] + sum(trans[y[i - 1], y[i]] + em[r, i, y[i]] for i in range(1, n)) + end[y[-1]]
            weights[y] = np.exp(score)
        z = sum(weights.values())
        for (a, b), conf in zip(spans[r], got[r], strict=True):
            want = sum(w for y, w in weights.items() if all(y[j] == paths[r][j] for j in range(a, b))) / z
            assert abs(conf - want) < 1e-9
            assert 0.0 < conf <= 1.0


def test_tagger_spans_carry_confidences() -> None:
    spans = [s for row in get_ner().tag_texts(REAL) for s in row]
    pd = [s.conf for s in spans if s.head == "pd"]
    assert pd and all(0.0 < c <= 1.0 for c in pd) and min(pd) < 1.0
    clue = [s.conf for s in spans if s.head == "clue"]  # computed for both heads (the rules recover both)
    assert clue and all(0.0 < c <= 1.0 for c in clue) and min(clue) < 1.0


def test_overrule_takes_confident_spans_and_vetoes_contradicted_words() -> None:
    text = "中美双方在北京大学城举行会谈"
    toks = [Token(0, 2, "中美", "j"), Token(2, 4, "双方", "n"), Token(4, 5, "在", "p"), Token(5, 7, "北京", "LOC"),
            Token(7, 10, "大学城", "n"), Token(10, 12, "举行", "v"), Token(12, 14, "会谈", "LOC")]
    spans = [NerSpan(0, 1, "LOC", "pd", 0.99), NerSpan(1, 2, "LOC", "pd", 0.9),
             NerSpan(5, 10, "LOC", "pd", 0.99), NerSpan(5, 10, "ORGN", "clue")]
    policy = Policy(take={"LOC": 0.97}, single=0.97, veto=frozenset({"LOC"}))
    got = [(t.word, t.tag) for t in overrule(text, toks, spans, policy)]
    # 中 is confident enough, 美 is not; 北京大学城 clashes with the CLUENER head (an organisation there)
    assert got[:3] == [("中", "LOC"), ("美", "j"), ("双方", "n")]
    assert ("北京", "LOC") in got and ("北京大学城", "LOC") not in got
    assert ("会谈", "n") in got  # a LAC place no tagger span touches is vetoed
    assert overrule(text, toks, spans, Policy()) == toks


def test_overrule_organisations_need_a_name_and_skip_the_dateline() -> None:
    text = "央视网消息（新闻联播）：要高水平建设安徽省实验室，华为公司参与。"
    toks = [Token(0, 3, "央视网", "nz"), Token(3, 5, "消息", "n"), Token(5, 6, "（", "w"), Token(6, 10, "新闻联播", "nz"),
            Token(10, 11, "）", "w"), Token(11, 12, "：", "w"), Token(12, 13, "要", "v"), Token(13, 14, "高", "a"),
            Token(14, 16, "水平", "n"), Token(16, 18, "建设", "v"), Token(18, 24, "安徽省实验室", "ORG"),
            Token(24, 25, "，", "w"), Token(25, 27, "华为", "ORG"), Token(27, 29, "公司", "n"), Token(29, 31, "参与", "v"),
            Token(31, 32, "。", "w")]
    spans = [NerSpan(0, 3, "ORG", "pd", 0.99), NerSpan(13, 24, "ORG", "pd", 0.99), NerSpan(25, 29, "ORG", "pd", 0.6)]
    got = {(t.word, t.tag) for t in overrule(text, toks, spans, Policy(take={"ORG": 0.5}))}
    assert ("央视网", "nz") in got  # the source of a dateline is not a party of the story
    assert ("高水平建设安徽省实验室", "ORG") not in got and ("安徽省实验室", "ORG") in got
    assert ("华为公司", "ORG") in got


def test_extract_with_the_tagger_keeps_real_names() -> None:
    from shuanglian.extract.entities import extract_entities

    got = {(m.name, m.kind) for m in extract_entities("中美双方在华盛顿举行会谈，华为技术有限公司董事长出席。")}
    assert {("华盛顿", "place"), ("华为技术有限公司", "enterprise")} <= got


def test_stage_tags_a_sentence_whose_name_lac_glued_to_newlines() -> None:
    from shuanglian.document import Document
    from shuanglian.extract.entities.stage import EntityStage

    # LAC returns "\n\n工业和信息化部…司" as one word: its sentence must be tagged, or the veto drops it
    doc = Document(source="t", text="通知全文如下。\n\n工业和信息化部原材料工业司有关负责人介绍了情况。")
    EntityStage().batch([doc])
    assert ("工业和信息化部原材料工业司", "government") in {(m.name, m.kind) for m in doc.entities}


def test_overrule_keeps_a_short_form_of_a_name_the_tagger_found() -> None:
    text = "海信集团控股股份有限公司表示，海信将投入，新时代将到来。"
    toks = [Token(0, 12, "海信集团控股股份有限公司", "ORG"), Token(12, 14, "表示", "v"), Token(14, 15, "，", "w"),
            Token(15, 17, "海信", "ORG"), Token(17, 18, "将", "d"), Token(18, 20, "投入", "v"), Token(20, 21, "，", "w"),
            Token(21, 24, "新时代", "ORG"), Token(24, 25, "将", "d"), Token(25, 27, "到来", "v"), Token(27, 28, "。", "w")]
    spans = [NerSpan(0, 12, "ORG", "pd", 1.0)]
    got = {(t.word, t.tag) for t in overrule(text, toks, spans, Policy(veto=frozenset({"ORG"})))}
    assert ("海信", "ORG") in got  # 海信集团控股股份有限公司's short form
    assert ("新时代", "n") in got  # no tagger span there: vetoed
