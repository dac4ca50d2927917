"""Quality evaluation: the extractor run over gold pages (team gold and real gold) and scored.

It runs the whole text pipeline and the document service, so it sits above them (beside the CLI)."""
