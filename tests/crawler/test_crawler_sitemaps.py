"""Sitemap dates: news publication dates first, lastmod otherwise."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.sitemaps import sitemap_dates

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.test/a.html</loc><lastmod>2026-07-01T00:00:00Z</lastmod>
<news:news><news:publication><news:name>N</news:name><news:language>en</news:language></news:publication>
<news:publication_date>2026-06-30T03:15:00+00:00</news:publication_date><news:title>A</news:title></news:news></url>
<url><loc>https://news.test/b.html</loc><lastmod>2026-07-02</lastmod></url>
<url><loc>https://news.test/c.html</loc></url>
</urlset>"""


def test_news_dates_win_over_lastmod() -> None:
    assert sitemap_dates(NEWS) == {
        "https://news.test/a.html": datetime(2026, 6, 30, 3, 15, tzinfo=UTC),
        "https://news.test/b.html": datetime(2026, 7, 2, tzinfo=UTC),
    }


def test_garbage_gives_no_dates() -> None:
    assert sitemap_dates(b"not xml at all") == {}
