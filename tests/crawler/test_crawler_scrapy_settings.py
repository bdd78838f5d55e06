"""Scrapy's settings follow ClaimGraph's: polite by default, limits from the crawl settings."""

from __future__ import annotations

from pathlib import Path

from claimgraph import __version__
from claimgraph.settings import Settings
from crawler.scrapy_settings import scrapy_settings


def test_politeness_and_limits_come_from_the_settings(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        crawl_delay=2.5,
        crawl_concurrency_per_domain=2,
        crawl_max_page_bytes=123_456,
        crawl_timeout=7.0,
        user_agent_contact="mailto:desk@example.org",
    )
    scrapy = scrapy_settings(settings, domains=3)
    assert scrapy["ROBOTSTXT_OBEY"] is True and scrapy["AUTOTHROTTLE_ENABLED"] is True
    assert scrapy["DOWNLOAD_DELAY"] == 2.5 and scrapy["AUTOTHROTTLE_START_DELAY"] == 2.5
    assert scrapy["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2 and scrapy["CONCURRENT_REQUESTS"] == 6
    assert scrapy["DOWNLOAD_MAXSIZE"] == 123_456 and scrapy["DOWNLOAD_TIMEOUT"] == 7.0
    assert scrapy["USER_AGENT"] == f"ClaimGraph/{__version__} (+mailto:desk@example.org)"


def test_robots_can_be_turned_off_only_by_the_setting(tmp_path: Path) -> None:
    assert scrapy_settings(Settings(data_dir=tmp_path, crawl_obey_robots=False))["ROBOTSTXT_OBEY"] is False
