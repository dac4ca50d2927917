"""Cleaning: keep the article body, metadata, script conversion, repairs; everything dropped kept aside.

Flow (clean/core.py): HTML -> main-content candidates (html.py: trafilatura balanced, and when it
disagrees with the next one its precision/recall modes; readable.py: a readability-style DOM scorer
with Chinese punctuation and link density; every visible line), each cleaned at three levels (line
rules + body block, line rules only, raw), one chosen per page by agreement with the others and
punctuation density (choose.py, weights in data/choose.yaml, never looking at gold; the winner is
recorded as doc.meta["html_extractor"]) -> lines; text dumps -> lines (unchanged by the above). Each line: whitespace normalised, pinyin annotations stripped (script.py), OpenCC t2s; lines
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
