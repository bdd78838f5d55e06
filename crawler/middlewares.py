"""Conditional GET for feeds and sitemaps: send the validators of the last crawl, note the new ones.

The new validators are kept aside and saved only when the crawl finishes: a crawl killed after a
feed was read must read it again in full, or the links it had not yet followed would be lost.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.state import Validators

CONDITIONAL = "claimgraph_conditional"


class ConditionalGetMiddleware:
    """Downloader middleware adding If-None-Match / If-Modified-Since to requests marked conditional."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        return cls(crawler)

    @property
    def _context(self) -> Any:
        return self.crawler.spider.context  # type: ignore[union-attr]

    def process_request(self, request: Request) -> None:
        if not request.meta.get(CONDITIONAL):
            return
        validators = self._context.state.validators(request.url)
        if validators and validators.etag:
            request.headers[b"If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            request.headers[b"If-Modified-Since"] = validators.last_modified

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get(CONDITIONAL) and response.status == 200:
            etag = response.headers.get(b"ETag")
            modified = response.headers.get(b"Last-Modified")
            if etag or modified:
                self._context.pending_validators[request.url] = Validators(
                    etag.decode("latin-1") if etag else None, modified.decode("latin-1") if modified else None
                )
        return response
