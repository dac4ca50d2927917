"""Fact extraction: entities, roles, places, industries, policies, figures, visits with source spans."""
