"""The demo news site's articles as the crawler gives them, and what the real NLP extracts from them.

Texts come from the gold file (`demo/gold/demo_claims.jsonl`, the articles' text as written), the
metadata from `demo/site/MANIFEST.json` (outlet, title, publication instant, syndicated copies), so
the graph and web tests follow the demo's stories through the real spaCy pipeline without a crawl.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

from claimgraph.records import Article, Extraction, article_id
from claimgraph.settings import Settings

REPO_ROOT = Path(__file__).resolve().parent.parent
MANIFEST = REPO_ROOT / "demo" / "site" / "MANIFEST.json"
GOLD = REPO_ROOT / "demo" / "gold" / "demo_claims.jsonl"
BASE = "http://demo.test"


def demo_articles() -> list[Article]:
    """Every article of the demo site, oldest first (skips the test when the demo files are missing)."""
    if not (MANIFEST.exists() and GOLD.exists()):
        pytest.skip(f"the demo site is not there ({MANIFEST}, {GOLD})")
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    texts = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            texts[record["url"].replace("{{BASE}}", "")] = record["text"]
    articles = []
    for item in manifest["articles"]:
        url = BASE + item["path"]
        articles.append(
            Article(
                id=article_id(url),
                url=url,
                canonical_url=url,
                source={"id": item["source_id"], "name": item["source_name"], "domain": "demo.test"},
                title=item["title"],
                text=texts[item["path"]],
                published_at=datetime.fromisoformat(item["published_at"]),
                language=item["language"],
                copy_of=article_id(BASE + item["copy_of"]) if item["copy_of"] else None,
            )
        )
    return articles


@cache
def demo_extractions() -> tuple[Extraction, ...]:
    """The real NLP stage's extractions of the demo articles (computed once per test session)."""
    from nlp.extract import Extractor

    return tuple(Extractor(Settings()).extract_many(demo_articles()))
