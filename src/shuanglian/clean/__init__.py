"""Cleaning: keep the article body, metadata, script conversion, repairs; everything dropped kept aside."""
