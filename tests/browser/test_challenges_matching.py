"""Headless Chromium: 揭榜挂帅 publish -> apply -> review -> award -> the applicant sees the decision and
feedback; a demand with its ranked, explained matches and feedback buttons.

Set SL_SCREENSHOT_DIR to also save screenshots of each step (docs/screenshots/ was made that way)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shuanglian.services import challenges, matching
from shuanglian.store.db import get_engine, init_db, session_scope
from shuanglian.web.auth import create_user
from shuanglian.web.server import ServerThread
from tests.browser.conftest import CHROMIUM, _require

pytestmark = pytest.mark.browser
PW = "browser-pass-1"
USERS = {"pub": "publisher", "solver": "applicant", "expert": "reviewer", "analyst": "editor"}
SHOTS = os.environ.get("SL_SCREENSHOT_DIR")


@pytest.fixture(scope="module")
def match_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a small database: demo demands/supply and one user per challenge role."""
    _require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing (apt-get install chromium)")
    url = f"sqlite:///{tmp_path_factory.mktemp('match') / 'match.db'}"
    init_db(url)
    with session_scope(url) as s:
        for name, role in USERS.items():
            create_user(s, name, role, PW)
        spec = matching.seed_demo(s)["challenge"]
        challenges.seed_demo(s, spec)
    with ServerThread(url) as base:
        yield base
    get_engine(url).dispose()


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _login(browser, base: str, user: str, lang: str = "zh"):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.add_cookies([{"name": "lang", "value": lang, "url": base}])
    p = ctx.new_page()
    p.goto(f"{base}/login?next=/challenges")
    p.fill("input[name=username]", user)
    p.fill("input[name=password]", PW)
    p.click("button[type=submit]")
    p.wait_for_url(f"{base}/challenges")
    return p


def test_challenge_flow_publish_apply_review_award_feedback(browser, match_server: str) -> None:
    base = match_server
    deadline = (datetime.now(UTC) + timedelta(days=20)).date().isoformat()
    # publisher: create a draft, publish it
    pub = _login(browser, base, "pub")
    pub.fill("#create input[name=title]", "揭榜挂帅：锂电池隔膜涂覆一致性")
    pub.fill("#create textarea[name=description]", "湿法隔膜陶瓷涂覆厚度一致性差，征集工艺方案。")
    pub.fill("#create input[name=award]", "200")
    pub.fill("#create input[name=deadline]", deadline)
    pub.click("#create-submit")
    pub.wait_for_selector("#publish")
    cid = pub.url.rstrip("/").split("/")[-1]
    pub.click("#publish")
    pub.wait_for_selector("#assign")
    assert "张榜中" in pub.locator("#terms").inner_text()
    # anyone, without logging in, sees it on the public page
    anon = browser.new_context().new_page()
    anon.goto(f"{base}/open-challenges")
    assert "锂电池隔膜涂覆一致性" in anon.locator("main").inner_text()
    assert "/login" not in anon.url
    _shot(anon, "challenges_public")
    anon.context.close()
    # applicant applies
    sol = _login(browser, base, "solver")
    sol.goto(f"{base}/challenges/{cid}")
    sol.fill("#apply input[name=organisation]", "某高校材料学院团队")
    sol.fill("#apply textarea[name=proposal]", "采用原子层沉积预处理与在线测厚闭环控制。")
    sol.click("#apply-submit")
    sol.wait_for_selector(".application .app-status")
    assert sol.locator(".application .app-status").inner_text() == "已提交"
    # publisher assigns the expert
    pub.reload()
    pub.fill("input[name=reviewers]", "expert")
    pub.click("#assign")
    pub.wait_for_selector(".application .reviews")
    # expert scores against the rubric
    exp = _login(browser, base, "expert")
    exp.goto(f"{base}/challenges/{cid}")
    inputs = exp.locator(".review-form input[type=number]")
    for i in range(inputs.count()):
        inputs.nth(i).fill("8")
    exp.fill(".review-form textarea[name=comment]", "路线清晰，建议补充量产成本测算。")
    _shot(exp, "challenge_review")
    exp.click(".review-submit")
    exp.wait_for_selector("text=我的评分")
    # publisher awards with feedback
    pub.reload()
    assert pub.locator(".application .mean").inner_text() == "80.0"
    pub.select_option(".decision-form select[name=outcome]", "awarded")
    pub.fill(".decision-form input[name=feedback]", "揭榜成功：方案完整，请于两周内签订合同。")
    pub.click(".decision-form .decide")
    pub.wait_for_selector(".milestones")
    pub.fill(".milestones input[name=title]", "中试样品交付")
    pub.click(".milestones button")
    pub.wait_for_selector("text=中试样品交付")
    _shot(pub, "challenge_publisher")
    # the applicant sees the decision, the feedback and the expert's comment
    sol.reload()
    assert sol.locator(".application .app-status").inner_text() == "揭榜成功"
    assert "请于两周内签订合同" in sol.locator(".decision").inner_text()
    assert "建议补充量产成本测算" in sol.locator(".comments").inner_text()
    assert "expert" not in sol.locator(".application").inner_text()  # reviewers stay anonymous
    _shot(sol, "challenge_applicant")
    for p in (pub, sol, exp):
        p.context.close()


def test_demand_with_ranked_explained_matches(browser, match_server: str) -> None:
    base = match_server
    p = _login(browser, base, "analyst")
    p.goto(f"{base}/matching")
    _shot(p, "matching_list")
    p.locator("#records a", has_text="光刻胶配方与纯化").click()
    p.wait_for_selector("#matches .match")
    first = p.locator("#matches .match").first
    assert "姑苏实验室" in first.inner_text()
    assert "光刻胶" in first.locator(".explain mark").all_inner_texts()
    assert "同一产业链环节" in first.locator(".explain").inner_text()
    scores = [float(t.split()[-1]) for t in p.locator("#matches .match .tag", has_text="得分").all_inner_texts()]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 3
    first.locator("button[data-verdict=useful]").click()
    p.wait_for_selector("#matches .match >> nth=0 >> button.ok[data-verdict=useful]")
    _shot(p, "matching_demand")
    p.context.add_cookies([{"name": "lang", "value": "en", "url": base}])
    p.reload()
    assert "Shared terms" in p.locator("#matches").inner_text()
    _shot(p, "matching_demand_en")
    p.context.close()
