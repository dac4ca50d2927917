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
"pinyin"); HTML blocks trafilatura left out are kept as `dropped` (reason "not_main_content").
"""
