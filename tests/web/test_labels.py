"""Chinese pages show labels, never internal codes (kinds, properties, relations, statuses, flags, reasons)."""

from __future__ import annotations

import re

import lxml.html

from shuanglian.web.labels import known_codes, label
from shuanglian.web.translate import strings
from tests.web.test_register_judgements import SIX

WORD = re.compile(r"[A-Za-z0-9_]+")
KEY = re.compile(r"[a-z_]+(?:\.[a-z_]+)+")
# codes rendered through i18n keys rather than labels.yaml: region evidence reasons, official-figure
# measures, register row actions; a template that prints one raw is a leak too
EXTRA = {k.split(".", 1)[1] for k in strings("zh") if k.startswith("region_reason.")}
EXTRA |= {k.removeprefix("regs.measure_") for k in strings("zh") if k.startswith("regs.measure_")}
EXTRA |= {"hide", "reject", "restore", "true", "false", "None"}


def visible_text(html: str) -> str:
    """Text a reader sees: no scripts, styles, attributes or hidden JSON."""
    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//noscript|//code"):
        bad.drop_tree()
    return " ".join(tree.itertext())  # a space between elements: <td>26</td><td>analyst</td> is two words


def leaked_codes(html: str) -> set[str]:
    """Internal codes, and untranslated i18n keys (region_reason.xyz), in the visible text of a page."""
    codes = known_codes() | EXTRA
    text = visible_text(html)
    keys = {k for k in KEY.findall(text) if k.split(".")[0] in _KEY_HEADS}
    return {w for w in WORD.findall(text) if w in codes} | keys


_KEY_HEADS = {k.split(".")[0] for k in strings("zh")}


def test_labels_cover_every_schema_code_in_chinese() -> None:
    for code in ("enterprise", "holds_role", "located_in", "proposed", "not_main_content", "statements"):
        zh = label("kind", code) if code == "enterprise" else None
        assert zh is None or zh == "企业"
    assert label("rel", "holds_role") == "任职"
    assert label("status", "proposed") == "待审核"
    assert label("reason", "not_main_content") == "非正文区域"
    assert label("kind", "no_such_kind") == "其他"
    assert label("kind", "enterprise", "en") == "Enterprise"  # label_en in graph/schema.yaml


def test_register_labels_match_the_register_titles() -> None:
    from shuanglian.registers.spec import register_specs

    for name, spec in register_specs().items():
        assert label("register", name) == spec.title_zh, name
        assert label("register", name, "en") == spec.title_en, name


def test_leak_detector_finds_a_code() -> None:
    assert leaked_codes("<p>类型 enterprise</p>") == {"enterprise"}
    assert leaked_codes('<p title="enterprise">企业</p><script>var enterprise=1</script>') == set()
    assert leaked_codes("<td>region_reason.rumour</td>") == {"region_reason.rumour"}
    assert leaked_codes("<td>分析员更正 analyst</td><td>investment</td>") == {"analyst", "investment"}
    assert leaked_codes("<p>www.example.com 深圳</p>") == set()


def test_zh_pages_show_no_internal_codes(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("editor")
    ents = c.get("/api/entities", params={"limit": 60}).json()["items"]
    docs = c.get("/api/documents", params={"limit": 5}).json()["items"]
    assert ents and docs
    pages = ["/", "/entities", "/documents", "/review", "/audit", "/chains", "/search?q=%E6%B7%B1%E5%9C%B3",
             "/registers/carriers", "/registers/enterprises", "/registers/projects", "/registers/resources",
             "/registers/policies", "/registers/consultants"]
    pages += [f"/entities/{e['id']}" for e in ents[:40]]
    pages += [f"/documents/{d['id']}" for d in docs]
    chains = c.get("/api/chains").json()["items"]
    pages += [f"/chains/{ch['id']}" for ch in chains[:3]]
    leaks: dict[str, set[str]] = {}
    for url in pages:
        r = c.get(url)
        assert r.status_code == 200, (url, r.status_code)
        found = leaked_codes(r.text)
        if found:
            leaks[url] = found
    assert leaks == {}, "\n".join(f"{u}: {sorted(v)}" for u, v in leaks.items())


def test_zh_pages_added_for_registers_and_chains_show_no_internal_codes(client_for) -> None:  # type: ignore[no-untyped-def]
    """Official 六个一 figures (register page, dashboard), the hidden-rows view, an entity's region evidence
    with an analyst's correction, a kind facet chosen, and the chain maps: labels only, no codes."""
    c = client_for("editor")
    r = c.post("/api/documents", files=[("files", ("six.txt", SIX.encode("utf-8"), "text/plain"))])
    assert r.status_code == 201, r.text
    rows = c.get("/api/registers/enterprises", params={"limit": 3, "region": "深圳"}).json()["items"]
    assert len(rows) >= 3
    for row, action in zip(rows[:2], ("hide", "reject"), strict=True):
        url = f"/api/registers/enterprises/rows/{row['id']}/hide"
        assert c.post(url, json={"action": action, "reason": "展会名称"}).status_code == 200
    moved = rows[2]["id"]
    r = c.post(f"/api/entities/{moved}/region", json={"region": "北京市", "reason": "总部迁至北京市海淀区"})
    assert r.status_code == 200, r.text
    evidence = [e for e in c.get("/api/entities", params={"limit": 200}).json()["items"]
                if e.get("kind") in ("university", "research_institute", "lab")][:10]  # fmt: skip
    kinds = c.get("/api/registers/carriers", params={"limit": 200}).json()["items"]
    kind = next(k["kind"] for k in kinds if k.get("kind"))
    pages = ["/", "/registers/projects", "/registers/carriers", "/registers/enterprises?hidden=true",
             f"/registers/carriers?kind={kind}", f"/entities/{moved}", "/chains"]
    pages += [f"/entities/{e['id']}" for e in evidence]
    pages += [f"/chains/{ch['id']}" for ch in c.get("/api/chains").json()["items"]]
    pages += [f"/chains/{ch['id']}?region=%E6%B7%B1%E5%9C%B3" for ch in c.get("/api/chains").json()["items"][:3]]
    html = {u: c.get(u) for u in pages}
    assert all(r.status_code == 200 for r in html.values()), {u: r.status_code for u, r in html.items()}
    assert "1641亿元" in html["/registers/projects"].text and "分析员更正" in html[f"/entities/{moved}"].text
    assert "恢复" in html["/registers/enterprises?hidden=true"].text
    leaks = {u: found for u, r in html.items() if (found := leaked_codes(r.text))}
    assert leaks == {}, "\n".join(f"{u}: {sorted(v)}" for u, v in leaks.items())


def test_merge_and_failure_reasons_in_chinese(client_for) -> None:  # type: ignore[no-untyped-def]
    """The split form says why each name was merged, and the upload report why a file failed, in Chinese."""
    from shuanglian.web.labels import Labels
    from tests.web.conftest import page_csrf

    zh = Labels("zh")
    assert zh.why("exact:体外诊断") == "名称相同「体外诊断」" and zh.why("judgement:split#3") == "人工判断"
    assert zh.failure("too big: 9 bytes > limit 5 (SHUANGLIAN_MAX_DOCUMENT_BYTES)") == "文件过大"
    assert zh.failure("some new message") == "其他" and Labels("en").failure("empty file") == "empty file"
    c = client_for("editor", csrf=False)
    csrf = page_csrf(c.get("/documents").text)
    files = [("files", ("blank.txt", b"   \n", "text/plain")), ("files", ("bin.txt", b"\x00\xff\xfe\x00" * 50, "text/plain"))]
    r = c.post("/documents/upload", files=files, data={"csrf_token": csrf})
    assert r.status_code == 200
    shown = visible_text(r.text)
    assert "空文件" in shown and "empty file" not in shown and "cannot decode" not in shown, shown
    mindray = c.get("/api/entities", params={"name": "迈瑞", "kind": "enterprise"}).json()["items"][0]["id"]
    html = c.get(f"/entities/{mindray}").text
    assert 'id="split-form"' in html and not re.search(r"\((?:exact|abbreviation|legal|core|place_alias):", html)
