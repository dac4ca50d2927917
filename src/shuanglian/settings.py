"""One settings object, read from the environment (SHUANGLIAN_*) and a `.env` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime configuration; every field can be set as SHUANGLIAN_<NAME> or in `.env`."""

    model_config = SettingsConfigDict(env_prefix="SHUANGLIAN_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///shuanglian.db"
    data_dir: Path = Path("shuanglian-data")
    # The shared data folder (real texts, NER corpora, name lists: shuanglian.shared_data); unset, it is
    # `../shared/data` beside the source checkout. Extraction reads name lists from it, so an installed
    # package with no checkout beside it needs this set, or those lists are empty.
    shared_data: Path | None = None
    log_level: str = "INFO"
    # Documents above this size are refused: real article pages are < 2 MB; bigger files are
    # archives, dumps or attacks and would stall the line classifier. Applies per file, and per line
    # of a .jsonl file; refused inputs are recorded in ingest_failures ("too big: N bytes > limit").
    max_document_bytes: int = 5 * 1024 * 1024
    # One web upload (all its files) above this is refused with 413 and nothing is kept.
    max_upload_bytes: int = 64 * 1024 * 1024
    # Jaccard similarity above which a document is linked as a near-duplicate copy of an earlier one.
    near_duplicate_threshold: float = 0.8
    # Database connections per process = request threads = requests inside the app at once (the rest
    # wait in arrival order). More threads than cores only add GIL and cache contention.
    db_pool_size: int = 16
    # Mark cookies `Secure` even on plain http: set behind a TLS-terminating proxy.
    secure_cookies: bool = False
    # Facts whose extractor confidence reaches this are accepted without review.
    auto_accept_threshold: float = 0.9


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings (cached)."""
    return Settings()
