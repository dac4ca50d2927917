"""Human-readable source labels (title, date, outlet) for document ids, so no page or export shows a hash."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shuanglian.store.documents import DocumentRow

_CHUNK = 500
# statement origins as a reader says them (register `sources` entries are `origin:user`)
ORIGINS = {
    "import": {"zh": "导入", "en": "import"},
    "manual": {"zh": "人工录入", "en": "manual"},
    "document": {"zh": "文档抽取", "en": "document"},
    "rule": {"zh": "规则推断", "en": "rule"},
    "placement": {"zh": "产业链归位", "en": "placement"},
    "system": {"zh": "系统", "en": "system"},
}


@dataclass(frozen=True)
class SourceLabel:
    """What a reader needs to recognise a source document."""

    id: str
    title: str
    published: str | None
    media: str | None

    def text(self) -> str:
        """One line: 《title》 outlet date."""
        parts = [f"《{self.title}》"]
        if self.media:
            parts.append(self.media)
        if self.published:
            parts.append(self.published[:10])
        return " ".join(parts)


def document_labels(session: Session, ids: Iterable[str]) -> dict[str, SourceLabel]:
    """Labels for the given document ids (unknown ids are left out)."""
    wanted = sorted({i for i in ids if i})
    out: dict[str, SourceLabel] = {}
    for i in range(0, len(wanted), _CHUNK):
        part = wanted[i : i + _CHUNK]
        q = select(DocumentRow.id, DocumentRow.title, DocumentRow.published, DocumentRow.media, DocumentRow.source)
        for did, title, published, media, source in session.execute(q.where(DocumentRow.id.in_(part))):
            out[did] = SourceLabel(did, (title or source or did).strip()[:80], published, media)
    return out


def source_text(ref: str, labels: dict[str, SourceLabel], lang: str = "zh") -> str:
    """A register `sources` entry (`doc:ID` / `import:USER` / `manual:USER`) as readable text."""
    kind, _, rest = ref.partition(":")
    if kind == "doc":
        lab = labels.get(rest)
        return lab.text() if lab else ("未知文档" if lang == "zh" else "unknown document")
    origin = ORIGINS.get(kind, {"zh": kind, "en": kind})[lang if lang in ("zh", "en") else "zh"]
    if not rest or rest == "unknown":
        return origin
    return f"{origin}（{rest}）" if lang == "zh" else f"{origin} ({rest})"
