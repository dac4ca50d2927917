"""Shuanglian (双链): innovation chain x industry chain knowledge graph from Chinese documents."""

__version__ = "0.1.0"
