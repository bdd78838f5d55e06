"""The NLP stage: Article -> Extraction (entities, relations, claims, responses)."""
