"""Matching core: tokens, BM25, shared spans, sentence rules, spreadsheet import, feedback weights, proximity."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from shuanglian.matching import extract
from shuanglian.matching.bm25 import BM25Index
from shuanglian.matching.feedback import learn_weights
from shuanglian.matching.graph import proximity, same_region, shipped_placer
from shuanglian.matching.importer import parse_rows
from shuanglian.matching.rank import DEFAULT_WEIGHTS, Index, Item
from shuanglian.matching.text import shared_spans, tokens
from shuanglian.registers.tabular import TableFormatError

REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "real"


def test_tokens_are_bigrams_without_stop_words() -> None:
    assert tokens("光刻胶技术") == ["光刻", "刻胶", "胶技"]  # 技术 is a stop bigram
    assert tokens("T800碳纤维") == ["t800", "碳纤", "纤维"]


def test_bm25_ranks_the_document_sharing_rare_terms() -> None:
    docs = [tokens(t) for t in ("光刻胶材料联合研发", "锂电池铜箔量产", "盐湖提锂工艺", "光学玻璃")]
    idx = BM25Index(docs)
    order, scores = idx.top(tokens("半导体光刻胶难题"), 3)
    assert order[0] == 0 and scores[0] > 0 and len(order) == 1  # only positive scores are returned


def test_shared_spans_merge_bigrams() -> None:
    assert shared_spans("需要极硬岩盾构机滚刀", "极硬岩盾构机滚刀完全国产化")[0] == "极硬岩盾构机滚刀"
    assert shared_spans("光刻胶", "盐湖提锂") == []


def test_region_and_chain_proximity() -> None:
    assert same_region("湖南省", "湖南") and same_region("湖南长沙", "湖南") and not same_region("湖南", "")
    pl = shipped_placer()
    p = pl.place("半导体光刻胶配方")
    assert p.chain_id and p.link_id and "光刻胶" in p.terms
    f = proximity(pl, (p.chain_id, p.link_id), (p.chain_id, p.link_id), "江苏", "江苏省", ("a", "b"),
                  frozenset({("b", "a")}))
    assert f == {"same_link": 1.0, "adjacent_link": 0.0, "same_chain": 0.0, "same_region": 1.0, "co_mention": 1.0}


def test_index_explains_matches() -> None:
    pl = shipped_placer()
    items = [Item("s1", "材料实验室开展光刻胶联合研发", *pl.place("光刻胶").link, region="江苏"),
             Item("s2", "盐湖提锂新工艺", region="青海")]
    vecs = np.eye(2, 4, dtype=np.float32)
    q = Item("d1", "半导体光刻胶难题", *pl.place("光刻胶").link, region="江苏")
    out = Index(items, vecs, pl).match(q, np.array([1, 0, 0, 0], np.float32), k=2)
    assert out[0].id == "s1" and out[0].score > out[1].score
    ex = out[0].explanation
    assert ex["shared_terms"] == ["光刻胶"] and ex["link_relation"] == "same_link" and ex["same_region"]
    assert set(ex["contributions"]) >= {"bm25", "dense", "same_link", "same_region"}


def test_feedback_moves_weights_towards_the_signal_users_confirm() -> None:
    rows = [({"bm25": 1.0, "dense": 0.2, "same_region": 1.0}, "useful")] * 20 + \
           [({"bm25": 0.1, "dense": 0.9, "same_region": 0.0}, "not_useful")] * 20
    w = learn_weights(rows)
    assert w["same_region"] > DEFAULT_WEIGHTS["same_region"] and w["dense"] < DEFAULT_WEIGHTS["dense"]
    assert learn_weights([]) == DEFAULT_WEIGHTS
    assert learn_weights([({"bm25": 1}, "useful")]) == DEFAULT_WEIGHTS  # one class only: nothing to learn


def test_rules_find_needs_and_results_with_exact_spans() -> None:
    text = "我省企业提出光刻胶技术难题，开展联合攻关。湖南团队研制成功极硬岩滚刀。全省经济总量突破5万亿元。"
    got = extract.candidates(text)
    assert [(c.side, c.kind) for c in got] == [("demand", "hard_problem"), ("supply", "result")]
    for c in got:
        assert text[c.start:c.end] == c.text


def test_bad_rules_file_names_the_file(tmp_path: Path) -> None:
    p = tmp_path / "rules.yaml"
    p.write_text("demand:\n  - {kind: need, pattern: '(unclosed'}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="rules.yaml: demand\\[0\\]"):
        extract.load_rules(p)


def test_rules_on_real_reports() -> None:
    files = sorted((REAL / "provincial-reports-2026").glob("*.txt"))
    if not files:
        import os

        if os.environ.get("CI") == "true":
            pytest.fail(f"real data missing under {REAL}")
        pytest.skip("real data not present")
    sides = {"demand": 0, "supply": 0}
    for f in files:
        text = f.read_text(encoding="utf-8")
        for c in extract.candidates(text):
            sides[c.side] += 1
            assert text[c.start:c.end] == c.text
    assert sides["demand"] > 50 and sides["supply"] > 50


def test_import_sheet_rows_and_errors() -> None:
    csv = "需求名称,需求描述,类型,预算（万元）,截止日期,保密级别\n隔膜,锂电池隔膜国产化,攻关需求,50,2027-01-01,内部\n坏,,卡脖子,abc,2027/1/1,绝密\n"
    out = parse_rows("demand", csv.encode(), "csv", "needs.csv")
    assert len(out.rows) == 1 and out.rows[0][1]["budget"] == 500000.0
    assert out.rows[0][1]["kind"] == "hard_problem" and out.rows[0][1]["confidentiality"] == "internal"
    assert out.rows[0][1]["source"] == "import:needs.csv:2"
    assert {e["column"] for e in out.errors} == {"需求描述", "预算（万元）", "截止日期", "保密级别"}
    assert all(e["row"] == 3 for e in out.errors)
    with pytest.raises(TableFormatError, match="needs.csv: missing column"):
        parse_rows("demand", "标题\nx\n".encode(), "csv", "needs.csv")


def test_import_xlsx() -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["成果名称", "成果简介", "类型", "提供方"])
    ws.append(["滚刀", "极硬岩盾构机滚刀国产化", "科技成果", "湖南团队"])
    buf = io.BytesIO()
    wb.save(buf)
    out = parse_rows("supply", buf.getvalue(), "xlsx", "s.xlsx")
    assert out.errors == [] and out.rows[0][1]["provider"] == "湖南团队" and out.rows[0][1]["kind"] == "result"


def test_ivf_finds_the_exact_neighbours_of_clustered_vectors() -> None:
    from shuanglian.matching.ann import IVFIndex
    from shuanglian.matching.bm25 import top_k

    rng = np.random.default_rng(3)
    centres = rng.standard_normal((40, 32))
    v = np.repeat(centres, 100, axis=0) + 0.3 * rng.standard_normal((4000, 32))
    v = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
    ivf = IVFIndex(v, n_lists=40, n_probe=4)
    hits = 0
    for q in v[::97][:40]:
        hits += len(set(top_k(v @ q, 10)[0].tolist()) & set(ivf.search(q, 10)[0].tolist()))
    assert hits / 400 >= 0.9
    full = ivf.search(v[5], 10, n_probe=40)[0]  # probing every list is the exact scan
    assert full.tolist() == top_k(v @ v[5], 10)[0].tolist()
