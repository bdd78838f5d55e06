"""The Scrapy settings of a crawl, derived from ClaimGraph's settings: polite by default."""

from __future__ import annotations

from typing import Any

from claimgraph import __version__
from claimgraph.settings import Settings
from crawler.pipelines import PIPELINES

RETRY_TIMES = 1
"""Retries of a 5xx or a timeout within one crawl (the link stays on the frontier for the next)."""


def user_agent(settings: Settings) -> str:
    return f"ClaimGraph/{__version__} (+{settings.user_agent_contact})"


def scrapy_settings(settings: Settings, log_level: str = "WARNING", domains: int = 1) -> dict[str, Any]:
    """Scrapy's settings for one crawl of sources on `domains` distinct domains.

    The global concurrency is the per-domain concurrency times the number of domains, and the
    scheduler serves domains fairly (`DownloaderAwarePriorityQueue`), so each domain's pages are
    requested strictly in priority order (oldest first): more requests in flight than a domain may
    have would let a later page overtake an earlier one while robots.txt is being read.
    """
    return {
        # --- politeness -----------------------------------------------------------------------
        "ROBOTSTXT_OBEY": settings.crawl_obey_robots,
        "USER_AGENT": user_agent(settings),
        "DOWNLOAD_DELAY": settings.crawl_delay,
        "DOWNLOAD_DELAY_JITTER": 0.5,
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.crawl_concurrency_per_domain,
        "CONCURRENT_REQUESTS": settings.crawl_concurrency_per_domain * max(1, domains),
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": max(settings.crawl_delay, 0.0),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(settings.crawl_concurrency_per_domain),
        "AUTOTHROTTLE_MAX_DELAY": max(60.0, settings.crawl_delay * 10),
        # --- limits ---------------------------------------------------------------------------
        "DOWNLOAD_MAXSIZE": settings.crawl_max_page_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "DOWNLOAD_TIMEOUT": settings.crawl_timeout,
        "RETRY_TIMES": RETRY_TIMES,
        "RETRY_GIVE_UP_LOG_LEVEL": "INFO",
        "REDIRECT_MAX_TIMES": 5,
        # --- order: article pages by priority (oldest first), FIFO among equals -----------------
        "DEPTH_PRIORITY": 0,
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "SCHEDULER_START_MEMORY_QUEUE": None,
        # --- our parts ------------------------------------------------------------------------
        "ITEM_PIPELINES": PIPELINES,
        "DOWNLOADER_MIDDLEWARES": {
            "crawler.middlewares.ConditionalGetMiddleware": 580,
            # after every built-in one, so a slot is taken only by a request about to be downloaded
            **({"crawler.politeness.SharedPolitenessMiddleware": 950} if settings.redis_url else {}),
        },
        "EXTENSIONS": {
            "crawler.bookkeeping.Bookkeeping": 100,
            "scrapy.extensions.telnet.TelnetConsole": None,
            "scrapy.extensions.remote_control.RemoteControl": None,
        },
        "HTTPCACHE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "LOG_LEVEL": log_level,
        "LOG_ENABLED": True,
        "LOG_INSTALL_ROOT_HANDLER": False,
        "DEFAULT_DROPITEM_LOG_LEVEL": "DEBUG",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    }
