"""The extension that keeps the books: fetch and article counts, report lines, progress events, and
the seen-store or frontier update for each page that gave no article.

It only listens to Scrapy's signals (responses received, items scraped and dropped, spiders
closed), so spiders only yield and each pipeline keeps its one job. The request meta keys the
spiders set are defined here.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.context import CrawlContext
from crawler.items import ArticleItem, SkipItem
from crawler.report import ReportLine

ARTICLE = "claimgraph_article"
KIND = "claimgraph_kind"
SOURCE = "claimgraph_source"
HINT_DATE = "claimgraph_hint_date"
HINT_KIND = "claimgraph_hint_kind"
MAX_ATTEMPTS = 3
"""Crawls in which a link may fail (5xx, timeout) before it leaves the frontier."""


class Bookkeeping:
    """Scrapy extension; enabled through `EXTENSIONS`."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.response_received, signal=signals.response_received)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Bookkeeping:
        return cls(crawler)

    @property
    def context(self) -> CrawlContext:
        return self.crawler.spider.context  # type: ignore[union-attr]

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        report, kind = self.context.report, request.meta.get(KIND)
        if response.status == 304:
            report.not_modified += 1
        elif kind == "feed":
            report.feeds_fetched += 1
        elif kind == "sitemap":
            report.sitemaps_fetched += 1
        elif request.meta.get(ARTICLE):
            report.fetched += 1
            self.context.emit({"event": "fetched", "url": request.url})

    def item_scraped(self, item: Any, response: Response, spider: Spider) -> None:
        if isinstance(item, ArticleItem):
            report = self.context.report
            report.new += 1
            report.copies += item.article.copy_of is not None
            self.context.emit({"event": "article", "url": item.article.url, "copy": item.article.copy_of is not None})

    def item_dropped(self, item: Any, response: Response | None, exception: BaseException, spider: Spider) -> None:
        if not isinstance(exception, SkipItem):
            return
        context = self.context
        context.report.skipped.append(ReportLine(url=exception.url, reason=exception.reason, detail=exception.detail))
        context.emit({"event": "skipped", "url": exception.url, "reason": str(exception.reason)})
        if not exception.is_article:
            return
        if exception.permanent:
            context.state.mark_seen([exception.url], str(exception.reason))
        else:
            context.state.count_attempt(exception.url, MAX_ATTEMPTS)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if reason != "finished":
            self.context.interrupted = True
