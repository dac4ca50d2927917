"""Knowledge graph: declared schema, statements with provenance, entity resolution, registers, chains."""
