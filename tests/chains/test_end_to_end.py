"""From a real page to the chain map: ingest the bundled feature on a defibrillator and patient-monitor
maker (full cleaning + extraction + graph), then place it and read the medical-devices map and registers."""

from __future__ import annotations

from shuanglian.samples import samples_dir
from shuanglian.services.chains import chain_map, gaps, place
from shuanglian.services.documents import ingest_paths
from shuanglian.services.registers import list_register
from shuanglian.store.db import init_db, session_scope

MED = "high_end_medical_devices"


def test_ingested_maker_lands_on_life_support_with_evidence(db_url: str) -> None:
    init_db(db_url)
    page = samples_dir() / "pages" / "02_park_site_mindray_feature.txt"
    report = ingest_paths([page], db_url)
    assert report.stored == 1
    assert report.placed >= 1  # ingest places what it stored: no separate step needed
    with session_scope(db_url) as s:
        assert place(s)["placed"] == 0  # every write keeps placements current: nothing left to do
        life = next(ln for ln in chain_map(s, MED, region="深圳")["links"] if ln["id"] == "midstream_life_support")
        makers = {e["name"]: e for e in life["enterprises"]}
        mindray = next(e for n, e in makers.items() if "迈瑞" in n)
        terms = {ev["term"] for ev in mindray["evidence"]}
        assert terms & {"自动体外除颤仪", "除颤仪", "病人监护仪", "监护仪", "AED", "麻醉机", "呼吸机"}
        assert all(ev["document_id"] and ev["text"] for ev in mindray["evidence"])
        kinds = {g["link"]: g["type"] for g in gaps(s, MED, region="深圳")}
        assert "midstream_life_support" not in kinds or kinds["midstream_life_support"] == "strengthen"
        rows = list_register(s, "enterprises", region="深圳", chain="高端医疗器械")["rows"]
        assert any("迈瑞" in r["name"] and r["sources"][0].startswith("doc:") for r in rows)
