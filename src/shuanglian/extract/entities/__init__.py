"""Entity extraction: organisations by kind, people with roles, places, industries, aliases."""

from shuanglian.extract.entities.stage import EntityStage, extract_entities

__all__ = ["EntityStage", "extract_entities"]
