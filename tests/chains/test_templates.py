"""Chain template loader and validator: shipped files load; malformed files fail naming file and field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from shuanglian.chains.templates import (
    STAGES,
    TemplateError,
    load_template_file,
    load_template_text,
    shipped_templates,
)

GOOD = {
    "id": "demo_chain",
    "name": "示例链",
    "category": "future",
    "industries": ["示例产业"],
    "links": [
        {"id": "up", "name": "上游", "stage": "upstream", "products": ["原料"]},
        {"id": "mid", "name": "中游", "stage": "midstream", "products": ["整机"]},
        {"id": "mid2", "name": "中游2", "stage": "midstream", "keywords": ["部件集成"]},
        {"id": "down", "name": "下游", "stage": "downstream", "keywords": ["应用"]},
    ],
}


def _yaml(obj: object) -> str:
    return yaml.safe_dump(obj, allow_unicode=True)


def test_shipped_templates_load_and_medical_devices_has_all_stages() -> None:
    tpls = shipped_templates()
    med = tpls["high_end_medical_devices"]
    assert med.name == "高端医疗器械"
    assert med.category == "strategic_emerging"
    assert {ln.stage for ln in med.links} == set(STAGES)
    life = med.link("midstream_life_support")
    assert "除颤仪" in life.products and "监护仪" in life.products
    for t in tpls.values():
        assert t.links, t.id


def test_default_feeds_point_to_next_stage() -> None:
    t = load_template_text(_yaml(GOOD), "demo.yaml")
    assert t.link("up").feeds == ("mid", "mid2")
    assert t.link("mid").feeds == ("down",)
    assert t.link("down").feeds == ()
    assert t.link("up").terms() == {"原料": "product"}
    obj = yaml.safe_load(_yaml(GOOD))
    obj["links"][3] = {"id": "down", "name": "下游", "stage": "downstream", "names": ["医院"]}
    t2 = load_template_text(_yaml(obj), "demo.yaml")
    assert t2.link("down").names == ("医院",) and t2.link("down").terms() == {"医院": "name"}


@pytest.mark.parametrize(
    ("mutate", "needle"),
    [
        (lambda o: o.pop("name"), "field 'name'"),
        (lambda o: o.update(id="高端"), "field 'id' must be an ascii slug"),
        (lambda o: o.update(category="misc"), "field 'category'"),
        (lambda o: o.update(links=[]), "field 'links'"),
        (lambda o: o["links"][1].update(stage="middle"), "field 'links[1].stage'"),
        (lambda o: o["links"][2].update(id="mid"), "field 'links[2].id' duplicates"),
        (lambda o: o["links"][0].update(feeds=["nowhere"]), "field 'links[0].feeds' names unknown link 'nowhere'"),
        (lambda o: o["links"][0].update(products="原料"), "field 'links[0].products' must be a list"),
        (lambda o: o["links"][3].pop("keywords"), "link 'down' needs at least one of"),
        (lambda o: o.update(industries=[1, 2]), "field 'industries'"),
    ],
)
def test_validation_errors_name_file_and_field(mutate, needle: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    obj = yaml.safe_load(_yaml(GOOD))
    mutate(obj)
    p = tmp_path / "bad_chain.yaml"
    p.write_text(_yaml(obj), encoding="utf-8")
    with pytest.raises(TemplateError) as ei:
        load_template_file(p)
    assert str(p) in str(ei.value)
    assert needle in str(ei.value)


def test_invalid_yaml_and_missing_file(tmp_path: Path) -> None:
    p = tmp_path / "broken.yaml"
    p.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="broken.yaml: not valid YAML"):
        load_template_file(p)
    with pytest.raises(TemplateError, match="nothere.yaml: cannot read"):
        load_template_file(tmp_path / "nothere.yaml")
