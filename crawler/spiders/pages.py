"""The article spider: fetches the frontier's links, oldest first, through the article parser.

It runs after the feed and sitemap spiders have put every link they found on the (durable)
frontier, so of two syndicated copies the earlier one is fetched, and recorded, first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from scrapy import Request, Spider

from crawler.context import CrawlContext
from crawler.spiders.articles import ArticleCallbacks


class ArticleSpider(ArticleCallbacks, Spider):
    """Fetches and parses the article pages on the frontier of the crawled sources."""

    name = "claimgraph-articles"

    def __init__(self, context: CrawlContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context = context

    async def start(self) -> AsyncIterator[Request]:
        state = self.context.state
        for entry in state.frontier(list(self.context.sources)):
            if not state.is_seen(entry.url) and state.claim(entry.url):
                yield self.article_request(entry)
