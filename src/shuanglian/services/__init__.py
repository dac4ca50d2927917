"""Service functions shared by the CLI, the HTTP API and the web app (one per area)."""
