"""Official 六个一 figures: the counts a page reports for each register (161个创新载体, 146个重点项目、总投资
1641亿元), read by rules in data/official.yaml, stored with the money as written and its normalised value,
and shown as "official figure" beside the rows a register holds. Document figures are a projection of the
stored documents (`update_official` / `rebuild_official`); an analyst's figures (origin manual) stay."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from shuanglian.graph.regions import place_in_text, region_key
from shuanglian.registers.spec import get_spec, register_specs
from shuanglian.registers.tables import OfficialFigure
from shuanglian.store.documents import DocumentRow

DATA_FILE = Path(__file__).parent / "data" / "official.yaml"
MEASURES = ("count", "investment")
_NUM = r"(\d+(?:\.\d+)?)"
_CLAUSE = re.compile(r"[^。；;！!\n]+")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")


@dataclass(frozen=True)
class _Rules:
    cues: tuple[str, ...]
    window: int
    count_res: dict[str, list[re.Pattern[str]]]  # register -> patterns (group value, unit, label)
    money: frozenset[str]
    money_re: re.Pattern[str]
    money_units: dict[str, float]


def _fail(field: str, why: str) -> ValueError:
    return ValueError(f"{DATA_FILE.name}: field {field!r} {why}")


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """The parsed data/official.yaml (ValueError naming the file and field when malformed)."""
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise _fail("(top level)", "must be a mapping")
    for key in ("cues", "registers", "money_cues", "money_units"):
        if not data.get(key):
            raise _fail(key, "is missing or empty")
    known = set(register_specs())
    count_res: dict[str, list[re.Pattern[str]]] = {}
    money: set[str] = set()
    for name, r in data["registers"].items():
        if name not in known:
            raise _fail(f"registers.{name}", f"is not a register ({', '.join(sorted(known))})")
        if not r.get("nouns") or not r.get("units"):
            raise _fail(f"registers.{name}", "needs nouns and units")
        nouns = "|".join(sorted(map(re.escape, r["nouns"]), key=len, reverse=True))
        units = "|".join(map(re.escape, r["units"]))
        count_res[name] = [
            # 创新载体161个 / 重点企业达154家
            re.compile(rf"(?P<label>{nouns})(?:总数|数量)?(?:共|累计|合计|已)?(?:达到|达|有|为|超过|超|逾|近)?\s*"
                       rf"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>{units})(?![\d元])"),
            # 161个创新载体 / 154家重点企业 / 146个总投资…的重点项目 (a few words between)
            re.compile(rf"(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>{units})[^\d，,。；;、]{{0,8}}?(?P<label>{nouns})"),
        ]  # fmt: skip
        if r.get("money"):
            money.add(name)
    mu = {str(k): float(v) for k, v in data["money_units"].items()}
    cues = "|".join(sorted(map(re.escape, data["money_cues"]), key=len, reverse=True))
    munits = "|".join(sorted(map(re.escape, mu), key=len, reverse=True))
    money_re = re.compile(rf"(?:{cues})(?:约|达到|达|超过|超|逾|近|共)?\s*{_NUM}\s*(?P<unit>{munits})")
    return _Rules(tuple(data["cues"]), int(data.get("window_lines", 12)), count_res, frozenset(money), money_re, mu)


def _windows(text: str, r: _Rules, from_start: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the text near a cue: a cue line and the `window` lines after it, merged;
    `from_start`: the title has a cue, so the first `window` lines are near it."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    out: list[tuple[int, int]] = []
    if from_start and lines:
        out.append((0, lines[min(len(lines), r.window) - 1][1]))
    for i, (s, e) in enumerate(lines):
        if any(c in text[s:e] for c in r.cues):
            end = lines[min(len(lines) - 1, i + r.window)][1]
            if out and s <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], end))
            else:
                out.append((s, end))
    return out


def parse_official(text: str, title: str | None = None) -> list[dict[str, Any]]:
    """The official figures of one page: `{register, measure, value, unit, text, label, span}`, one per
    register and measure (the first stated), only near a 六个一 cue (in the text or the title)."""
    r = rules()
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for ws, we in _windows(text, r, from_start=any(c in (title or "") for c in r.cues)):
        for cm in _CLAUSE.finditer(text, ws, we):
            clause, base = cm.group(), cm.start()
            hits: list[tuple[int, str, re.Match[str]]] = []
            for reg, pats in r.count_res.items():
                for p in pats:
                    for m in p.finditer(clause):
                        hits.append((m.start(), reg, m))
            # one reading per stretch of text: the longest label at the earliest start wins
            hits.sort(key=lambda h: (h[0], -len(h[2].group("label"))))
            taken: list[tuple[int, int]] = []
            for _s, reg, m in hits:
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                if (reg, "count") not in found:
                    found[(reg, "count")] = {
                        "register": reg, "measure": "count", "value": float(m.group("n")), "unit": m.group("unit"),
                        "text": f"{m.group('n')}{m.group('unit')}", "label": m.group("label"),
                        "span": (base + m.start(), base + m.end()),
                    }  # fmt: skip
                if reg in r.money and (reg, "investment") not in found:
                    mm = r.money_re.search(clause, m.end()) or r.money_re.search(clause)
                    if mm:
                        found[(reg, "investment")] = {
                            "register": reg, "measure": "investment",
                            "value": float(mm.group(1)) * r.money_units[mm.group("unit")], "unit": mm.group("unit"),
                            "text": f"{mm.group(1)}{mm.group('unit')}", "label": m.group("label"),
                            "span": (base + mm.start(), base + mm.end()),
                        }  # fmt: skip
    return list(found.values())


def _day(published: str | None) -> str | None:
    m = _DATE.match(published or "")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def _figure_id(*parts: Any) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:32]


def _page_region(text: str, span: tuple[int, int], title: str | None) -> str | None:
    """Where the figures are about: a division the cue's line starts with, else the title's."""
    line_start = text.rfind("\n", 0, span[0]) + 1
    for cand in (text[line_start : span[0]], title or "", text[:200]):
        p = place_in_text(cand.strip()) if cand else None
        if p:
            return p
    return None


def _document_rows(row: DocumentRow) -> list[dict[str, Any]]:
    text = row.text or ""
    if not any(c in f"{row.title or ''}\n{text}" for c in rules().cues):
        return []
    now = datetime.now(UTC)
    out = []
    for f in parse_official(text, row.title):
        out.append({
            "id": _figure_id("doc", row.id, f["register"], f["measure"]), "register": f["register"],
            "measure": f["measure"], "value": f["value"], "unit": f["unit"], "text": f["text"], "label": f["label"],
            "region": _page_region(text, f["span"], row.title), "document_id": row.id,
            "span_start": f["span"][0], "span_end": f["span"][1], "as_of": _day(row.published),
            "origin": "document", "user": None, "note": "", "created_at": now,
        })  # fmt: skip
    return out


def update_official(session: Session, doc_ids: Iterable[str]) -> int:
    """Re-read the official figures of these documents (gone or copies: their figures go); returns rows."""
    ids = sorted(set(doc_ids))
    n = 0
    for i in range(0, len(ids), 900):
        part = ids[i : i + 900]
        session.execute(delete(OfficialFigure).where(OfficialFigure.document_id.in_(part),
                                                     OfficialFigure.origin == "document"))  # fmt: skip
        for row in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(part))):
            if row.copy_of:
                continue  # a republished copy says nothing new
            rows = _document_rows(row)
            for r in rows:
                session.add(OfficialFigure(**r))
            n += len(rows)
    session.flush()
    return n


def rebuild_official(session: Session) -> int:
    """Re-read every stored document's official figures (analysts' figures are kept)."""
    session.execute(delete(OfficialFigure).where(OfficialFigure.origin == "document"))
    cue = or_(*[DocumentRow.text.contains(c) for c in rules().cues], *[DocumentRow.title.contains(c) for c in rules().cues])
    ids = list(session.scalars(select(DocumentRow.id).where(cue, DocumentRow.copy_of.is_(None))))
    return update_official(session, ids)


def add_official(
    session: Session, register: str, measure: str, text: str, user: str, region: str | None = None, note: str = ""
) -> dict[str, Any]:
    """An analyst states an official figure as written (161个, 1641亿元); stored normalised too."""
    spec = get_spec(register)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    r = rules()
    t = (text or "").strip().replace(",", "")
    if measure == "investment":
        m = re.fullmatch(rf"{_NUM}\s*(?P<unit>{'|'.join(map(re.escape, r.money_units))})", t)
        if not m:
            raise ValueError(f"text: {text!r} is not an amount such as 1641亿元 ({'/'.join(r.money_units)})")
        value = float(m.group(1)) * r.money_units[m.group("unit")]
    else:
        m = re.fullmatch(rf"{_NUM}\s*(?P<unit>[个家项所座条支名]?)", t)
        if not m:
            raise ValueError(f"text: {text!r} is not a count such as 161个")
        value = float(m.group(1))
    unit = m.group("unit") or "个"
    now = datetime.now(UTC)
    row = OfficialFigure(
        id=_figure_id("manual", spec.name, measure, region or "", user, now.isoformat()), register=spec.name,
        measure=measure, value=value, unit=unit, text=f"{m.group(1)}{unit}", label=spec.title_zh,
        region=(region or "").strip() or None, document_id=None, as_of=now.strftime("%Y-%m-%d"), origin="manual",
        user=user, note=(note or "")[:500], created_at=now,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return figure_dict(row)


def delete_official(session: Session, figure_id: str) -> dict[str, Any]:
    """Remove an analyst's figure (document figures follow their page: KeyError / ValueError)."""
    row = session.get(OfficialFigure, figure_id)
    if row is None:
        raise KeyError(f"no official figure {figure_id!r}")
    if row.origin != "manual":
        raise ValueError("a figure read from a page follows the page; enter a corrected figure instead")
    out = figure_dict(row)
    session.delete(row)
    session.flush()
    return out


def figure_dict(f: OfficialFigure) -> dict[str, Any]:
    """Plain dict of one official figure (money as written in `text`, normalised in `value`)."""
    return {
        "id": f.id, "register": f.register, "measure": f.measure, "value": f.value, "unit": f.unit, "text": f.text,
        "label": f.label, "region": f.region, "document_id": f.document_id, "as_of": f.as_of, "origin": f.origin,
        "user": f.user, "note": f.note,
    }  # fmt: skip


def official_figures(session: Session, region: str | None = None) -> dict[str, dict[str, dict[str, Any]]]:
    """register -> measure -> the figure in force for the region (its own or, without a region filter,
    any): an analyst's newest first, else the newest page's."""
    rows = list(session.scalars(select(OfficialFigure)))
    key = region_key(region) if region else None
    out: dict[str, dict[str, dict[str, Any]]] = {}

    def newest_first(f: OfficialFigure) -> tuple[int, str, str, str]:
        made = f.created_at.isoformat() if f.created_at else None
        return (0 if f.origin == "manual" else 1, _desc(f.as_of), _desc(made), f.id)

    for f in sorted(rows, key=newest_first):
        if key is not None and (not f.region or region_key(f.region) != key):
            continue
        out.setdefault(f.register, {}).setdefault(f.measure, figure_dict(f))
    return out


def _desc(s: str | None) -> str:
    """A string key that sorts the greater (newer) value first and a missing one last."""
    if not s:
        return "\U0010ffff"
    return "".join(chr(0x10FFFE - ord(c)) for c in s)
