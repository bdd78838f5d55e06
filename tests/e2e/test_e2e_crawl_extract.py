"""Crawled, then extracted: the demo site's articles arrive as written and give the claims of their texts.

Each article of the demo gold (demo/gold/demo_claims.jsonl) is crawled from the demo site served on
loopback; its text must be the gold text's paragraphs, in order, without the headline, separated by
blank lines (how the annotated sets write paragraphs), then at most a credit line ("Reporting by
..."), which the gold texts leave out; its title and day the gold's. Then the
crawled article and the gold text given directly (as a loose line, the way `claimgraph extract`
reads annotated sets) are extracted: the claims and responses must be the same.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from claimgraph.records import Article, Extraction
from claimgraph.settings import Settings
from crawler.run import crawl
from nlp.extract import Extractor
from nlp.inputs import ArticleLine

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLD = REPO_ROOT / "demo" / "gold" / "demo_claims.jsonl"
DEMO_SOURCES = REPO_ROOT / "demo" / "sources.yaml"
CREDIT = re.compile(r"\(?(?:Additional )?(?:Reporting|Writing|Editing|Compiled) by ")
"""The credit line wire stories end with: on the page, in the article, left out of the gold texts (and kept
by the annotators of the article-extraction benchmark, so the parser keeps it)."""
pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="demo/gold/demo_claims.jsonl is not there")


def gold_lines(base_url: str) -> list[dict[str, Any]]:
    lines = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**line, "url": line["url"].replace("{{BASE}}", base_url)} for line in lines]


def paragraphs(text: str) -> list[str]:
    return [" ".join(paragraph.split()) for paragraph in text.splitlines() if paragraph.strip()]


@pytest.fixture(scope="module")
def crawled(demo_site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Article]:
    data_dir = tmp_path_factory.mktemp("crawl-extract")
    output = data_dir / "articles.jsonl"
    crawl(Settings(data_dir=data_dir, crawl_delay=0.0, crawl_timeout=10.0), DEMO_SOURCES, output, base_url=demo_site)
    articles = [Article.model_validate_json(line) for line in output.read_text(encoding="utf-8").splitlines()]
    return {article.url: article for article in articles}


def test_every_gold_article_arrives_as_written(crawled: dict[str, Article], demo_site: str) -> None:
    for line in gold_lines(demo_site):
        article = crawled[line["url"]]
        expected = paragraphs(line["text"])
        found = article.text.split("\n\n")
        assert found[: len(expected)] == expected, line["url"]
        assert len(found) - len(expected) <= 1 and all(CREDIT.match(extra) for extra in found[len(expected) :])
        assert article.title == line["title"], line["url"]
        assert article.published_at is not None, line["url"]
        assert article.published_at.date().isoformat() == line["published_at"][:10], line["url"]


def comparable(extraction: Extraction) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """Claims and responses without the ids, which hash the article's URL."""
    claims = {
        (
            claim.accuser.id,
            claim.accused.id,
            claim.category,
            claim.object.id if claim.object else None,
            claim.status,
            claim.claim_date,
            claim.evidence.sentence,
            claim.evidence.start,
            claim.evidence.end,
        )
        for claim in extraction.claims
    }
    responses = {
        (response.responder.id, response.kind, response.evidence.sentence) for response in extraction.responses
    }
    return claims, responses


def test_crawled_articles_give_the_claims_of_their_texts_given_directly(
    crawled: dict[str, Article], demo_site: str
) -> None:
    lines = gold_lines(demo_site)
    direct = [ArticleLine.model_validate({**line, "text": "\n\n".join(paragraphs(line["text"]))}) for line in lines]
    extractor = Extractor(Settings())
    from_text = list(extractor.extract_many(direct))
    from_crawl = list(extractor.extract_many(crawled[line["url"]] for line in lines))
    assert sum(len(extraction.claims) for extraction in from_text) > 0
    for line, expected, found in zip(lines, from_text, from_crawl, strict=True):
        assert comparable(found) == comparable(expected), line["url"]
