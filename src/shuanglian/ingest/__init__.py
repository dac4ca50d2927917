"""Ingestion: file discovery, decoding, dedupe, storing documents and failures."""
