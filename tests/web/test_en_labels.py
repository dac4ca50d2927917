"""English pages show chain names, link (环节) names and project statuses by their English labels (chain
templates' `name_en`, labels.yaml `term`), never the Chinese label where an English one exists."""

from __future__ import annotations

import re

import lxml.html

from shuanglian.chains.templates import shipped_templates
from shuanglian.web.labels import english_terms, term

# text nodes that are data, not labels: entity and project names (links), quoted source text, snippets
_DATA = ("//script|//style|//code|//title|//mark|//textarea|//option|//a[starts-with(@href, '/entities/')]"
         "|//a[starts-with(@href, '/projects/')]|//a[starts-with(@href, '/documents/')]|//*[contains(@class, 'snippet')]"
         "|//*[@id='doc-text']|//h1|//form//label")  # h1: the entity's own name; form labels: its members' names
_QUOTED = re.compile(r"'([^']+)'")
_SEP = re.compile(r"[、，,；;]\s*")


def chinese_labels(html: str) -> set[str]:
    """Chinese labels with an English label that an English page shows: a text node that is such a label
    (or a list of them), or one quoted in an English sentence (no evidence yet on '材料与元器件')."""
    table = english_terms()
    tree = lxml.html.fromstring(html)
    for bad in tree.xpath(_DATA):
        bad.drop_tree()
    found: set[str] = set()
    for node in tree.xpath("//text()"):
        text = str(node).strip()
        if not text:
            continue
        parts = [p.strip() for p in _SEP.split(text)]
        if all(p in table for p in parts if p):
            found.update(p for p in parts if p)
        found.update(q for q in _QUOTED.findall(text) if q in table)
    return found


def test_english_terms_come_from_the_data() -> None:
    tpl = shipped_templates()["semiconductors_ic"]
    assert term(tpl.name, "en") == tpl.name_en == "Semiconductors and integrated circuits"
    assert term(f"{tpl.name}/{tpl.links[0].name}", "en") == f"{tpl.name_en}/{tpl.links[0].name_en}"
    assert [term(s, "en") for s in ("签约", "开工", "在建", "投产", "建成", "谋划")] == [
        "signed", "construction started", "under construction", "in production", "completed", "planned"]
    assert term("新能源/电池与储能、投产", "en") == "New energy/Batteries and storage, in production"
    assert term("动力电池、新能源汽车", "en") == "动力电池、新能源汽车"  # free text stays as written
    assert term("投产", "zh") == "投产"
    for t in shipped_templates().values():  # every standard chain and link has an English name
        assert t.name_en and all(ln.name_en for ln in t.links), t.id


def test_detector_finds_a_chinese_label() -> None:
    assert chinese_labels("<td>投产</td>") == {"投产"}
    assert chinese_labels("<td>新能源/电池与储能、合成生物</td>") == {"新能源/电池与储能", "合成生物"}
    assert chinese_labels("<p>Shenzhen: no evidence yet on '芯片设计' (0 local)</p>") == {"芯片设计"}
    assert chinese_labels("<td>动力电池、新能源汽车</td><a href='/entities/x'>新材料</a>") == set()


def test_en_pages_show_english_chain_link_and_status_labels(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("editor")
    ents = c.get("/api/entities", params={"limit": 60}).json()["items"]
    chains = [ch["id"] for ch in c.get("/api/chains").json()["items"]]
    projects = c.get("/projects", params={"limit": 5})
    assert projects.status_code == 200
    c.cookies.set("lang", "en")
    pages = ["/", "/review", "/review?by=prop", "/review?by=document", "/review/merges", "/chains", "/projects",
             "/targets", "/registers/carriers", "/registers/enterprises", "/registers/projects",
             "/registers/resources", "/registers/policies", "/registers/consultants"]
    pages += [f"/entities/{e['id']}" for e in ents[:40]]
    pages += [f"/chains/{ch}" for ch in chains] + [f"/chains/{ch}?region=%E6%B7%B1%E5%9C%B3" for ch in chains[:6]]
    pages += sorted(set(re.findall(r'href="(/projects/[^"/?]+)"', projects.text)))[:5]
    html = {u: c.get(u) for u in pages}
    assert all(r.status_code == 200 for r in html.values()), {u: r.status_code for u, r in html.items()}
    assert "in production" in html["/registers/projects"].text and "High-end medical devices" in html["/chains"].text
    leaks = {u: found for u, r in html.items() if (found := chinese_labels(r.text))}
    assert leaks == {}, "\n".join(f"{u}: {sorted(v)[:10]}" for u, v in leaks.items())


def test_en_pages_show_money_in_english_magnitudes(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("editor")
    zh = c.get("/projects", params={"limit": 50})
    assert zh.status_code == 200 and "亿元" in zh.text
    c.cookies.set("lang", "en")
    en = c.get("/projects", params={"limit": 50})
    assert en.status_code == 200
    cells = [td.text_content().strip() for td in lxml.html.fromstring(en.text).xpath("//td")]
    assert not [x for x in cells if re.search(r"\d(万亿|亿|万)?元", x)], cells[:20]
    assert any(re.fullmatch(r"[\d.]+ (billion|million) yuan", x) for x in cells), cells[:20]
