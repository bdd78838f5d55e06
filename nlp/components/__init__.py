"""ClaimGraph's spaCy components; importing this package registers their factories."""

from nlp.components import claim_model, claims, entity_ruler, linker, paragraphs, responses

__all__ = ["claim_model", "claims", "entity_ruler", "linker", "paragraphs", "responses"]
