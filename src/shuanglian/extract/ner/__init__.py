"""Character-level entity tagger shipped with the package (trained by scripts/train_ner.py)."""
