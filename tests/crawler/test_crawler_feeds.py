"""Feeds: RSS 2.0, RDF, Atom read with feedparser; a malformed feed still gives what it can."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.feeds import parse_feed
from crawler.items import IssueItem, LinkItem
from crawler.report import SkipReason
from crawler.sources import SourceConfig
from crawler.spiders.feeds import FeedSpider

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>
<item><title>One</title><link>/wire/one.html?utm_source=rss</link>
<pubDate>Tue, 23 Jun 2026 09:30:00 GMT</pubDate></item>
<item><title>Two</title><guid>https://news.test/wire/two.html</guid></item>
<item><title>No link</title><guid isPermaLink="false">urn:x</guid></item>
</channel></rss>"""
RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://news.test/"><title>P</title><link>https://news.test/</link><description>d</description></channel>
<item rdf:about="https://news.test/policy/a.html"><title>A</title><link>https://news.test/policy/a.html</link>
<dc:date>2026-07-14T13:30:00Z</dc:date></item>
</rdf:RDF>"""
ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id>
<updated>2026-06-23T12:00:00Z</updated>
<entry><title>E</title><id>urn:e</id><link rel="alternate" href="https://news.test/td/e.html"/>
<published>2026-06-23T12:00:00+02:00</published></entry></feed>"""
BROKEN = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Broken & Co</title>
<item><title>Kept</title><link>https://news.test/kept.html</link><pubDate>Fri, 26 Jun 2026 16:45:00 GMT</pubDate></item>
<item><title>Unclosed <b>item"""


def test_rss_entries_with_relative_links_and_dates() -> None:
    result = parse_feed(RSS, "https://news.test/wire/feed.xml", "application/rss+xml")
    assert not result.problem
    assert [(entry.url, entry.published) for entry in result.entries] == [
        ("https://news.test/wire/one.html?utm_source=rss", datetime(2026, 6, 23, 9, 30, tzinfo=UTC)),
        ("https://news.test/wire/two.html", None),
    ]


def test_rdf_entries() -> None:
    (entry,) = parse_feed(RDF, "https://news.test/policy/index.rdf").entries
    assert entry.url == "https://news.test/policy/a.html"
    assert entry.published == datetime(2026, 7, 14, 13, 30, tzinfo=UTC)


def test_atom_entries_in_utc() -> None:
    (entry,) = parse_feed(ATOM, "https://news.test/td/atom.xml").entries
    assert entry.url == "https://news.test/td/e.html"
    assert entry.published == datetime(2026, 6, 23, 10, 0, tzinfo=UTC)


def test_a_malformed_feed_reports_its_problem_and_keeps_what_it_could_read() -> None:
    result = parse_feed(BROKEN, "https://news.test/broken.xml")
    assert result.problem
    assert [entry.url for entry in result.entries][:1] == ["https://news.test/kept.html"]


def test_something_that_is_not_a_feed_is_a_problem() -> None:
    result = parse_feed(b"<html><body>Not a feed</body></html>", "https://news.test/page")
    assert result.problem and not result.entries


def test_a_link_that_is_no_url_is_reported_and_the_other_links_are_kept() -> None:
    source = SourceConfig(id="wire", name="Wire", domain="news.test", feeds=["https://news.test/feed.xml"])
    links = [("https://news.test:80http://x/broken.html", None), ("https://news.test/kept.html", None)]
    items = list(FeedSpider(context=None).discovered_links(source, links, "feed"))
    assert [type(item) for item in items] == [IssueItem, LinkItem]
    assert items[0].reason == SkipReason.MALFORMED_FEED and not items[0].is_article
    assert items[1].url == "https://news.test/kept.html"
