"""Which publication date an article gets, and where it came from (`DateSource`).

The choice is an explicit fall-back chain in one pure function, `choose_date`: a date the page
states in its markup (a `<time>` marked as the publication, `article:published_time` and kin,
JSON-LD `datePublished`), then the feed entry's or the news sitemap's date, then what trafilatura
found in the markup. Text heuristics ("© 2026" footers) are never used: they make false spikes.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

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
EARLIEST_PLAUSIBLE = datetime(1995, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class DateCandidates:
    """The dates known for one article, each possibly missing."""

    page: datetime | None = None
    meta: datetime | None = None
    json_ld: datetime | None = None
    feed: datetime | None = None
    sitemap: datetime | None = None
    extracted: datetime | None = None


def parse_datetime(value: Any, now: datetime | None = None) -> datetime | None:
    """A timezone-aware datetime from an ISO 8601 or RFC 822 string, or None when unparseable or implausible.

    A date without a time zone is taken as UTC; a date in the future (beyond a day) or before 1995
    is refused as a template or parsing accident.
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
    parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    limit = (now or datetime.now(UTC)).timestamp() + 86_400
    if parsed < EARLIEST_PLAUSIBLE or parsed.timestamp() > limit:
        return None
    return parsed


def _meta_date(tree: html.HtmlElement) -> datetime | None:
    found: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = element.get("content")
        if key in PUBLISHED_META_KEYS and content and key not in found:
            found[key] = content
    for key in PUBLISHED_META_KEYS:
        if key in found and (parsed := parse_datetime(found[key])):
            return parsed
    return None


def _time_date(tree: html.HtmlElement) -> datetime | None:
    for xpath in TIME_XPATHS:
        for value in tree.xpath(xpath):
            if parsed := parse_datetime(str(value)):
                return parsed
    every_time = tree.xpath("//time/@datetime")
    if len(every_time) == 1:
        return parse_datetime(str(every_time[0]))
    return None


def _json_ld_nodes(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [node for item in data for node in _json_ld_nodes(item)]
    if isinstance(data, dict):
        nested = _json_ld_nodes(data["@graph"]) if "@graph" in data else []
        return [data, *nested]
    return []


def _json_ld_date(tree: html.HtmlElement) -> datetime | None:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for node in _json_ld_nodes(data):
            kinds = node.get("@type", [])
            kinds = [kinds] if isinstance(kinds, str) else kinds
            if any(str(kind).lower() in JSON_LD_ARTICLE_TYPES for kind in kinds) and (
                parsed := parse_datetime(node.get("datePublished"))
            ):
                return parsed
    return None


def page_dates(tree: html.HtmlElement) -> tuple[datetime | None, datetime | None, datetime | None]:
    """The dates the page states in its markup: (time element, meta tag, JSON-LD)."""
    return _time_date(tree), _meta_date(tree), _json_ld_date(tree)


def choose_date(candidates: DateCandidates) -> tuple[datetime | None, DateSource]:
    """The most trusted date known and where it came from (the fall-back chain, in order)."""
    chain = (
        (candidates.page, DateSource.PAGE),
        (candidates.meta, DateSource.META),
        (candidates.json_ld, DateSource.JSON_LD),
        (candidates.feed, DateSource.FEED),
        (candidates.sitemap, DateSource.SITEMAP),
        (candidates.extracted, DateSource.EXTRACTED),
    )
    for value, source in chain:
        if value is not None:
            return value, source
    return None, DateSource.UNKNOWN
