"""Fixtures of the NLP tests: real pipelines (real spaCy model, packaged KB), one of each per session.

`extractor` (and `run`) is the rules-only pipeline (`nlp/pipeline_rules.cfg`): the exact-triple tests of
the claim rules pin what the rules do, the candidates and verdicts the trained claim model decides over.
`model_extractor` is the default pipeline, with the trained claim model."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from claimgraph.records import Article, Extraction, article_id
from claimgraph.settings import Settings
from nlp.extract import Extractor
from nlp.training.reader import RULES_CONFIG


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(Settings(min_claim_confidence=0.5), config_path=RULES_CONFIG)


@pytest.fixture(scope="session")
def model_extractor() -> Extractor:
    return Extractor(Settings())


def build_article(text: str, published: str = "2026-06-27", url: str = "https://news.test/a") -> Article:
    """An article as the crawler would give it; `published` is an ISO date (UTC midnight)."""
    day = datetime.fromisoformat(published).replace(tzinfo=UTC)
    return Article(
        id=article_id(url),
        url=url,
        canonical_url=url,
        source={"id": "test-news", "name": "Test News", "domain": "news.test"},
        title="",
        text=text,
        published_at=day,
    )


@pytest.fixture
def run(extractor: Extractor) -> Callable[..., Extraction]:
    """Extract from a text written for the test."""

    def _run(text: str, published: str = "2026-06-27") -> Extraction:
        return extractor.extract(build_article(text, published))

    return _run


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """Build an Article from a text (and a publication date, a URL)."""
    return build_article
