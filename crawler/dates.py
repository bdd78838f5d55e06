"""Which publication date an article gets, and where it came from (`DateSource`).

The choice is an explicit fall-back chain in one pure function, `choose_date`. The day comes first
from htmldate's reading of the markup and URL (with `original_date`: the publication, not the last
update), which on real news pages is right more often than reading date markup by hand; our own
reading of the markup (a `<time>` marked as the publication, `article:published_time` and kin,
JSON-LD `datePublished`) gives the time of day when it states the same day, and the date when
htmldate finds none. Then come the feed entry's and the news sitemap's dates, and last htmldate's
extensive search of the page's text. Dates before the source existed or more than a day in the
future are refused everywhere (`DateBounds`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from htmldate import find_date
from lxml import html

from claimgraph.records import DateSource

logger = logging.getLogger(__name__)

PUBLISHED_META_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "pubdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
)
TIME_XPATHS = (
    "//time[@itemprop='datePublished']/@datetime",
    "//time[@pubdate]/@datetime",
    "//article//header//time/@datetime",
    "//article//time/@datetime",
)
JSON_LD_ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "blogposting", "report", "webpage"}
EARLIEST_PLAUSIBLE = date(1995, 1, 1)
"""The earliest publication date of a source that does not say when it started (`founded`)."""
FUTURE_TOLERANCE = timedelta(days=1)
"""How far past now a publication date may lie (time zones, clocks) before it is refused."""
FEED_DISAGREEMENT = timedelta(days=1)
"""A page date further than this from the feed's date is logged."""


@dataclass(frozen=True)
class DateBounds:
    """The dates a publication date may fall between: the source's first day and `latest`."""

    earliest: date = EARLIEST_PLAUSIBLE
    latest: datetime | None = None

    @classmethod
    def default(cls, earliest: date | None = None, now: datetime | None = None) -> DateBounds:
        """Bounds from the source's first day (default 1995-01-01) to a day after `now`."""
        return cls(earliest or EARLIEST_PLAUSIBLE, (now or datetime.now(UTC)) + FUTURE_TOLERANCE)

    def admits(self, value: datetime | date | None) -> bool:
        """Whether a date (or date-time) lies within the bounds."""
        if value is None:
            return False
        latest = self.latest or datetime.now(UTC) + FUTURE_TOLERANCE
        if isinstance(value, datetime):
            return value.date() >= self.earliest and value <= latest
        return self.earliest <= value <= latest.date()

    def htmldate_params(self) -> dict[str, datetime]:
        """The same bounds as htmldate's `min_date` / `max_date`, so it searches within them."""
        latest = self.latest or datetime.now(UTC) + FUTURE_TOLERANCE
        earliest = datetime(self.earliest.year, self.earliest.month, self.earliest.day)
        return {"min_date": earliest, "max_date": latest.replace(tzinfo=None)}


@dataclass(frozen=True)
class DateCandidates:
    """The dates known for one article, each possibly missing.

    `htmldate` is htmldate's day from the markup and URL; `text` its day from searching the text.
    """

    page: datetime | None = None
    meta: datetime | None = None
    json_ld: datetime | None = None
    htmldate: date | None = None
    feed: datetime | None = None
    sitemap: datetime | None = None
    text: date | None = None


def parse_datetime(value: Any, bounds: DateBounds | None = None) -> datetime | None:
    """A timezone-aware datetime from an ISO 8601 or RFC 822 string, or None when unparseable or out of bounds.

    A date without a time zone is taken as UTC; a date given with an offset keeps it, so that its
    day is the day the page states (convert with `astimezone(UTC)` to store it).
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
    return parsed if (bounds or DateBounds.default()).admits(parsed) else None


def parse_day(value: Any, bounds: DateBounds | None = None) -> date | None:
    """A day from htmldate's `YYYY-MM-DD`, or None when missing, malformed or out of bounds."""
    if not isinstance(value, str):
        return None
    try:
        day = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
    return day if (bounds or DateBounds.default()).admits(day) else None


def text_date(tree: html.HtmlElement, url: str, bounds: DateBounds) -> date | None:
    """htmldate's extensive search of the page's text, for pages whose markup states no date.

    htmldate gives the first of the month for a month or a year alone ("June 2010", "© 2026"):
    such a day is refused, because it is a guess, not a publication day.
    """
    found = find_date(tree, extensive_search=True, original_date=True, url=url, **bounds.htmldate_params())
    day = parse_day(found, bounds)
    return day if day is not None and day.day != 1 else None


def _meta_date(tree: html.HtmlElement, bounds: DateBounds) -> datetime | None:
    found: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content")
        if key in PUBLISHED_META_KEYS and content and key not in found:
            found[key] = content
    for key in PUBLISHED_META_KEYS:
        if key in found and (parsed := parse_datetime(found[key], bounds)):
            return parsed
    return None


def _time_date(tree: html.HtmlElement, bounds: DateBounds) -> datetime | None:
    for xpath in TIME_XPATHS:
        for value in tree.xpath(xpath):
            if parsed := parse_datetime(str(value), bounds):
                return parsed
    every_time = tree.xpath("//time/@datetime")
    if len(every_time) == 1:
        return parse_datetime(str(every_time[0]), bounds)
    return None


def _json_ld_nodes(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [node for item in data for node in _json_ld_nodes(item)]
    if isinstance(data, dict):
        nested = _json_ld_nodes(data["@graph"]) if "@graph" in data else []
        return [data, *nested]
    return []


def _json_ld_date(tree: html.HtmlElement, bounds: DateBounds) -> datetime | None:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for node in _json_ld_nodes(data):
            kinds = node.get("@type", [])
            kinds = [kinds] if isinstance(kinds, str) else kinds
            if any(str(kind).lower() in JSON_LD_ARTICLE_TYPES for kind in kinds) and (
                parsed := parse_datetime(node.get("datePublished"), bounds)
            ):
                return parsed
    return None


def page_dates(
    tree: html.HtmlElement, bounds: DateBounds | None = None
) -> tuple[datetime | None, datetime | None, datetime | None]:
    """The dates the page states in its markup: (time element, meta tag, JSON-LD)."""
    bounds = bounds or DateBounds.default()
    return _time_date(tree, bounds), _meta_date(tree, bounds), _json_ld_date(tree, bounds)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def choose_date(candidates: DateCandidates, bounds: DateBounds | None = None) -> tuple[datetime | None, DateSource]:
    """The most trusted date known and where it came from (the fall-back chain, in order).

    1. htmldate's day, with the time of the first of page, meta, JSON-LD, feed, sitemap on that day
       (its source is then that one's), else at midnight UTC (`extracted`);
    2. without it: page, meta, JSON-LD, feed, sitemap, in that order;
    3. htmldate's day from the text (`text`), at midnight UTC.
    Candidates outside `bounds` are refused.
    """
    bounds = bounds or DateBounds.default()
    timed = [
        (value, source)
        for value, source in (
            (candidates.page, DateSource.PAGE),
            (candidates.meta, DateSource.META),
            (candidates.json_ld, DateSource.JSON_LD),
            (candidates.feed, DateSource.FEED),
            (candidates.sitemap, DateSource.SITEMAP),
        )
        if value is not None and bounds.admits(value)
    ]
    if bounds.admits(candidates.htmldate):
        day = candidates.htmldate
        for value, source in timed:
            if value.date() == day:
                return value, source
        return _midnight(day), DateSource.EXTRACTED  # type: ignore[arg-type]
    if timed:
        return timed[0]
    if bounds.admits(candidates.text):
        return _midnight(candidates.text), DateSource.TEXT  # type: ignore[arg-type]
    return None, DateSource.UNKNOWN


def disagrees_with_feed(chosen: datetime | None, source: DateSource, feed: datetime | None) -> bool:
    """Whether a date taken from the page lies more than a day from the feed's date for it."""
    if chosen is None or feed is None or source in (DateSource.FEED, DateSource.SITEMAP):
        return False
    return abs(chosen - feed) > FEED_DISAGREEMENT
