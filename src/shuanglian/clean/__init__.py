"""Cleaning: keep the article body, metadata, script conversion, repairs; everything dropped kept aside.

Flow (clean/core.py): HTML -> trafilatura main content (selectolax fallback) -> lines; text dumps ->
lines. Each line: whitespace normalised, pinyin annotations stripped (script.py), OpenCC t2s; lines
re-joined when hard-wrapped (lines.py); spam lexicon and line rules (data/*.yaml) set drop reasons;
optional site memory drops lines repeated across a site's pages (site_memory.py); the body is the
densest block of sentence-like lines not crossing an end marker (body.py); metadata from meta lines
(meta.py); ad-law repairs with offsets (repairs.py); mojibake ranges (mojibake.py).

Documented choices: mojibake stays in `text` (offsets stay faithful to the page) and its ranges go
to `doc.excluded`; dates without a year ("09-21", "4个月前") give `published = None`; the title
is metadata, never part of `text`; pinyin annotations removed are kept as `dropped` (reason
"pinyin"); HTML blocks trafilatura left out are kept as `dropped` (reason "not_main_content", converted to
simplified like every other dropped line).

Around the body (data/page_parts.yaml): a headline and the date/source line under it are header even
when the headline ends like a sentence; a numbered section heading right above the body opens it;
"XX网讯"/"本报讯" leads are cut (reason "dateline"), wire datelines ("…电") stay. Titles lose repost
tags ("[转帖]") and appended site names ("_XX网", "-XX日报", " | 站点"); a menu line is never the
title. Media, first found wins: a 来源 label, a repost's 转自, an outlet beside the date on the
dateline, og:site_name (HTML), the footer's copyright holder, the site name cut from the title.
"""
