"""Reading RSS 0.9x/2.0, RDF and Atom feeds with feedparser.

A feed feedparser flags as malformed (`bozo`) still gives the entries it could read; the problem
comes back beside them so the crawl can report it.
"""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser

from crawler.urls import resolve


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: the article link, and the date the feed gives it."""

    url: str
    title: str
    published: datetime | None


@dataclass
class FeedResult:
    """A parsed feed: its entries, and what was wrong with it (empty when nothing was)."""

    entries: list[FeedEntry] = field(default_factory=list)
    problem: str = ""


def _entry_date(entry: feedparser.FeedParserDict) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value: time.struct_time | None = entry.get(key)
        if value:
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def _entry_link(entry: feedparser.FeedParserDict) -> str | None:
    if entry.get("link"):
        return str(entry["link"])
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    guid = str(entry.get("id") or "")
    return guid if guid.startswith(("http://", "https://")) else None


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> FeedResult:
    """The entries of a feed document fetched from `url` (relative links resolved against it)."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    result = FeedResult()
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride):
        result.problem = f"{type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}"
    if not parsed.get("version") and not parsed.entries:
        result.problem = result.problem or "not a feed (no RSS, RDF or Atom root element)"
        return result
    for entry in parsed.entries:
        link = _entry_link(entry)
        absolute = resolve(url, link) if link else None
        if absolute:
            result.entries.append(FeedEntry(absolute, str(entry.get("title", "")), _entry_date(entry)))
    return result
