"""Chinese pages show labels, never internal codes (kinds, properties, relations, statuses, flags, reasons)."""

from __future__ import annotations

import re

import lxml.html

from shuanglian.web.labels import known_codes, label

WORD = re.compile(r"[A-Za-z0-9_]+")


def visible_text(html: str) -> str:
    """Text a reader sees: no scripts, styles, attributes or hidden JSON."""
    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//script|//style|//noscript|//code"):
        bad.drop_tree()
    return tree.text_content()


def leaked_codes(html: str) -> set[str]:
    codes = known_codes()
    return {w for w in WORD.findall(visible_text(html)) if w in codes}


def test_labels_cover_every_schema_code_in_chinese() -> None:
    for code in ("enterprise", "holds_role", "located_in", "proposed", "not_main_content", "statements"):
        zh = label("kind", code) if code == "enterprise" else None
        assert zh is None or zh == "企业"
    assert label("rel", "holds_role") == "任职"
    assert label("status", "proposed") == "待审核"
    assert label("reason", "not_main_content") == "非正文区域"
    assert label("kind", "no_such_kind") == "其他"
    assert label("kind", "enterprise", "en") == "Enterprise"  # label_en in graph/schema.yaml


def test_leak_detector_finds_a_code() -> None:
    assert leaked_codes("<p>类型 enterprise</p>") == {"enterprise"}
    assert leaked_codes('<p title="enterprise">企业</p><script>var enterprise=1</script>') == set()


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
