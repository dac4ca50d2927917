"""decode_bytes: encodings detected and decoded; bad input rejected with the file and the reason."""

from __future__ import annotations

import codecs

import pytest

from shuanglian.ingest.decode import DecodeError, decode_bytes, normalise_encoding

SIMPLIFIED = "天津市委书记专题调研科技创新工作，强调推动产学研深度融合，加快科技成果转化。"
TRADITIONAL = "天津市委書記專題調研科技創新工作，強調推動產學研深度融合，加快科技成果轉化。"


def test_utf8_with_and_without_bom() -> None:
    assert decode_bytes(SIMPLIFIED.encode(), "a.txt") == (SIMPLIFIED, "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + SIMPLIFIED.encode(), "a.txt") == (SIMPLIFIED, "utf-8")


@pytest.mark.parametrize("codec", ["gbk", "gb2312", "gb18030"])
def test_gb_family_decoded_as_gb18030(codec: str) -> None:
    assert decode_bytes(SIMPLIFIED.encode(codec), "a.txt") == (SIMPLIFIED, "gb18030")


def test_gbk_only_characters_under_a_gb2312_declaration() -> None:
    text = "<meta charset=gb2312>" + SIMPLIFIED + "镕喆"  # 镕/喆 are outside GB2312
    assert decode_bytes(text.encode("gbk"), "a.html") == (text, "gb18030")


@pytest.mark.parametrize("codec", ["big5", "cp950"])
def test_big5(codec: str) -> None:
    assert decode_bytes(TRADITIONAL.encode(codec), "a.txt") == (TRADITIONAL, "big5")


def test_wrong_declaration_is_not_trusted() -> None:
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><body>'
    data = (html + SIMPLIFIED * 3 + "</body></html>").encode("gbk")
    text, enc = decode_bytes(data, "a.html")
    assert enc == "gb18030" and SIMPLIFIED in text


def test_consistent_declaration_is_honoured() -> None:
    data = ('<meta charset="big5">' + TRADITIONAL).encode("big5")
    assert decode_bytes(data, "a.html")[1] == "big5"
    assert decode_bytes(SIMPLIFIED.encode("gbk"), "a.txt", declared="GBK")[1] == "gb18030"


def test_utf16_with_bom() -> None:
    assert decode_bytes(SIMPLIFIED.encode("utf-16"), "a.txt") == (SIMPLIFIED, "utf-16")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b" \n\t\r\n", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (NUL bytes)"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16]) * 50, "binary content"),
    ],
)
def test_bad_input_names_file_and_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as exc:
        decode_bytes(data, "inbox/page.txt")
    assert str(exc.value).startswith("inbox/page.txt: ")
    assert reason in str(exc.value)
    assert exc.value.source == "inbox/page.txt"
    assert isinstance(exc.value, ValueError)


def test_undecodable_bytes() -> None:
    # High bytes that form no readable text in any Chinese encoding
    data = bytes([0x80, 0xFF, 0xA0, 0xFE, 0x81, 0x30, 0xFF, 0x80]) * 200
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(data, "x.bin")


def test_normalise_encoding() -> None:
    assert normalise_encoding("GB2312") == normalise_encoding("gbk") == "gb18030"
    assert normalise_encoding("big5") == "big5hkscs"
    assert normalise_encoding("no-such-charset") is None
    assert normalise_encoding(None) is None
