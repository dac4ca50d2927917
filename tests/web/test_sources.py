"""Sources read as documents (title, outlet, date), open at their sentence, and exports carry no ids."""

from __future__ import annotations

import re

from shuanglian.web.highlight import overlay, sentence_bounds, span_segments


def test_sentence_bounds_and_overlay_keep_entity_marks() -> None:
    text = "第一句。华为在深圳发布新品。第三句"
    s = text.index("深圳")
    assert sentence_bounds(text, s, s + 2) == (4, 14)
    segs = span_segments(text, [(text.index("华为"), text.index("华为") + 2, {"name": "华为", "kind": "enterprise"})])
    out = overlay(segs, 4, 14)
    assert "".join(seg for seg, _ in out) == text
    hl = [(seg, lab) for seg, lab in out if lab and lab.get("hl")]
    assert "".join(seg for seg, _ in hl) == "华为在深圳发布新品。"
    assert hl[0][1]["name"] == "华为" and hl[0][1]["first"] is True
    assert all(not lab.get("first") for _, lab in hl[1:])


def test_entity_page_names_sources_and_links_to_sentence(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("viewer")
    ent = c.get("/api/entities", params={"kind": "enterprise", "limit": 1}).json()["items"][0]
    html = c.get(f"/entities/{ent['id']}").text
    links = re.findall(r'class="source-link" href="([^"]+)">\[([^\]]+)\]', html)
    assert links, "no source links"
    href, text = links[0]
    assert re.search(r"\?at=\d+-\d+#hl$", href)
    assert "《" in text  # the document's title, not its hash
    page = c.get(href.split("#")[0]).text
    assert 'id="hl"' in page and ('class="hl"' in page or " hl\"" in page)


def test_register_export_and_page_show_titles_not_ids(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("viewer")
    csv = c.get("/api/registers/enterprises/export", params={"format": "csv"})
    assert csv.status_code == 200
    body = csv.content.decode("utf-8-sig")
    assert "doc:" not in body and "document:" not in body
    assert "《" in body
    page = c.get("/registers/enterprises").text
    assert "doc:" not in re.sub(r"<[^>]+>", "", page)
