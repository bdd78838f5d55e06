"""Per-domain politeness across crawler processes, when the crawl state is shared through Redis.

Scrapy keeps one request per domain at a time and the crawl delay within one process. With
several crawlers, each takes a domain's slot in Redis before a request (`SET NX` with a lease as
long as a request may take) and, when the answer (or the error) comes, keeps the slot for
`crawl_delay` more seconds. So across every crawler there is one request per domain at a time and
at least `crawl_delay` between one answer and the next request. robots.txt requests take the slot
too; each crawler reads robots.txt itself and obeys it.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

SLOT = "claimgraph_domain_slot"
MAX_POLL_SECONDS = 0.25
# Keep the slot for `delay` ms more, only if this crawler still holds it (its lease may have run out).
RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  if tonumber(ARGV[2]) > 0 then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
  return redis.call('DEL', KEYS[1])
end
return 0
"""


class SharedPolitenessMiddleware:
    """Downloader middleware (the last before the download): a domain slot in Redis per request."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedPolitenessMiddleware:
        return cls(crawler)

    @property
    def _context(self) -> Any:
        return self.crawler.spider.context  # type: ignore[union-attr]

    async def process_request(self, request: Request) -> None:
        state = self._context.state
        client = getattr(state, "client", None)
        if client is None:  # the sqlite state: one crawler, Scrapy's own politeness is enough
            return None
        settings = self._context.settings
        key = f"{state.prefix}:domain:{urlsplit(request.url).netloc}"
        token = uuid.uuid4().hex
        lease_ms = int((settings.crawl_timeout * 2 + 10) * 1000)
        while not client.set(key, token, nx=True, px=lease_ms):
            wait_ms = client.pttl(key)
            await asyncio.sleep(min(max(wait_ms, 5) / 1000, MAX_POLL_SECONDS))
        request.meta[SLOT] = (key, token)
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: BaseException) -> None:
        self._release(request)
        return None

    def _release(self, request: Request) -> None:
        held = request.meta.pop(SLOT, None)
        if held is None:
            return
        key, token = held
        delay_ms = int(self._context.settings.crawl_delay * 1000)
        self._context.state.client.eval(RELEASE, 1, key, token, delay_ms)
