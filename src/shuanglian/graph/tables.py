"""Graph tables (statements, entities, judgements, audit log); filled by the graph area."""
