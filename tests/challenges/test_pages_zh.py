"""The matching and challenge pages in Chinese show labels, never internal codes."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from shuanglian.services import challenges, matching
from shuanglian.store.db import session_scope
from tests.web.test_labels import leaked_codes

Client = Callable[[str | None], TestClient]


def test_zh_pages_show_no_internal_codes(as_user: Client, ch_url: str) -> None:
    with session_scope(ch_url) as s:
        spec = matching.seed_demo(s)["challenge"]
        cid = challenges.seed_demo(s, spec, publisher="pub1")["id"]  # type: ignore[index]
        did = matching.list_records(s, "demand")["items"][0]["id"]
        sid = matching.list_records(s, "supply")["items"][0]["id"]
    pages = {"editor1": ["/matching", "/matching?tab=supply", f"/matching/demands/{did}", f"/matching/supply/{sid}",
                         "/challenges", "/audit"],
             "pub1": ["/challenges", f"/challenges/{cid}"], "app1": ["/challenges", f"/challenges/{cid}"],
             None: ["/open-challenges", f"/open-challenges/{cid}"]}
    for user, urls in pages.items():
        c = as_user(user)
        for url in urls:
            r = c.get(url)
            assert r.status_code == 200, (user, url, r.status_code)
            assert leaked_codes(r.text) == set(), (user, url, leaked_codes(r.text))
