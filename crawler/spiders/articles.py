"""What both spiders share: the article request, the article parser callback and the error callback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from scrapy import Request
from scrapy.exceptions import (
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure

from crawler.article import PageError, parse_page
from crawler.bookkeeping import ARTICLE, HINT_DATE, HINT_KIND, KIND, SOURCE
from crawler.context import CrawlContext
from crawler.dates import DateBounds, parse_datetime
from crawler.items import IssueItem, LinkItem, PageItem
from crawler.middlewares import CONDITIONAL
from crawler.report import SkipReason
from crawler.sources import SourceConfig
from crawler.state import FrontierEntry
from crawler.urls import clean_url

INDEX_PRIORITY = 0
UNDATED_PRIORITY = -(10**9)
HTML_TYPES = (b"text/html", b"application/xhtml+xml")
GONE_STATUSES = frozenset({404, 410})


def article_priority(hint_date: datetime | None) -> int:
    """Older articles first, so that of two syndicated copies the earlier one is seen first."""
    return -int(hint_date.timestamp() // 60) if hint_date else UNDATED_PRIORITY


class ArticleCallbacks:
    """Mixin for spiders: links as frontier entries, article requests and parser, failures as items."""

    context: CrawlContext

    def index_request(self, url: str, source: SourceConfig, kind: str, callback: Any) -> Request:
        """A feed or sitemap request: conditional, never filtered as a duplicate, 304 handled."""
        return Request(
            url,
            callback=callback,
            errback=self.on_error,
            priority=INDEX_PRIORITY,
            dont_filter=True,
            meta={SOURCE: source.id, KIND: kind, CONDITIONAL: True, "handle_httpstatus_list": [304]},
        )

    def discovered_links(
        self, source: SourceConfig, links: list[tuple[str, datetime | None]], hint_kind: str
    ) -> Iterator[LinkItem | IssueItem]:
        """The links the source admits, cleaned, with the date the feed or sitemap gives them; a link
        that is no URL is reported and the others are still taken."""
        for link, hint_date in links:
            try:
                url = clean_url(link)
            except ValueError as error:
                reason = SkipReason.MALFORMED_FEED if hint_kind == "feed" else SkipReason.MALFORMED_SITEMAP
                yield IssueItem(link, reason, f"a link that is no URL ({error})", is_article=False)
                continue
            if source.admits(url):
                yield LinkItem(url, source.id, hint_date, hint_kind)

    def article_request(self, entry: FrontierEntry) -> Request:
        hint_date = parse_datetime(entry.hint_date)
        return Request(
            entry.url,
            callback=self.parse_article,
            errback=self.on_error,
            priority=article_priority(hint_date),
            meta={
                SOURCE: entry.source_id,
                KIND: "article",
                ARTICLE: True,
                "claimgraph_url": entry.url,
                HINT_DATE: entry.hint_date,
                HINT_KIND: entry.hint_kind,
            },
        )

    def parse_article(self, response: Response) -> Iterator[PageItem | IssueItem]:
        """The article parser: the page as a `PageItem`, or an `IssueItem` saying why it is none."""
        url = response.meta.get("claimgraph_url", response.url)
        content_type = (response.headers.get(b"Content-Type") or b"").split(b";")[0].strip().lower()
        if content_type not in HTML_TYPES:
            detail = f"content type {content_type.decode('latin-1') or 'missing'}"
            yield IssueItem(url, SkipReason.NOT_HTML, detail, permanent=True)
            return
        try:
            source = self.context.sources[response.meta[SOURCE]]
            bounds = DateBounds.default(source.founded)
            page = parse_page(response.body, response.url, bounds, search_text=response.meta.get(HINT_DATE) is None)
        except PageError as error:
            yield IssueItem(url, error.reason, str(error), permanent=True)
            return
        yield PageItem(
            source_id=response.meta[SOURCE],
            request_url=url,
            response_url=response.url,
            fetched_at=datetime.now(UTC),
            page=page,
            hint_date=parse_datetime(response.meta.get(HINT_DATE)),
            hint_kind=response.meta.get(HINT_KIND),
        )

    def on_error(self, failure: Failure) -> Iterator[IssueItem]:
        """A failed request (HTTP error, timeout, robots.txt, too large) as one report line."""
        request = failure.request  # type: ignore[attr-defined]
        url = request.meta.get("claimgraph_url", request.url)
        is_article = bool(request.meta.get(ARTICLE))
        if failure.check(HttpError):
            status = failure.value.response.status
            yield IssueItem(url, SkipReason.HTTP_ERROR, f"HTTP {status}", status in GONE_STATUSES, is_article)
        elif failure.check(DownloadTimeoutError, TwistedTimeoutError):
            yield IssueItem(url, SkipReason.TIMEOUT, str(failure.value), False, is_article)
        elif failure.check(DownloadCancelledError):
            yield IssueItem(url, SkipReason.TOO_LARGE, str(failure.value), True, is_article)
        elif failure.check(IgnoreRequest) and "robots" in str(failure.value).lower():
            yield IssueItem(url, SkipReason.DISALLOWED_BY_ROBOTS, "forbidden by robots.txt", True, is_article)
        elif failure.check(IgnoreRequest):
            yield IssueItem(url, SkipReason.CONNECTION_ERROR, str(failure.value), False, is_article)
        elif failure.check(DownloadConnectionRefusedError):
            yield IssueItem(url, SkipReason.CONNECTION_ERROR, "connection refused", False, is_article)
        else:
            yield IssueItem(url, SkipReason.CONNECTION_ERROR, failure.getErrorMessage(), False, is_article)
