"""Take screenshots of the main pages into docs/screenshots/ (headless Debian Chromium, demo database).

Usage: .venv/bin/python docs/take_screenshots.py [--lang zh|en]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from shuanglian.store.db import session_scope
from shuanglian.web.auth import create_user
from shuanglian.web.demo import prepare_demo
from shuanglian.web.server import ServerThread

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
OUT = Path(__file__).parent / "screenshots"


def main() -> None:
    """Seed a demo database, serve it, log in, and screenshot each main page."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="zh", choices=["zh", "en"])
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/shots.db"
        prepare_demo(url, echo=lambda _m: None)
        with session_scope(url) as s:
            create_user(s, "analyst", "editor", "screenshot-pass")
        with ServerThread(url) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            page.context.add_cookies([{"name": "lang", "value": args.lang, "url": base}])
            page.goto(f"{base}/login")
            page.fill("input[name=username]", "analyst")
            page.fill("input[name=password]", "screenshot-pass")
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/")
            page.goto(f"{base}/entities?q=迈瑞")
            entity = page.locator("#entity-table a").first.get_attribute("href")
            page.goto(f"{base}/documents?q=迈瑞&sort=-chars")
            document = page.locator("table.data a[href^='/documents/']").first.get_attribute("href")
            shots = {
                "dashboard": "/",
                "search": "/search?q=迈瑞",
                "document": document,
                "entity": entity,
                "registers": "/registers/carriers",
                "chain_map": "/chains/high_end_medical_devices",
                "review": "/review",
                "review_by_prop": "/review?by=prop",
                "merge_suggestions": "/review/merges",
                "chain_no_evidence": "/chains/semiconductors_ic?region=深圳",
                "audit": "/audit",
            }
            ents = page.request.get(f"{base}/api/entities?kind=enterprise&sort=statements&limit=2").json()["items"]
            if len(ents) == 2:
                from urllib.parse import urlencode

                shots["merge_preview"] = "/entities-merge?" + urlencode({"a": ents[0]["name"], "b": ents[1]["name"]})
            suffix = "" if args.lang == "zh" else "_en"
            for name, path in shots.items():
                page.goto(f"{base}{path}")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(600)  # charts and graph layouts finish drawing
                page.screenshot(path=str(OUT / f"{name}{suffix}.png"), full_page=name not in ("review", "review_by_prop", "audit"))
                print(f"wrote {OUT / f'{name}{suffix}.png'}")
            browser.close()


if __name__ == "__main__":
    main()
