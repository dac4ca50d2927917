"""Every write route: anonymous -> 401, viewer -> 403, cookie session without CSRF -> 403.
Every read route: anonymous -> 401. A meta-test keeps these tables in step with the app's routes."""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from shuanglian.web.app import create_app
from tests.web.conftest import login

# (method, route template, concrete path, request kwargs) for every write route of the API and the pages
WRITES: list[tuple[str, str, str, dict]] = [
    ("POST", "/api/auth/logout", "/api/auth/logout", {}),
    ("POST", "/api/auth/password", "/api/auth/password", {"json": {"current_password": "x" * 8, "new_password": "y" * 8}}),
    ("POST", "/api/auth/tokens", "/api/auth/tokens", {"json": {"name": "t"}}),
    ("DELETE", "/api/auth/tokens/{token_id}", "/api/auth/tokens/1", {}),
    ("POST", "/api/users", "/api/users", {"json": {"username": "u", "role": "viewer"}}),
    ("PATCH", "/api/users/{username}", "/api/users/viewer1", {"json": {"role": "editor"}}),
    ("POST", "/api/documents", "/api/documents", {"files": [("files", ("a.txt", "深圳的一段文字。".encode(), "text/plain"))]}),
    ("POST", "/api/entities/merge", "/api/entities/merge", {"json": {"ids": ["a", "b"]}}),
    ("POST", "/api/entities/{entity_id}/split", "/api/entities/e1/split", {"json": {"names": ["x"]}}),
    ("POST", "/api/entities/not-same", "/api/entities/not-same", {"json": {"a": "a", "b": "b"}}),
    ("POST", "/api/review/{stmt_id}/accept", "/api/review/s1/accept", {}),
    ("POST", "/api/review/{stmt_id}/reject", "/api/review/s1/reject", {}),
    ("POST", "/api/review/{stmt_id}/edit", "/api/review/s1/edit", {"json": {"value": "v"}}),
    ("POST", "/api/review/bulk", "/api/review/bulk", {"json": {"decision": "accept", "key": "x"}}),
    ("POST", "/api/review/undo", "/api/review/undo", {"json": {"audit_id": 1}}),
    ("POST", "/api/review/auto", "/api/review/auto", {}),
    ("POST", "/api/registers/{name}/import", "/api/registers/carriers/import",
     {"files": [("file", ("c.csv", b"a,b\n", "text/csv"))]}),
    ("POST", "/api/registers/{name}/rows/{entity_id}/hide", "/api/registers/carriers/rows/e1/hide",
     {"json": {"action": "hide"}}),
    ("DELETE", "/api/registers/{name}/rows/{entity_id}/hide", "/api/registers/carriers/rows/e1/hide", {}),
    ("POST", "/api/registers/official", "/api/registers/official", {"json": {"register": "carriers", "text": "161个"}}),
    ("DELETE", "/api/registers/official/{figure_id}", "/api/registers/official/x", {}),
    ("POST", "/api/entities/{entity_id}/region", "/api/entities/e1/region", {"json": {"region": "深圳市", "reason": "x"}}),
    ("POST", "/api/chains", "/api/chains", {"content": "id: x", "headers": {"Content-Type": "text/plain"}}),
    ("POST", "/chains", "/chains", {"data": {"yaml_text": "id: x"}}),
    ("POST", "/logout", "/logout", {"data": {}}),
    ("POST", "/account/password", "/account/password", {"data": {"current_password": "x" * 8, "new_password": "y" * 8}}),
    ("POST", "/account/tokens", "/account/tokens", {"data": {"name": "t"}}),
    ("POST", "/account/region", "/account/region", {"data": {"region": "深圳"}}),
    ("POST", "/account/tokens/{token_id}/revoke", "/account/tokens/1/revoke", {"data": {}}),
    ("POST", "/users", "/users", {"data": {"username": "u", "role": "viewer"}}),
    ("POST", "/documents/upload", "/documents/upload",
     {"files": [("files", ("a.txt", "深圳的一段文字。".encode(), "text/plain"))]}),
    ("POST", "/entities/merge", "/entities/merge", {"data": {"a": "e1", "b": "e2"}}),
    ("POST", "/entities/{entity_id}/merge", "/entities/e1/merge", {"data": {"other": "e2"}}),
    ("POST", "/entities/{entity_id}/split", "/entities/e1/split", {"data": {"names": "x"}}),
    ("POST", "/review/{stmt_id}/{action}", "/review/s1/accept", {"data": {}}),
    ("POST", "/review/bulk", "/review/bulk", {"data": {"decision": "accept", "key": "x"}}),
    ("POST", "/review/undo", "/review/undo", {"data": {"audit_id": "1"}}),
    ("POST", "/review/auto", "/review/auto", {"data": {}}),
    ("POST", "/review/not-same", "/review/not-same", {"data": {"a": "e1", "b": "e2"}}),
    ("POST", "/registers/{name}/import", "/registers/carriers/import",
     {"files": [("file", ("c.csv", b"a,b\n", "text/csv"))]}),
    # supply-demand matching
    ("POST", "/api/matching/demands", "/api/matching/demands", {"json": {"statement": "光刻胶难题"}}),
    ("POST", "/api/matching/supply", "/api/matching/supply", {"json": {"statement": "光刻胶研发"}}),
    ("POST", "/api/matching/{side}/import", "/api/matching/supply/import",
     {"files": [("file", ("s.csv", b"a,b\n", "text/csv"))]}),
    ("POST", "/api/matching/extract/{doc_id}", "/api/matching/extract/x", {}),
    ("POST", "/api/matching/feedback", "/api/matching/feedback",
     {"json": {"demand_id": "d", "supply_id": "s", "verdict": "useful"}}),
    ("POST", "/matching/demands", "/matching/demands", {"data": {"statement": "光刻胶难题"}}),
    ("POST", "/matching/supply", "/matching/supply", {"data": {"statement": "光刻胶研发"}}),
    ("POST", "/matching/{side}/import", "/matching/supply/import",
     {"files": [("file", ("s.csv", b"a,b\n", "text/csv"))]}),
    ("POST", "/matching/feedback", "/matching/feedback", {"data": {"demand_id": "d", "supply_id": "s", "verdict": "useful"}}),
    # open challenges
    ("POST", "/api/challenges", "/api/challenges", {"json": {"title": "t", "description": "d", "deadline": "2099-01-01"}}),
    ("POST", "/api/challenges/{cid}/publish", "/api/challenges/1/publish", {}),
    ("POST", "/api/challenges/{cid}/close", "/api/challenges/1/close", {}),
    ("POST", "/api/challenges/{cid}/applications", "/api/challenges/1/applications", {"json": {"proposal": "p"}}),
    ("POST", "/api/challenges/{cid}/reviewers", "/api/challenges/1/reviewers", {"json": {"reviewers": ["r"]}}),
    ("POST", "/api/applications/{app_id}/conflict", "/api/applications/1/conflict", {"json": {"note": "n"}}),
    ("POST", "/api/applications/{app_id}/review", "/api/applications/1/review", {"json": {"scores": {}, "comment": "c"}}),
    ("POST", "/api/applications/{app_id}/shortlist", "/api/applications/1/shortlist", {}),
    ("POST", "/api/applications/{app_id}/decision", "/api/applications/1/decision",
     {"json": {"outcome": "awarded", "feedback": "f"}}),
    ("POST", "/api/applications/{app_id}/milestones", "/api/applications/1/milestones", {"json": {"title": "m"}}),
    ("POST", "/api/milestones/{mid}/done", "/api/milestones/1/done", {}),
    ("POST", "/challenges", "/challenges", {"data": {"title": "t", "description": "d", "deadline": "2099-01-01"}}),
    ("POST", "/challenges/{cid}/publish", "/challenges/1/publish", {"data": {}}),
    ("POST", "/challenges/{cid}/apply", "/challenges/1/apply", {"data": {"proposal": "p"}}),
    ("POST", "/challenges/{cid}/reviewers", "/challenges/1/reviewers", {"data": {"reviewers": "r"}}),
    ("POST", "/challenges/{cid}/close", "/challenges/1/close", {"data": {}}),
    ("POST", "/applications/{app_id}/review", "/applications/1/review", {"data": {"comment": "c"}}),
    ("POST", "/applications/{app_id}/conflict", "/applications/1/conflict", {"data": {"note": "n"}}),
    ("POST", "/applications/{app_id}/shortlist", "/applications/1/shortlist", {"data": {}}),
    ("POST", "/applications/{app_id}/decision", "/applications/1/decision", {"data": {"outcome": "awarded", "feedback": "f"}}),
    ("POST", "/applications/{app_id}/milestones", "/applications/1/milestones", {"data": {"title": "m"}}),
    ("POST", "/milestones/{mid}/done", "/milestones/1/done", {"data": {}}),
    # targets and projects (issue 13)
    ("POST", "/api/targets/import", "/api/targets/import", {"files": [("file", ("t.csv", b"a,b\n", "text/csv"))]}),
    ("POST", "/api/targets/rebuild", "/api/targets/rebuild", {}),
    ("POST", "/api/targets/{target_id}/links/{link_id}", "/api/targets/t1/links/1", {"json": {"action": "accept"}}),
    ("POST", "/api/targets/{target_id}/relink", "/api/targets/t1/relink", {"json": {"actual_id": 1}}),
    ("POST", "/api/targets/{target_id}/milestones", "/api/targets/t1/milestones", {"json": {"title": "x"}}),
    ("POST", "/api/targets/{target_id}/no-outcome", "/api/targets/t1/no-outcome", {"json": {"note": "x"}}),
    ("DELETE", "/api/targets/{target_id}/no-outcome", "/api/targets/t1/no-outcome", {}),
    ("PATCH", "/api/milestones/{milestone_id}", "/api/milestones/1", {"json": {"actual": "2024-01-01"}}),
    ("POST", "/api/projects/import", "/api/projects/import", {"files": [("file", ("p.csv", b"a,b\n", "text/csv"))]}),
    ("POST", "/api/projects/sync", "/api/projects/sync", {}),
    ("POST", "/api/projects/flags/notify", "/api/projects/flags/notify", {}),
    ("POST", "/api/projects/{project_id}/manager", "/api/projects/p1/manager", {"json": {"user": "viewer1"}}),
    ("POST", "/api/projects/{project_id}/links", "/api/projects/p1/links", {"json": {"kind": "target", "ref_id": "t1"}}),
    ("POST", "/api/projects/{project_id}/milestones", "/api/projects/p1/milestones", {"json": {"title": "x"}}),
    ("POST", "/api/projects/{project_id}/status", "/api/projects/p1/status", {"json": {"status": "在建"}}),
    ("POST", "/api/projects/{project_id}/investment", "/api/projects/p1/investment", {"json": {"completed": 1}}),
    ("POST", "/api/notifications/{notification_id}/read", "/api/notifications/1/read", {}),
    ("POST", "/targets/{target_id}/links/{link_id}/{action}", "/targets/t1/links/1/accept", {"data": {}}),
    ("POST", "/targets/{target_id}/milestones", "/targets/t1/milestones", {"data": {"title": "x"}}),
    ("POST", "/targets/{target_id}/no-outcome", "/targets/t1/no-outcome", {"data": {"note": "x"}}),
    ("POST", "/targets/{target_id}/no-outcome/undo", "/targets/t1/no-outcome/undo", {"data": {}}),
    ("POST", "/projects/import", "/projects/import", {"files": [("file", ("p.csv", b"a,b\n", "text/csv"))]}),
    ("POST", "/projects/{project_id}/manager", "/projects/p1/manager", {"data": {}}),
    ("POST", "/projects/{project_id}/links", "/projects/p1/links", {"data": {"kind": "target", "ref_id": "t1"}}),
    ("POST", "/projects/{project_id}/milestones", "/projects/p1/milestones", {"data": {"title": "x"}}),
    ("POST", "/projects/{project_id}/status", "/projects/p1/status", {"data": {"status": "在建"}}),
    ("POST", "/notifications/{notification_id}/read", "/notifications/1/read", {"data": {}}),
]
# writes any logged-in user may make on their own account (viewers too; CSRF still required)
OWN_ACCOUNT = {"/api/auth/logout", "/api/auth/password", "/api/auth/tokens", "/api/auth/tokens/{token_id}", "/logout",
               "/account/password", "/account/tokens", "/account/tokens/{token_id}/revoke", "/account/region"}
# a project's manager may change their own project (viewers too; tested in test_targets_projects_api.py),
# and everyone marks their own notifications read
OWN_ACCOUNT |= {"/api/projects/{project_id}/milestones", "/api/projects/{project_id}/status",
                "/api/projects/{project_id}/investment", "/api/notifications/{notification_id}/read",
                "/projects/{project_id}/milestones", "/projects/{project_id}/status", "/notifications/{notification_id}/read"}
ADMIN_ONLY = {"/api/users", "/api/users/{username}", "/users"}
# the login routes are the only writes open to anonymous clients
ANONYMOUS_WRITES = {"/api/auth/login", "/login"}

# (route template, concrete path) for every API read route
READS: list[tuple[str, str]] = [
    ("/api/auth/me", "/api/auth/me"), ("/api/auth/tokens", "/api/auth/tokens"), ("/api/users", "/api/users"),
    ("/api/documents", "/api/documents"), ("/api/documents/{doc_id}", "/api/documents/x"),
    ("/api/search", "/api/search?q=深圳"), ("/api/entities", "/api/entities"),
    ("/api/entities/{entity_id}", "/api/entities/x"),
    ("/api/entities/{entity_id}/neighbourhood", "/api/entities/x/neighbourhood"),
    ("/api/review", "/api/review"), ("/api/review/groups", "/api/review/groups"),
    ("/api/review/groups/items", "/api/review/groups/items?key=x"),
    ("/api/review/merge-suggestions", "/api/review/merge-suggestions"),
    ("/api/entities-lookup", "/api/entities-lookup?name=x"), ("/api/audit", "/api/audit"), ("/api/registers", "/api/registers"),
    ("/api/registers/{name}", "/api/registers/carriers"),
    ("/api/registers/{name}/export", "/api/registers/carriers/export"), ("/api/chains", "/api/chains"),
    ("/api/registers/official", "/api/registers/official"), ("/api/entities/{entity_id}/region", "/api/entities/x/region"),
    ("/api/chains/{chain_id}", "/api/chains/x"), ("/api/chains/{chain_id}/map", "/api/chains/x/map"),
    ("/api/chains/{chain_id}/gaps", "/api/chains/x/gaps"),
    ("/api/matching/{side}", "/api/matching/demands"), ("/api/matching/{side}/{rid}", "/api/matching/demands/x"),
    ("/api/matching/{side}/{rid}/matches", "/api/matching/demands/x/matches"),
    ("/api/challenges", "/api/challenges"), ("/api/challenges/{cid}/applications", "/api/challenges/1/applications"),
    ("/api/applications", "/api/applications"), ("/api/applications/{app_id}", "/api/applications/1"),
    ("/api/challenges/{cid}/export", "/api/challenges/1/export"),
    ("/api/targets", "/api/targets"), ("/api/targets/chart", "/api/targets/chart"),
    ("/api/targets/overdue", "/api/targets/overdue"), ("/api/targets/{target_id}", "/api/targets/x"),
    ("/api/targets/{target_id}/candidates", "/api/targets/x/candidates"), ("/api/projects", "/api/projects"),
    ("/api/projects/flags", "/api/projects/flags"), ("/api/projects/export", "/api/projects/export"),
    ("/api/projects/{project_id}", "/api/projects/x"), ("/api/notifications", "/api/notifications"),
]
# the open-challenge list is public (揭榜挂帅 calls are published to everyone)
PUBLIC_READS = {"/api/public/challenges", "/api/public/challenges/{cid}"}
NOT_OWN = [w for w in WRITES if w[1] not in OWN_ACCOUNT]
ADMIN = [w for w in WRITES if w[1] in ADMIN_ONLY]


def _ids(rows: list[tuple[str, str, str, dict]]) -> list[str]:
    return [f"{m} {t}" for m, t, _, _ in rows]


@pytest.fixture(scope="module")
def role_app(seeded_template, tmp_path_factory):  # type: ignore[no-untyped-def]
    """One app for the whole module: every request here is refused, so nothing changes between tests."""
    import shutil

    target = tmp_path_factory.mktemp("roles") / "roles.db"
    shutil.copy(seeded_template, target)
    return create_app(f"sqlite:///{target}")


@pytest.fixture(scope="module")
def clients(role_app) -> dict[str, TestClient]:  # type: ignore[no-untyped-def]
    """One client per role, logged in once (argon2 is slow on purpose): every request here is refused,
    so the sessions stay valid. Role clients send their CSRF token; "admin" sends none."""
    out = {"anonymous": TestClient(role_app)}
    for role in ("viewer", "editor", "admin"):
        c = TestClient(role_app)
        token = login(c, f"{role}1")
        if role != "admin":
            c.headers["X-CSRF-Token"] = token
        out[role] = c
    return out


def _walk(routes: list) -> list[APIRoute]:
    """Every APIRoute, descending into included routers (kept nested by recent FastAPI versions)."""
    out: list[APIRoute] = []
    for r in routes:
        if isinstance(r, APIRoute):
            out.append(r)
        inner = getattr(r, "original_router", None)
        if inner is not None:
            out += _walk(list(inner.routes))
    return out


def test_tables_cover_every_route() -> None:
    app = create_app("sqlite://", migrate=False)
    writes, reads = set(), set()
    routes = _walk(list(app.routes))
    assert len(routes) > 40
    for r in routes:
        for m in r.methods - {"HEAD", "OPTIONS"}:
            if m == "GET":
                reads.add(r.path)
            elif r.path not in ANONYMOUS_WRITES:
                writes.add((m, r.path))
    assert writes == {(m, t) for m, t, _, _ in WRITES}
    assert {p for p in reads if p.startswith("/api/") and p != "/api/docs"} - PUBLIC_READS == {t for t, _ in READS}


@pytest.mark.parametrize(("method", "route", "path", "kwargs"), WRITES, ids=_ids(WRITES))
def test_write_refused_to_anonymous(clients, method: str, route: str, path: str, kwargs: dict) -> None:
    r = clients["anonymous"].request(method, path, follow_redirects=False, **kwargs)
    if path.startswith("/api/"):
        assert r.status_code == 401, r.text
        assert r.json()["error"]["code"] == "unauthenticated"
    else:  # pages send anonymous browsers to the login page
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


@pytest.mark.parametrize(("method", "route", "path", "kwargs"), NOT_OWN, ids=_ids(NOT_OWN))
def test_write_refused_to_viewer(clients, method: str, route: str, path: str, kwargs: dict) -> None:
    r = clients["viewer"].request(method, path, follow_redirects=False, **kwargs)
    assert r.status_code == 403, r.text
    if path.startswith("/api/"):
        assert r.json()["error"]["code"] == "forbidden_role"


@pytest.mark.parametrize(("method", "route", "path", "kwargs"), ADMIN, ids=_ids(ADMIN))
def test_admin_only_write_refused_to_editor(clients, method: str, route: str, path: str, kwargs: dict) -> None:
    assert clients["editor"].request(method, path, **kwargs).status_code == 403


@pytest.mark.parametrize(("method", "route", "path", "kwargs"), WRITES, ids=_ids(WRITES))
def test_write_needs_csrf(clients, method: str, route: str, path: str, kwargs: dict) -> None:
    for csrf in (None, "forged"):
        kw = dict(kwargs)
        if csrf:
            kw["headers"] = {**kwargs.get("headers", {}), "X-CSRF-Token": csrf}
        r = clients["admin"].request(method, path, follow_redirects=False, **kw)
        assert r.status_code == 403, r.text
        if path.startswith("/api/"):
            assert r.json()["error"]["code"] == "csrf_failed"


@pytest.mark.parametrize(("route", "path"), READS, ids=[t for t, _ in READS])
def test_reads_need_login(clients, route: str, path: str) -> None:
    r = clients["anonymous"].get(path)
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthenticated"
