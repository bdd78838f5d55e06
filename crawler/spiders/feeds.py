"""The feed spider: every feed of every source, parsed with feedparser, yields article requests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request, Spider
from scrapy.http import Response

from crawler.bookkeeping import SOURCE
from crawler.context import CrawlContext
from crawler.feeds import parse_feed
from crawler.items import IssueItem, LinkItem
from crawler.report import SkipReason
from crawler.spiders.articles import ArticleCallbacks


class FeedSpider(ArticleCallbacks, Spider):
    """Reads RSS/RDF/Atom feeds into frontier entries; a malformed feed yields what it can and is reported."""

    name = "claimgraph-feeds"

    def __init__(self, context: CrawlContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context = context

    async def start(self) -> AsyncIterator[Request]:
        for source in self.context.sources.values():
            for url in source.feeds:
                yield self.index_request(url, source, "feed", self.parse_feed)

    def parse_feed(self, response: Response) -> Iterator[LinkItem | IssueItem]:
        if response.status == 304:
            return
        source = self.context.sources[response.meta[SOURCE]]
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1") or None
        result = parse_feed(response.body, response.url, content_type)
        if result.problem:
            yield IssueItem(response.url, SkipReason.MALFORMED_FEED, result.problem, is_article=False)
        links = [(entry.url, entry.published) for entry in result.entries]
        yield from self.discovered_links(source, links, "feed")
