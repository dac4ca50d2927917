"""The packaged character tagger: loads offline from the package, decodes well-formed, deterministic spans."""

from __future__ import annotations

import itertools
import socket

import numpy as np
import pytest

from shuanglian.extract.lac import Token
from shuanglian.extract.ner.combine import merge
from shuanglian.extract.ner.tagger import (
    MODEL_DIR,
    NerModel,
    NerSpan,
    allowed,
    bioes_tags,
    get_ner,
    reverse_index,
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


def test_tagger_completes_a_long_name_the_rules_cut() -> None:
    from shuanglian.extract.entities import extract_entities

    long_name = ("中国(焦作)实验室技术装配产业创新中心", "platform")
    assert {(m.name, m.kind) for m in extract_entities(REAL[2])} == {long_name}
    assert long_name not in {(m.name, m.kind) for m in extract_entities(REAL[2], use_ner=False)}
    # a run-on span (李明调研福达…公司) is vetoed: the person and the company stay apart
    assert {("李明", "person"), ("福达合金材料股份有限公司", "enterprise")} <= {(m.name, m.kind) for m in extract_entities(REAL[3])}
