"""Hostile query strings (issue 12): NUL bytes and huge offsets are refused or answered, never a 500."""

from __future__ import annotations

URLS = [
    "/api/search?q=%00", "/api/search?q=a%00b", "/search?q=%00", "/api/documents?q=%00",
    "/documents?q=%00", "/api/entities?name=%00", "/api/registers/enterprises?q=%00",
    "/api/documents?offset=99999999999999999999", "/api/documents?offset=9223372036854775807",
    "/api/entities?offset=9223372036854775807", "/api/search?q=科技&offset=9223372036854775807",
    "/api/audit?offset=9223372036854775807", "/documents?offset=9223372036854775807",
    "/audit?offset=9223372036854775807", "/api/registers/enterprises?offset=9223372036854775807",
    "/api/search?q=%ED%A0%80",
]


def test_no_500_on_hostile_queries(client_for) -> None:
    c = client_for("viewer")
    answers = {url: c.get(url).status_code for url in URLS}
    assert all(code in (200, 422) for code in answers.values()), answers
    assert answers["/api/search?q=a%00b"] == 422
