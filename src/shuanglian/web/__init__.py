"""Web application and HTTP API (FastAPI) over the shared service functions."""
