"""ClaimGraph's spaCy components; importing this package registers their factories."""

from nlp.components import claims, entity_ruler, linker, responses

__all__ = ["claims", "entity_ruler", "linker", "responses"]
