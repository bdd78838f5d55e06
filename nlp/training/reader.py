"""`claimgraph.ClaimCorpus.v1`: the annotated articles as spaCy `Example`s for `spacy train`.

Each article goes once through the rules-only pipeline (`nlp/pipeline_rules.cfg`): the predicted doc
carries the parse, the tok2vec vectors, the linked entities and the rules' claims the claim model
decides over, and the reference doc carries the gold claims in `user_data` (`GOLD_KEY`). Annotated
docs are kept in memory for the whole run, so every epoch reuses them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

from claimgraph.settings import get_settings
from nlp.components.claim_model import GOLD_KEY
from nlp.training.corpus import development_lines, read_lines, training_lines

logger = logging.getLogger(__name__)

RULES_CONFIG = Path(__file__).resolve().parents[1] / "pipeline_rules.cfg"


@cache
def annotating_pipeline() -> Language:
    """The rules-only pipeline, built once per process."""
    from nlp.pipeline import build_pipeline

    return build_pipeline(get_settings().spacy_model, config_path=RULES_CONFIG)


def lines_of(part: str, path: str) -> list[str]:
    """`path`'s lines when given, else a part: `train` (everything a model may be fitted on) or `dev`
    (what its thresholds are chosen on)."""
    if path:
        return read_lines(Path(path))
    if part == "train":
        return training_lines()
    if part == "dev":
        return development_lines()
    raise ValueError(f"unknown part {part!r}: use 'train' or 'dev', or give a path")


@cache
def annotated(part: str, path: str, limit: int) -> tuple[tuple[Doc, dict[str, Any]], ...]:
    """The articles of a part (or file) through the rules-only pipeline, with their gold."""
    articles = [json.loads(line) for line in lines_of(part, path)]
    if limit:
        articles = articles[:limit]
    logger.info("annotating %d articles (%s) with the rules-only pipeline", len(articles), path or part)
    nlp = annotating_pipeline()
    docs = nlp.pipe((article["text"] for article in articles), batch_size=16)
    return tuple((doc, article["gold"]) for doc, article in zip(docs, articles, strict=True))


def example_of(doc: Doc, gold: dict[str, Any]) -> Example:
    """The example of one article: its annotated doc, and a reference doc carrying the gold."""
    reference = Doc(doc.vocab, words=[token.text for token in doc], spaces=[bool(token.whitespace_) for token in doc])
    reference.user_data[GOLD_KEY] = gold
    return Example(doc, reference)


@registry.readers("claimgraph.ClaimCorpus.v1")
def create_claim_corpus(part: str = "train", path: str = "", limit: int = 0) -> Callable[[Language], Iterator[Example]]:
    """A corpus of one part (`train` or `dev`) or of one annotated JSONL file (`path`)."""

    def read(nlp: Language) -> Iterator[Example]:
        for doc, gold in annotated(part, path, limit):
            yield example_of(doc, gold)

    return read
