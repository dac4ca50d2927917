"""Near-duplicates: character shingles survive re-layout; edited copies match, other articles do not."""

from __future__ import annotations

from shuanglian.ingest.near_dup import NearDuplicateIndex, from_values, shingles, signature
from tests.ingest.articles import ARTICLE_A, ARTICLE_B, edited

A = "\n".join(ARTICLE_A)
A_EDITED = "\n\n".join(edited(ARTICLE_A))
B = "\n".join(ARTICLE_B)


def test_shingles_ignore_whitespace_punctuation_and_width() -> None:
    assert shingles("深圳 迈瑞,医疗\n器械!") == shingles("深圳迈瑞医疗器械")
    assert shingles("ＡＢＣ１２３") == shingles("abc123")
    assert len(next(iter(shingles("深圳迈瑞医疗器械")))) == 15  # five CJK characters, UTF-8


def test_edited_copy_is_similar_and_other_article_is_not() -> None:
    a, a2, b = signature(A), signature(A_EDITED), signature(B)
    assert a is not None and a2 is not None and b is not None
    assert a.jaccard(a2) >= 0.8
    assert a.jaccard(b) < 0.1


def test_short_text_has_no_signature() -> None:
    assert signature("深圳迈瑞医疗") is None


def test_index_links_copies_to_the_first_publication() -> None:
    index = NearDuplicateIndex(threshold=0.8)
    a, b = signature(A), signature(B)
    index.add("first", a)
    index.add("other", b)
    match = index.find(signature(A_EDITED))
    assert match is not None and match.doc_id == "first" and match.similarity >= 0.8
    # a copy of the copy still points at the first publication
    index.add("copy", signature(A_EDITED), copy_of="first")
    again = index.find(signature(A_EDITED + "\n本文转载自深圳特区报。"))
    assert again is not None and again.doc_id == "first"
    assert index.find(signature("\n".join(reversed(ARTICLE_B[:1])) + "全新的内容" * 10)) is None


def test_signature_round_trips_through_stored_values() -> None:
    sig = signature(A)
    assert sig is not None
    restored = from_values(int(v) for v in sig.hashvalues)
    assert restored.jaccard(sig) == 1.0


def test_band_keys_meet_exactly_when_lsh_buckets_do() -> None:
    import random

    from datasketch import MinHashLSH

    from shuanglian.ingest.near_dup import NUM_PERM, band_keys

    rng = random.Random(5)
    base = [rng.randrange(1 << 32) for _ in range(NUM_PERM)]
    sigs = {}
    for i in range(60):  # copies of one signature with a few values redrawn: some bands kept, some not
        vals = list(base)
        for j in rng.sample(range(NUM_PERM), rng.choice([1, 3, 8, 20, 60])):
            vals[j] = rng.randrange(1 << 32)
        sigs[f"d{i}"] = from_values(vals)
    lsh = MinHashLSH(threshold=0.8, num_perm=NUM_PERM)
    for k, m in sigs.items():
        lsh.insert(k, m)
    keys = {k: set(band_keys([int(v) for v in m.hashvalues], 0.8)) for k, m in sigs.items()}
    for k, m in sigs.items():
        assert set(lsh.query(m)) == {o for o in sigs if keys[o] & keys[k]}
