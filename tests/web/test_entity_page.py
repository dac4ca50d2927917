"""Entity pages stay readable for hubs: relations once with a count, a neighbourhood grouped by kind."""

from __future__ import annotations

import re

from shuanglian.web.pages.graph import PER_KIND, graph_json, grouped_relations


def hub(n: int) -> dict:
    nodes = [{"id": "c", "name": "深圳市", "kind": "place", "statement_count": 999}]
    nodes += [{"id": f"e{i}", "name": f"企业{i}", "kind": "enterprise", "statement_count": n - i} for i in range(n)]
    nodes += [{"id": "u1", "name": "深圳大学", "kind": "university", "statement_count": 5}]
    edges = [{"source": f"e{i}", "target": "c", "relation": "located_in", "statement_ids": ["s"]} for i in range(n)]
    edges.append({"source": "u1", "target": "c", "relation": "located_in", "statement_ids": ["a", "b"]})
    return {"center": "c", "nodes": nodes, "edges": edges}


def test_hub_neighbours_fold_into_an_expandable_group() -> None:
    g = graph_json(hub(30))
    groups = [x for x in g["nodes"] if x.get("group")]
    assert len(groups) == 1 and groups[0]["label"] == f"+{30 - PER_KIND} 企业"
    assert "expand=enterprise" in groups[0]["href"]
    assert len([x for x in g["nodes"] if x["kind"] == "enterprise" and not x.get("group")]) == PER_KIND
    folded = [e for e in g["edges"] if e["source"] == "group:enterprise"]
    assert len(folded) == 1 and folded[0]["label"] == f"位于 ×{30 - PER_KIND}"
    assert any(e["label"] == "位于 ×2" for e in g["edges"] if e["source"] == "u1")
    wide = graph_json(hub(30), expand="enterprise")
    assert not [x for x in wide["nodes"] if x.get("group")] and len(wide["nodes"]) == 32
    assert graph_json(hub(30), lang="en")["edges"][0]["label"].startswith("located in")


def test_relations_listed_once_with_counts() -> None:
    rels = [{"relation": "located_in", "target_id": "p", "target_name": "广东省"}] * 3
    rels.append({"relation": "part_of", "target_id": "q", "target_name": "某集团"})
    out = grouped_relations(rels, "target")
    assert [(r["relation"], r["count"]) for r in out] == [("located_in", 3), ("part_of", 1)]


def test_entity_page_has_no_duplicate_relation_rows(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("viewer")
    sz = c.get("/api/entities", params={"name": "深圳市", "kind": "place"}).json()["items"][0]
    html = c.get(f"/entities/{sz['id']}").text
    rows = re.findall(r'<tr class="rel-row"><td>([^<]+)</td><td>([←→]) <a href="([^"]+)"', html)
    assert rows and len(rows) == len(set(rows))


def test_entity_statements_are_paged_attributes_stay_complete(client_for, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A hub's page lists one page of statements (was all, up to 2000: 200-900 ms on 深圳市-like hubs);
    attributes and relations still come from every fact."""
    from shuanglian.web.pages import graph as pages_graph

    c = client_for("viewer")
    hub_id = c.get("/api/entities", params={"sort": "statements", "limit": 1}).json()["items"][0]["id"]
    full = c.get(f"/api/entities/{hub_id}", params={"statements_limit": 2000}).json()
    n = full["statements_total"]
    assert n > 10 and len(full["statements"]) == n
    first = c.get(f"/api/entities/{hub_id}", params={"statements_limit": 5}).json()
    second = c.get(f"/api/entities/{hub_id}", params={"statements_limit": 5, "statements_offset": 5}).json()
    assert [s["id"] for s in first["statements"] + second["statements"]] == [s["id"] for s in full["statements"][:10]]
    assert first["statements_total"] == n and first["attributes"] == full["attributes"]
    assert first["relations_out"] == full["relations_out"]
    assert all(s["snippet"] == f["snippet"] for s, f in zip(first["statements"], full["statements"], strict=False))
    monkeypatch.setattr(pages_graph, "STATEMENTS_PER_PAGE", 3)
    html = c.get(f"/entities/{hub_id}").text
    table = html.split('id="statements"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == 1 + 3  # header + one page
    assert f"/ {n}" in html and "offset=3" in html
    later = c.get(f"/entities/{hub_id}", params={"offset": 3}).text
    assert "offset=6" in later and "offset=0" in later
