"""The whole 揭榜挂帅 flow through the HTTP API, with the role checks at each step."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from shuanglian.challenges.tables import Challenge
from shuanglian.graph.tables import AuditLog
from shuanglian.store.db import session_scope

Client = Callable[[str | None], TestClient]
FUTURE = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()


def _challenge(as_user: Client, publisher: str = "pub1") -> int:
    r = as_user(publisher).post("/api/challenges", json={
        "title": "锂电池隔膜国产化", "description": "湿法隔膜涂覆工艺的一致性问题", "requirements": "一年内中试",
        "award": 2_000_000, "deadline": FUTURE, "ip_terms": "成果归发榜方，揭榜方保留署名权"})
    assert r.status_code == 201, r.text
    cid = int(r.json()["id"])
    assert r.json()["status"] == "draft"
    r = as_user(publisher).post(f"/api/challenges/{cid}/publish", json={"note": "材料齐全"})
    assert r.status_code == 200, r.text
    return cid


def _apply(as_user: Client, cid: int, name: str) -> int:
    r = as_user(name).post(f"/api/challenges/{cid}/applications",
                           json={"proposal": f"{name} 的方案：陶瓷涂覆改性", "organisation": f"{name} 团队"})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_public_page_lists_only_published_without_login(as_user: Client) -> None:
    draft = as_user("pub1").post("/api/challenges", json={"title": "草稿", "description": "d", "deadline": FUTURE})
    cid = _challenge(as_user)
    anon = as_user(None)
    items = anon.get("/api/public/challenges").json()["items"]
    assert [c["id"] for c in items] == [cid]
    assert "publisher" not in items[0]  # internal fields stay internal
    assert anon.get(f"/api/public/challenges/{draft.json()['id']}").status_code == 404
    page = anon.get("/open-challenges")
    assert page.status_code == 200 and "锂电池隔膜国产化" in page.text and "草稿" not in page.text


def test_roles_publish_and_apply(as_user: Client) -> None:
    body = {"title": "t", "description": "d", "deadline": FUTURE}
    assert as_user("app1").post("/api/challenges", json=body).status_code == 403
    assert as_user("rev1").post("/api/challenges", json=body).status_code == 403
    assert as_user(None).post("/api/challenges", json=body).status_code == 401
    cid = _challenge(as_user)
    # another publisher cannot manage pub1's challenge; only applicants apply
    assert as_user("pub2").post(f"/api/challenges/{cid}/reviewers", json={"reviewers": ["rev1"]}).status_code == 403
    assert as_user("pub1").post(f"/api/challenges/{cid}/applications", json={"proposal": "x"}).status_code == 403
    _apply(as_user, cid, "app1")
    again = as_user("app1").post(f"/api/challenges/{cid}/applications", json={"proposal": "again"})
    assert again.status_code == 409


def test_applicant_sees_only_own_reviewer_only_assigned(as_user: Client) -> None:
    cid = _challenge(as_user)
    a1, a2 = _apply(as_user, cid, "app1"), _apply(as_user, cid, "app2")
    mine = as_user("app1").get("/api/applications").json()["items"]
    assert [a["id"] for a in mine] == [a1]
    assert as_user("app1").get(f"/api/applications/{a2}").status_code == 404
    assert [a["id"] for a in as_user("app1").get(f"/api/challenges/{cid}/applications").json()["items"]] == [a1]
    # rev1 assigned to a1 only; rev2 to nothing
    r = as_user("pub1").post(f"/api/challenges/{cid}/reviewers", json={"reviewers": ["rev1"], "applications": [a1]})
    assert r.status_code == 200 and r.json()["assigned"] == 1
    assert [a["id"] for a in as_user("rev1").get("/api/applications").json()["items"]] == [a1]
    assert as_user("rev1").get(f"/api/applications/{a2}").status_code == 404
    assert as_user("rev2").get("/api/applications").json()["items"] == []
    assert as_user("rev2").post(f"/api/applications/{a1}/review",
                                json={"scores": {}, "comment": "x"}).status_code == 404
    # assigning a non-reviewer account is refused
    bad = as_user("pub1").post(f"/api/challenges/{cid}/reviewers", json={"reviewers": ["app2"]})
    assert bad.status_code == 422
    # the publisher sees both, with reviews
    both = as_user("pub1").get(f"/api/challenges/{cid}/applications").json()["items"]
    assert {a["id"] for a in both} == {a1, a2} and "reviews" in both[0]


def test_nothing_accepted_after_deadline(as_user: Client, ch_url: str) -> None:
    cid = _challenge(as_user)
    with session_scope(ch_url) as s:
        s.execute(update(Challenge).where(Challenge.id == cid)
                  .values(deadline=datetime.now(UTC) - timedelta(minutes=1)))
    r = as_user("app1").post(f"/api/challenges/{cid}/applications", json={"proposal": "late"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "deadline_passed"
    assert as_user(None).get("/api/public/challenges").json()["items"] == []
    past = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    d = as_user("pub1").post("/api/challenges", json={"title": "t", "description": "d", "deadline": past}).json()
    assert as_user("pub1").post(f"/api/challenges/{d['id']}/publish").status_code == 409


def test_no_award_without_reviews_then_full_flow(as_user: Client, ch_url: str) -> None:
    cid = _challenge(as_user)
    a1, a2 = _apply(as_user, cid, "app1"), _apply(as_user, cid, "app2")
    pub = as_user("pub1")
    r = pub.post(f"/api/applications/{a1}/decision", json={"outcome": "awarded", "feedback": "好"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "no_reviews"
    assert pub.post(f"/api/applications/{a1}/shortlist").status_code == 409
    assert pub.post(f"/api/challenges/{cid}/reviewers", json={"reviewers": ["rev1", "rev2"]}).json()["assigned"] == 4
    # rev2 declares a conflict on a1: that review is excluded and cannot be scored
    assert as_user("rev2").post(f"/api/applications/{a1}/conflict", json={"note": "曾与该团队合作"}).status_code == 200
    assert as_user("rev2").post(f"/api/applications/{a1}/review", json={
        "scores": {"技术方案": 9, "团队能力": 9, "实施计划与成本": 9}, "comment": "x"}).status_code == 409
    # scores outside the rubric are refused
    bad = as_user("rev1").post(f"/api/applications/{a1}/review", json={
        "scores": {"技术方案": 11, "团队能力": 8, "实施计划与成本": 8}, "comment": "x"})
    assert bad.status_code == 422
    ok = as_user("rev1").post(f"/api/applications/{a1}/review", json={
        "scores": {"技术方案": 9, "团队能力": 8, "实施计划与成本": 7}, "comment": "方案可行，成本偏高"})
    assert ok.status_code == 200 and ok.json()["total"] == 81.0  # 0.4*90 + 0.3*80 + 0.3*70
    as_user("rev2").post(f"/api/applications/{a2}/review", json={
        "scores": {"技术方案": 5, "团队能力": 6, "实施计划与成本": 5}, "comment": "中试条件不足"})
    # the applicant does not see scores before the decision, nor who reviewed
    before = as_user("app1").get(f"/api/applications/{a1}").json()
    assert before["score"]["mean"] is None and "reviews" not in before
    agg = pub.get(f"/api/applications/{a1}").json()["score"]
    assert agg == {"reviews": 1, "assigned": 2, "conflicts": 1, "mean": 81.0}
    assert pub.post(f"/api/applications/{a1}/shortlist").status_code == 200
    # feedback is required for every decision
    assert pub.post(f"/api/applications/{a2}/decision", json={"outcome": "rejected", "feedback": " "}).status_code == 422
    assert pub.post(f"/api/applications/{a1}/decision",
                    json={"outcome": "awarded", "feedback": "揭榜成功：方案最完整"}).status_code == 200
    assert pub.post(f"/api/applications/{a2}/decision",
                    json={"outcome": "rejected", "feedback": "中试条件不足，欢迎下次揭榜"}).status_code == 200
    assert as_user(None).get(f"/api/public/challenges/{cid}").json()["status"] == "awarded"
    # every applicant sees their decision with feedback and the reviewers' comments
    got1 = as_user("app1").get(f"/api/applications/{a1}").json()
    assert got1["status"] == "awarded" and got1["feedback"].startswith("揭榜成功")
    assert got1["comments"] == ["方案可行，成本偏高"] and got1["score"]["mean"] == 81.0
    got2 = as_user("app2").get(f"/api/applications/{a2}").json()
    assert got2["status"] == "rejected" and "中试条件不足" in got2["feedback"]
    # milestones on the awarded application only
    assert pub.post(f"/api/applications/{a2}/milestones", json={"title": "x"}).status_code == 409
    m = pub.post(f"/api/applications/{a1}/milestones", json={"title": "中试样品交付", "due": "2027-03-01"})
    assert m.status_code == 201
    assert as_user("app1").post(f"/api/milestones/{m.json()['id']}/done").status_code == 403
    assert pub.post(f"/api/milestones/{m.json()['id']}/done").json()["status"] == "done"
    # export (CSV and XLSX) for the publisher, not for applicants
    csv = pub.get(f"/api/challenges/{cid}/export?format=csv")
    assert csv.status_code == 200 and "揭榜成功" in csv.content.decode("utf-8-sig") and "awarded" in csv.text
    xlsx = pub.get(f"/api/challenges/{cid}/export?format=xlsx")
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "申请编号" and len(rows) == 3
    assert as_user("app1").get(f"/api/challenges/{cid}/export").status_code == 403
    # everything audited
    with session_scope(ch_url) as s:
        actions = set(s.scalars(select(AuditLog.action)))
    assert {"challenge_create", "challenge_publish", "challenge_apply", "challenge_assign", "review_conflict",
            "review_submit", "application_shortlist", "application_awarded", "application_rejected",
            "milestone_add", "milestone_done"} <= actions


def test_external_roles_see_challenges_only(as_user: Client) -> None:
    for name in ("app1", "rev1"):
        c = as_user(name)
        for path in ("/api/entities", "/api/documents", "/api/registers", "/api/audit", "/api/matching/demands"):
            r = c.get(path)
            assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden_role", (name, path)
        assert c.get("/api/auth/me").json()["username"] == name
        assert c.get("/api/challenges").status_code == 200
        r = c.get("/", follow_redirects=False)
        assert r.status_code in (302, 303, 307) and r.headers["location"].endswith("/challenges")
        assert c.get("/challenges").status_code == 200 and c.get("/account").status_code == 200
    assert as_user("viewer1").get("/api/entities").status_code == 200
