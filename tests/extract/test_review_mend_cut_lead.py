"""Reviewer finding 10 (mend1): stage._cut_lead gives the gazetteer kind for every lead it cuts, not only after
驻. Shown right for the other leads: the body left after the cut is a known gazetteer body, its kind is its own."""

from __future__ import annotations

from shuanglian.extract.entities.candidates import Cand
from shuanglian.extract.entities.stage import _cut_lead


def test_every_cut_lead_leaves_the_known_body_with_its_own_kind() -> None:
    # a preposition glued to the body (以|二十国集团) read as a company
    text = "以二十国集团为平台"
    cut = _cut_lead(text, Cand(0, 6, "enterprise", "以二十国集团"))
    assert (cut.start, cut.name, cut.kind) == (1, "二十国集团", "organization")
    # a province abbreviation glued to the body (豫|人民解放军), 驻 inside the span
    text = "驻豫人民解放军和武警部队"
    cut = _cut_lead(text, Cand(0, 7, "enterprise", "驻豫人民解放军"))
    assert (cut.name, cut.kind) == ("人民解放军", "organization")
    # after 驻 written outside the span (驻|苏人民解放军)
    text = "驻苏人民解放军"
    cut = _cut_lead(text, Cand(1, 7, "enterprise", "苏人民解放军"))
    assert (cut.start, cut.name, cut.kind) == (2, "人民解放军", "organization")
