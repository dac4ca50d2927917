"""Documents API and pages: list/sort/filter/paginate, detail, upload + ingest, escaping of page text."""

from __future__ import annotations

from pathlib import Path

from shuanglian.services.documents import list_documents
from shuanglian.store.db import session_scope
from shuanglian.web.deps import MAX_PAGE
from tests.web.conftest import page_csrf

EVIL = "<script>alert(1)</script>深圳迈瑞生物医疗电子股份有限公司今天在光明区发布新款监护仪产品，\n公司表示将继续加大研发投入。\n"


def test_list_paginates_sorts_and_caps_page_size(client_for) -> None:
    c = client_for("viewer")
    first = c.get("/api/documents", params={"limit": 2, "sort": "title"}).json()
    assert first["total"] >= 5 and len(first["items"]) == 2 and first["next_offset"] == 2
    second = c.get("/api/documents", params={"limit": 2, "offset": 2, "sort": "title"}).json()
    assert {d["id"] for d in first["items"]}.isdisjoint(d["id"] for d in second["items"])
    titles = [d["title"] or "" for d in c.get("/api/documents", params={"sort": "title"}).json()["items"]]
    assert titles == sorted(titles)
    r = c.get("/api/documents", params={"limit": MAX_PAGE + 1})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
    bad = c.get("/api/documents", params={"sort": "nonsense"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_sort"


def test_list_filters_by_text(client_for, web_url) -> None:
    c = client_for("viewer")
    items = c.get("/api/documents", params={"q": "迈瑞"}).json()["items"]
    assert items
    with session_scope(web_url) as s:
        assert len(items) == list_documents(s, q="迈瑞").total


def test_show_document_has_text_dropped_and_facts(client_for) -> None:
    c = client_for("viewer")
    doc_id = c.get("/api/documents").json()["items"][0]["id"]
    d = c.get(f"/api/documents/{doc_id}").json()
    assert d["id"] == doc_id and d["text"]
    for key in ("dropped", "repairs", "entities", "policies", "figures", "events"):
        assert isinstance(d[key], list)
    r = c.get("/api/documents/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_upload_ingests_and_reports_failures_by_name(client_for, data_dir: Path) -> None:
    c = client_for("editor")
    files = [
        ("files", ("mindray.txt", EVIL.encode("utf-8"), "text/plain")),
        ("files", ("empty.txt", b"", "text/plain")),
    ]
    r = c.post("/api/documents", files=files)
    assert r.status_code == 201, r.text
    rep = r.json()
    assert rep["stored"] == 1 and [f["source"] for f in rep["failed"]] == ["upload:empty.txt"]
    doc = c.get(f"/api/documents/{rep['ids'][0]}").json()
    assert doc["source"] == "upload:mindray.txt"
    kept = sorted((data_dir / "uploads").glob("*/*/*"))  # originals kept byte for byte, refused removed
    assert [p.name for p in kept] == ["mindray.txt"]
    assert kept[0].read_bytes() == EVIL.encode("utf-8")
    again = c.post("/api/documents", files=files[:1]).json()
    assert again["stored"] == 0 and again["duplicates"] == 1


def test_document_page_highlights_entities_and_escapes_text(client_for) -> None:
    c = client_for("editor")
    doc_id = c.post("/api/documents", files=[("files", ("x.txt", EVIL.encode(), "text/plain"))]).json()["ids"][0]
    page = c.get(f"/documents/{doc_id}")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    detail = c.get(f"/api/documents/{doc_id}").json()
    if "alert" in detail["text"]:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    if detail["entities"]:
        assert 'class="ent kind-' in page.text


def test_documents_page_upload_form_and_listing(client_for) -> None:
    c = client_for("editor", csrf=False)
    page = c.get("/documents", params={"sort": "-published"})
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    csrf = page_csrf(page.text)
    files = [("files", ("page.txt", EVIL.encode(), "text/plain"))]
    r = c.post("/documents/upload", files=files, data={"csrf_token": csrf})
    assert r.status_code == 200 and "已入库 <b>1</b>" in r.text
    assert c.post("/documents/upload", files=files).status_code == 403  # CSRF missing
    viewer_page = client_for("viewer").get("/documents").text
    assert 'enctype="multipart/form-data"' not in viewer_page


def test_dashboard_renders_counts_and_recent_documents(client_for) -> None:
    r = client_for("viewer").get("/")
    assert r.status_code == 200 and 'id="kpi-documents"' in r.text
    assert "/static/vendor/echarts.min.js" in r.text
    assert "Content-Security-Policy" in r.headers and "script-src 'self'" in r.headers["Content-Security-Policy"]


def test_every_page_works_on_an_empty_database(sqlite_url: str) -> None:
    from fastapi.testclient import TestClient

    from shuanglian.store.db import session_scope
    from shuanglian.web.app import create_app
    from shuanglian.web.auth import create_user
    from tests.web.conftest import PASSWORD, login

    app = create_app(sqlite_url)
    with session_scope(sqlite_url) as s:
        create_user(s, "v", "viewer", PASSWORD)
    c = TestClient(app)
    login(c, "v")
    for path in ("/", "/search?q=深圳", "/documents", "/entities", "/registers/carriers", "/chains",
                 "/chains/high_end_medical_devices", "/review", "/audit", "/account"):
        assert c.get(path).status_code == 200, path


def test_api_docs_are_served_without_a_cdn(client_for) -> None:
    c = client_for(None)
    html = c.get("/api/docs").text
    assert "/static/vendor/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    spec = c.get("/api/openapi.json").json()
    assert "/api/documents" in spec["paths"] and "/api/registers/{name}/import" in spec["paths"]
    assert not any(p.startswith("/login") for p in spec["paths"])


def test_unexpected_errors_are_json_500_without_details(app, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    from shuanglian.services import documents as docs_service
    from tests.web.conftest import login

    def boom(*_a, **_k):  # type: ignore[no-untyped-def]
        raise RuntimeError("secret connection string")

    monkeypatch.setattr(docs_service, "list_documents", boom)
    c = TestClient(app, raise_server_exceptions=False)
    login(c, "viewer1")
    r = c.get("/api/documents")
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
    assert "secret" not in r.text
    page = c.get("/documents")
    assert page.status_code == 500 and "secret" not in page.text and "internal_error" in page.text


def test_upload_failures_never_show_server_paths(client_for, data_dir: Path) -> None:
    c = client_for("editor")
    good = '{"text": "深圳湾实验室今年新增三个研究所，聚焦合成生物和脑科学。"}'
    files = [
        ("files", ("mixed.jsonl", (good + "\n{not json\n").encode("utf-8"), "application/json")),
        ("files", ("binary.txt", b"\x00\x01\x02" * 50, "text/plain")),
    ]
    r = c.post("/api/documents", files=files)
    assert r.status_code == 201, r.text
    failed = {f["source"]: f["reason"] for f in r.json()["failed"]}
    assert set(failed) == {"upload:mixed.jsonl:2", "upload:binary.txt"}
    assert str(data_dir) not in r.text and "/uploads/" not in r.text


def test_upload_with_hostile_files_stores_the_good_ones(client_for, data_dir: Path) -> None:
    c = client_for("editor")
    good = EVIL.replace("<script>alert(1)</script>", "")
    files = [
        ("files", ("nested.jsonl", ('{"text": ' + "[" * 50000 + "]" * 50000 + "}\n").encode(), "application/json")),
        ("files", ("idna.html", f"<meta charset=idna><p>{good}</p>".encode("gb18030"), "text/html")),
        ("files", ("undefined.html", f"<meta charset=undefined><p>{good}。第二篇</p>".encode("gb18030"), "text/html")),
        ("files", ("bad_byte.txt", good.encode()[:9] + b"\xff" + good.encode()[9:] + "第三篇".encode(), "text/plain")),
    ]
    r = c.post("/api/documents", files=files)
    assert r.status_code == 201, r.text
    rep = r.json()
    assert rep["stored"] == 3 and [f["source"] for f in rep["failed"]] == ["upload:nested.jsonl:1"]
    flags = {c.get(f"/api/documents/{i}").json()["source"]: c.get(f"/api/documents/{i}").json()["flags"]
             for i in rep["ids"]}
    assert "decode_replaced" in flags["upload:bad_byte.txt"]


def test_upload_size_caps(client_for, data_dir: Path, monkeypatch) -> None:
    from shuanglian.settings import get_settings

    monkeypatch.setenv("SHUANGLIAN_MAX_DOCUMENT_BYTES", "4000")
    monkeypatch.setenv("SHUANGLIAN_MAX_UPLOAD_BYTES", "20000")
    get_settings.cache_clear()
    c = client_for("editor")
    files = [("files", ("big.txt", ("中" * 2000).encode(), "text/plain")),
             ("files", ("ok.txt", EVIL.encode(), "text/plain"))]
    rep = c.post("/api/documents", files=files).json()
    assert rep["stored"] == 1 and rep["failed"][0]["source"] == "upload:big.txt"
    assert "too big" in rep["failed"][0]["reason"]
    assert [p.name for p in (data_dir / "uploads").glob("*/*/*")] == ["ok.txt"]  # refused not kept
    r = c.post("/api/documents", files=[("files", (f"{i}.txt", b"a" * 3900, "text/plain")) for i in range(6)])
    assert r.status_code == 413 and r.json()["error"]["code"] == "upload_too_big"
    assert [p.name for p in (data_dir / "uploads").glob("*/*/*")] == ["ok.txt"]
