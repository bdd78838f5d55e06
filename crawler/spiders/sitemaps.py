"""The sitemap spider: Scrapy's `SitemapSpider` over each source's sitemaps (indexes, news sitemaps).

It adds to Scrapy's: conditional GET, a 304 answered with nothing, news publication dates passed
on to the article parser, the source's allow/deny patterns and the seen-store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, ClassVar

from lxml import etree
from scrapy import Request
from scrapy.http import Response
from scrapy.spiders import SitemapSpider

from crawler.bookkeeping import SOURCE
from crawler.context import CrawlContext
from crawler.items import IssueItem, LinkItem
from crawler.report import SkipReason
from crawler.sitemaps import sitemap_dates
from crawler.spiders.articles import ArticleCallbacks


class NewsSitemapSpider(ArticleCallbacks, SitemapSpider):
    """Reads sitemaps and sitemap indexes; every URL of a urlset becomes a frontier entry."""

    name = "claimgraph-sitemaps"
    sitemap_rules: ClassVar = [("", "parse_article")]

    def __init__(self, context: CrawlContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context = context

    async def start(self) -> AsyncIterator[Request]:
        for source in self.context.sources.values():
            for url in source.sitemaps:
                yield self.index_request(url, source, "sitemap", self._parse_sitemap)

    def _parse_sitemap(self, response: Response) -> Iterable[Request | LinkItem | IssueItem]:
        return list(self._sitemap_output(response))

    def _sitemap_output(self, response: Response) -> Iterator[Request | LinkItem | IssueItem]:
        if response.status == 304:
            return
        source = self.context.sources[response.meta[SOURCE]]
        body = self._get_sitemap_body(response)
        if not body:
            yield IssueItem(response.url, SkipReason.MALFORMED_SITEMAP, "not a sitemap", is_article=False)
            return
        if b"<urlset" not in body and b"<sitemapindex" not in body:
            yield IssueItem(response.url, SkipReason.MALFORMED_SITEMAP, "no urlset or sitemapindex", is_article=False)
            return
        dates = sitemap_dates(body)
        links = []
        try:
            requests = list(super()._parse_sitemap(response))
        except (etree.XMLSyntaxError, StopIteration) as error:
            yield IssueItem(response.url, SkipReason.MALFORMED_SITEMAP, str(error), is_article=False)
            return
        for request in requests:
            if request.callback == self._parse_sitemap:
                yield self.index_request(request.url, source, "sitemap", self._parse_sitemap)
            else:
                links.append((request.url, dates.get(request.url)))
        yield from self.discovered_links(source, links, "sitemap")
