"""Chinese full-text search over documents (SQLite FTS5 trigram / PostgreSQL pg_trgm) with snippets.

SQLite: a standalone FTS5 table `search_fts` (tokenizer `trigram`, which needs no word segmentation
and so works for Chinese) kept in sync with `documents` by triggers, so every writer (CLI ingest,
web upload, tests) keeps the index current without having to remember to call us; `index_document`
re-indexes one row explicitly and is idempotent. Trigram MATCH needs terms of >= 3 characters;
shorter terms (most Chinese words are 2 characters) fall back to LIKE on the same table.

PostgreSQL: GIN trigram indexes on `documents.title` / `documents.text` (and on the graph's
`entities.search_text`); ILIKE / LIKE use them, and PostgreSQL maintains them itself.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session

from shuanglian.store.documents import DocumentRow

MAX_LIMIT = 100
COUNT_CAP = 1000  # matches counted past the requested page: "1000+" instead of a count over every document
SNIPPET_RADIUS = 40
_SQLITE_TRIGGERS = ("search_fts_ai", "search_fts_au", "search_fts_ad")


@dataclass
class SearchHit:
    """One result: what it is, where it links, and a snippet as (segment, is_match) pairs."""

    kind: str  # "document" or "entity"
    ref: str
    title: str
    snippet: list[tuple[str, bool]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """JSON form for the API (snippet segments as {text, match})."""
        return {
            "kind": self.kind,
            "ref": self.ref,
            "title": self.title,
            "snippet": [{"text": s, "match": m} for s, m in self.snippet],
            **self.extra,
        }


@dataclass
class SearchResults:
    """A page of hits plus the total number of matching documents."""

    query: str
    total: int
    hits: list[SearchHit]
    total_capped: bool = False  # more match than `total` (counting stops COUNT_CAP past the page)


def trigram_supported() -> bool:
    """FTS5's trigram tokenizer exists from SQLite 3.34."""
    major, minor, *_ = (int(x) for x in sqlite3.sqlite_version.split("."))
    return (major, minor) >= (3, 34)


def _is_sqlite(bind: Engine | Connection) -> bool:
    return bind.dialect.name == "sqlite"


def ensure_search_index(engine: Engine) -> None:
    """Create the search index (and its sync triggers) if missing; back-fill it from `documents`."""
    with engine.begin() as conn:
        if _is_sqlite(conn):
            if not trigram_supported():
                return  # search() then falls back to LIKE over documents
            existing = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
            if "documents" not in existing:
                return
            rebuild = "search_fts" not in existing or not set(_SQLITE_TRIGGERS) <= existing
            if not rebuild and _sqlite_index_drifted(conn):
                rebuild = True
            if not rebuild:
                return
            conn.execute(text("DROP TABLE IF EXISTS search_fts"))
            # FTS rows share the documents' rowids, so triggers find a row by rowid (a lookup by the
            # UNINDEXED ref column would scan the whole index on every write)
            conn.execute(
                text("CREATE VIRTUAL TABLE search_fts USING fts5(ref UNINDEXED, title, body, tokenize='trigram')")
            )
            for name in _SQLITE_TRIGGERS:
                conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
            conn.execute(
                text(
                    "CREATE TRIGGER search_fts_ai AFTER INSERT ON documents BEGIN "
                    "INSERT INTO search_fts(rowid, ref, title, body) "
                    "VALUES (new.rowid, new.id, coalesce(new.title, ''), new.text); END"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER search_fts_au AFTER UPDATE OF id, title, text ON documents BEGIN "
                    "DELETE FROM search_fts WHERE rowid = old.rowid; "
                    "INSERT INTO search_fts(rowid, ref, title, body) "
                    "VALUES (new.rowid, new.id, coalesce(new.title, ''), new.text); END"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER search_fts_ad AFTER DELETE ON documents BEGIN "
                    "DELETE FROM search_fts WHERE rowid = old.rowid; END"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO search_fts(rowid, ref, title, body) "
                    "SELECT rowid, id, coalesce(title, ''), text FROM documents"
                )
            )
        elif conn.dialect.name == "postgresql":
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            conn.execute(
                text(
                    "CREATE INDEX IF NOT EXISTS ix_documents_text_trgm ON documents "
                    "USING gin (text gin_trgm_ops)"
                )
            )
            conn.execute(
                text(
                    "CREATE INDEX IF NOT EXISTS ix_documents_title_trgm ON documents "
                    "USING gin (title gin_trgm_ops)"
                )
            )
            # the graph service finds entities by substring of any name (search_text LIKE '%x%'):
            # a trigram index keeps that fast at a million entities
            conn.execute(
                text(
                    "CREATE INDEX IF NOT EXISTS ix_entities_search_text_trgm ON entities "
                    "USING gin (search_text gin_trgm_ops)"
                )
            )


def _sqlite_index_drifted(conn: Connection) -> bool:
    """True when the index no longer mirrors `documents` row for row (e.g. rowids renumbered by VACUUM)."""
    n_docs = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
    n_fts = conn.execute(text("SELECT count(*) FROM search_fts")).scalar_one()
    if n_docs != n_fts:
        return True
    bad = conn.execute(
        text(
            "SELECT 1 FROM search_fts f LEFT JOIN documents d ON d.rowid = f.rowid "
            "WHERE d.id IS NULL OR d.id != f.ref LIMIT 1"
        )
    ).first()
    return bad is not None


def index_document(session: Session, doc_row: DocumentRow) -> None:
    """(Re-)index one stored document now; idempotent (triggers normally do this already)."""
    bind = session.get_bind()
    if not _is_sqlite(bind) or not trigram_supported() or not _sqlite_fts_ready(session):
        return  # PostgreSQL's trigram index is maintained by the database itself
    rowid = session.execute(text("SELECT rowid FROM documents WHERE id = :id"), {"id": doc_row.id}).scalar()
    if rowid is None:
        return
    session.execute(text("DELETE FROM search_fts WHERE rowid = :r"), {"r": rowid})
    session.execute(
        text("INSERT INTO search_fts(rowid, ref, title, body) VALUES (:r, :ref, :title, :body)"),
        {"r": rowid, "ref": doc_row.id, "title": doc_row.title or "", "body": doc_row.text or ""},
    )


def query_terms(q: str) -> list[str]:
    """Split a query on whitespace; duplicates removed, order kept."""
    seen: list[str] = []
    for t in q.split():
        if t and t not in seen:
            seen.append(t)
    return seen[:8]


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def snippet(body: str, terms: list[str], radius: int = SNIPPET_RADIUS) -> list[tuple[str, bool]]:
    """A window of `body` around the first match, split into (segment, is_match) pairs."""
    if not body:
        return []
    low = body.lower()
    first = min((i for i in (low.find(t.lower()) for t in terms) if i >= 0), default=0)
    start = max(0, first - radius)
    end = min(len(body), first + radius * 3)
    window = body[start:end].replace("\n", " ")
    parts = split_matches(window, terms)
    if start > 0:
        parts.insert(0, ("…", False))
    if end < len(body):
        parts.append(("…", False))
    return parts


def split_matches(s: str, terms: list[str]) -> list[tuple[str, bool]]:
    """Split `s` into segments, marking case-insensitive occurrences of any term."""
    if not terms:
        return [(s, False)] if s else []
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in pattern.finditer(s):
        if m.start() > pos:
            out.append((s[pos : m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(s):
        out.append((s[pos:], False))
    return out


def _sqlite_fts_ready(session: Session) -> bool:
    row = session.execute(
        text("SELECT 1 FROM sqlite_master WHERE name = 'search_fts' AND type = 'table'")
    ).first()
    return row is not None


def search_documents(session: Session, q: str, limit: int = 20, offset: int = 0) -> SearchResults:
    """Full-text search over document titles and cleaned text, best matches first."""
    terms = query_terms(q)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    if not terms:
        return SearchResults(q, 0, [])
    bind = session.get_bind()
    params: dict[str, Any] = {"limit": limit, "offset": offset, "cap": min(offset + limit + COUNT_CAP, 2**62)}
    if _is_sqlite(bind) and trigram_supported() and _sqlite_fts_ready(session):
        long_terms = [t for t in terms if len(t) >= 3]
        short_terms = [t for t in terms if len(t) < 3]
        where: list[str] = []
        if long_terms:
            params["match"] = " AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms)
            where.append("search_fts MATCH :match")
        for i, t in enumerate(short_terms):
            params[f"l{i}"] = _like(t)
            where.append(f"(title LIKE :l{i} ESCAPE '\\' OR body LIKE :l{i} ESCAPE '\\')")
        cond = " AND ".join(where)
        order = "bm25(search_fts, 0, 5.0, 1.0)" if long_terms else "rowid DESC"
        total = session.execute(text(f"SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE {cond} LIMIT :cap) AS m"),
                                params).scalar_one()
        rows = session.execute(
            text(
                f"SELECT ref, title, body FROM search_fts WHERE {cond} ORDER BY {order} "
                "LIMIT :limit OFFSET :offset"
            ),
            params,
        ).all()
    else:
        op = "ILIKE" if bind.dialect.name == "postgresql" else "LIKE"
        where = []
        for i, t in enumerate(terms):
            params[f"l{i}"] = _like(t)
            where.append(
                f"(coalesce(title, '') {op} :l{i} ESCAPE '\\' OR text {op} :l{i} ESCAPE '\\')"
            )
        cond = " AND ".join(where)
        total = session.execute(text(f"SELECT count(*) FROM (SELECT 1 FROM documents WHERE {cond} LIMIT :cap) AS m"),
                                params).scalar_one()
        rows = session.execute(
            text(
                f"SELECT id, coalesce(title, ''), text FROM documents WHERE {cond} "
                "ORDER BY published DESC NULLS LAST, id LIMIT :limit OFFSET :offset"
            ),
            params,
        ).all()
    hits = [
        SearchHit("document", ref, title or ref, snippet(body or "", terms), {"title_parts": split_matches(title or ref, terms)})
        for ref, title, body in rows
    ]
    for h in hits:
        h.extra["title_parts"] = [{"text": s, "match": m} for s, m in h.extra["title_parts"]]
    return SearchResults(q, int(total), hits, total_capped=int(total) >= params["cap"])


def search(session: Session, q: str, limit: int = 20, offset: int = 0) -> SearchResults:
    """Search documents (full text) and, on the first page, entities by name; entity hits come first."""
    docs = search_documents(session, q, limit, offset)
    if offset == 0:
        ent_hits = search_entity_hits(session, q, limit=10)
        docs.hits = ent_hits + docs.hits
    return docs


def search_entity_hits(session: Session, q: str, limit: int = 10) -> list[SearchHit]:
    """Entities any of whose names contain the query (the graph service's name index)."""
    from shuanglian.services import graph

    terms = query_terms(q)
    if not terms:
        return []
    # entity names are short: match the longest term, the most specific one
    # sort=documents: a plain scan + sort; index-ordered sorts probe row by row and are slower for rare terms
    res = graph.search_entities(session, name=max(terms, key=len), limit=limit, sort="documents")
    return [
        SearchHit("entity", e["id"], e["name"], split_matches(e["name"], terms),
                  {"entity_kind": e["kind"], "names": e.get("names") or []})
        for e in res["items"]
    ]
