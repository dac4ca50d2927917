"""Target/actual cue classes of cues.yaml (probe sentences written for each rule class)."""

from __future__ import annotations

from shuanglian.extract.facts.figures import extract_figures


def _targets(text: str, published: str | None) -> dict[str, bool]:
    return {f["text"]: f["target"] for f in extract_figures(text, published)}


def test_a_plan_word_in_the_name_of_a_programme_selected_into_is_no_goal() -> None:
    # orientation_verbs 入选/纳入/列入: 计划 names the programme, the figure is a count of what was selected
    t = _targets("去年新入选国家人才培养计划青年专家120名，新增博士后工作站15个。", "2025-01-20")
    assert t == {"120名": False, "15个": False}
    assert _targets("计划新建博士后工作站15个。", "2025-01-20") == {"15个": True}
