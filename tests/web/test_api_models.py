"""Typed API responses (pydantic models in graph/api_models.py, in the OpenAPI schema) and error codes
(the HTTP status follows from an ErrorCode, never from the wording of a message)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from shuanglian.errors import ErrorCode, http_status
from shuanglian.graph import api_models as m
from shuanglian.graph.review import GraphError
from shuanglian.graph.schema import get_schema
from shuanglian.web.errors import install_error_handlers

ROUTES = {
    ("/api/entities", "get"): "EntityPage",
    ("/api/entities/{entity_id}", "get"): "EntityDetail",
    ("/api/entities/{entity_id}/neighbourhood", "get"): "Neighbourhood",
    ("/api/review", "get"): "ReviewPage",
    ("/api/review/{stmt_id}/accept", "post"): "StatementOut",
    ("/api/registers/{name}", "get"): "RegisterPage",
}


def test_openapi_declares_the_response_models(app) -> None:  # type: ignore[no-untyped-def]
    spec = app.openapi()
    schemas = spec["components"]["schemas"]
    for (path, method), model in ROUTES.items():
        ok = spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok == {"$ref": f"#/components/schemas/{model}"}, (path, ok)
        assert schemas[model]["properties"], model
    # kinds come from graph/schema.yaml
    kind_enum = schemas["EntityKind"]["enum"]
    assert set(kind_enum) == set(get_schema().kinds)
    detail = schemas["EntityDetail"]["properties"]
    assert {"members", "attributes", "statements", "relations_out", "relations_in"} <= set(detail)
    assert {"extractor", "extractor_version"} <= set(schemas["StatementOut"]["properties"])


def _declared(model: type[BaseModel], body: dict[str, Any]) -> BaseModel:
    """Validate a response and require that it has no field the model does not declare."""
    obj = model.model_validate(body)
    assert not obj.model_extra, f"{model.__name__}: undeclared fields {sorted(obj.model_extra or {})}"
    return obj


def test_real_responses_are_exactly_the_declared_models(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("viewer")
    page = c.get("/api/entities", params={"name": "迈瑞"}).json()
    _declared(m.EntityPage, page)
    assert all(not m.EntitySummary.model_validate(e).model_extra for e in page["items"])
    detail = c.get(f"/api/entities/{page['items'][0]['id']}").json()
    d = _declared(m.EntityDetail, detail)
    assert isinstance(d, m.EntityDetail) and d.statements
    assert all(not s.model_extra for s in d.statements) and all(not x.model_extra for x in d.members)
    assert all(not v.model_extra for vals in d.attributes.values() for v in vals)
    assert all(not r.model_extra for r in [*d.relations_out, *d.relations_in])
    nb = _declared(m.Neighbourhood, c.get(f"/api/entities/{d.id}/neighbourhood").json())
    assert isinstance(nb, m.Neighbourhood) and all(not n.model_extra for n in nb.nodes)
    review = _declared(m.ReviewPage, c.get("/api/review", params={"limit": 5}).json())
    assert isinstance(review, m.ReviewPage) and all(not i.model_extra for i in review.items)
    body = c.get("/api/registers/carriers", params={"limit": 5}).json()
    assert body["register"] == "carriers" and body["title"]["zh"]
    reg = _declared(m.RegisterPage, body)
    assert isinstance(reg, m.RegisterPage) and reg.items


def test_the_status_comes_from_the_code_not_the_message() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/api/missing")
    def missing() -> None:
        raise GraphError("entity e1 is gone", ErrorCode.NOT_FOUND)  # no "no " prefix: still 404

    @app.get("/api/refused")
    def refused() -> None:
        raise GraphError("no merging of an entity with itself")  # a "no " prefix: still refused (422)

    c = TestClient(app)
    r = c.get("/api/missing")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = c.get("/api/refused")
    assert r.status_code == 422 and r.json()["error"]["code"] == "refused"
    assert {http_status(code) for code in ErrorCode} <= {404, 409, 422}


def test_real_routes_answer_with_codes(client_for) -> None:  # type: ignore[no-untyped-def]
    c = client_for("editor")
    r = c.get("/api/entities/nope")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = c.post("/api/review/nope/accept")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    eid = c.get("/api/entities", params={"limit": 1}).json()["items"][0]["id"]
    r = c.post("/api/entities/merge", json={"ids": [eid, eid]})
    assert r.status_code == 422 and r.json()["error"]["code"] == "refused"
    r = c.post("/api/entities/not-same", json={"a": eid, "b": "nope"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
