"""Imported by `spacy train --code`: registers ClaimGraph's factories, architectures and readers."""

import nlp.components
import nlp.components.claim_model
import nlp.training.reader  # noqa: F401
