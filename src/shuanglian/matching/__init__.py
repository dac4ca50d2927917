"""Supply–demand matching of research and industry: records, BM25 + embeddings + graph ranking, feedback."""
