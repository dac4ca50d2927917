"""User, session and API-token tables; filled by the web area."""
