"""Real-text gold for `shuanglian eval`: annotations whose page text stays in `../shared/data/real/`.

A real-gold file (format in tests/fixtures/real_gold/README.md) names its `source`
(a file under the data folder, or `national-reports-1954-2015.jsonl#YEAR`) and a 1-based inclusive
`lines` range of the body (null = whole body). Data files start with a `# url: … | date: …` header line
that is not text: it is dropped before lines are counted (body line 1 = file line 2), and its date is the
publication date when the gold gives none. The text is extracted as plain text (no HTML cleaning), and
dev and holdout splits are scored apart. A file with an `annotated` list (e.g. ["projects"]) was annotated
for those fact types only and is scored for them alone.
"""

from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SPLITS = ("dev", "holdout")
# the fact types a gold file can hold; `annotated` (optional) lists the ones a file was annotated for
FACT_TYPES = ("entities", "roles", "figures", "projects", "events", "policies")
_HEADER = "# url:"  # crawl header line (url, title, date, outlet) on line 1 of the data files: not text
_HEADER_DATE = re.compile(r"\|\s*date:\s*(\d{4}-\d{2}-\d{2})")


class RealGoldError(ValueError):
    """A real-gold file or its source text that cannot be used (names the file and the reason)."""


@dataclass
class RealItem:
    """One annotated document or section with the text it was annotated on."""

    id: str
    split: str
    text: str
    published: str | None
    gold: dict[str, Any]


def expected_split(item_id: str) -> str:
    """The split fixed by the id: holdout iff crc32(id) % 3 == 0."""
    return "holdout" if zlib.crc32(item_id.encode("utf-8")) % 3 == 0 else "dev"


def scored_types(gold: dict[str, Any]) -> frozenset[str]:
    """The fact types a gold file is scored for: its `annotated` list, or every type when it has none."""
    listed = gold.get("annotated")
    return frozenset(FACT_TYPES if listed is None else listed)


def is_real_gold_dir(gold_dir: Path) -> bool:
    """True when the folder's gold files point at shared data (`source`) instead of pages beside them."""
    for gpath in sorted(Path(gold_dir).glob("*.gold.json")):
        try:
            return "source" in json.loads(gpath.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
    return False


def default_data_dir(gold_dir: Path) -> Path:
    """`<repo>/../shared/data/real`, the repo being the nearest parent of `gold_dir` with a pyproject.toml."""
    here = Path(gold_dir).resolve()
    for parent in (here, *here.parents):
        if (parent / "pyproject.toml").is_file():
            return parent.parent / "shared" / "data" / "real"
    return here.parent / "shared" / "data" / "real"


class _Sources:
    """Reads source texts once each (the national jsonl holds 60 reports)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._files: dict[str, list[str]] = {}
        self._published: dict[str, str | None] = {}
        self._national: dict[str, dict[int, str]] = {}

    def lines(self, source: str) -> tuple[list[str], str | None]:
        """The body lines of `source` (header line dropped) and the date in its header, or raise RealGoldError."""
        if source not in self._files:
            self._files[source], self._published[source] = self._load(source)
        return self._files[source], self._published[source]

    def _load(self, source: str) -> tuple[list[str], str | None]:
        name, _, year = source.partition("#")
        path = self.data_dir / name
        if not path.is_file():
            raise RealGoldError(f"source {source!r}: no file {path}")
        if year:
            if name not in self._national:
                recs: dict[int, str] = {}
                with path.open(encoding="utf-8") as fh:
                    for line in fh:
                        if line.strip():
                            rec = json.loads(line)
                            recs[int(rec["year"])] = rec.get("text") or ""
                self._national[name] = recs
            if not year.isdigit() or int(year) not in self._national[name]:
                raise RealGoldError(f"source {source!r}: no record for year {year} in {path}")
            # a record carries its year, as a real ingest of it would: the year stands for the publication
            # date (the report is read in the spring of that year), so 今年/去年 and section years resolve
            return self._national[name][int(year)].split("\n"), year
        lines = path.read_text(encoding="utf-8").split("\n")
        published = None
        if lines and lines[0].startswith(_HEADER):
            m = _HEADER_DATE.search(lines[0])
            published = m.group(1) if m else None
            lines = lines[1:]
        return lines, published


def load_real_gold(gold_dir: Path, data_dir: Path | None = None) -> list[RealItem]:
    """Every `*.gold.json` of `gold_dir` with its text cut from the shared data; raises RealGoldError."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise RealGoldError(f"{gold_dir}: not a directory")
    data_dir = Path(data_dir) if data_dir else default_data_dir(gold_dir)
    if not data_dir.is_dir():
        raise RealGoldError(f"{data_dir}: real data folder missing (expected <repo>/../shared/data/real)")
    sources = _Sources(data_dir)
    items = []
    for gpath in sorted(gold_dir.glob("*.gold.json")):
        try:
            gold = json.loads(gpath.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise RealGoldError(f"{gpath}: cannot read gold annotation: {exc}") from exc
        if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list) or not gold.get("source"):
            raise RealGoldError(f"{gpath}: expected an object with 'source' and an 'entities' list")
        listed = gold.get("annotated")
        if listed is not None and (
            not isinstance(listed, list) or not listed or not set(listed) <= set(FACT_TYPES)
        ):
            raise RealGoldError(f"{gpath}: 'annotated' must be a non-empty list of {', '.join(FACT_TYPES)}")
        item_id = gold.get("id") or gpath.name[: -len(".gold.json")]
        split = gold.get("split") or expected_split(item_id)
        if split != expected_split(item_id):
            raise RealGoldError(f"{gpath}: split {split!r} but the crc32 rule puts {item_id} in {expected_split(item_id)}")
        try:
            lines, printed = sources.lines(gold["source"])
        except RealGoldError as exc:
            raise RealGoldError(f"{gpath}: {exc}") from exc
        rng = gold.get("lines")
        if rng:
            lo, hi = int(rng[0]), int(rng[1])
            if not 1 <= lo <= hi <= len(lines):
                raise RealGoldError(f"{gpath}: lines {lo}-{hi} outside the {len(lines)} lines of {gold['source']}")
            lines = lines[lo - 1 : hi]
        text = "\n".join(lines).strip("\n")
        # the annotator's date (e.g. the report date in the text) over the crawl header's
        items.append(RealItem(item_id, split, text, gold.get("published") or printed, gold))
    if not items:
        raise RealGoldError(f"{gold_dir}: no *.gold.json files")
    return items
