"""`shuanglian extract`: the JSON line contract, --plain spans over the text as given, failures and exit 1."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import shuanglian.cli.extract_cmd  # noqa: F401 - registers the command
from shuanglian.cli import app
from tests.ingest.articles import ARTICLE_A, ARTICLE_B, site_one

runner = CliRunner()
CONTRACT = {"source", "title", "published", "media", "text", "flags", "repairs", "dropped"}
FACTS = {"entities", "policies", "figures", "events"}


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_json_contract_for_text_and_html(tmp_path: Path) -> None:
    txt = tmp_path / "a.txt"
    txt.write_text(site_one("深圳召开高端医疗器械产业链对接会", ARTICLE_A), encoding="utf-8")
    html = tmp_path / "b.html"
    html.write_text(
        "<html><head><title>两校共建联合研究平台</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE_B)
        + "</article></body></html>",
        encoding="gbk",
    )
    res = runner.invoke(app, ["extract", "--json", str(txt), str(html)])
    assert res.exit_code == 0, res.output
    a, b = _lines(res.stdout)
    for obj in (a, b):
        assert set(obj) >= CONTRACT | FACTS
        assert isinstance(obj["dropped"], dict) and all(isinstance(v, int) for v in obj["dropped"].values())
        assert "dropped_lines" not in obj
    assert (a["source"], b["source"]) == (str(txt), str(html))
    assert "迈瑞医疗介绍了监护仪" in a["text"] and "南开大学" in b["text"]  # GBK page decoded
    full = _lines(runner.invoke(app, ["extract", "--json", "--full", str(txt)]).stdout)[0]
    assert {"dropped_lines", "excluded"} <= set(full)


def test_plain_keeps_text_exactly_and_spans_index_it(tmp_path: Path) -> None:
    text = "\n".join(ARTICLE_A) + "\n  (编辑:李明)\n"
    f = tmp_path / "clean.txt"
    f.write_text(text, encoding="utf-8")
    [obj] = _lines(runner.invoke(app, ["extract", "--json", "--plain", str(f)]).stdout)
    assert obj["text"] == text and obj["dropped"] == {} and obj["repairs"] == []
    assert obj["entities"], "the plain text names several organisations"
    for ent in obj["entities"]:
        for start, end in ent["spans"]:
            assert 0 <= start < end <= len(text)
            assert text[start:end] in [ent["name"], *ent["aliases"]], (ent, text[start:end])


def test_jsonl_lines_are_documents_and_bad_lines_fail_with_exit_1(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    f.write_text(
        "\n".join(
            [
                json.dumps(
                    {"text": "\n".join(ARTICLE_B), "title": "两校共建", "source": "feed/1"},
                    ensure_ascii=False,
                ),
                "{not json",
                json.dumps({"html": "<p>" + "</p><p>".join(ARTICLE_A) + "</p>"}, ensure_ascii=False),
            ]
        ),
        encoding="utf-8",
    )
    res = runner.invoke(app, ["extract", "--json", str(f), str(tmp_path / "missing.txt")])
    assert res.exit_code == 1
    first, bad, third, missing = _lines(res.stdout)
    assert first["source"] == "feed/1" and first["title"] == "两校共建"
    assert bad == {"source": f"{f}:2", "error": bad["error"]} and "bad JSON" in bad["error"]
    assert third["source"] == f"{f}#3" and "深圳湾实验室" in third["text"]
    assert missing == {"source": str(tmp_path / "missing.txt"), "error": "no such file or directory"}


def test_readable_summary_without_json(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(site_one("深圳召开高端医疗器械产业链对接会", ARTICLE_A), encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f)])
    assert res.exit_code == 0
    assert res.stdout.startswith(f"== {f}\n") and "kept " in res.stdout and "entities: " in res.stdout
