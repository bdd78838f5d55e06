"""ClaimGraph's spaCy components; importing this package registers their factories."""

from nlp.components import claim_model, claims, entity_ruler, linker, responses

__all__ = ["claim_model", "claims", "entity_ruler", "linker", "responses"]
