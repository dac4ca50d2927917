"""Region containment moved to the graph (shuanglian.graph.regions); kept so existing imports work."""

from shuanglian.graph.regions import RegionIndex, place_in_text, region_key

__all__ = ["RegionIndex", "place_in_text", "region_key"]
