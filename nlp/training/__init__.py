"""Training scripts for the learned NLP components (run by hand; not part of the extraction path)."""
